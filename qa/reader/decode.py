"""Start/end logits of token windows → the best character span of each window, and its no-answer score."""

from __future__ import annotations

from collections.abc import Sequence
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


def holding_best(guesses: Sequence[tuple[SpanGuess, int]], gap: float) -> list[tuple[SpanGuess, int]]:
    """The guesses (best first, each with its passage's position) in the best one's passage that hold
    its span and score within `gap` of it, the best included: the wider readings it hesitated over."""
    if not guesses:
        return []
    best, position = guesses[0]
    return [
        (guess, where)
        for guess, where in guesses
        if where == position and guess.start <= best.start and best.end <= guess.end
        and best.score - guess.score <= gap
    ]  # fmt: skip


def best_spans(
    logits: np.ndarray,
    offsets: np.ndarray,
    pairs: np.ndarray,
    max_tokens: int = 40,
    top: int = 1,
    distinct: int = 0,
) -> list[list[SpanGuess]]:
    """Per window, the `top` best spans over passage tokens with end >= start and at most
    `max_tokens` tokens long (vectorised: an upper-triangular band of the start x end score grid),
    then the `distinct` best that overlap none taken before. The best spans are mostly one span cut
    a little differently (7.4%, 7., .4%); when the checks set that one aside, a figure elsewhere in the
    window (286.4亿元) is the reader's next answer, and without these it would never be seen."""
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
        results.append(_window_spans(grid, offsets[window], int(pairs[window]), null, top, distinct))
    return results


def _window_spans(
    grid: np.ndarray, offsets: np.ndarray, pair: int, null: float, top: int, distinct: int
) -> list[SpanGuess]:
    """The `top` best spans of one window's score grid, then `distinct` more that overlap none taken."""
    seq = grid.shape[1]
    chosen = [divmod(int(index), seq) for index in np.argsort(grid, axis=None)[::-1][:top]]
    rest = grid.copy() if distinct else grid
    for _ in range(distinct):
        for first, last in chosen:
            rest[: last + 1, first:] = -np.inf  # every span overlapping [first, last]
        index = int(np.argmax(rest))
        chosen.append(divmod(index, seq))
    guesses = []
    for first, last in chosen:
        if not np.isfinite(grid[first, last]):
            continue
        guesses.append(
            SpanGuess(
                pair=pair,
                start=int(offsets[first, 0]),
                end=int(offsets[last, 1]),
                score=float(grid[first, last]),
                null_score=null,
            )
        )
    return guesses
