"""BM25 over jieba tokens, stored as plain files (a vocabulary JSON and a sparse matrix .npz)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

VOCAB_FILE = "bm25_vocab.json"
MATRIX_FILE = "bm25_matrix.npz"


@dataclass(frozen=True)
class BM25:
    """Okapi BM25 with every (term, passage) weight precomputed, as bm25s does: a query is a row sum."""

    vocab: dict[str, int]
    weights: sp.csr_matrix  # terms x passages
    k1: float = 1.5
    b: float = 0.75

    @classmethod
    def build(cls, corpus_tokens: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> BM25:
        counts = [Counter(tokens) for tokens in corpus_tokens]
        vocab: dict[str, int] = {}
        for counter in counts:
            for term in counter:
                vocab.setdefault(term, len(vocab))
        lengths = np.array([len(tokens) for tokens in corpus_tokens], dtype=np.float64)
        avg_length = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        doc_freq = np.zeros(len(vocab), dtype=np.float64)
        rows, cols, tfs = [], [], []
        for passage, counter in enumerate(counts):
            for term, tf in counter.items():
                rows.append(vocab[term])
                cols.append(passage)
                tfs.append(tf)
                doc_freq[vocab[term]] += 1
        n = len(corpus_tokens)
        idf = np.log(1.0 + (n - doc_freq + 0.5) / (doc_freq + 0.5))
        tf_array = np.array(tfs, dtype=np.float64)
        norm = k1 * (1 - b + b * lengths[np.array(cols, dtype=np.int64)] / avg_length) if cols else 0.0
        values = idf[np.array(rows, dtype=np.int64)] * tf_array * (k1 + 1) / (tf_array + norm)
        weights = sp.csr_matrix(
            (values.astype(np.float32), (rows, cols)), shape=(len(vocab), n), dtype=np.float32
        )
        return cls(vocab=vocab, weights=weights, k1=k1, b=b)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (a repeated query term counts once per repetition)."""
        ids = [self.vocab[token] for token in query_tokens if token in self.vocab]
        if not ids:
            return np.zeros(self.weights.shape[1], dtype=np.float32)
        return np.asarray(self.weights[ids].sum(axis=0)).ravel()

    def search(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Top `k` passages with a positive score, best first."""
        scores = self.scores(query_tokens)
        k = min(k, len(scores))
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def save_vocab(self, folder: Path) -> None:
        """The vocabulary alone: a store that holds the weights elsewhere (Milvus) still maps query
        terms to their ids from the generation folder."""
        terms = [""] * len(self.vocab)
        for term, index in self.vocab.items():
            terms[index] = term
        meta = {"k1": self.k1, "b": self.b, "terms": terms}
        (folder / VOCAB_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @staticmethod
    def load_vocab(folder: Path) -> dict[str, int]:
        meta = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        return {term: index for index, term in enumerate(meta["terms"])}

    def save(self, folder: Path) -> None:
        self.save_vocab(folder)
        sp.save_npz(folder / MATRIX_FILE, self.weights.tocsr(), compressed=False)

    @classmethod
    def load(cls, folder: Path) -> BM25:
        meta = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        vocab = {term: index for index, term in enumerate(meta["terms"])}
        weights = sp.load_npz(folder / MATRIX_FILE).tocsr()
        return cls(vocab=vocab, weights=weights, k1=meta["k1"], b=meta["b"])
