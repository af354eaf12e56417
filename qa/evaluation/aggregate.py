"""Aggregate item scores into the summary (stable key names), a per-type breakdown and the misses.

Denominators: retrieval metrics over answerable items; answer metrics over answerable items (refusals
score 0); citation_verbatim over all citations returned; citation_in_evidence over answerable items the
service answered; refusal_accuracy over unanswerable items; false_refusal_rate over answerable items.
A metric with an empty denominator is None (null in JSON).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.evaluation.metrics import mean, percentile_ms, reciprocal_rank
from qa.evaluation.scoring import ItemScore

SUMMARY_KEYS = (
    "hit_at_1",
    "hit_at_k",
    "mrr",
    "exact_match",
    "f1",
    "short_containing",
    "answer_accuracy",
    "citation_verbatim",
    "citation_in_evidence",
    "refusal_accuracy",
    "false_refusal_rate",
    "latency_p50_ms",
    "latency_p95_ms",
    "n",
    "n_answerable",
    "n_unanswerable",
)
# Shown in tables and charts, in this order, with these labels.
TABLE_COLUMNS = {
    "hit_at_1": "hit@1",
    "hit_at_k": "hit@k",
    "mrr": "MRR",
    "exact_match": "EM",
    "f1": "F1",
    "answer_accuracy": "answer acc",
    "citation_verbatim": "cite verbatim",
    "citation_in_evidence": "cite in evidence",
    "refusal_accuracy": "refusal acc",
    "false_refusal_rate": "false refusal",
    "latency_p50_ms": "p50 ms",
    "latency_p95_ms": "p95 ms",
}


@dataclass(frozen=True)
class Miss:
    """An item the service got wrong, with what it said and where it looked first."""

    id: str
    type: str
    question: str
    gold: tuple[str, ...]
    answer: str
    answered: bool
    first_doc: str | None
    hit_rank: int | None
    reason: str


def _retrieval(scored: Sequence[ItemScore]) -> dict[str, float | None]:
    return {
        "hit_at_1": mean(s.hit_rank == 1 for s in scored),
        "hit_at_k": mean(s.hit_rank is not None for s in scored),
        "mrr": mean(reciprocal_rank(s.hit_rank) for s in scored),
    }


def _answers(answerable: Sequence[ItemScore]) -> dict[str, float | None]:
    return {
        "exact_match": mean(s.exact for s in answerable),
        "f1": mean(s.f1 for s in answerable),
        "short_containing": mean(s.short for s in answerable),
        "answer_accuracy": mean(s.correct for s in answerable),
    }


def summarise(scores: Sequence[ItemScore]) -> dict[str, float | int | None]:
    """Every metric of SUMMARY_KEYS (plus a few extras) over `scores`."""
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    citations = sum(s.citations for s in scores)
    seconds = [s.seconds for s in scores]
    walls = [s.wall_seconds for s in scores]
    summary: dict[str, float | int | None] = {
        **_retrieval([s for s in scores if s.retrieval_scored]),
        **_answers(answerable),
        "citation_verbatim": sum(s.citations_verbatim for s in scores) / citations if citations else None,
        "citation_in_evidence": mean(s.cited_evidence for s in answerable),
        "refusal_accuracy": mean(not s.answered for s in unanswerable),
        "false_refusal_rate": mean(not s.answered for s in answerable),
        "latency_p50_ms": percentile_ms(seconds, 50),
        "latency_p95_ms": percentile_ms(seconds, 95),
        "n": len(scores),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
        "wall_per_question_p50_ms": percentile_ms(walls, 50),
        "wall_per_question_p95_ms": percentile_ms(walls, 95),
        "n_citations": citations,
        "n_answered": sum(s.answered for s in scores),
        "n_evidence_not_found": sum(s.evidence_missing for s in scores),
        "n_errors": sum(s.error is not None for s in scores),
    }
    return {key: _rounded(value) for key, value in summary.items()}


def _rounded(value: float | int | None) -> float | int | None:
    return round(value, 4) if isinstance(value, float) else value


def by_type(scores: Sequence[ItemScore]) -> dict[str, dict[str, float | int | None]]:
    """The summary of each question type, types sorted by name."""
    types = sorted({s.type for s in scores})
    return {name: summarise([s for s in scores if s.type == name]) for name in types}


def _reason(score: ItemScore) -> str:
    if score.error is not None:
        return f"error: {score.error}"
    if not score.answerable:
        return "answered an unanswerable question"
    if not score.answered:
        return "refused" if score.hit_rank is not None else "refused; gold not retrieved"
    return "wrong answer" if score.hit_rank is not None else "wrong answer; gold not retrieved"


def misses(scores: Sequence[ItemScore]) -> tuple[Miss, ...]:
    """The items answered wrongly (or refused, or answered though unanswerable), in dataset order."""
    return tuple(
        Miss(
            id=s.id,
            type=s.type,
            question=s.question,
            gold=s.answers,
            answer=s.answer,
            answered=s.answered,
            first_doc=s.first_doc,
            hit_rank=s.hit_rank,
            reason=_reason(s),
        )
        for s in scores
        if s.miss
    )
