"""The store interface: FAISS files and a Milvus Lite collection rank alike; Milvus generations are
collections behind an alias (incremental, pruned, crash-safe); approximate FAISS finds what flat finds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from qa.dense import DenseIndex
from qa.errors import IndexMismatch
from qa.index import build_index, load_index
from qa.retrieval import RETRIEVERS, RetrievalParams, Retriever
from qa.sparse import BM25
from qa.store import KEEP_GENERATIONS, current_generation, new_build_folder
from qa.stores import FaissStore
from qa.stores.base import DenseChoice
from qa.stores.milvus_store import MilvusStore
from tests.test_index import PARAMS, ROOT, _small_corpus

QUESTIONS = ("苏溪镇1-11月工业总产值是多少", "平湖市委书记是谁？", "复工复产", "浪木集团在哪里")


def _collections(store: MilvusStore) -> set[str]:
    return {name for name in store.client.list_collections() if name.startswith(f"{store.prefix}_")}


def _served_collection(index_dir) -> str:
    import json

    manifest = json.loads((current_generation(index_dir) / "manifest.json").read_text(encoding="utf-8"))
    return manifest["store"]["collection"]


def test_both_stores_give_the_same_rankings_and_answers(tmp_path, seed_corpus, embedder) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus, chars=1500)
    milvus = MilvusStore(str(tmp_path / "milvus.db"))
    build_index(corpus, tmp_path / "faiss", embedder, PARAMS)
    build_index(corpus, tmp_path / "milvus", embedder, PARAMS, store=milvus)
    params = RetrievalParams()
    on_faiss = Retriever(load_index(tmp_path / "faiss", embedder, PARAMS), embedder, params)
    on_milvus = Retriever(load_index(tmp_path / "milvus", embedder, PARAMS, milvus), embedder, params)
    assert on_milvus.index.chunks == on_faiss.index.chunks
    for mode in RETRIEVERS:
        for hits_f, hits_m in zip(
            on_faiss.search_batch(QUESTIONS, 10, mode),
            on_milvus.search_batch(QUESTIONS, 10, mode),
            strict=True,
        ):
            assert [h.chunk for h in hits_m] == [h.chunk for h in hits_f], mode
            assert np.allclose([h.score for h in hits_m], [h.score for h in hits_f], atol=1e-4), mode
    assert abs(on_milvus.index.store.vectors() - on_faiss.index.store.vectors()).max() < 1e-6


def test_milvus_generations_are_collections_behind_an_alias(tmp_path, seed_corpus, embedder) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    store = MilvusStore(str(tmp_path / "milvus.db"), prefix="news")
    first = build_index(corpus, index_dir, embedder, PARAMS, store=store)
    served = _served_collection(index_dir)
    assert store.client.describe_alias("news")["collection_name"] == served
    assert store.client.get_collection_stats(served)["row_count"] == first.chunks

    again = build_index(corpus, index_dir, embedder, PARAMS, store=store)
    assert (again.embedded, _served_collection(index_dir)) == (0, served)

    names = sorted(p.name for p in corpus.glob("*.txt"))
    (corpus / names[0]).write_text("新增一篇：桃花镇新建三座厂房，总投资八亿元。", encoding="utf-8")
    update = build_index(corpus, index_dir, embedder, PARAMS, store=store)
    assert update.changed == 1 and 0 < update.embedded < update.chunks
    assert store.client.describe_alias("news")["collection_name"] == _served_collection(index_dir) != served
    for _ in range(2):
        build_index(corpus, index_dir, embedder, PARAMS, store=store, rebuild=True)
    assert len(_collections(store)) == KEEP_GENERATIONS, "pruned generations drop their collections"
    assert served not in _collections(store)


def test_a_collection_no_generation_names_is_dropped_by_the_next_build(tmp_path, seed_corpus, embedder):
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    store = MilvusStore(str(tmp_path / "milvus.db"))
    build_index(corpus, index_dir, embedder, PARAMS, store=store)
    served = _served_collection(index_dir)
    # What a build killed after writing its collection leaves: a private folder and a collection.
    folder = new_build_folder(index_dir)
    orphan = store.write(folder, [], np.zeros((0, 384), dtype=np.float32), BM25.build([]))["collection"]
    assert orphan in _collections(store) and store._aliased() == served

    report = build_index(corpus, index_dir, embedder, PARAMS, store=store)
    assert report.embedded == 0 and _collections(store) == {served} and store._aliased() == served
    assert not folder.exists()


def test_kill_9_mid_build_leaves_the_alias_on_the_last_good_collection(tmp_path, seed_corpus, embedder):
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir, uri = tmp_path / "vectors", str(tmp_path / "milvus.db")
    env = {
        **os.environ,
        "QA_CORPUS_DIR": str(corpus),
        "QA_INDEX_DIR": str(index_dir),
        "QA_VECTOR_STORE": "milvus",
        "QA_MILVUS_URI": uri,
    }
    command = [sys.executable, "-m", "qa.cli", "index", "--json"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    served = _served_collection(index_dir)
    for path in seed_corpus.glob("*.txt"):  # more to embed: the rebuild is still running when killed
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [*command, "--rebuild", "--progress"], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    seen, deadline = "", time.monotonic() + 300  # a loaded machine takes minutes to load torch
    while "Batches" not in seen and time.monotonic() < deadline:
        seen += process.stderr.read(1)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert "Batches" in seen, seen
    store = MilvusStore(uri)  # this process opens the Lite file only now: one process at a time
    assert store._aliased() == served == _served_collection(index_dir)
    index = load_index(index_dir, embedder, PARAMS, store)
    assert index.store.search_dense(embedder.embed_queries([QUESTIONS[0]]), 3)[0]


def test_a_lite_file_another_process_holds_says_so(tmp_path) -> None:
    uri = str(tmp_path / "milvus.db")
    holder = MilvusStore(uri)
    assert holder.client.list_collections() == []
    script = (
        "from qa.stores.milvus_store import MilvusStore\nfrom qa.errors import StoreUnavailable\n"
        f"try:\n  MilvusStore({uri!r}).client\nexcept StoreUnavailable as e:\n  print(e)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert "one process at a time" in result.stdout, result.stderr[-2000:]


def test_an_index_in_another_store_says_what_to_run_and_moves_without_embedding(
    tmp_path, seed_corpus, embedder
) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    first = build_index(corpus, index_dir, embedder, PARAMS)
    milvus = MilvusStore(str(tmp_path / "milvus.db"))
    with pytest.raises(IndexMismatch, match="qa index"):
        load_index(index_dir, embedder, PARAMS, milvus)
    moved = build_index(corpus, index_dir, embedder, PARAMS, store=milvus)
    assert (moved.embedded, moved.chunks) == (0, first.chunks)
    assert len(load_index(index_dir, embedder, PARAMS, milvus).chunks) == first.chunks


def _clustered(count: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    """Unit vectors around a few hundred centres, as real embeddings cluster by topic (invented)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((200, dim)).astype(np.float32)
    noise = rng.standard_normal((count, dim)).astype(np.float32)
    vectors = centres[rng.integers(0, 200, count)] + 0.3 * noise
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_an_approximate_index_finds_what_exact_search_finds(tmp_path, kind: str) -> None:
    vectors, queries = _clustered(20_000), _clustered(50, seed=1)
    exact = DenseIndex.build(vectors)
    approximate = DenseIndex.build(vectors, kind)
    approximate.save(tmp_path)
    loaded = DenseIndex.load(tmp_path)
    assert loaded.kind == kind and len(loaded) == len(vectors)
    truth = [{i for i, _ in hits} for hits in exact.search_batch(queries, 10)]
    found = [{i for i, _ in hits} for hits in loaded.search_batch(queries, 10)]
    recall = np.mean([len(t & f) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.9, recall
    assert np.allclose(loaded.vectors(), vectors, atol=1e-6), "vectors come back for incremental builds"


def test_auto_is_exact_up_to_the_threshold() -> None:
    choice = DenseChoice("auto", threshold=1000)
    assert (choice.for_count(1000), choice.for_count(1001)) == ("flat", "ivf")
    assert DenseChoice("hnsw").for_count(10) == "hnsw"
    with pytest.raises(ValueError, match="flat, hnsw, ivf"):
        FaissStore(DenseChoice("annoy")).dense.for_count(5)
