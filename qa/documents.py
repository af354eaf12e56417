"""What the service tells about its indexed documents: headline, raw text, chunk count, hash."""

from __future__ import annotations

from dataclasses import dataclass

from qa.errors import DocumentNotFound
from qa.index import LoadedIndex

HEADLINE_CHARS = 80


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed document as the index holds it; `text` is the raw file the citations point into."""

    doc: str
    headline: str
    sha256: str
    chunks: int
    chars: int
    indexed_at: str
    text: str


def headline(cleaned: str) -> str:
    """The first non-blank line of the cleaned text, cut to a title's length."""
    for line in cleaned.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= HEADLINE_CHARS else line[: HEADLINE_CHARS - 1] + "…"
    return ""


def _info(index: LoadedIndex, doc_id: str) -> DocumentInfo:
    entry = index.manifest["documents"][doc_id]
    clean = index.docs[doc_id]
    return DocumentInfo(
        doc=doc_id, headline=headline(clean.text), sha256=entry["sha256"], chunks=entry["chunks"],
        chars=entry["chars"], indexed_at=entry.get("indexed_at", index.manifest["built_at"]),
        text=clean.raw,
    )


def list_documents(index: LoadedIndex) -> list[DocumentInfo]:
    """Every indexed document, in id order."""
    return [_info(index, doc_id) for doc_id in sorted(index.manifest["documents"]) if doc_id in index.docs]


def get_document(index: LoadedIndex, doc_id: str) -> DocumentInfo:
    """One indexed document, or DocumentNotFound."""
    if doc_id not in index.manifest["documents"] or doc_id not in index.docs:
        raise DocumentNotFound(f"no indexed document has the id {doc_id!r}")
    return _info(index, doc_id)


def headline_of(index: LoadedIndex, doc_id: str) -> str:
    """The headline of an indexed document ("" for an unknown id)."""
    clean = index.docs.get(doc_id)
    return headline(clean.text) if clean is not None else ""
