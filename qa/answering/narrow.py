"""Narrowing a reader span to the answer its question types: the name, place or figure inside it.

The reader reads spans a little wide (香港人, 提升到了90%); a typed question wants the typed thing
inside, unless the span is that thing whole (an organisation's full name, a place inside a place) or
the list a list question asks for (多伦多、温哥华和卡加利). A date asked for openly is the other way
round: a year read alone runs on to its month and day (complete_date).
"""

from __future__ import annotations

import re

from qa.answering.candidates import Sentence, typed
from qa.answering.context import AnsweringContext
from qa.answering.lists import takes_list
from qa.answering.question import Question
from qa.answering.shape import asks_year
from qa.persons import SURNAMES
from qa.vocab import HAN, NUMERALS

# A span that ends so is an organisation's whole name (岫溪鼎泰建设集团有限公司), not a name and more.
WHOLE_ORG = re.compile(
    r"(?:公司|集团|银行|医院|卫生院|学校|学院|大学|[小中]学|幼儿园|合作社|研究[院所]|[协商]会|委员会|[局厅]|中心)$"
)
# ... and a place that ends so is a place inside a place (河湾镇桃源村), not a place and more.
# (凤栖湖湿地公园, not the 凤栖 inside it) or a venue (县体育中心, 滨江广场, 环湖路), or a part of a
# place or a region (美国西南部, 印度西太平洋海域)
_WHOLE_PLACE = re.compile(
    r"(?:[村镇乡县市区省州郡]|街道|社区|公园|广场|景区|码头|机场|大道|[场馆园站港桥湖岛路街]"
    r"|[东南西北中]部|海域|沿海|一带|地区|流域|[洋湾])$"
)

# a clause ends at a comma or a stop, not at the colon of a ratio or a time (1:5, 10:30)
_BREAK = re.compile(r"[,;!?]|(?<!\d):|:(?!\d)")
# a transliterated name is one name across its dots (乔治·温哥华, not the 乔治 the lexicon knows)
_DOTTED = re.compile(rf"[·•][{HAN}A-Za-z]+")


def _transliterated(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """The name at text[first:last], grown over the dotted parts around it inside [start, end)."""
    while (part := _DOTTED.match(text, last, end)) is not None:
        last = part.end()
    while first > start and text[first - 1] in "·•":
        before = re.search(rf"[{HAN}A-Za-z]+$", text[start : first - 1])
        if before is None:
            break
        first = first - 1 - len(before.group(0))
    return first, last


# a year of a reign glossed with the common era's (清宁五年(1059年), 康熙十七年（1678年）)
_ERA_YEAR = rf"[{HAN}]{{1,4}}[元{NUMERALS}]+年"
_GLOSS = r"\s*[(（](?:公元)?前?\d{1,4}年[)）]"
_GLOSSED = re.compile(_ERA_YEAR + _GLOSS)
_OPEN_WHEN = re.compile(r"什么时候|什么时间|何时|哪个时间")
# what completes a year asked as a date: its gloss, then its month and day (1525年5月15日, 396年五月初九)
_DATE_REST = re.compile(
    rf"(?:{_GLOSS})?(?:\d{{1,2}}月(?:\d{{1,2}}[日号])?|[正{NUMERALS}]{{1,2}}月(?:初?[{NUMERALS}廿]{{1,3}}日?)?)?"
)


def complete_date(question: Question, text: str, start: int, end: int) -> tuple[int, int]:
    """A time asked for openly (什么时候, not 哪一年 or 几月几号) that the span ends at its year runs on
    to its gloss and its month and day, written right after it. Only there: where the question names
    the parts it wants, a year alone is no answer, and completing it would make one of any year."""
    if not _OPEN_WHEN.search(question.text) or asks_year(question) or not text.startswith("年", end - 1):
        return start, end
    rest = _DATE_REST.match(text, end)  # every part optional: it matches, if only the empty string
    return start, rest.end() if rest else end


def typed_core(
    question: Question, text: str, sentence: Sentence, ctx: AnsweringContext, start: int, end: int
) -> tuple[int, int]:
    """A name, place, figure or date is one clause at most, and a rate asked for is the percentage
    inside a longer span ("提升到了90%" -> "90%")."""
    if question.qtype == ctx.types.fallback or question.kind is None:
        return start, end
    if takes_list(question, text[start:end]):  # 哪些地方: every place of the list
        return start, end
    cut = _BREAK.search(text, start + 1, end)
    end = cut.start() if cut else end
    if question.kind.named:  # a typed name inside the reader's span is the answer
        named = typed(text, sentence, (question.qtype,), ctx)
        inside = [c for c in named if start <= c.start < c.end <= end]
        # a name with a word or two on (香港人, 朝鲜平壤) is kept: the reader took it whole; so is an
        # organisation's full name around a short one the lexicon knows (鼎泰 in 岫溪鼎泰建设集团有限公司)
        longer = inside and end - start > inside[0].end - inside[0].start + 2
        whole_names = {"org": (WHOLE_ORG,), "place": (_WHOLE_PLACE, WHOLE_ORG)}.get(question.qtype, ())
        whole = any(pattern.search(text, start, end) for pattern in whole_names)
        if not longer or whole:
            return start, end
        return _transliterated(text, inside[0].start, inside[0].end, start, end)
    if question.qtype == "date" and _GLOSSED.search(text, start, end):
        return start, end  # 清宁五年(1059年): the reign's year and its gloss are one date
    core = question.kind.core
    found = re.compile(core).search(text, start, end) if core is not None else None
    return found.span() if found is not None and end - start > len(found.group(0)) + 2 else (start, end)


def name_end(question: Question, text: str, shaped_end: int, read_end: int) -> int:
    """Where a person's name ends: one ending in 和 or 与 that the reader read whole, with no surname
    after it (晏清和介绍), is a name, not a name and a conjunction, so shaping's trim of the 和 is undone."""
    conjunction = question.qtype == "person" and read_end == shaped_end + 1 and text[shaped_end] in "和与"
    after = text[read_end : read_end + 1]
    return read_end if conjunction and after not in SURNAMES else shaped_end
