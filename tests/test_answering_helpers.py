"""Shared helpers for the answering tests: the seeds as cleaned docs and a bigram retriever.

There is no retriever dependency here on purpose: character-bigram overlap is enough to put the right
passage in the top 5 for most questions, and it keeps these tests free of any model.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from qa.answering import AnsweringContext
from qa.chunking import ChunkerParams, chunk_document
from qa.clean import CleanText, clean
from qa.lexicon import Lexicon, extract_names
from qa.types import Chunk, Hit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=1)
def corpus() -> tuple[dict[str, CleanText], list[Chunk], Lexicon]:
    docs = {path.name: clean(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))}
    chunks = [c for name, doc in docs.items() for c in chunk_document(name, doc, ChunkerParams())]
    return docs, chunks, extract_names(doc.text for doc in docs.values())


@lru_cache(maxsize=1)
def context() -> AnsweringContext:
    """The answering state of the seeds' lexicon, as the service builds it when an index loads."""
    return AnsweringContext.build(corpus()[2])


@lru_cache(maxsize=1)
def _chunk_bigrams() -> list[Counter[str]]:
    return [_bigrams(chunk.text) for chunk in corpus()[1]]


def retrieve(question: str, k: int = 5) -> list[Hit]:
    """Chunks ranked by how many of the question's bigrams they contain (ties: shorter chunk)."""
    chunks = corpus()[1]
    wanted = set(_bigrams(question))
    scored = [
        (sum(1 for b in wanted if b in grams) / (1 + 0.001 * len(chunk.text)), i)
        for i, (grams, chunk) in enumerate(zip(_chunk_bigrams(), chunks, strict=True))
    ]
    scored.sort(reverse=True)
    return [Hit(chunks[i], score) for score, i in scored[:k]]
