"""Questions about a change (涨了多少) and the figures that answer them: the change, not the level
it came to (23870元,增长7.6%), nor the level it started from (由82.6%提高到99.2%)."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate, clause_of
from qa.answering.question import Question

# A question about a change (涨了多少, 增加了几个) is answered by a figure a change word leads to.
_ASKS_CHANGE = re.compile(r"(?:涨|增长|增加|提高|提升|上升|下降|减少|降低|下跌|降)了?(?:多少|几)")
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
    before = _CHANGE_WORD.search(text, max(left, cand.start - 6), cand.start)
    return before is None and _CHANGE_WORD.search(text, cand.end, min(right, cand.end + 6)) is None


def change_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The change written right after a level, "23870元,增长7.6%" -> 7.6%, or None."""
    match = _CHANGE_AFTER.match(text, end)
    return match.span(1) if match else None


# "由2021年的82.6%提高到99.2%": the figure after 由 or 从 is the level before the change, not the one
# reached, unless the question asks about the past.
_FROM = re.compile(r"[由从](?:[^,;。]{0,8}的)?$")
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|下降|减少|降低|扩大|缩小|缩短|延长|[增减升降])[到至]")
_ASKS_PAST = re.compile(r"原来|原先|原本|此前|之前|以前|过去|曾经|起初|当初|由多少|从多少")


def former_level(question: Question, cand: Candidate, text: str) -> bool:
    """The figure a change started from (82.6% of 由82.6%提高到99.2%) for a question not about the past."""
    if question.qtype not in ("number", "percent") or _ASKS_PAST.search(question.text):
        return False
    before = text[max(cand.sentence.start, cand.start - 12) : cand.start]
    return bool(_FROM.search(before)) and _CHANGED_TO.match(text, cand.end) is not None
