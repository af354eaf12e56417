"""Embedders: a small protocol and the sentence-transformers implementation."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from qa.errors import ModelError
from qa.memory import imports_hidden
from qa.models import PACKAGED_MODEL, model_fingerprint, packaged_bin, resolve_model

logger = logging.getLogger(__name__)

# Imported by scikit-learn "if available" under sentence-transformers; never used for embedding.
UNUSED_OPTIONAL_IMPORTS = ("pandas",)


def sentence_transformer_class() -> type:
    """sentence-transformers' model class, imported (heavy) when a model is first built, without
    what it imports only if available."""
    with imports_hidden(UNUSED_OPTIONAL_IMPORTS):
        from sentence_transformers import SentenceTransformer
    return SentenceTransformer


class Embedder(Protocol):
    """Turns passages and questions into normalised vectors of one model."""

    model_id: str
    fingerprint: str
    dim: int

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; e5-style prompts tell questions from passages."""

    def __init__(
        self,
        model_name: str,
        cache_dir: Path,
        query_prompt: str = "query: ",
        passage_prompt: str = "passage: ",
        batch_size: int = 16,
        half_weights: bool = True,
    ) -> None:
        sentence_transformer = sentence_transformer_class()
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" would clutter every command's output

        try:
            resolved = resolve_model(model_name, cache_dir)
            self.model = sentence_transformer(resolved, device="cpu")
        except (OSError, ValueError) as error:  # missing folder, bad name, unknown .bin format
            raise ModelError(
                f"cannot load embedding model {model_name!r} ({error}); set QA_EMBED_MODEL to a local "
                "sentence-transformers folder or a hub name reachable from here"
            ) from error
        self._compact(model_name, half_weights)
        self.model_id = model_name
        self.fingerprint = model_fingerprint(model_name, resolved)
        self.dim = int(self.model.get_embedding_dimension())
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.batch_size = batch_size
        # One batch at a time on the model, whoever asks (the questions' batches, a build in the
        # index worker's thread, the reader on the same encoder): transformers sets the shared
        # tokenizer's padding and truncation on each call, so two calls at once could tokenize with
        # each other's settings.
        self.lock = threading.Lock()
        logger.info("loaded embedding model %s (%d dims) from %s", model_name, self.dim, resolved)

    def _compact(self, model_name: str, half_weights: bool) -> None:
        """Float16 linear maps (read from the float32 ones first), then, for the packaged model, its
        4-bit word embeddings: after both, the float32 weights file is no longer mapped."""
        if half_weights:
            from qa.halfweights import halve_linears

            logger.debug("%d linear maps kept as float16", halve_linears(self.model))
        if model_name == PACKAGED_MODEL:
            from qa.q4embedding import use_packed_word_embeddings

            use_packed_word_embeddings(self.model[0].auto_model, packaged_bin())

    def _encode(self, texts: Sequence[str], prompt: str, progress: bool) -> np.ndarray:
        """Longest texts first, batched as sentence-transformers batches them (little padding), one
        batch per turn on the model, so a long build never keeps questions waiting for more."""
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([-len(text) for text in texts], kind="stable")
        batches = [order[first : first + self.batch_size] for first in range(0, len(order), self.batch_size)]
        for batch in tqdm(batches, desc="Batches", disable=not progress):
            with self.lock:
                vectors[batch] = self.model.encode(
                    [texts[i] for i in batch],
                    prompt=prompt,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,  # its own bar per batch; ours counts them all
                )
        return vectors

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, self.passage_prompt, progress)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt, False)

    def encoder_and_tokenizer(self) -> tuple[object, object]:
        """The underlying transformer and its tokenizer (the span reader builds on them)."""
        return self.model[0].auto_model, self.model.tokenizer
