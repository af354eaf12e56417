"""Shaping an aligned slot into an answer: function words off its edges, quoted titles kept whole, and
for typed questions (哪一年, 多少) the year or figure inside the slot instead of the whole slot."""

from __future__ import annotations

import re

from qa.answering.question import Question

_LEAD = re.compile(
    r"^(?:[\s,;:、]|是|为|乃|即|就是|位于|座落于|坐落于|在|于|被|由|叫做|叫|称为|称作|又称|称|有|了|共有|约为|达到?)+"
)
_TRAIL = re.compile(r"(?:[\s,;:、。]|的|了|而|并|及|和|与|之一)+$")
_YEAR_QUESTION = re.compile(r"哪一?年|何年|几几年|什么年份|哪个年份")
_YEAR = re.compile(r"(?:公元前?)?\d{3,4}年")
_COUNT = re.compile(
    r"(?:约|近|超过|逾|共)?(?:\d+(?:[.,]\d+)*|[一二两三四五六七八九十百千万亿零]+)(?:多|余)?"
    r"[万亿]?(?:[^\d\s,;:。、()\u4e00-\u9fff]{1,3}|[\u4e00-\u9fff]{1,2})?"
)
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百千]+")
_MEASURES = set("届张架代个次位名条部集场期号层批季任座辆艘本首")
_PAIRS = {"《": "》", "“": "”", "「": "」", "(": ")"}


def _balanced(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Keep a quoted title or bracket whole: a slot that opens 《 runs to its 》, one that closes it
    starts at its 《."""
    for open_, close in _PAIRS.items():
        inside = sentence[start:end]
        if inside.count(open_) > inside.count(close):
            stop = sentence.find(close, end)
            if stop >= 0:
                end = stop + 1
        elif inside.count(close) > inside.count(open_):
            begin = sentence.rfind(open_, 0, start)
            if begin >= 0:
                start = begin
    return start, end


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    body = sentence[start:end]
    lead = _LEAD.match(body)
    cut = lead.end() if lead else 0
    trail = _TRAIL.search(body, cut)
    stop = trail.start() if trail else len(body)
    return start + cut, start + stop


def _inner(pattern: re.Pattern[str], sentence: str, start: int, end: int) -> tuple[int, int] | None:
    match = pattern.search(sentence, start, end)
    return match.span() if match else None


def _ordinal(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """第几: the ordinal in the slot, with the measure word the question puts after 第几 (第二代, 第八届)."""
    match = _ORDINAL.search(sentence, start, end)
    if match is None:
        return None
    measure = question.text[question.wh_start + 2 : question.wh_start + 3]
    size = 1 if measure in _MEASURES and sentence.startswith(measure, match.end()) else 0
    return match.start(), match.end() + size


def shape(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The answer span inside the slot sentence[start:end], or None when nothing is left of it."""
    start, end = _trim(sentence, start, end)
    if end <= start:
        return None
    start, end = _balanced(sentence, start, end)
    if question.text.startswith("第几", question.wh_start):
        return _ordinal(question, sentence, start, end) or (start, end)
    if question.qtype == "date" and _YEAR_QUESTION.search(question.text):
        return _inner(_YEAR, sentence, start, end) or (start, end)
    if question.qtype == "number" and end - start > 8:
        return _inner(_COUNT, sentence, start, end) or (start, end)
    return start, end


_FORM = {
    "number": re.compile(r"\d|[一二两三四五六七八九十百千万亿]"),
    "percent": re.compile(r"\d|百分|成"),
    "date": re.compile(r"\d|[年月日]|世纪|朝|代"),
    "phone": re.compile(r"\d{5}"),
    "address": re.compile(r"\d|[路街道巷号]"),
}


TYPED = frozenset(_FORM)


def fits_type(question: Question, answer: str) -> bool:
    """Whether a slot answers in the asked form: a figure for 多少, a date for 何时, a number for 电话."""
    form = _FORM.get(question.qtype)
    return form is None or form.search(answer) is not None


_BIGRAM_SKIP = re.compile(r"[\W\d_]")


def restates(question: Question, answer: str, share: float = 0.5) -> bool:
    """An answer made mostly of the question's own words restates what is asked instead of answering
    (a name may share a few characters with the subject: 五羊新村 of 五羊新城)."""
    pairs = [answer[i : i + 2] for i in range(len(answer) - 1) if not _BIGRAM_SKIP.search(answer[i : i + 2])]
    return bool(pairs) and sum(p in question.text for p in pairs) > share * len(pairs)
