"""The default store: a FAISS index and the BM25 matrix as files of the generation folder, in memory."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qa.dense import DenseIndex
from qa.sparse import BM25
from qa.stores.base import DenseChoice, GenerationStore, Ranking, Store
from qa.types import Chunk


class FaissGeneration(GenerationStore):
    def __init__(self, dense: DenseIndex, bm25: BM25) -> None:
        self.dense = dense
        self.bm25 = bm25

    def search_dense(self, queries: np.ndarray, k: int) -> list[Ranking]:
        return self.dense.search_batch(queries, k)

    def search_bm25(self, queries: Sequence[Sequence[str]], k: int) -> list[Ranking]:
        return [self.bm25.search(tokens, k) for tokens in queries]

    def vectors(self) -> np.ndarray:
        return self.dense.vectors()

    @property
    def dim(self) -> int:
        return self.dense.dim


class FaissStore(Store):
    kind = "faiss"

    def __init__(self, dense: DenseChoice | None = None) -> None:
        self.dense = dense or DenseChoice()

    def write(self, folder: Path, chunks: Sequence[Chunk], vectors: np.ndarray, bm25: BM25) -> dict:
        kind = self.dense.for_count(len(vectors))
        bm25.save(folder)
        DenseIndex.build(vectors, kind).save(folder)
        return {"kind": self.kind, "dense_index": kind}

    def open(self, folder: Path, manifest: dict) -> FaissGeneration:
        return FaissGeneration(DenseIndex.load(folder), BM25.load(folder))
