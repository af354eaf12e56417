"""The composition root: settings in, ready objects out.

Every edge (the CLI, the HTTP lifespan, the index worker, the eval) builds its embedder, chunker,
reader and service here, so a setting is turned into an object in one place only, and indexing
never needs the query service to get its embedder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.chunking import ChunkerParams
from qa.config import Settings
from qa.embedding import Embedder, SentenceTransformerEmbedder
from qa.errors import IndexMissing, ModelError
from qa.memory import return_freed_memory
from qa.models import PACKAGED_MODEL
from qa.retrieval import RetrievalParams
from qa.store import current_generation
from qa.stores import store_from_settings

if TYPE_CHECKING:  # imported where used: `qa index` loads neither the answering nor the service
    from qa.answering.reading import ReadingPolicy
    from qa.batching import BatchParams
    from qa.index import BuildReport, Progress
    from qa.jobs import WorkerPaths
    from qa.reader.reader import SpanReader
    from qa.service import QAService


def load_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(
        settings.embed_model,
        settings.model_cache,
        settings.query_prompt,
        settings.passage_prompt,
        settings.batch_size,
        settings.half_weights,
    )


def chunker_params(settings: Settings) -> ChunkerParams:
    return ChunkerParams(settings.chunk_size, settings.chunk_max, settings.chunk_min, settings.chunk_overlap)


def retrieval_params(settings: Settings) -> RetrievalParams:
    return RetrievalParams(settings.candidates_k, settings.rrf_k, settings.dense_weight)


def reading_policy(settings: Settings) -> ReadingPolicy:
    from qa.answering.reading import ReadingPolicy

    return ReadingPolicy(
        read_depth=settings.reader_depth,
        min_margin=settings.reader_min_margin,
        sure_margin=settings.reader_sure_margin,
        trust_margin=settings.reader_trust_margin,
    )


def batch_params(settings: Settings) -> BatchParams:
    from qa.batching import BatchParams

    return BatchParams(
        settings.max_queue, settings.max_batch, settings.batch_window_ms / 1000, settings.max_wait_seconds
    )


def worker_paths(settings: Settings) -> WorkerPaths:
    from qa.jobs import WorkerPaths

    return WorkerPaths(
        settings.corpus_dir, settings.index_dir, chunker_params(settings), settings.max_document_bytes
    )


def load_reader(settings: Settings, embedder: Embedder) -> SpanReader | None:
    """The span reader on the packaged e5 backbone, or None when QA_READER is off.

    When the embedder is that same packaged model, the reader shares its weights in memory; with
    another embedding model the backbone is loaded once more for the reader alone.
    """
    if not settings.reader:
        return None
    if not settings.reader_weights.is_file():
        raise ModelError(
            f"reader weights {settings.reader_weights} not found: run `qa train-reader`, "
            "or set QA_READER=off to answer with the rules alone"
        )
    from qa.reader.reader import SpanReader

    if settings.embed_model == PACKAGED_MODEL and isinstance(embedder, SentenceTransformerEmbedder):
        backbone = embedder
    else:
        backbone = SentenceTransformerEmbedder(
            PACKAGED_MODEL, settings.model_cache, half_weights=settings.half_weights
        )
    encoder, tokenizer = backbone.encoder_and_tokenizer()
    return SpanReader.load(settings.reader_weights, encoder, tokenizer, lock=backbone.lock)


def build_index(
    settings: Settings,
    embedder: Embedder,
    rebuild: bool = False,
    progress: bool = False,
    on_progress: Progress | None = None,
) -> BuildReport:
    """Build or update the index of QA_CORPUS_DIR in QA_INDEX_DIR with the configured chunker."""
    from qa.index import build_index as build

    return build(
        settings.corpus_dir,
        settings.index_dir,
        embedder,
        chunker_params(settings),
        rebuild=rebuild,
        progress=progress,
        on_progress=on_progress,
        max_document_bytes=settings.max_document_bytes,
        store=store_from_settings(settings),
    )


def load_service(settings: Settings, embedder: Embedder | None = None) -> QAService:
    """The model (unless given), the reader and the served index generation, warmed up."""
    from qa.index import load_index
    from qa.service import QAService

    if current_generation(settings.index_dir) is None:  # say so before a model load of seconds
        raise IndexMissing(f"no index in {settings.index_dir}/: run `qa index` to build it")
    embedder = embedder or load_embedder(settings)
    store = store_from_settings(settings)
    index = load_index(settings.index_dir, embedder, chunker_params(settings), store)
    reader = load_reader(settings, embedder)
    policy = reading_policy(settings)
    service = QAService(index, embedder, retrieval_params(settings), reader, policy, store)
    service.warm_up()
    return_freed_memory()
    return service
