"""Why-questions (为什么, 为何, 原因): the answer is the cause the best-matching sentence gives, after
因为/由于/因 or before 所以/因此/故/因而, not a slot next to the question word."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from qa.answering.candidates import Candidate, Sentence
from qa.answering.question import Question
from qa.answering.shape import restates, shape
from qa.answering.slot import Slot, ranked
from qa.answering.weights import DEFAULT_WEIGHTS, Weights

WHY = re.compile(r"(?<!称)(?<!成)(?<!作)为什么|为何|为甚么|原因|何故")
# 因 ... 而 / 由于 ...,: the cause follows the marker and ends at 而, 所以 or the clause break; so do
# a stated reason (原因是, 得益于) and a purpose (为了 ...,: why a thing was done)
_CAUSE_AFTER = re.compile(
    r"(?:因为|由于|原因是|原因在于|得益于|归功于|为了|因(?![此而为])|缘于|源于)(.{2,60}?)(?=而|所以|因此|才|,|;|。|$)"
)
# ...,因此 / 故 / 因而: the cause is the text before the consequence marker
_CAUSE_BEFORE = re.compile(r"(?:^|[,;:])([^,;:]{2,60}?),(?=因此|所以|故|因而|从而|于是|以致)")
_LEAD = re.compile(r"(?:是|主要是|正是|乃是|则|就)")


_MARKER_FIRST = re.compile(r"(?:主要)?(?:原因是|原因在于|是因为|因为|由于|得益于|为了)")


def is_why(question: Question) -> bool:
    return WHY.search(question.text) is not None


def after_cause_marker(text: str, start: int, end: int) -> int:
    """Where a span answering a why-question starts once its cause marker is left out: the answer to
    为什么 is the cause (疫情防控形势总体平稳), not "原因是疫情防控形势总体平稳"."""
    marker = _MARKER_FIRST.match(text, start, end)
    return marker.end() if marker is not None and marker.end() < end else start


def _cause(question: Question, sentence: str, w: Weights) -> tuple[int, int] | None:
    """The span of the cause the sentence states, or None."""
    for pattern in (_CAUSE_AFTER, _CAUSE_BEFORE):
        for match in pattern.finditer(sentence):
            start, end = match.span(1)
            lead = _LEAD.match(sentence, start)
            start = lead.end() if lead else start
            span = shape(question, sentence, start, end, w) if end > start else None
            if span is not None and not restates(question, sentence[span[0] : span[1]]):
                return span  # a "cause" in the question's own words is the consequence asked about
    return None


def best_cause(
    question: Question,
    text_of: Mapping[str, str],
    sentences: Sequence[Sentence],
    w: Weights = DEFAULT_WEIGHTS,
) -> Slot | None:
    """The cause stated in the best-matching sentence that states one."""
    for prior, s in ranked(question, text_of, sentences, w):
        text = text_of[s.doc]
        span = _cause(question, text[s.start : s.end], w)
        if span is not None and span[1] > span[0]:
            a, b = s.start + span[0], s.start + span[1]
            return Slot(Candidate(text[a:b], "slot", a, b, s), 0, True, 0.0, prior)
    return None
