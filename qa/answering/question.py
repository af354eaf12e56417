"""Question analysis: expected answer type, unit hint, content words, focus words and subject."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.answering.english import is_english, to_chinese
from qa.answering.kinds import RATE_WORD
from qa.answering.registry import QuestionType, TypeRegistry
from qa.answering.script import to_simplified
from qa.lexicon import is_dictionary_word, is_everyday_word, word_tag
from qa.vocab import HAN, pairs, words

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

logger = logging.getLogger(__name__)

# Words the articles write differently from the questions: 增幅 is reported as 增长 ("同比增长12.7%").
# "比去年同期增长" asks for the year-on-year change the articles write 同比: 去年 is the base of the
# comparison there, not the period asked about.
_SYNONYMS = (
    ("增幅", "增长"),
    ("增速", "增长"),
    ("涨幅", "增长"),
    ("比去年同期", "同比"),
    ("较去年同期", "同比"),
    ("比上年同期", "同比"),
    ("较上年同期", "同比"),
    ("比去年", "同比"),
    ("较去年", "同比"),
    ("比上年", "同比"),
    ("较上年", "同比"),
)
_MONEY_WORD = re.compile(
    r"产值|费用|投资|金额|捐|多少钱|价值|收入|营收|利润|资金|[票房租售单定造]价|价格|[费租]是|工资|薪|奖金|补贴|罚款|税"
)
# Holidays date a figure as a year does ("五一假期接待游客" is not the 国庆 figure).
HOLIDAY = re.compile(r"五一|十一黄金周|国庆|春节|元旦|元宵|清明|端午|中秋|暑期|暑假|寒假")
TIME_SPAN = re.compile(
    r"(?<![\d-])(?:\d{4}年(?:\d{1,2}(?:-\d{1,2})?月(?:\d{1,2}日)?)?|\d{1,2}-\d{1,2}月|\d{1,2}月(?:\d{1,2}[日号])?)"
    r"|\d{4}届|[上下]半年|[一二三四1-4]季度|前三季度|去年|明年"  # 2023届: a class of a year
    rf"|{HOLIDAY.pattern}"
)
_UNKNOWN_PLACE = re.compile(rf"(?:^|(?<=[^{HAN}]|[在的是和与到从]))([{HAN}]{{2}})(?:镇|市|县)")
# words that open no place name (年 of "2024年全县": 全县 is the whole county, not a place 年全县)
_NOT_PLACE_HEAD = set("全该本我各每这那其此哪个一城乡小大上下副委几第他她它年在")  # 现在在乡镇: 乡镇
# A question that opens with where it is about, "火星上的...", "茶山里的...": that place is its subject
# even when the lexicon does not know it (and has no place suffix).
_NOT_PLACE_TAGS = set("tfrdmcpus")  # periods (今年), pronouns, adverbs ... open no question with a place
_LOCATIVE = re.compile(rf"^([{HAN}]{{2,4}}?)(?:上|里|内)?的")
_PREPOSITIONS = set("在从自于")
_QUESTION_CHARS = set("谁哪几多什么何")
# Measure words of money: what a question measures in them is an amount, not a count of something.
_NOT_COUNTERS = frozenset("钱元")
_STOP = frozenset(words("stop_words")) | set('？?，,。、“”"()（）《》')


@dataclass(frozen=True)
class Question:
    text: str
    qtype: str
    alt_types: tuple[str, ...]
    unit_hint: str | None
    keywords: tuple[str, ...]
    focus_before: tuple[str, ...]
    focus_after: tuple[str, ...]
    names: tuple[str, ...]
    times: tuple[str, ...]
    unknown_places: tuple[str, ...]
    locatives: tuple[str, ...] = ()  # where the question says it is about: the answer's article must say it
    # the type's entry in the registry (form, shaping, extractors)
    kind: QuestionType | None = field(default=None, repr=False, compare=False)
    head: str | None = None  # the noun the question word asks for: 什么“第一镇” -> 第一镇
    counted: str | None = None  # the words after 多少 and its measure word: 多少枚银牌 -> 银牌
    wh_start: int = 0  # where the question word sits in `text`: slot alignment cuts the question there
    wh_end: int = 0

    @property
    def subject(self) -> tuple[str, ...]:
        return self.names + self.times


def normalise(question: str) -> str:
    return unicodedata.normalize("NFKC", question).strip()


def find_names(text: str, ctx: AnsweringContext) -> list[str]:
    """Lexicon names in the text, longest first and not overlapping (青禾镇 hides 青禾)."""
    found: list[str] = []
    taken = [False] * len(text)
    for name in ctx.names_longest_first():
        start = text.find(name)
        while start >= 0:
            if not any(taken[start : start + len(name)]):
                taken[start : start + len(name)] = [True] * len(name)
                found.append(name)
            start = text.find(name, start + 1)
    return found


def _types(text: str, types: TypeRegistry) -> tuple[str, tuple[str, ...], int, int]:
    """Expected type, acceptable alternatives, and where the question word sits."""
    for qtype in types:
        match = qtype.pattern.search(text)
        if match is None:
            continue
        kind, alts = qtype.refine(text, match) if qtype.refine else (qtype.name, qtype.alts)
        return kind, alts, match.start(), match.end()
    return types.fallback, (), len(text), len(text)


def _unit_hint(text: str, types: TypeRegistry) -> str | None:
    match = types.unit_after_wh.search(text)
    if match and not _starts_word(text, match.start(2), match.end(2)):
        return "元" if match.group(2) == "钱" else match.group(2)
    if _MONEY_WORD.search(text) and re.search(r"多少|几", text) and not RATE_WORD.search(text):
        return "元"
    if re.search(r"多少|几|是多", text) and not RATE_WORD.search(text):
        return next((units.split()[0] for noun, units in pairs("measures") if noun in text), None)
    return None


def counted_noun(text: str, types: TypeRegistry) -> str | None:
    """What a question counts: the words right after 多少 and its measure word (多少枚银牌 -> 银牌,
    多少个年度民生实事项目 -> 年度民生实事项目), when they open with a noun; else None."""
    match = types.unit_after_wh.search(text)
    if match is None or match.group(1) or match.group(2) in _NOT_COUNTERS:
        return None  # amounts (多少万元, 多少钱) are measured, not counted
    if _starts_word(text, match.start(2), match.end(2)):
        return None
    phrase = re.match(rf"[{HAN}]+", text[match.end() :])
    if phrase:
        return phrase.group(0) if leading_noun(phrase.group(0)) else None
    # the question ends there (城关镇银牌几枚？): the noun right before the question word
    before = re.search(rf"([{HAN}]+?)(?:一共|总共|共|有|是|了|的)*$", text[: match.start()])
    return trailing_noun(before.group(1)) if before else None


def leading_noun(text: str, longest: int = 4) -> str | None:
    """The longest dictionary noun `text` opens with (金牌 of 金牌、30枚银牌), or None."""
    for size in range(min(longest, len(text)), 0, -1):
        tag = word_tag(text[:size])
        if tag is not None and tag.startswith("n"):
            return text[:size]
    return None


def trailing_noun(text: str, longest: int = 4) -> str | None:
    """The longest dictionary noun `text` ends with (银牌 of 城关镇银牌), or None."""
    for size in range(min(longest, len(text)), 1, -1):
        tag = word_tag(text[-size:])
        if tag is not None and tag.startswith("n"):
            return text[-size:]
    return None


def _starts_word(text: str, start: int, end: int) -> bool:
    """Whether the measure word at [start, end) is the first character of an everyday word (多少周边农户:
    周边, not 周; 多少家庭: 家庭, not 家), so the question names no unit there. A rare pair (家规 of
    多少家规上企业) is taken for the measure word."""
    word, longer = text[start : end + 1], text[start : end + 2]
    # a three-character word need not be everyday to be one (多少集装箱吞吐量: 集装箱, not 集)
    return end - start == 1 and (len(word) == 2 and is_everyday_word(word) or is_dictionary_word(longer))


def _unknown_places(text: str, ctx: AnsweringContext) -> list[str]:
    """Place-like words (余姚市, 松阳县) the corpus never names: the question is about somewhere else."""
    out = []
    for match in _UNKNOWN_PLACE.finditer(text):
        name = match.group(1)
        if name[0] in _NOT_PLACE_HEAD or ctx.lexicon.kind_of(name) or ctx.lexicon.kind_of(match.group(0)):
            continue
        if any(name in known for known in ctx.lexicon.names):
            continue
        out.append(match.group(0))
    return out


def _locatives(text: str, names: list[str], ctx: AnsweringContext) -> tuple[str, ...]:
    """The place a question opens with ("火星上的" -> 火星), unless it is a name the subject check
    already follows, a period, or a word like 全镇 or 网 that names no place."""
    match = _LOCATIVE.match(text)
    if match is None:
        return ()
    place = match.group(1)
    place = place[1:] if place[0] in _PREPOSITIONS and len(place) > 2 else place  # 在缅甸的 -> 缅甸
    if any(char in _QUESTION_CHARS for char in place) or _described(place):  # 谁是现任的, 台湾常见的
        return ()
    if place[0] in _NOT_PLACE_HEAD or any(place in name or name in place for name in names):
        return ()
    if TIME_SPAN.search(place) or place in _STOP or (word_tag(place) or "n")[0] in _NOT_PLACE_TAGS:
        return ()
    return (place,)


def parse(question: str, ctx: AnsweringContext) -> Question:
    """Analyse a (contextualised) question; English is first rewritten into Chinese."""
    text = normalise(question)
    if is_english(text):
        text = to_chinese(text, ctx)
        logger.debug("english question rewritten as %s", text)
    for word, usual in _SYNONYMS:
        text = text.replace(word, usual)
    # question words are Simplified: a Traditional question is typed through its Simplified view
    # (same length, so the question word's offsets hold in the text as written)
    qtype, alts, wh_start, wh_end = _types(to_simplified(text), ctx.types)
    names = find_names(text, ctx)
    times = [m.group(0) for m in TIME_SPAN.finditer(text)]
    before, after = text[:wh_start], text[wh_end:]
    focus_before = tuple(reversed(_content(before, ctx, names, times)))[:3]
    focus_after = tuple(_content(after, ctx, names, times))[:3]
    keywords = tuple(dict.fromkeys(_content(text, ctx, names, times)))
    return Question(
        text=text,
        qtype=qtype,
        alt_types=alts,
        kind=ctx.types.get(qtype),
        unit_hint=_unit_hint(text, ctx.types),
        keywords=keywords,
        focus_before=focus_before,
        focus_after=focus_after,
        names=tuple(names),
        times=tuple(times),
        unknown_places=tuple(_unknown_places(text, ctx)),
        locatives=_locatives(text, names, ctx),
        head=_head(after) if qtype == "phrase" else None,
        counted=counted_noun(text, ctx.types),
        wh_start=wh_start,
        wh_end=wh_end,
    )


def _described(phrase: str) -> bool:
    """A phrase of two dictionary words whose second is no noun (台湾 + 常见): a description, not a place."""
    for cut in range(1, len(phrase)):
        first, second = word_tag(phrase[:cut]), word_tag(phrase[cut:])
        if first is not None and second is not None and second[0] in _NOT_PLACE_TAGS | set("av"):
            return True
    return False


def _head(after: str) -> str | None:
    """The short noun that ends the question right after its question word (什么“第一镇”？, 什么码？):
    the answer is a longer name ending with it (江南茶叶第一镇)."""
    match = re.fullmatch(rf"[“\"《]?([{HAN}]{{1,6}})[”\"》]?[?？。]?", after.strip())
    return match.group(1) if match else None


def _content(text: str, ctx: AnsweringContext, names: list[str], times: list[str]) -> list[str]:
    """Content words of a question part: no stop words, question words, subject names or periods."""
    for word in sorted([*names, *times], key=len, reverse=True):
        text = text.replace(word, " ")
    for qtype in ctx.types:
        text = qtype.pattern.sub(" ", text)
    return [
        token
        for token in ctx.tokens(text)
        if token.strip() and token not in _STOP and not re.fullmatch(r"[\W_]+", token)
    ]
