"""Consistency checks for the hand-built reference set eval/qa.jsonl (no model needed)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QA_PATH = ROOT / "eval" / "qa.jsonl"
SEEDS = ROOT / "seeds"

TYPES = {"number", "count", "percent", "date", "person", "org", "place", "phrase", "unanswerable"}
REQUIRED = {"id", "question", "answers", "doc", "evidence", "type"}
OPTIONAL = {"history"}


def squash(text: str) -> str:
    """NFKC and drop all whitespace (OCR line breaks and stray spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def load_items() -> list[dict]:
    items = []
    with QA_PATH.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            assert line.strip(), f"blank line {lineno}"
            items.append(json.loads(line))
    return items


ITEMS = load_items()
SEED_TEXT = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
ANSWERABLE = [it for it in ITEMS if it["type"] != "unanswerable"]
UNANSWERABLE = [it for it in ITEMS if it["type"] == "unanswerable"]


def test_has_enough_items():
    assert len(ITEMS) >= 90


@pytest.mark.parametrize("item", ITEMS, ids=lambda it: it["id"])
def test_fields_and_types(item):
    keys = set(item)
    assert REQUIRED <= keys, REQUIRED - keys
    assert keys <= REQUIRED | OPTIONAL, keys - REQUIRED - OPTIONAL
    assert isinstance(item["id"], str) and item["id"]
    assert isinstance(item["question"], str) and item["question"].strip()
    assert isinstance(item["answers"], list)
    assert all(isinstance(a, str) and a.strip() for a in item["answers"])
    assert len(set(item["answers"])) == len(item["answers"]), "duplicate answers"
    assert item["type"] in TYPES
    assert item["doc"] is None or isinstance(item["doc"], str)
    assert item["evidence"] is None or isinstance(item["evidence"], str)
    if "history" in item:
        history = item["history"]
        assert isinstance(history, list) and history
        assert all(isinstance(h, str) and h.strip() for h in history)


def test_ids_unique():
    ids = [it["id"] for it in ITEMS]
    assert len(ids) == len(set(ids))


def test_questions_unique():
    keys = [(tuple(it.get("history", [])), it["question"]) for it in ITEMS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("item", ANSWERABLE, ids=lambda it: it["id"])
def test_evidence_verbatim_and_holds_answer(item):
    assert item["answers"], "answerable item without answers"
    assert item["doc"] in SEED_TEXT, f"unknown doc {item['doc']}"
    evidence = item["evidence"]
    assert evidence, "answerable item without evidence"
    assert evidence in SEED_TEXT[item["doc"]], "evidence is not a verbatim substring of the seed file"
    assert len(evidence) <= 200, "evidence should be a clause or sentence, not a paragraph"
    assert squash(item["answers"][0]) in squash(evidence), "canonical answer not in evidence"


@pytest.mark.parametrize("item", UNANSWERABLE, ids=lambda it: it["id"])
def test_unanswerable_shape(item):
    assert item["answers"] == []
    assert item["doc"] is None
    assert item["evidence"] is None


def test_only_unanswerable_items_lack_answers():
    for item in ITEMS:
        if not item["answers"] or item["doc"] is None or item["evidence"] is None:
            assert item["type"] == "unanswerable", item["id"]


def test_unanswerable_share():
    assert len(UNANSWERABLE) >= 0.10 * len(ITEMS)


def test_every_seed_covered():
    per_doc = {name: 0 for name in SEED_TEXT}
    for item in ANSWERABLE:
        per_doc[item["doc"]] += 1
    assert all(count >= 15 for count in per_doc.values()), per_doc


def test_has_follow_ups():
    follow_ups = [it for it in ITEMS if it.get("history")]
    assert len(follow_ups) >= 5


def test_has_english_questions():
    def is_english(question: str) -> bool:
        letters = sum(ch.isascii() and ch.isalpha() for ch in question)
        return letters > 2 * sum(not ch.isascii() for ch in question)

    english = [it for it in ITEMS if is_english(it["question"])]
    assert len(english) >= 5
