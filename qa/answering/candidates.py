"""Candidate answer spans, by type, in the sentences of the retrieved passages (cleaned coordinates)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.chunking import split_sentences
from qa.clean import CleanText
from qa.persons import SURNAMES, read_name
from qa.types import Hit
from qa.vocab import HAN, alternation, words

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

_UNITS = sorted(words("units"), key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
UNIT_PATTERN = _UNIT  # measure words and currencies after a figure, longest first
_NUMBER = re.compile(
    # a figure whole: 1,000米 is one figure (its 000米 is none), and so is a range (70-80公里)
    rf"(?:约|近|超过|超|逾|共|仅|达)?(?<![\d.])(?<!\d,)(?:\d+(?:\.\d+)?[-~至])?"
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:多|余)?"
    rf"(?:个亿元?|[万亿千百]?(?:{_UNIT})|[万亿])(?:以上|左右|多(?![出了于少]))?"
    rf"|(?<![一二两三四五六七八九十第])[二两三四五六七八九十]{{1,3}}(?:个|家|名|项|条|大类|次)(?=[{HAN}])"
    # a spelled-out count with an encyclopedia counter: 两轮, 五名, 十五路, 一分钟
    r"|(?<![一二两三四五六七八九十百千万第])[一二两三四五六七八九十百千万]{1,5}(?:分钟|轮|首|册|种|路|位|层|座|届|部|集)"
)
_PERCENT = re.compile(
    r"(?:约|近|超过|超|逾|达)?(?<![\d.])\d+(?:\.\d+)?%(?:以上|左右)?|百分之[\d.一二三四五六七八九十百]+|[一二三四五六七八九十]成|百分百"
)
_DATE = re.compile(
    r"(?<![\d-])(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|\d{1,2}月\d{1,2}[日号](?:[-至]\d{1,2}[日号])?"
    r"(?:凌晨\d{1,2}点|上午|下午|晚上|凌晨)?|\d{1,2}月(?:份|底|初|中旬|上旬|下旬)?)"
    r"|(?:农历)?(?:大年|正月)初[一二三四五六七八九十]"
)
_TITLE_NAME = re.compile(
    rf"(?:{alternation('titles')})"
    rf"([{HAN}]{{2,3}}?)"
    r"(?=说|指出|表示|告诉|介绍|主持|坦言|强调|要求|等|参加|带队|先后|首先|作|担任|摄|[,。、 ■\n]|$)"
)
_SURNAME = "[" + "".join(sorted(SURNAMES)) + "]"
# A name right before the role it holds or the work it does: "的鲁明哲作为...团长", "詹秋白作...辅导".
_NAME_BEFORE_ROLE = re.compile(
    rf"(?:(?<=[,。、:;\"“”的■\s])|^)({_SURNAME}[{HAN}]{{1,2}})(?=作为|担任|出任|兼任|作[关报专])"
)
# A name after the verb that appoints or invites it: "任命柯远帆为...组长", "特邀...专家张三".
_APPOINTING = re.compile(r"任命|委任|聘请|特邀|邀请|推选|选举|由")
# Transcribed foreign names keep their dots: 拉尔夫·本奇, 布兰科·茨尔文科夫斯基.
# (a given name is at most four characters; a function word before it is not part of it)
_DOTTED_NAME = re.compile(
    rf"(?:[由是的被为和与及在向将把对从、]|^)?([{HAN}]{{1,4}}(?:[·・][{HAN}]{{1,10}})+)"
)
_PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-)?\d{7,8}(?![\d-])|(?<!\d)1[3-9]\d{9}(?!\d)")
_ADDRESS = re.compile(
    rf"(?:[{HAN}]{{2,4}}?(?:省|市|区|县|镇|乡|街道))*[{HAN}\d]{{1,8}}?(?:路|街|大道|巷|弄)\d+号"
)
# What a place name may run on into: 岚山 + 茶叶特色小镇, 青禾 + 临港经济开发区.
_PLACE_TAIL = re.compile(rf"[{HAN}]{{0,8}}?(?:小镇|社区|园区|产业园|工业园|开发区|新区|示范区|科技城|基地)")
# Administrative units a place name runs on through (埼玉县 + 埼玉市南区七丁目): the answer is the whole.
_PLACE_UNITS = re.compile(
    rf"(?:[{HAN}]{{1,5}}?(?:省|市|县|区|州|郡|町|乡|镇|村|丁目|街道|社区|大道|路|街)(?:\d+号)?)+"
)
_ORG_SUFFIX = re.compile(r"(?:股份)?有限公司$|集团$")
_ORG_NOUN = re.compile(
    rf"(?:中共)?[{HAN}]{{2,10}}?(?:执法队|党校|管委会|委员会|研究院|红十字会|商会|中心|医院|学校|大学|局|办)"
)
_QUOTED = re.compile(r"[\"“《]([^\"“”《》]{2,24})[\"”》]")
CLAUSE_BREAK = re.compile(r"[,;:!?]")
# The same, except the comma of a figure's thousands (14,802件 is one figure, in one clause).
FIGURE_SAFE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;:!?]")


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    rank: int
    chunk_start: int
    chunk_end: int


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str
    start: int
    end: int
    sentence: Sentence


def sentences(hits: Sequence[Hit], docs: Mapping[str, CleanText]) -> list[Sentence]:
    """Sentences of the hits, each once (overlapping chunks share sentences), best hit first."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Sentence] = []
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        doc = docs.get(chunk.doc)
        if doc is None:
            continue
        for start, end in split_sentences(doc.text, chunk.clean_start, chunk.clean_end):
            if (chunk.doc, start, end) not in seen:
                seen.add((chunk.doc, start, end))
                out.append(Sentence(chunk.doc, start, end, rank, chunk.clean_start, chunk.clean_end))
    return out


