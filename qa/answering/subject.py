"""Whether the question's subject holds where a candidate was found: its places, companies, people and
periods named in the candidate's sentence or around it, and no rival of theirs named instead."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answering.candidates import Candidate
from qa.answering.dated import YEAR
from qa.answering.periods import reported_year, written_forms
from qa.answering.question import HOLIDAY, Question
from qa.lexicon import word_tag
from qa.vocab import HAN, alternation, words

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

_PLACE_SUFFIX = re.compile(f"(?:{alternation('place_suffixes')})$")
_SUFFIX_CHARS = "".join(suffix for suffix in words("place_suffixes") if len(suffix) == 1)  # 镇, 县 ...
_YEARS = re.compile(rf"{YEAR.pattern}|[今去明前上本]年(?![级轻])")  # 年级, 年轻: no year


def _stem(name: str) -> str:
    stem = _PLACE_SUFFIX.sub("", name)
    return stem if len(stem) >= 2 else name


def _named_in(name: str, sentence: str, ctx: AnsweringContext) -> bool:
    """Whether the sentence names the place: its stem, or a shorter place the lexicon knows that it
    opens with, not as another place's (梓桥 of 梓桥古村 in 云溪梓桥文旅发展有限公司, not in 梓桥镇)."""
    if _stem(name) in sentence:
        return True
    known = [name[:end] for end in range(2, len(name)) if ctx.lexicon.kind_of(name[:end]) == "place"]
    return any(re.search(rf"{re.escape(short)}(?![{_SUFFIX_CHARS}])", sentence) for short in known)


def subject_holds(question: Question, cand: Candidate, text: str, ctx: AnsweringContext) -> bool:
    """Every subject term of the question is named in the candidate's sentence, its chunk or paragraph
    (where the chunk was cut is an accident of indexing), or (places) its document's lead; and the
    sentence does not name a rival of the same kind instead. A place the question opens with that the
    lexicon does not know ("火星上的...") must be in the document; a place-like word it does not know
    (石门镇, named once in the corpus) in the candidate's paragraph."""
    if any(place not in text for place in question.locatives):
        return False
    s = cand.sentence
    sentence = text[s.start : s.end]
    paragraph_end = text.find("\n", s.end)
    paragraph = (text.rfind("\n", 0, s.start) + 1, len(text) if paragraph_end < 0 else paragraph_end)
    chunk = text[min(s.chunk_start, paragraph[0]) : max(s.chunk_end, paragraph[1])]
    lead = text[: ctx.weights.lead_chars]
    lexicon = ctx.lexicon
    for name in question.names:
        kind = lexicon.kind_of(name)
        stem = _stem(name)
        if stem in sentence or name in sentence:
            continue
        if kind == "org" and any(short in chunk for short in _short_forms(name, ctx)):
            continue
        if kind == "person" and stem in chunk:
            continue
        if (
            kind == "place"
            and (stem in lead or stem in chunk)
            and not _figured_elsewhere(stem, cand, text, paragraph)
        ):
            continue
        if kind == "org" and stem in chunk and not _rival_named(question, sentence, ctx, kind):
            continue
        return False
    # a place the lexicon missed (named once, in a list) that the passages name: where it is named
    if any(place not in text[paragraph[0] : paragraph[1]] for place in question.unknown_places):
        return False
    if _rival_named(question, sentence.replace(cand.text, ""), ctx, "place"):
        return False
    return all(_time_holds(t, text, s.start, s.end, lead) for t in question.times)


def _figured_elsewhere(place: str, cand: Candidate, text: str, paragraph: tuple[int, int]) -> bool:
    """A later sentence of the paragraph names the place with a figure in the candidate's unit ("石岭乡
    197万件" after "全年投递量达1,430万件"): the breakdown after a total; that figure is the place's.
    (A place that opens the paragraph is its subject, and the sentences after it are about it.)"""
    unit = cand.text[-1:]
    if not unit or unit.isdigit():
        return False
    # the place, a few characters of what it measures (投递量), the figure
    figure = re.compile(rf"{re.escape(place)}[^\d,;:。]{{0,6}}\d[\d.,]*[万亿]?{re.escape(unit)}")
    return figure.search(text, cand.sentence.end, paragraph[1]) is not None


