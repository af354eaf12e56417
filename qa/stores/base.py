"""The store interface retrieval talks to: write a generation's vectors and BM25 weights, open one
for search, and follow its life (published, pruned).

The generation folder on disk keeps the manifest, the chunk records, the documents and the BM25
vocabulary whatever the store, so answers, citations and offsets come from the same chunk records;
a store only says which chunk positions match a query, and how well.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.sparse import BM25
from qa.types import Chunk

# (chunk position in chunks.jsonl, score), best first.
Ranking = list[tuple[int, float]]

DENSE_INDEXES = ("auto", "flat", "hnsw", "ivf")


@dataclass(frozen=True)
class DenseChoice:
    """Exact search, or an approximate index: `auto` is exact up to `threshold` chunks, IVF above
    (HNSW searches as fast but takes far longer to build on a few cores: bench/scale.py)."""

    kind: str = "auto"
    threshold: int = 200_000

    def for_count(self, chunks: int) -> str:
        if self.kind not in DENSE_INDEXES:
            raise ValueError(f"unknown dense index {self.kind!r}: choose one of {', '.join(DENSE_INDEXES)}")
        if self.kind == "auto":
            return "flat" if chunks <= self.threshold else "ivf"
        return self.kind


class GenerationStore(ABC):
    """One generation opened for search."""

    @abstractmethod
    def search_dense(self, queries: np.ndarray, k: int) -> list[Ranking]:
        """Top `k` chunk positions of each query vector by cosine, best first."""

    @abstractmethod
    def search_bm25(self, queries: Sequence[Sequence[str]], k: int) -> list[Ranking]:
        """Top `k` chunk positions of each tokenised query by BM25 (positive scores only), best first."""

    @abstractmethod
    def vectors(self) -> np.ndarray:
        """Every chunk's vector in position order: unchanged documents keep theirs in the next build."""

    @property
    @abstractmethod
    def dim(self) -> int: ...


class Store(ABC):
    """A kind of store: where builds write and whence loads read."""

    kind: str

    @abstractmethod
    def write(self, folder: Path, chunks: Sequence[Chunk], vectors: np.ndarray, bm25: BM25) -> dict:
        """Store a build's chunks, vectors and weights (the build folder is still private); returns what
        the manifest records under "store" to find them again."""

    @abstractmethod
    def open(self, folder: Path, manifest: dict) -> GenerationStore:
        """The generation in `folder`, ready to search."""

    def published(self, manifest: dict) -> None:  # noqa: B027 (a store may have nothing to do)
        """Called once the generation of `manifest` is the served one."""

    def removed(self, manifest: dict) -> None:  # noqa: B027
        """Called as the generation of `manifest` is pruned: free what it held outside its folder."""

    def remove_orphans(self, index_dir: Path) -> None:  # noqa: B027
        """Free what builds that never published left behind (called with the build lock held)."""
