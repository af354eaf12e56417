"""Consistency checks for the probe sets in eval/probes (no model needed): every evidence is verbatim in
its article and holds the canonical answer, so a probe's score measures the answerer, not the set."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBES = {
    "news-invented": ROOT / "eval" / "probes" / "news-invented" / "corpus",
    "news-heldout": ROOT / "eval" / "probes" / "news-heldout" / "corpus",
    "news-blind": ROOT / "eval" / "probes" / "news-blind" / "corpus",
    "news-fresh": ROOT / "eval" / "probes" / "news-fresh" / "corpus",
    "news-wide": ROOT / "eval" / "probes" / "news-wide" / "corpus",
    "news-sealed": ROOT / "eval" / "probes" / "news-sealed" / "corpus",
    "news-quarter": ROOT / "eval" / "probes" / "news-quarter" / "corpus",
    "news-sealed2": ROOT / "eval" / "probes" / "news-sealed2" / "corpus",
    "news-winter": ROOT / "eval" / "probes" / "news-winter" / "corpus",
    "seeds-independent": ROOT / "seeds",
}
TYPES = {"number", "count", "percent", "date", "person", "org", "place", "phrase", "list", "unanswerable"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _items() -> list[tuple[str, dict]]:
    items = []
    for name in PROBES:
        path = ROOT / "eval" / "probes" / name / "qa.jsonl"
        items += [(name, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    return items


ITEMS = _items()


@pytest.mark.parametrize(
    ("probe", "item"), ITEMS, ids=lambda value: value if isinstance(value, str) else value["id"]
)
def test_evidence_is_verbatim_and_holds_the_answer(probe: str, item: dict) -> None:
    assert item["type"] in TYPES and item["question"].strip()
    if item["type"] == "unanswerable":
        assert item["answers"] == [] and item["doc"] is None and item["evidence"] is None
        return
    raw = (PROBES[probe] / item["doc"]).read_text(encoding="utf-8")
    assert item["evidence"] in raw
    assert squash(item["answers"][0]) in squash(item["evidence"])


def test_ids_are_unique_within_each_probe() -> None:
    for name in PROBES:
        ids = [item["id"] for probe, item in ITEMS if probe == name]
        assert len(ids) == len(set(ids)) > 50
