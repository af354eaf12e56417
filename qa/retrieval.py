"""Hybrid retrieval: dense and BM25 rankings (from FAISS or Milvus) fused into one list of passages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.embedding import Embedder
from qa.fusion import convex, rrf
from qa.index import LoadedIndex
from qa.types import Hit

# hybrid = convex fusion of dense and BM25 scores; rrf = the same two lists by reciprocal rank fusion.
RETRIEVERS = ("hybrid", "rrf", "dense", "bm25")

Ranking = list[tuple[int, float]]


@dataclass(frozen=True)
class RetrievalParams:
    """How deep each retriever looks before fusion, and how the two lists are fused."""

    candidates_k: int = 30
    rrf_k: int = 60
    dense_weight: float = 0.5


class Retriever:
    """Searches one loaded index. The single question calls the batch path."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, params: RetrievalParams) -> None:
        self.index = index
        self.embedder = embedder
        self.params = params

    def search(self, question: str, k: int, mode: str = "hybrid") -> list[Hit]:
        return self.search_batch([question], k, mode)[0]

    def search_batch(self, questions: Sequence[str], k: int, mode: str = "hybrid") -> list[list[Hit]]:
        """The top `k` passages of each question, best first, by `mode` (see RETRIEVERS)."""
        if mode not in RETRIEVERS:
            raise ValueError(f"unknown retriever {mode!r}: choose one of {', '.join(RETRIEVERS)}")
        depth = max(k, self.params.candidates_k)
        dense = self._dense(questions, depth) if mode != "bm25" else None
        sparse = self._bm25(questions, depth) if mode != "dense" else None
        results = []
        for position in range(len(questions)):
            ranked = self._fuse(
                mode,
                dense[position] if dense is not None else [],
                sparse[position] if sparse is not None else [],
            )
            results.append([Hit(self.index.chunks[i], score) for i, score in ranked[:k]])
        return results

    def _fuse(self, mode: str, dense: Ranking, sparse: Ranking) -> Ranking:
        if mode == "dense":
            return dense
        if mode == "bm25":
            return sparse
        if mode == "rrf":
            return rrf([[i for i, _ in dense], [i for i, _ in sparse]], k=self.params.rrf_k)
        weight = self.params.dense_weight
        return convex([dense, sparse], [weight, 1.0 - weight])

    def _dense(self, questions: Sequence[str], depth: int) -> list[Ranking]:
        vectors = self.embedder.embed_queries(questions)
        return self.index.store.search_dense(vectors, depth)

    def _bm25(self, questions: Sequence[str], depth: int) -> list[Ranking]:
        tokenizer = self.index.tokenizer
        return self.index.store.search_bm25([tokenizer.tokenize(q) for q in questions], depth)
