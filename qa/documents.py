"""What the service tells about its indexed documents: headline, raw text, chunk count, hash."""

from __future__ import annotations

from dataclasses import dataclass

from qa.chunking import headline
from qa.errors import DocumentNotFound
from qa.index import LoadedIndex


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


def _info(index: LoadedIndex, doc_id: str) -> DocumentInfo:
    entry = index.manifest.documents[doc_id]
    return DocumentInfo(
        doc=doc_id,
        headline=headline_of(index, doc_id),
        sha256=entry.sha256,
        chunks=entry.chunks,
        chars=entry.chars,
        indexed_at=entry.indexed_at,
        text=index.docs[doc_id].raw,
    )


def list_documents(index: LoadedIndex) -> list[DocumentInfo]:
    """Every indexed document, in id order."""
    return [_info(index, doc_id) for doc_id in sorted(index.manifest.documents) if doc_id in index.docs]


def get_document(index: LoadedIndex, doc_id: str) -> DocumentInfo:
    """One indexed document, or DocumentNotFound."""
    if doc_id not in index.manifest.documents or doc_id not in index.docs:
        raise DocumentNotFound(f"no indexed document has the id {doc_id!r}")
    return _info(index, doc_id)


def headline_of(index: LoadedIndex, doc_id: str) -> str:
    """The headline stored when the document was indexed ("" for an unknown id). A generation built
    before headlines were stored has none: its document is read for it."""
    entry = index.manifest.documents.get(doc_id)
    if entry is not None and entry.headline is not None:
        return entry.headline
    clean = index.docs.get(doc_id)
    return headline(clean.text) if clean is not None else ""
