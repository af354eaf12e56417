"""Pure metric functions: answer normalisation, EM / F1 / short containing, hits, MRR, citation checks.

Rules (also written into every Markdown report):

- normalise: NFKC, lower-case, then drop whitespace, control characters, Unicode punctuation (P*) and
  the CMRC 2018 symbols (`^ ` ~ + = |`), but keep `%`/`‰` and a `.` between two digits, so that
  "8.8亿" never equals "88亿" and "91.3%" never equals "913".
- exact match: the normalised prediction equals some normalised gold.
- F1 (CMRC 2018): per gold, over characters, with the longest common *substring* as the overlap;
  the max over golds. An empty prediction or gold scores 0.
- short containing: some normalised gold occurs in the normalised prediction and the prediction is at
  most `2 * len(gold) + 2` characters ("393亿元" inside "工业总产值393亿元" counts, inside a paragraph not).
- answer accuracy: exact match or short containing.
- a retrieved passage or citation *overlaps* a gold span when both are in the same document and their
  raw half-open intervals `[start, end)` intersect; with no gold span, being in the gold document is enough.
- a citation is *inside the evidence* when it overlaps it and is no longer than
  `max(2 * len(evidence), len(evidence) + 100)` raw characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

SHORT_FACTOR = 2
SHORT_SLACK = 2
EVIDENCE_SLACK = 100
_KEEP = frozenset("%‰")
_DROP_SYMBOLS = frozenset("^`~+=|")


@dataclass(frozen=True)
class Span:
    """A raw-offset interval `[start, end)` of one corpus file; `start == end == -1` means "whole doc"."""

    doc: str
    start: int = -1
    end: int = -1

    @property
    def whole_doc(self) -> bool:
        return self.start < 0

    def __len__(self) -> int:
        return 0 if self.whole_doc else self.end - self.start


def _is_decimal_point(text: str, position: int) -> bool:
    return 0 < position < len(text) - 1 and text[position - 1].isdigit() and text[position + 1].isdigit()


def normalize(text: str) -> str:
    """NFKC, lower case, no whitespace, no punctuation (except `%`, `‰` and decimal points)."""
    text = unicodedata.normalize("NFKC", text).lower()
    kept = []
    for position, char in enumerate(text):
        if char in _KEEP or (char == "." and _is_decimal_point(text, position)):
            kept.append(char)
            continue
        if unicodedata.category(char)[0] in "PZC" or char in _DROP_SYMBOLS or char.isspace():
            continue
        kept.append(char)
    return "".join(kept)


def exact_match(prediction: str, golds: Iterable[str]) -> float:
    pred = normalize(prediction)
    return float(any(pred == normalize(gold) for gold in golds))


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common substring of `a` and `b`."""
    if not a or not b:
        return 0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def f1_single(prediction: str, gold: str) -> float:
    pred, ref = normalize(prediction), normalize(gold)
    overlap = lcs_length(pred, ref)
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(ref)
    return 2 * precision * recall / (precision + recall)


def f1_score(prediction: str, golds: Iterable[str]) -> float:
    """CMRC 2018 character F1: longest common substring against each gold, the best gold wins."""
    return max((f1_single(prediction, gold) for gold in golds), default=0.0)


def short_containing(prediction: str, golds: Iterable[str]) -> float:
    """A gold inside a short answer: `gold in pred` and `len(pred) <= 2 * len(gold) + 2` (normalised)."""
    pred = normalize(prediction)
    for gold in golds:
        ref = normalize(gold)
        if ref and ref in pred and len(pred) <= SHORT_FACTOR * len(ref) + SHORT_SLACK:
            return 1.0
    return 0.0


def overlaps(a: Span, gold: Span) -> bool:
    """Same document and intersecting raw intervals (any span of the gold doc if `gold` is whole-doc)."""
    if a.doc != gold.doc:
        return False
    return gold.whole_doc or (a.start < gold.end and gold.start < a.end)


def first_hit_rank(passages: Sequence[Span], gold: Span) -> int | None:
    """1-based rank of the first passage overlapping the gold span, or None if none does."""
    for rank, passage in enumerate(passages, start=1):
        if overlaps(passage, gold):
            return rank
    return None


def reciprocal_rank(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / rank


def max_citation_length(evidence_length: int) -> int:
    return max(2 * evidence_length, evidence_length + EVIDENCE_SLACK)


def inside_evidence(citation: Span, evidence: Span) -> bool:
    """Overlaps a located evidence span and is at most `max(2*len, len+100)` characters long."""
    if evidence.whole_doc:
        raise ValueError("inside_evidence needs a located evidence span")
    return overlaps(citation, evidence) and len(citation) <= max_citation_length(len(evidence))


def contains_answer(text: str, golds: Iterable[str]) -> bool:
    """Some normalised gold occurs in the normalised text (the rule when a dataset gives no evidence)."""
    norm = normalize(text)
    return any(ref and ref in norm for ref in map(normalize, golds))


def is_verbatim(quote: str, raw: str | None, start: int, end: int) -> bool:
    """The quote is exactly `raw[start:end]` with in-range offsets."""
    return raw is not None and 0 <= start <= end <= len(raw) and raw[start:end] == quote


def mean(values: Iterable[float | bool | None]) -> float | None:
    """Mean of the applicable values (None skipped); None when nothing applies."""
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile_ms(seconds: Sequence[float], q: float) -> float | None:
    """The q-th percentile (linear interpolation) of durations in seconds, in milliseconds."""
    if not seconds:
        return None
    return float(np.percentile(np.asarray(seconds, dtype=float), q)) * 1000.0
