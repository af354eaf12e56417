"""Index builds: incremental updates, atomic generations, bad files, mismatched settings."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.chunking import ChunkerParams
from qa.dense import DenseIndex
from qa.errors import IndexMismatch, IndexMissing
from qa.index import build_index, load_index
from qa.store import current_generation

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ChunkerParams()


def _small_corpus(folder: Path, seeds: Path, chars: int = 500) -> Path:
    """Three short articles cut from the seeds: real text, quick to embed."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(seeds.glob("*.txt"))[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8")[:chars], encoding="utf-8")
    return folder


def test_seed_index_holds_every_seed(seed_index, settings, embedder) -> None:
    index = load_index(settings.index_dir, embedder, PARAMS)
    assert seed_index.added == 5 and seed_index.embedded == seed_index.chunks == len(index.chunks)
    assert set(index.manifest.documents) == {p.name for p in settings.corpus_dir.glob("*.txt")}
    assert index.manifest.dim == 384 == index.store.dim
    for chunk in index.chunks:
        assert index.docs[chunk.doc].raw[chunk.start : chunk.end].strip()


def test_incremental_update_embeds_only_what_changed(tmp_path, seed_corpus, embedder) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    first = build_index(corpus, index_dir, embedder, PARAMS)
    assert (first.added, first.embedded) == (3, first.chunks)

    again = build_index(corpus, index_dir, embedder, PARAMS)
    assert (again.unchanged, again.embedded, again.chunks) == (3, 0, first.chunks)

    names = sorted(p.name for p in corpus.glob("*.txt"))
    changed = corpus / names[0]
    extra = "\n新增一句：苏溪镇新建三座厂房。"
    changed.write_text(changed.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (corpus / names[1]).unlink()
    update = build_index(corpus, index_dir, embedder, PARAMS)
    index = load_index(index_dir, embedder, PARAMS)
    changed_chunks = [c for c in index.chunks if c.doc == names[0]]
    assert (update.changed, update.removed, update.unchanged) == (1, 1, 1)
    assert update.embedded == len(changed_chunks)
    assert {c.doc for c in index.chunks} == {names[0], names[2]}

    # reused vectors are the very vectors a fresh build computes
    rebuilt_dir = tmp_path / "rebuilt"
    build_index(corpus, rebuilt_dir, embedder, PARAMS, rebuild=True)
    fresh = DenseIndex.load(current_generation(rebuilt_dir)).vectors()
    assert abs(fresh - index.store.vectors()).max() < 1e-4


def test_an_index_built_under_other_word_lists_is_rebuilt_without_embedding(tmp_path, seed_corpus, embedder):
    import json

    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    first = build_index(corpus, index_dir, embedder, PARAMS)
    old = current_generation(index_dir)
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    manifest["lexicon"]["vocabulary"] = "0" * 16  # as an older qa with other stop words wrote it
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    again = build_index(corpus, index_dir, embedder, PARAMS)
    assert (again.unchanged, again.embedded, again.chunks) == (3, 0, first.chunks)
    new = current_generation(index_dir)
    assert new != old
    written = json.loads((new / "manifest.json").read_text(encoding="utf-8"))
    assert written["lexicon"]["vocabulary"] != "0" * 16
    assert build_index(corpus, index_dir, embedder, PARAMS).embedded == 0
    assert current_generation(index_dir) == new  # now nothing to do


def test_bad_files_are_reported_and_skipped(tmp_path, seed_corpus, embedder) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    (corpus / "gbk.txt").write_bytes("苏溪镇工业总产值".encode("gbk"))
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "folder.txt").mkdir()
    report = build_index(corpus, tmp_path / "vectors", embedder, PARAMS)
    reasons = {item.path: item.reason for item in report.skipped}
    assert set(reasons) == {"gbk.txt", "empty.txt", "folder.txt"}
    assert reasons["gbk.txt"] == "not UTF-8"
    assert report.added == 3


def test_a_failed_build_leaves_the_previous_generation_served(tmp_path, seed_corpus, embedder, monkeypatch):
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    build_index(corpus, index_dir, embedder, PARAMS)
    before = current_generation(index_dir)

    def crash(self, folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(DenseIndex, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        build_index(corpus, index_dir, embedder, PARAMS, rebuild=True)
    assert current_generation(index_dir) == before
    assert len(load_index(index_dir, embedder, PARAMS).chunks) > 0
    monkeypatch.undo()
    build_index(corpus, index_dir, embedder, PARAMS, rebuild=True)
    assert not list((index_dir / "generations").glob(".tmp-*"))
    assert current_generation(index_dir) != before


def test_kill_9_during_rebuild_leaves_the_old_index_loadable(tmp_path, seed_corpus, embedder, settings):
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    build_index(corpus, index_dir, embedder, PARAMS)
    shutil.rmtree(corpus)
    shutil.copytree(seed_corpus, corpus)
    before = current_generation(index_dir)
    env = {
        **os.environ,
        "QA_CORPUS_DIR": str(corpus),
        "QA_INDEX_DIR": str(index_dir),
        "QA_MODEL_CACHE": str(settings.model_cache),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "qa.cli", "index", "--rebuild", "--json", "--progress"],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    seen = ""
    while "Batches" not in seen and time.monotonic() < deadline:
        seen += process.stderr.read(1)
    assert "Batches" in seen, seen
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert current_generation(index_dir) == before
    index = load_index(index_dir, embedder, PARAMS)
    assert len({c.doc for c in index.chunks}) == 3


def test_missing_and_mismatched_indexes_say_what_to_run(tmp_path, seed_corpus, embedder) -> None:
    with pytest.raises(IndexMissing, match="qa index"):
        load_index(tmp_path / "nothing", embedder, PARAMS)
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus, chars=200)
    build_index(corpus, tmp_path / "vectors", embedder, PARAMS)
    with pytest.raises(IndexMismatch, match="qa index --rebuild"):
        load_index(tmp_path / "vectors", embedder, ChunkerParams(chunk_size=200))


def test_an_index_cleaned_by_another_cleaner_is_refused_and_rebuilt(tmp_path, seed_corpus, embedder) -> None:
    """Chunks store offsets into the cleaned text: cleaned another way, they would point elsewhere."""
    import json

    corpus = _small_corpus(tmp_path / "corpus", seed_corpus, chars=200)
    build_index(corpus, tmp_path / "vectors", embedder, PARAMS)
    manifest_path = current_generation(tmp_path / "vectors") / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["cleaner"]  # as written before the cleaner had a version
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="cleaner version 1.*qa index --rebuild"):
        load_index(tmp_path / "vectors", embedder, PARAMS)
    report = build_index(corpus, tmp_path / "vectors", embedder, PARAMS)
    assert report.embedded == report.chunks > 0  # nothing reused from the old cleaning
    assert load_index(tmp_path / "vectors", embedder, PARAMS).chunks


def test_a_corpus_without_any_readable_document_is_an_error(tmp_path, embedder) -> None:
    from qa.errors import CorpusError

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "empty.txt").write_text("")
    with pytest.raises(CorpusError, match="no readable"):
        build_index(tmp_path / "corpus", tmp_path / "vectors", embedder, PARAMS)
    with pytest.raises(CorpusError, match="does not exist"):
        build_index(tmp_path / "missing", tmp_path / "vectors", embedder, PARAMS)
