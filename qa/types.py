"""Domain types shared by every stage of the pipeline (frozen: passed around, never mutated)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One corpus file: its id is the path relative to the corpus folder."""

    id: str
    raw_text: str
    sha256: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage. `start`/`end` are offsets into the raw file; `text` is cleaned text."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    clean_start: int
    clean_end: int


@dataclass(frozen=True)
class Hit:
    """A chunk retrieved for a question, best first; `score` is the fused score."""

    chunk: Chunk
    score: float


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: `quote == raw_text_of(doc)[start:end]`."""

    doc: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Answer:
    """What the service says: the answer text, whether it is supported, and its evidence."""

    text: str
    answerable: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    question_type: str = "phrase"
    subject: tuple[str, ...] = field(default_factory=tuple)
