"""Hybrid retrieval: dense (FAISS) and BM25 rankings fused with reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Sequence

from qa.embedding import Embedder
from qa.fusion import rrf
from qa.index import LoadedIndex
from qa.types import Hit

RETRIEVERS = ("hybrid", "dense", "bm25")


class Retriever:
    """Searches one loaded index. The single question calls the batch path."""

    def __init__(
        self, index: LoadedIndex, embedder: Embedder, candidates_k: int = 30, rrf_k: int = 60
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates_k = candidates_k
        self.rrf_k = rrf_k

    def search(self, question: str, k: int, mode: str = "hybrid") -> list[Hit]:
        return self.search_batch([question], k, mode)[0]

    def search_batch(self, questions: Sequence[str], k: int, mode: str = "hybrid") -> list[list[Hit]]:
        """The top `k` passages of each question, best first, by `mode` (hybrid, dense or bm25)."""
        if mode not in RETRIEVERS:
            raise ValueError(f"unknown retriever {mode!r}: choose one of {', '.join(RETRIEVERS)}")
        depth = max(k, self.candidates_k)
        dense = self._dense(questions, depth) if mode in ("hybrid", "dense") else None
        sparse = self._bm25(questions, depth) if mode in ("hybrid", "bm25") else None
        results = []
        for position in range(len(questions)):
            if dense is not None and sparse is not None:
                ranked = rrf(
                    [[i for i, _ in dense[position]], [i for i, _ in sparse[position]]], k=self.rrf_k
                )
            else:
                ranked = (dense or sparse or [[]])[position]
            results.append([Hit(self.index.chunks[i], score) for i, score in ranked[:k]])
        return results

    def _dense(self, questions: Sequence[str], depth: int) -> list[list[tuple[int, float]]]:
        vectors = self.embedder.embed_queries(questions)
        return self.index.dense.search_batch(vectors, depth)

    def _bm25(self, questions: Sequence[str], depth: int) -> list[list[tuple[int, float]]]:
        tokenizer = self.index.tokenizer
        return [self.index.bm25.search(tokenizer.tokenize(q), depth) for q in questions]
