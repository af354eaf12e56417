"""The reference set through the bigram retriever: floors just under what extraction reaches now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_answering_helpers import corpus, retrieve

from qa.answering import answer, contextualise
from qa.evaluation import metrics

REFERENCE = Path(__file__).resolve().parent.parent / "eval" / "qa.jsonl"


def _items() -> list[dict]:
    return [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not REFERENCE.exists(), reason="no reference set")
def test_reference_set_floors() -> None:
    docs, _, lexicon = corpus()
    correct = cited = answerable = refused = unanswerable = false_refusals = 0
    for item in _items():
        question = contextualise(item["question"], item.get("history") or [], lexicon)
        result = answer(question, retrieve(question), docs, lexicon)
        if not item["answers"]:
            unanswerable += 1
            refused += not result.answerable
            continue
        answerable += 1
        false_refusals += not result.answerable
        if result.answerable:
            correct += bool(
                max(
                    metrics.exact_match(result.text, item["answers"]),
                    metrics.short_containing(result.text, item["answers"]),
                )
            )
            raw = docs[item["doc"]].raw
            start = raw.find(item["evidence"])
            gold = metrics.Span(item["doc"], start, start + len(item["evidence"]))
            cited += any(
                metrics.inside_evidence(metrics.Span(c.doc, c.start, c.end), gold) for c in result.citations
            )
    assert correct / answerable >= 0.8
    assert cited / answerable >= 0.8
    assert refused / unanswerable >= 0.75
    assert false_refusals / answerable <= 0.15
