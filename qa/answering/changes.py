"""Questions about a change (涨了多少) and the figures that answer them: the change, not the level
it came to (23870元,增长7.6%), nor the level it started from (由82.6%提高到99.2%)."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate, clause_of
from qa.answering.question import Question
from qa.answering.respectively import figures_in, respective_figure, run_around

# A question about a change (涨了多少, 增加了几个) is answered by a figure a change word leads to.
# (比去年多了多少, which the question reads 同比多了多少, compares too)
_ASKS_CHANGE = re.compile(
    r"(?:涨|增长|增加|提高|提升|上升|下降|减少|降低|下跌|降|(?:比[^多少]{1,12}?|同比)[多少])了?(?:多少|几)"
)
_CHANGE_WORD = re.compile(r"[涨增降减升多少]|提高|提升|下跌|缩短|延长|扩大")
_CHANGE_AFTER = re.compile(
    r",?(?:同比|比上年|比去年)?(?:增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌)了?"
    r"(\d+(?:\.\d+)?(?:%|个百分点|倍)?)"
)


def asks_change(question: Question) -> bool:
    """Whether the question asks how much something changed (涨了多少), not what it came to."""
    return question.qtype in ("number", "percent") and _ASKS_CHANGE.search(question.text) is not None


def change_conflict(question: Question, cand: Candidate, text: str) -> bool:
    """A level (人均可支配收入23870元) for a question about a change (去年涨了多少): no change word
    next to the figure in its clause (增长7.6%, 多开行210列, 保持20%左右的增长 have one)."""
    if not asks_change(question):
        return False
    left, right = clause_of(text, cand.sentence, cand.start, cand.end)
    # a figure of a run (增长6.4%和7.1%) has the change word of the run
    first, last = run_around(text, cand.sentence.start, cand.sentence.end, cand.start) or (
        cand.start,
        cand.end,
    )
    before = _CHANGE_WORD.search(text, max(left, first - 6), first)
    return before is None and _CHANGE_WORD.search(text, last, min(right, last + 6)) is None


# A change written right before its figure (同比增长7.4%, 下降3.8%), not the level it came to (增长到)
_CHANGE_BEFORE = re.compile(
    r"(?:增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌|回落|增幅|降幅|涨幅|增速)(?:了|为|达)?约?$"
)
# A question about a change or a rate of one (增速是多少, 快了多少, 变化) takes a change for an answer.
_ASKS_ANY_CHANGE = re.compile(r"[涨增降减升跌]|提高|提升|变化|幅|[快慢多少]了|同比|比上年|比去年")


# 比上半年快了多少: how much the figure compared with 上半年 differs from it
_ASKS_COMPARED = re.compile(
    r"[比较]([^,;:?多少快慢高低]{1,8}?)(?:[快慢高低多少]|增加|增长|提高|提升|减少|下降|降低)了?(?:多少|几)"
)


def compared_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The comparison the question asks about (比上半年快了多少), when the figure's sentence makes it
    after the figure: "增长7.4%,增速比上半年加快0.6个百分点" answers with 0.6个百分点, not 7.4%."""
    asked = _ASKS_COMPARED.search(question.text)
    if question.qtype not in ("number", "percent") or asked is None:
        return None
    base = asked.group(1)
    said = [text.find(f"{word}{base}", cand.sentence.start, cand.sentence.end) for word in "比较"]
    said = [at for at in said if at >= 0]
    return f"比{base}" if said and cand.start < min(said) else None


def level_conflict(question: Question, cand: Candidate, text: str) -> bool:
    """A change (地区生产总值同比增长7.4%) for a question about a level (地区生产总值是多少): the
    figure after a change word says how much something grew, not how much there is."""
    if question.qtype not in ("number", "percent") or _ASKS_ANY_CHANGE.search(question.text):
        return False
    left = clause_of(text, cand.sentence, cand.start, cand.end)[0]
    return _CHANGE_BEFORE.search(text, max(left, cand.start - 8), cand.start) is not None


