"""Start/end logits of token windows → the best character span of each window, and its no-answer score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SpanGuess:
    """The best span of one window: characters [start, end) of its passage.

    `score` is start + end logit of the span; `null_score` the same for token 0 (no answer). Their
    difference is the reader's confidence that this window answers the question.
    """

    pair: int
    start: int
    end: int
    score: float
    null_score: float

    @property
    def margin(self) -> float:
        return self.score - self.null_score


def best_spans(
    logits: np.ndarray, offsets: np.ndarray, pairs: np.ndarray, max_tokens: int = 40, top: int = 1
) -> list[list[SpanGuess]]:
    """Per window, the `top` best spans over passage tokens with end >= start and at most
    `max_tokens` tokens long (vectorised: an upper-triangular band of the start x end score grid)."""
    results = []
    seq = logits.shape[1]
    band = np.triu(np.ones((seq, seq), dtype=bool)) & ~np.triu(np.ones((seq, seq), dtype=bool), k=max_tokens)
    for window in range(logits.shape[0]):
        valid = offsets[window, :, 0] >= 0
        start_logits, end_logits = logits[window, :, 0], logits[window, :, 1]
        null = float(start_logits[0] + end_logits[0])
        grid = start_logits[:, None] + end_logits[None, :]
        allowed = band & valid[:, None] & valid[None, :]
        if not allowed.any():
            results.append([])
            continue
        grid = np.where(allowed, grid, -np.inf)
        flat = np.argsort(grid, axis=None)[::-1][:top]
        guesses = []
        for index in flat:
            first, last = divmod(int(index), seq)
            if not np.isfinite(grid[first, last]):
                break
            guesses.append(
                SpanGuess(
                    pair=int(pairs[window]),
                    start=int(offsets[window, first, 0]),
                    end=int(offsets[window, last, 1]),
                    score=float(grid[first, last]),
                    null_score=null,
                )
            )
        results.append(guesses)
    return results
