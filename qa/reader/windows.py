"""Question + passage → fixed-length token windows that remember which characters each token covers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WindowParams:
    """Window length in tokens, the tokens shared by consecutive windows, and the question's cap."""

    max_length: int = 256
    overlap: int = 96
    max_question_tokens: int = 48


@dataclass(frozen=True)
class Windows:
    """Token windows of one or more (question, passage) pairs.

    `offsets[w, t]` is the character span of token t in its passage, (-1, -1) for tokens that are not
    passage text (question, special tokens, padding); `pair[w]` is the pair window w came from.
    """

    input_ids: np.ndarray  # (windows, max_length) int64
    attention_mask: np.ndarray  # (windows, max_length) int64
    offsets: np.ndarray  # (windows, max_length, 2) int32
    pair: np.ndarray  # (windows,) int64

    def __len__(self) -> int:
        return int(self.pair.shape[0])


def make_windows(
    tokenizer, questions: Sequence[str], passages: Sequence[str], params: WindowParams
) -> Windows:
    """Tokenise each pair and cut the passage into overlapping windows (the question is in each)."""
    questions = [_cap_question(tokenizer, q, params.max_question_tokens) for q in questions]
    encoded = tokenizer(
        list(questions),
        list(passages),
        truncation="only_second",
        max_length=params.max_length,
        stride=params.overlap,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        padding="max_length",
    )
    count = len(encoded["input_ids"])
    offsets = np.full((count, params.max_length, 2), -1, dtype=np.int32)
    for window in range(count):
        spans, sequence_ids = encoded["offset_mapping"][window], encoded.sequence_ids(window)
        for token, (span, which) in enumerate(zip(spans, sequence_ids, strict=True)):
            if which == 1 and span[1] > span[0]:
                offsets[window, token] = span
    return Windows(
        input_ids=np.asarray(encoded["input_ids"], dtype=np.int64),
        attention_mask=np.asarray(encoded["attention_mask"], dtype=np.int64),
        offsets=offsets,
        pair=np.asarray(encoded["overflow_to_sample_mapping"], dtype=np.int64),
    )


def _cap_question(tokenizer, question: str, max_tokens: int) -> str:
    """Keep the end of an over-long question (its last words usually say what is asked)."""
    encoded = tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)
    spans = encoded["offset_mapping"]
    if len(spans) <= max_tokens:
        return question
    return question[spans[-max_tokens][0] :]


def answer_positions(offsets: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """Token (start, end) of the character span [start, end) in one window; (0, 0) when the window
    does not hold all of it (token 0 is the no-answer position)."""
    inside = offsets[:, 0] >= 0
    if not inside.any() or offsets[inside, 0].min() > start or offsets[inside, 1].max() < end:
        return 0, 0
    tokens = np.nonzero(inside)[0]
    first = tokens[offsets[tokens, 1] > start]
    last = tokens[offsets[tokens, 0] < end]
    if first.size == 0 or last.size == 0 or first[0] > last[-1]:
        return 0, 0
    return int(first[0]), int(last[-1])