def change_of(question: Question, text: str, sentence: tuple[int, int], end: int) -> tuple[int, int] | None:
    """The change written after a level ending at `end` in the sentence (its start and end): right
    after it ("23870元,增长7.6%" -> 7.6%), or given 分别 to the items of a list the level is in
    ("受理2,418件,办结2,365件,同比分别增长5.3%和8.9%": 8.9% for 办结); None when there is none."""
    match = _CHANGE_AFTER.match(text, end)
    if match:
        return match.span(1)
    later = _RESPECTIVE_CHANGE.match(text, end, sentence[1])
    return None if later is None else respective_figure(question, text, *sentence, later.end())


# a list's levels, then their changes: "…2,418件,办结2,365件,同比分别增长5.3%和8.9%"
_RESPECTIVE_CHANGE = re.compile(
    r"[^。;]{0,24}?分别(?:同比)?(?:增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌)了?(?=\d)"
)


# "由2021年的82.6%提高到99.2%": the figure after 由 or 从 is the level before the change, not the one
# reached, unless the question asks about the past.
_FROM = re.compile(r"[由从](?:[^,;。]{0,8}的)?每?$")  # 由去年的每90秒一辆: a rate starts with 每
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|下降|减少|降低|扩大|缩小|缩短|延长|[增减升降])[到至]")
_REACHED_AT = re.compile(r"(?:[^\d,;:。]{0,5}的)?每?")
_PER_ONE = re.compile(r"一[^\W\d]")  # the 一辆 of 每90秒一辆
_ASKS_PAST = re.compile(r"原来|原先|原本|此前|之前|以前|过去|曾经|起初|当初|由多少|从多少")


def former_level(question: Question, cand: Candidate, text: str) -> bool:
    """The figure a change started from (82.6% of 由82.6%提高到99.2%) for a question not about the past
    nor about the year it started in (2021年是多少 of 由2021年的82.6%提高到99.2%)."""
    s = cand.sentence
    return _reached_from(question, text, s.start, s.end, cand.start, cand.end) is not None


def level_reached(
    question: Question, text: str, start: int, end: int, at: int, to: int
) -> tuple[int, int] | None:
    """For the level a change started from, text[at:to] in the sentence text[start:end], the level it
    reached (99.2% of 由82.6%提高到99.2%; 95.7% for 79.1% of 由86.4%和79.1%提高到98.2%和95.7%)."""
    found = _reached_from(question, text, start, end, at, to)
    if found is None or found[1] is None:
        return None
    (first, last), reached = found
    former, after = figures_in(text, first, last), figures_in(text, *reached)
    place = next((n for n, figure in enumerate(former) if figure.start() <= at < figure.end()), 0)
    return after[place].span() if len(after) == len(former) else None


def _reached_from(
    question: Question, text: str, start: int, end: int, at: int, to: int
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The figures a change started from (a run: 由86.4%和79.1%) that text[at:to] is one of, and the
    ones it reached (None if not found: 提高到今年的57% is found), for a question not about the past;
    None when text[at:to] is no level a change started from."""
    if question.qtype not in ("number", "percent") or _ASKS_PAST.search(question.text):
        return None
    first, last = run_around(text, start, end, at) or (at, to)  # a run stands where a figure would
    before = text[max(start, first - 12) : first]
    per_one = _PER_ONE.match(text, max(last, to))
    changed = _CHANGED_TO.match(text, per_one.end() if per_one else max(last, to))
    if changed is None or not _FROM.search(before) or any(time in before for time in question.times):
        return None
    gap = _REACHED_AT.match(text, changed.end())  # 提高到今年的57%: the figure after its date
    single = figures_in(text, gap.end(), end)[:1] if gap else []
    reached = run_around(text, gap.end(), end, gap.end()) if gap else None
    if reached is None and single and single[0].start() == gap.end():
        reached = single[0].span()
    return (first, max(last, to)), reached
