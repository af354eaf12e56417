"""Build, update and load an index generation: chunk table, FAISS, BM25, names and the manifest."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from qa.chunking import ChunkerParams, chunk_document, document_title, headline, passage_text
from qa.clean import CleanText, clean
from qa.corpus import MAX_DOCUMENT_BYTES, SkippedFile, load_corpus
from qa.embedding import Embedder
from qa.errors import IndexMismatch, IndexMissing
from qa.lexicon import Lexicon, extract_names, load_lexicon, save_lexicon
from qa.manifest import Manifest, build_manifest, check_compatible, read_manifest
from qa.sparse import BM25
from qa.store import (
    build_lock,
    current_generation,
    new_build_folder,
    publish,
    read_jsonl,
    remove_stale_builds,
    write_jsonl,
)
from qa.stores import FaissStore, GenerationStore, Store
from qa.stores.generations import release_generation, store_of
from qa.tokenize import Tokenizer
from qa.types import Chunk, Document
from qa.vocab import fingerprint as vocabulary_fingerprint

logger = logging.getLogger(__name__)

CHUNKS_FILE = "chunks.jsonl"
DOCUMENTS_FILE = "documents.jsonl"
NAMES_FILE = "names.tsv"
# Passages embedded between two progress reports (of a build that reports progress).
PROGRESS_STEP = 32

# Called with (chunks embedded so far, chunks to embed in this build).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What `qa index` did: document counts, chunks in the index, chunks embedded in this run."""

    added: int
    changed: int
    removed: int
    unchanged: int
    chunks: int
    embedded: int
    seconds: float
    skipped: tuple[SkippedFile, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["skipped"] = [asdict(item) for item in self.skipped]
        return data


@dataclass(frozen=True)
class LoadedIndex:
    """One generation in memory, ready to search."""

    folder: Path
    manifest: Manifest
    chunks: tuple[Chunk, ...]
    store: GenerationStore  # dense vectors and BM25 weights: FAISS files or a Milvus collection
    lexicon: Lexicon
    tokenizer: Tokenizer
    docs: dict[str, CleanText]


@dataclass
class _Previous:
    """What an earlier compatible generation lets a build reuse: chunks and vectors per document."""

    sha256: dict[str, str]
    indexed_at: dict[str, str]
    chunks: dict[str, list[Chunk]]
    vectors: dict[str, np.ndarray]
    # written to the store the settings name with today's word lists (else a build moves it there, or
    # redoes BM25 and the names)
    current: bool

    def covers(self, plan: dict[str, str]) -> bool:
        """Nothing to build: same store and word lists, no document added, changed or removed."""
        return self.current and set(self.sha256) <= set(plan) and set(plan.values()) <= {"unchanged"}


def _load_previous(
    folder: Path | None, embedder: Embedder, params: ChunkerParams, store: Store
) -> _Previous | None:
    if folder is None:
        return None
    try:
        manifest = read_manifest(folder)
        check_compatible(manifest, embedder, params)
        vectors = store_of(manifest, store, to_move=True).open(folder, manifest).vectors()
    except (IndexMismatch, IndexMissing, OSError, ValueError, KeyError) as error:
        logger.info("previous index not reused: %s", error)
        return None
    chunks = [Chunk(**row) for row in read_jsonl(folder / CHUNKS_FILE)]
    by_doc: dict[str, list[int]] = {}
    for position, chunk in enumerate(chunks):
        by_doc.setdefault(chunk.doc, []).append(position)
    return _Previous(
        sha256={doc: info["sha256"] for doc, info in manifest["documents"].items()},
        indexed_at={
            doc: info.get("indexed_at", manifest["built_at"]) for doc, info in manifest["documents"].items()
        },
        chunks={doc: [chunks[i] for i in rows] for doc, rows in by_doc.items()},
        vectors={doc: vectors[rows] for doc, rows in by_doc.items()},
        current=manifest.get("store", {}).get("kind", FaissStore.kind) == store.kind
        and manifest.get("lexicon", {}).get("vocabulary") == vocabulary_fingerprint(),
    )


def _plan(documents: list[Document], previous: _Previous | None) -> dict[str, str]:
    """Each document's fate: unchanged, changed or added."""
    old = previous.sha256 if previous else {}
    plan = {}
    for doc in documents:
        if doc.id not in old:
            plan[doc.id] = "added"
        elif old[doc.id] == doc.sha256 and previous and doc.id in previous.chunks:
            plan[doc.id] = "unchanged"
        else:
            plan[doc.id] = "changed"
    return plan


def _assemble(
    documents: list[Document],
    cleaned: dict[str, CleanText],
    plan: dict[str, str],
    previous: _Previous | None,
    embedder: Embedder,
    params: ChunkerParams,
    progress: bool,
    on_progress: Progress | None = None,
) -> tuple[list[Chunk], np.ndarray, int]:
    """All chunks in document order with their vectors; only new or changed documents are embedded."""
    per_doc: list[tuple[list[Chunk], np.ndarray | None]] = []
    to_embed: list[str] = []
    for doc in documents:
        if plan[doc.id] == "unchanged" and previous:
            per_doc.append((previous.chunks[doc.id], previous.vectors[doc.id]))
        else:
            chunks = chunk_document(doc.id, cleaned[doc.id], params)
            per_doc.append((chunks, None))
            title = document_title(cleaned[doc.id].text)
            to_embed.extend(passage_text(chunk, title) for chunk in chunks)
    fresh = _embed(embedder, to_embed, progress, on_progress)
    chunks_out: list[Chunk] = []
    vectors_out: list[np.ndarray] = []
    cursor = 0
    for chunks, vectors in per_doc:
        if vectors is None:
            vectors = fresh[cursor : cursor + len(chunks)]
            cursor += len(chunks)
        chunks_out.extend(chunks)
        vectors_out.append(vectors)
    matrix = np.vstack(vectors_out) if vectors_out else np.zeros((0, embedder.dim), dtype=np.float32)
    return chunks_out, matrix, len(to_embed)


def _embed(embedder: Embedder, texts: list[str], progress: bool, on_progress: Progress | None) -> np.ndarray:
    """All passages at once, or step by step when someone follows the progress (an HTTP job)."""
    if on_progress is None:
        return embedder.embed_passages(texts, progress=progress)
    on_progress(0, len(texts))
    parts = [np.zeros((0, embedder.dim), dtype=np.float32)]
    for start in range(0, len(texts), PROGRESS_STEP):
        parts.append(embedder.embed_passages(texts[start : start + PROGRESS_STEP]))
        on_progress(min(start + PROGRESS_STEP, len(texts)), len(texts))
    return np.vstack(parts)


def _write_generation(
    folder: Path,
    documents: list[Document],
    cleaned: dict[str, CleanText],
    chunks: list[Chunk],
    vectors: np.ndarray,
    manifest: dict,
    store: Store,
) -> None:
    lexicon = extract_names(c.text for c in cleaned.values())
    save_lexicon(lexicon, folder / NAMES_FILE)
    tokenizer = Tokenizer(lexicon.names)
    titles = {doc_id: document_title(c.text) for doc_id, c in cleaned.items()}
    bm25 = BM25.build(tokenizer.tokenize_batch(passage_text(c, titles[c.doc]) for c in chunks))
    manifest["store"] = store.write(folder, chunks, vectors, bm25)
    write_jsonl(folder / CHUNKS_FILE, [asdict(c) for c in chunks])
    write_jsonl(
        folder / DOCUMENTS_FILE,
        [{"id": d.id, "sha256": d.sha256, "raw_text": d.raw_text} for d in documents],
    )
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def _build_generation(
    index_dir: Path,
    documents: list[Document],
    plan: dict[str, str],
    previous: _Previous | None,
    embedder: Embedder,
    params: ChunkerParams,
    store: Store,
    progress: bool,
    on_progress: Progress | None,
) -> tuple[int, int]:
    """Write and publish a new generation (under the build lock); its chunk count and chunks embedded."""
    cleaned = {doc.id: clean(doc.raw_text) for doc in documents}
    chunks, vectors, embedded = _assemble(
        documents, cleaned, plan, previous, embedder, params, progress, on_progress
    )
    folder = new_build_folder(index_dir)
    kept = {doc: previous.indexed_at[doc] for doc, fate in plan.items() if fate == "unchanged"}
    headlines = {doc_id: headline(text.text) for doc_id, text in cleaned.items()}
    manifest = build_manifest(documents, chunks, embedder, params, headlines, kept)
    _write_generation(folder, documents, cleaned, chunks, vectors, manifest, store)
    publish(index_dir, folder, on_remove=lambda old: release_generation(old, store))
    store.published(manifest)
    return len(chunks), embedded


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    params: ChunkerParams,
    rebuild: bool = False,
    progress: bool = False,
    on_progress: Progress | None = None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    store: Store | None = None,
) -> BuildReport:
    """Build or update the index of `corpus_dir` in `index_dir`; unchanged documents keep their vectors.
    `store` holds the vectors and BM25 weights (default: FAISS files in the generation folder)."""
    started = time.perf_counter()
    store = store or FaissStore()
    with build_lock(index_dir):
        store.remove_orphans(index_dir)
        documents, skipped = load_corpus(corpus_dir, max_document_bytes)
        current = current_generation(index_dir)
        previous = None if rebuild else _load_previous(current, embedder, params, store)
        plan = _plan(documents, previous)
        removed = len(set(previous.sha256) - set(plan)) if previous else 0
        if previous is not None and previous.covers(plan) and current is not None:
            remove_stale_builds(index_dir)
            store.published(read_manifest(current))  # repairs an alias a crash left behind
            chunks_count, embedded = sum(len(c) for c in previous.chunks.values()), 0
        else:
            chunks_count, embedded = _build_generation(
                index_dir, documents, plan, previous, embedder, params, store, progress, on_progress
            )
    counts = {fate: sum(1 for f in plan.values() if f == fate) for fate in ("added", "changed", "unchanged")}
    return BuildReport(
        **counts,
        removed=removed,
        chunks=chunks_count,
        embedded=embedded,
        seconds=round(time.perf_counter() - started, 3),
        skipped=tuple(skipped),
    )


def load_index(
    index_dir: Path, embedder: Embedder, params: ChunkerParams, store: Store | None = None
) -> LoadedIndex:
    """The served generation, checked against the model and chunker the settings ask for."""
    folder = current_generation(index_dir)
    if folder is None:
        raise IndexMissing(f"no index in {index_dir}/: run `qa index` to build it")
    manifest = read_manifest(folder)
    check_compatible(manifest, embedder, params)
    lexicon = load_lexicon(folder / NAMES_FILE)
    docs = {row["id"]: clean(row["raw_text"]) for row in read_jsonl(folder / DOCUMENTS_FILE)}
    return LoadedIndex(
        folder=folder,
        manifest=Manifest.from_json(manifest),
        chunks=tuple(Chunk(**row) for row in read_jsonl(folder / CHUNKS_FILE)),
        store=store_of(manifest, store or FaissStore()).open(folder, manifest),
        lexicon=lexicon,
        tokenizer=Tokenizer(lexicon.names),
        docs=docs,
    )
