"""The span reader at answer time: question + passages → scored character spans and no-answer scores."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from qa.reader.decode import SpanGuess, best_spans
from qa.reader.model import AdapterConfig, SpanReaderNet
from qa.reader.windows import WindowParams, make_windows

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadParams:
    """How much the reader reads per question and how long an answer may be."""

    max_answer_tokens: int = 40
    spans_per_window: int = 5
    distinct_spans: int = 3  # more spans per window, each overlapping none before it
    # One window per forward pass: no padding, so attention runs fused; on CPU that is faster than
    # batching windows of different lengths.
    batch_windows: int = 1


class SpanReader:
    """Reads (question, passage) pairs with the trained network; one code path: `read` calls `read_batch`."""

    def __init__(
        self,
        net: SpanReaderNet,
        tokenizer,
        windows: WindowParams,
        params: ReadParams | None = None,
        lock: threading.Lock | None = None,
    ) -> None:
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.windows = windows
        self.params = params or ReadParams()
        # Held while tokenizing and reading: pass the embedder's own lock when sharing its tokenizer.
        self.lock = lock or threading.Lock()

    @classmethod
    def load(
        cls,
        weights: Path,
        encoder,
        tokenizer,
        params: ReadParams | None = None,
        lock: threading.Lock | None = None,
    ) -> SpanReader:
        """Put the saved adapters and head on top of `encoder` (the embedder's own, left unchanged;
        `lock` is the one its other users of `tokenizer` hold)."""
        from safetensors import safe_open

        with safe_open(str(weights), framework="pt") as handle:
            metadata = handle.metadata() or {}
            state = {key: handle.get_tensor(key) for key in handle.keys()}
        adapters = AdapterConfig.from_metadata(metadata)
        windows = WindowParams(**json.loads(metadata["windows"]))
        net = SpanReaderNet.for_inference(encoder, adapters, state)
        logger.info("loaded span reader %s (%d adapted layers)", weights, 12 - adapters.first_adapted)
        return cls(net, tokenizer, windows, params, lock)

    def read(self, question: str, passages: Sequence[str]) -> list[SpanGuess]:
        """Spans of the passages for one question, best first (`pair` is the passage's index)."""
        return self.read_batch([(question, passage) for passage in passages])

    @torch.inference_mode()
    def read_batch(self, pairs: Sequence[tuple[str, str]]) -> list[SpanGuess]:
        """Spans of every (question, passage) pair, best first; `pair` indexes `pairs`."""
        if not pairs:
            return []
        with self.lock:
            windows = make_windows(self.tokenizer, [q for q, _ in pairs], [p for _, p in pairs], self.windows)
            logits = []
            for first in range(0, len(windows), self.params.batch_windows):
                chosen = slice(first, first + self.params.batch_windows)
                ids, mask = _trimmed(windows.input_ids[chosen], windows.attention_mask[chosen])
                logits.append(_padded(self.net(ids, mask).float().numpy(), windows.input_ids.shape[1]))
        per_window = best_spans(
            np.concatenate(logits), windows.offsets, windows.pair,
            self.params.max_answer_tokens, self.params.spans_per_window, self.params.distinct_spans,
        )  # fmt: skip
        guesses = [guess for window in per_window for guess in window]
        return sorted(guesses, key=lambda guess: guess.score, reverse=True)


def _trimmed(ids: np.ndarray, mask: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """Drop the padding columns no window of the batch uses (short passages read faster)."""
    used = int(mask.sum(axis=1).max())
    return torch.from_numpy(ids[:, :used]), torch.from_numpy(mask[:, :used])


def _padded(logits: np.ndarray, length: int) -> np.ndarray:
    out = np.full((logits.shape[0], length, 2), -1e4, dtype=np.float32)
    out[:, : logits.shape[1]] = logits
    return out
