"""The manifest of an index generation: what built it, from what, and whether it fits the settings."""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from qa.chunking import ChunkerParams
from qa.clean import CLEANER_VERSION
from qa.embedding import Embedder
from qa.errors import IndexMismatch, IndexMissing
from qa.lexicon import LEXICON_FORMAT
from qa.types import Chunk, Document
from qa.vocab import fingerprint as vocabulary_fingerprint

MANIFEST_FILE = "manifest.json"
# Bump when the files of a generation change shape or the cleaning/chunking code changes its output.
FORMAT_VERSION = 2
_LIBRARIES = ("qa", "sentence-transformers", "transformers", "torch", "faiss-cpu", "jieba", "numpy")


@dataclass(frozen=True)
class DocumentEntry:
    """One indexed document as the manifest records it."""

    sha256: str
    chunks: int
    chars: int
    indexed_at: str  # when this content was first indexed (ISO 8601, UTC)
    headline: str | None  # None in a generation built before headlines were stored


@dataclass(frozen=True)
class Manifest:
    """What built a generation and what it holds: the typed view of manifest.json."""

    format: int
    model_id: str
    model_fingerprint: str
    dim: int
    chunks: int
    built_at: str
    documents: Mapping[str, DocumentEntry]

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        """The manifest of a generation `check_compatible` accepted."""
        built_at = data["built_at"]
        documents = {
            doc: DocumentEntry(
                sha256=info["sha256"],
                chunks=info["chunks"],
                chars=info["chars"],
                indexed_at=info.get("indexed_at", built_at),
                headline=info.get("headline"),
            )
            for doc, info in data["documents"].items()
        }
        model = data["model"]
        return cls(
            format=data["format"],
            model_id=model["id"],
            model_fingerprint=model["fingerprint"],
            dim=model["dim"],
            chunks=data["chunks"],
            built_at=built_at,
            documents=documents,
        )


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "unknown"
    return versions


def build_manifest(
    documents: list[Document],
    chunks: list[Chunk],
    embedder: Embedder,
    params: ChunkerParams,
    headlines: Mapping[str, str],
    indexed_at: dict[str, str] | None = None,
) -> dict:
    """`indexed_at` holds when each unchanged document was first indexed with its content; the
    others (new or changed content) are indexed now. Headlines are stored, so that listing the
    documents or citing them never cleans an article again."""
    built_at = datetime.now(UTC).isoformat(timespec="seconds")
    indexed_at = indexed_at or {}
    per_doc: dict[str, int] = {}
    for chunk in chunks:
        per_doc[chunk.doc] = per_doc.get(chunk.doc, 0) + 1
    return {
        "format": FORMAT_VERSION,
        "model": {"id": embedder.model_id, "fingerprint": embedder.fingerprint, "dim": embedder.dim},
        "chunker": asdict(params),
        "cleaner": CLEANER_VERSION,
        "documents": {
            doc.id: {
                "sha256": doc.sha256,
                "chunks": per_doc.get(doc.id, 0),
                "chars": len(doc.raw_text),
                "indexed_at": indexed_at.get(doc.id, built_at),
                "headline": headlines[doc.id],
            }
            for doc in documents
        },
        "chunks": len(chunks),
        # names.tsv's shape (names, kinds, place pinyin) and the word lists BM25 and the miner used
        "lexicon": {"format": LEXICON_FORMAT, "vocabulary": vocabulary_fingerprint()},
        "versions": _versions(),
        "built_at": built_at,
    }


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST_FILE
    if not path.is_file():
        raise IndexMissing(f"{path} is missing: run `qa index --rebuild`")
    return json.loads(path.read_text(encoding="utf-8"))


def check_compatible(manifest: dict, embedder: Embedder, params: ChunkerParams) -> None:
    """Refuse an index that another model, chunker or index format built: its vectors would lie."""
    fix = "run `qa index --rebuild` (or set QA_EMBED_MODEL / QA_CHUNK_* back to what built it)"
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(
            f"the index has format {manifest.get('format')}, this qa reads "
            f"{FORMAT_VERSION}: run `qa index --rebuild`"
        )
    model = manifest.get("model", {})
    if model.get("id") != embedder.model_id or model.get("fingerprint") != embedder.fingerprint:
        raise IndexMismatch(
            f"the index was built with model {model.get('id')!r} (weights {model.get('fingerprint')}), "
            f"the settings say {embedder.model_id!r} (weights {embedder.fingerprint}): {fix}"
        )
    if manifest.get("cleaner", 1) != CLEANER_VERSION:
        raise IndexMismatch(
            f"the index was built by cleaner version {manifest.get('cleaner', 1)}, this qa cleans "
            f"with version {CLEANER_VERSION} (its chunks' offsets would point elsewhere): "
            "run `qa index --rebuild`"
        )
    if manifest.get("chunker") != asdict(params):
        raise IndexMismatch(
            f"the index was built with chunker {manifest.get('chunker')}, the settings say "
            f"{asdict(params)}: {fix}"
        )