def _short_forms(name: str, ctx: AnsweringContext) -> list[str]:
    """Shorter lexicon names of the same company inside its full name (星河 in 云州星河织造科技有限公司)."""
    return [other for other in ctx.names_of("org") if len(other) >= 2 and other in name]


# Administrative levels: a town named where a county is asked about is inside it, not a rival.
_LEVELS = {
    **dict.fromkeys(("省",), 0),
    **dict.fromkeys(("市", "州"), 1),
    **dict.fromkeys(("县", "区", "旗"), 2),
    **dict.fromkeys(("镇", "乡", "街道"), 3),
    **dict.fromkeys(("村", "社区"), 4),
}


def _level(name: str) -> int | None:
    return next((level for suffix, level in _LEVELS.items() if name.endswith(suffix)), None)


# Words that open no place's name: 全县, 该镇, 本街道, 各乡 are the whole or the one spoken of.
_NOT_A_PLACE_HEAD = "全该本我各每这那其此哪个同邻"


def _same_level_places(asked: list[str], sentence: str) -> list[str]:
    """Places of the sentence in a unit of an asked place's level (城南街道 for 新城街道), named once in the
    corpus and so unknown to the lexicon: two Han characters and a unit of two (街道, 社区), unless it
    ends a dictionary word. A unit of one character is too often the place itself (县里, 县委, 推进镇区,
    全区第一大镇): only the lexicon's places count as its rivals."""
    found = []
    for name in asked:
        units = [unit for unit, level in _LEVELS.items() if len(unit) > 1 and level == _level(name)]
        if not units:
            continue
        for match in re.finditer(rf"(?=([{HAN}]{{2}})({'|'.join(units)}))", sentence):
            stem, unit = match.groups()
            place = stem[0] not in _NOT_A_PLACE_HEAD and word_tag(stem[1] + unit) is None
            if place and stem + unit not in name and _stem(name) not in stem + unit:
                found.append(stem + unit)
    return found


def _rival_named(question: Question, sentence: str, ctx: AnsweringContext, kind: str) -> bool:
    """The sentence names another place (org) and none of the question's places (orgs); a place of
    another administrative level (河湾镇 for a question about 蔺河县) is no rival."""
    asked = [n for n in question.names if ctx.lexicon.kind_of(n) == kind]
    if kind == "place":  # where the question says it is about, in a unit (新城街道的…), is asked too
        asked += [n for n in question.locatives if n not in asked and _level(n) is not None]
    wanted = [_stem(n) for n in asked]
    if not wanted or any(_named_in(n, sentence, ctx) for n in asked):
        return False
    levels = {_level(n) for n in asked}
    named = [name for name in ctx.names_of(kind) if len(name) >= 2 and name in sentence]
    if kind == "place":
        named += _same_level_places(asked, sentence)
    named = [name for name in named if not any(name in other and name != other for other in named)]
    return any(
        not any(w in name or name in w for w in wanted)
        and (None in levels or _level(name) is None or _level(name) in levels)
        for name in named
    )


def _time_holds(span: str, text: str, start: int, end: int, lead: str) -> bool:
    """A period holds in the sentence or earlier in its paragraph (the date opens the paragraph); a
    holiday also holds when the article's lead names it (the whole article is about it); 去年 also
    holds as the year before the article's own 今年 (2023年 in a report on 2024), or as 上年. The year
    the article reports holds wherever its paragraph names no other year (a review of 2025 says it once),
    and so does a period the headline names (2025年 of a report on next year's enrolment, asked as 明年)."""
    para_start = text.rfind("\n", 0, start) + 1
    if HOLIDAY.fullmatch(span) and span in lead:
        return True
    forms = written_forms(span, text)
    if any(form in text[para_start:end] for form in forms):
        return True
    title = text.split("\n", 1)[0]
    others = {year for year in _YEARS.findall(text, para_start, end) if year not in forms}
    if any(form in title for form in forms) and not others:
        return True
    year = reported_year(text)
    named = set(YEAR.findall(text, para_start, end))
    return year is not None and f"{year}年" in forms and named <= {f"{year}年"}
