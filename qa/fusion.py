"""Reciprocal rank fusion: a pure function, no state."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def rrf(rankings: Sequence[Sequence[Hashable]], k: int = 60) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists with reciprocal rank fusion (Cormack et al., SIGIR 2009).

    Each item scores `sum(1 / (k + rank))` over the lists it appears in, rank counted from 1. `k`
    damps the weight of the very top ranks, so agreement between retrievers beats one retriever's
    first place. Returns `(item, score)` best first; ties keep first-seen order.
    """
    scores: dict[Hashable, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