def clause_of(text: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas/colons) of the sentence holding [start, end)."""
    left = sentence.start
    for match in CLAUSE_BREAK.finditer(text, sentence.start, start):
        left = match.end()
    right_match = CLAUSE_BREAK.search(text, end, sentence.end)
    return left, right_match.start() if right_match else sentence.end


def _matches(pattern: re.Pattern[str] | None, text: str, s: Sentence, kind: str) -> Iterator[Candidate]:
    if pattern is None:
        return
    for match in pattern.finditer(text, s.start, s.end):
        span = match.span(1) if match.lastindex else match.span()
        yield Candidate(text[span[0] : span[1]], kind, span[0], span[1], s)


def typed(text: str, s: Sentence, kinds: Sequence[str], ctx: AnsweringContext) -> Iterator[Candidate]:
    """Candidates of the wanted kinds in one sentence, found by each type's extractors."""
    for kind in kinds:
        qtype = ctx.types.get(kind)
        for extract in qtype.extractors if qtype else ():
            yield from extract(text, s, ctx)


def pattern_extractor(pattern: re.Pattern[str], kind: str) -> Callable[..., Iterator[Candidate]]:
    """An extractor that takes every match of `pattern` in the sentence as a candidate of `kind`."""

    def extract(text: str, s: Sentence, ctx: AnsweringContext) -> Iterator[Candidate]:
        return _matches(pattern, text, s, kind)

    return extract


numbers = pattern_extractor(_NUMBER, "number")
percents = pattern_extractor(_PERCENT, "percent")
dates = pattern_extractor(_DATE, "date")
phones = pattern_extractor(_PHONE, "phone")
addresses = pattern_extractor(_ADDRESS, "address")
quoted = pattern_extractor(_QUOTED, "phrase")


def known_people(text: str, s: Sentence, ctx: AnsweringContext) -> Iterator[Candidate]:
    """The corpus's people (mined at index time), then names after a title, before a role, after an
    appointing verb, and transcribed foreign names."""
    yield from _matches(ctx.name_pattern("person"), text, s, "person")
    yield from _matches(_TITLE_NAME, text, s, "person")
    yield from _matches(_NAME_BEFORE_ROLE, text, s, "person")
    yield from _appointed(text, s)
    yield from _matches(_DOTTED_NAME, text, s, "person")


PERSON_EXTRACTORS = (known_people,)


def _appointed(text: str, s: Sentence) -> Iterator[Candidate]:
    """The person an appointing verb names: 任命柯远帆为组长 (the surname list decides where it starts)."""
    for match in _APPOINTING.finditer(text, s.start, s.end):
        pos = match.end()
        if pos < s.end and text[pos] in SURNAMES:
            name = read_name(text[: s.end], pos)
            if name:
                yield Candidate(name, "person", pos, pos + len(name), s)


def extended_orgs(text: str, s: Sentence, ctx: AnsweringContext) -> Iterator[Candidate]:
    """Lexicon companies, a short name run on as far as the text follows a longer name of the same
    company (星河 + 织造 of 星河织造有限公司 -> 星河织造), without the legal suffix."""
    longer = ctx.names_of("org")
    for cand in _matches(ctx.name_pattern("org"), text, s, "org"):
        end = cand.end
        for name in longer:
            if len(name) > len(cand.text) and name.startswith(cand.text):
                stem = _ORG_SUFFIX.sub("", name)
                run = len(cand.text)
                while run < len(stem) and cand.start + run < s.end and text[cand.start + run] == stem[run]:
                    run += 1
                end = max(end, cand.start + run)
        yield Candidate(text[cand.start : end], "org", cand.start, end, s)


def extended_places(text: str, s: Sentence, ctx: AnsweringContext) -> Iterator[Candidate]:
    """Lexicon places, run on into the named area they head (岚山茶叶特色小镇) when one follows."""
    for cand in _matches(ctx.name_pattern("place"), text, s, "place"):
        tail = _PLACE_TAIL.match(text, cand.end, s.end)
        if tail is not None and tail.end() > cand.end:
            cand = Candidate(text[cand.start : tail.end()], "place", cand.start, tail.end(), s)
        units = _PLACE_UNITS.match(text, cand.end, s.end)
        if units is not None and cand.text[-1] in "国省市县州郡":
            cand = Candidate(text[cand.start : units.end()], "place", cand.start, units.end(), s)
        yield cand


def org_nouns(text: str, s: Sentence, ctx: AnsweringContext) -> Iterator[Candidate]:
    """Bodies like 综合行政执法队, 岚山县委党校: cut to a place name inside when one is (特邀中共岚山...)."""
    places = ctx.name_pattern("place")
    for cand in _matches(_ORG_NOUN, text, s, "org"):
        inner = places.search(cand.text, 1) if places else None
        if inner is not None and not cand.text.startswith("中共"):
            cut = inner.start()
            cand = Candidate(cand.text[cut:], "org", cand.start + cut, cand.end, s)
        yield cand


def clauses(text: str, s: Sentence, ctx: AnsweringContext | None = None) -> Iterator[Candidate]:
    """Every clause of the sentence: the untyped fallback answer."""
    left = s.start
    for match in CLAUSE_BREAK.finditer(text, s.start, s.end):
        if match.start() > left:
            yield Candidate(text[left : match.start()], "clause", left, match.start(), s)
        left = match.end()
    if s.end > left:
        yield Candidate(text[left : s.end], "clause", left, s.end, s)
