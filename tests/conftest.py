"""Session fixtures: the real model is loaded once and a small index of seeds/ is built once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported inside the fixtures, so a broken pipeline still lets pure tests run
    from qa.config import Settings
    from qa.embedding import SentenceTransformerEmbedder
    from qa.index import BuildReport
    from qa.service import QAService

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The answering tests run over each store (QA_VECTOR_STORE): FAISS files, and embedded Milvus Lite.
STORES = ("faiss", "milvus")


def in_store(settings: Settings, folder: Path, store: str, **update) -> Settings:
    """`settings` with its index in `folder` on `store`: FAISS files, or a Milvus Lite file there."""
    update.update(index_dir=folder / "vectors", vector_store=store)
    if store == "milvus":
        update["milvus_uri"] = str(folder / "milvus.db")
    return settings.model_copy(update=update)


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the test index: the repo's seeds, a private index folder, the default model."""
    from qa.config import Settings

    index_dir = tmp_path_factory.mktemp("vectors")
    return Settings(corpus_dir=SEEDS, index_dir=index_dir, eval_cache=index_dir / "eval-cache")


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> SentenceTransformerEmbedder:
    from qa.wiring import load_embedder

    return load_embedder(settings)


@pytest.fixture(scope="session")
def seed_index(settings: Settings, embedder: SentenceTransformerEmbedder) -> BuildReport:
    from qa.wiring import build_index

    return build_index(settings, embedder)


@pytest.fixture(scope="session")
def service(settings: Settings, embedder: SentenceTransformerEmbedder, seed_index: BuildReport) -> QAService:
    from qa.wiring import load_service

    return load_service(settings, embedder)


@pytest.fixture(scope="session", params=STORES)
def store_settings(
    request: pytest.FixtureRequest,
    settings: Settings,
    seed_index: BuildReport,
    embedder: SentenceTransformerEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> Settings:
    """The seed index in each store: the session's FAISS index, or a Milvus Lite build of seeds/."""
    if request.param == "faiss":
        return settings
    from qa.wiring import build_index

    local = in_store(settings, tmp_path_factory.mktemp(request.param), request.param)
    build_index(local, embedder)
    return local


@pytest.fixture(scope="session")
def store_service(store_settings: Settings, embedder: SentenceTransformerEmbedder) -> QAService:
    """A service over the seed index of each store (the tests that take it run once per store)."""
    from qa.wiring import load_service

    return load_service(store_settings, embedder)


@pytest.fixture(scope="session")
def live_seed_server(settings: Settings, seed_index: BuildReport, tmp_path_factory: pytest.TempPathFactory):
    """One real `qa serve` over the seed index, shared by the tests that need a socket."""
    from tests.live import live_server

    env = {
        "QA_CORPUS_DIR": str(settings.corpus_dir),
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_MODEL_CACHE": str(settings.model_cache),
    }
    log = tmp_path_factory.mktemp("live") / "server.log"
    with live_server(env, log) as server:
        yield server
