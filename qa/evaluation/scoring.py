"""Score one reply against one dataset item: retrieval rank, answer scores, citation checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa.evaluation import metrics
from qa.evaluation.dataset import EvalItem
from qa.evaluation.metrics import Span

if TYPE_CHECKING:
    from qa.service import Reply

logger = logging.getLogger(__name__)


class RawCorpus:
    """Raw corpus files read on demand (as the indexer reads them: strict UTF-8, BOM dropped), cached."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._texts: dict[str, str | None] = {}

    def text(self, doc: str) -> str | None:
        if doc not in self._texts:
            self._texts[doc] = self._read(doc)
        return self._texts[doc]

    def _read(self, doc: str) -> str | None:
        try:
            text = (self.folder / doc).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            logger.warning("cannot read %s from %s: %s", doc, self.folder, error)
            return None
        return text[1:] if text.startswith("\ufeff") else text


def gold_span(item: EvalItem, corpus: RawCorpus) -> tuple[Span | None, bool]:
    """The gold span (the evidence located with str.find, else the whole gold doc) and whether the
    evidence was given but not found."""
    if item.doc is None:
        return None, False
    if item.evidence is None:
        return Span(item.doc), False
    raw = corpus.text(item.doc)
    start = raw.find(item.evidence) if raw is not None else -1
    if start < 0:
        logger.warning("item %s: evidence not found in %s; scoring by document", item.id, item.doc)
        return Span(item.doc), True
    return Span(item.doc, start, start + len(item.evidence)), False


@dataclass(frozen=True)
class ItemScore:
    """Everything measured for one item. Fields that do not apply to the item are None."""

    id: str
    type: str
    question: str
    answers: tuple[str, ...]
    answerable: bool
    answered: bool
    answer: str
    first_doc: str | None
    hit_rank: int | None
    retrieval_scored: bool
    exact: float | None
    f1: float | None
    short: float | None
    correct: float | None
    citations: int
    citations_verbatim: int
    cited_evidence: float | None
    evidence_missing: bool
    seconds: float
    wall_seconds: float
    error: str | None = None

    @property
    def miss(self) -> bool:
        """Answerable and not answered correctly, or unanswerable and answered anyway."""
        return not self.correct if self.answerable else self.answered


def _citation_spans(reply: Reply) -> list[tuple[Span, str]]:
    return [(Span(c.doc, c.start, c.end), c.quote) for c in reply.answer.citations]


def _cited_evidence(item: EvalItem, gold: Span, citations: list[tuple[Span, str]], corpus: RawCorpus) -> bool:
    if not gold.whole_doc:
        return any(metrics.inside_evidence(span, gold) for span, _ in citations)
    raw = corpus.text(gold.doc) or ""
    return any(
        span.doc == gold.doc and metrics.contains_answer(raw[span.start : span.end], item.answers)
        for span, _ in citations
    )


def _answer_scores(item: EvalItem, answered: bool, text: str) -> dict[str, float | None]:
    if not item.answerable:
        return {"exact": None, "f1": None, "short": None, "correct": None}
    if not answered:  # a refusal on an answerable item scores 0 whatever its text says
        return {"exact": 0.0, "f1": 0.0, "short": 0.0, "correct": 0.0}
    exact = metrics.exact_match(text, item.answers)
    short = metrics.short_containing(text, item.answers)
    return {
        "exact": exact,
        "f1": metrics.f1_score(text, item.answers),
        "short": short,
        "correct": max(exact, short),
    }


def score_item(
    item: EvalItem, reply: Reply | None, wall_seconds: float, corpus: RawCorpus, error: str | None = None
) -> ItemScore:
    """Score `reply` (None when the service rejected the question: counted as a refusal)."""
    gold, evidence_missing = gold_span(item, corpus)
    answered = reply is not None and reply.answer.answerable
    text = reply.answer.text if reply is not None else ""
    hits = [Span(h.chunk.doc, h.chunk.start, h.chunk.end) for h in reply.answer.hits] if reply else []
    citations = _citation_spans(reply) if reply else []
    verbatim = sum(
        metrics.is_verbatim(quote, corpus.text(span.doc), span.start, span.end) for span, quote in citations
    )
    cited = None
    if gold is not None and answered:
        cited = float(_cited_evidence(item, gold, citations, corpus))
    return ItemScore(
        id=item.id,
        type=item.type,
        question=item.question,
        answers=item.answers,
        answerable=item.answerable,
        answered=answered,
        answer=text,
        first_doc=hits[0].doc if hits else None,
        hit_rank=metrics.first_hit_rank(hits, gold) if gold is not None else None,
        retrieval_scored=gold is not None,
        **_answer_scores(item, answered, text),
        citations=len(citations),
        citations_verbatim=verbatim,
        cited_evidence=cited,
        evidence_missing=evidence_missing,
        seconds=reply.seconds if reply is not None else 0.0,
        wall_seconds=wall_seconds,
        error=error,
    )
