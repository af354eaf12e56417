"""FAISS inner-product search over normalised vectors (so scores are cosines)."""

from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np

DENSE_FILE = "dense.faiss"
# HNSW: links per node, and the candidate list kept while building and searching. Fast to search
# but slow to build on 2 cores (100k chunks: minutes), so `auto` builds IVF (README "Scaling out").
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
# IVF: 4 * sqrt(n) lists (the usual rule), each query visits 2% of them and never fewer than 16:
# recall@10 >= 0.95 against exact search at 1M chunks in bench/scale.py.
IVF_PROBE_SHARE = 0.02
IVF_MIN_PROBES = 16
IVF_TRAIN_PER_LIST = 40


def ivf_shape(count: int) -> tuple[int, int]:
    """Lists and lists visited per query of an IVF index over `count` vectors."""
    lists = max(1, min(int(4 * math.sqrt(count)), count // 4 or 1, 65536))
    return lists, min(lists, max(IVF_MIN_PROBES, math.ceil(lists * IVF_PROBE_SHARE)))


def _approximate(vectors: np.ndarray, kind: str) -> faiss.Index:
    dim = vectors.shape[1]
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        index.add(vectors)
        return index
    lists, probes = ivf_shape(len(vectors))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    # k-means on a sample: training on every vector of a million costs minutes and finds the same lists.
    sample = vectors[np.random.default_rng(0).permutation(len(vectors))[: lists * IVF_TRAIN_PER_LIST]]
    index.train(sample)
    index.add(vectors)
    index.nprobe = probes
    return index


class DenseIndex:
    """Exact (flat) FAISS search, or an approximate index (HNSW or IVF) for archives of millions of
    passages: a few thousand passages are searched exactly in well under a millisecond."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "flat") -> DenseIndex:
        """`kind`: flat (exact), hnsw or ivf. An approximate index of no vectors is a flat one."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if kind not in ("flat", "hnsw", "ivf"):
            raise ValueError(f"unknown dense index {kind!r}: choose flat, hnsw or ivf")
        if kind != "flat" and len(vectors):
            return cls(_approximate(vectors, kind))
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        if isinstance(self._index, faiss.IndexHNSW):
            return "hnsw"
        return "ivf" if isinstance(self._index, faiss.IndexIVF) else "flat"

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def vectors(self) -> np.ndarray:
        """Every stored vector, in passage order: reused when only some documents change."""
        if len(self) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if isinstance(self._index, faiss.IndexIVF):
            self._index.make_direct_map()
        return self._index.reconstruct_n(0, len(self))

    def search_batch(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Top `k` passages for each query vector, best first."""
        k = min(k, len(self))
        if k == 0:
            return [[] for _ in range(len(queries))]
        scores, ids = self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if i >= 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]

    def save(self, folder: Path) -> None:
        faiss.write_index(self._index, str(folder / DENSE_FILE))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        return cls(faiss.read_index(str(folder / DENSE_FILE)))
