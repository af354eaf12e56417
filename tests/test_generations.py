"""Index generations on disk: a served generation is never pruned; a no-op build clears stale builds."""

from __future__ import annotations

import os
import subprocess

from qa.index import build_index
from qa.store import GENERATIONS, current_generation, mark_served, new_build_folder, publish
from tests.test_index import PARAMS, _small_corpus


def _publish_dummy(index_dir) -> str:
    folder = new_build_folder(index_dir)
    (folder / "manifest.json").write_text("{}")
    return publish(index_dir, folder).name


def _names(index_dir) -> set[str]:
    return {p.name for p in (index_dir / GENERATIONS).iterdir()}


def test_a_generation_a_running_server_holds_is_never_pruned(tmp_path) -> None:
    index_dir = tmp_path / "vectors"
    served = _publish_dummy(index_dir)
    mark_served(index_dir, index_dir / GENERATIONS / served)  # this process "serves" it
    newer = [_publish_dummy(index_dir) for _ in range(4)]
    assert served in _names(index_dir)
    assert _names(index_dir) == {served, *newer[-2:]}  # the others go as before

    mark_served(index_dir, None)
    _publish_dummy(index_dir)
    assert served not in _names(index_dir)


def test_the_marker_of_an_exited_server_holds_nothing(tmp_path) -> None:
    index_dir = tmp_path / "vectors"
    served = _publish_dummy(index_dir)
    gone = subprocess.Popen(["true"])
    gone.wait()
    mark_served(index_dir, index_dir / GENERATIONS / served, pid=gone.pid)
    for _ in range(3):
        _publish_dummy(index_dir)
    assert served not in _names(index_dir)
    assert not (index_dir / "serving" / str(gone.pid)).exists()


def test_a_no_op_index_removes_stale_build_folders(tmp_path, seed_corpus, embedder) -> None:
    corpus = _small_corpus(tmp_path / "corpus", seed_corpus)
    index_dir = tmp_path / "vectors"
    build_index(corpus, index_dir, embedder, PARAMS)
    before = current_generation(index_dir)
    stale = index_dir / GENERATIONS / ".tmp-deadbeef"
    stale.mkdir()
    (stale / "vectors.faiss").write_bytes(os.urandom(64))
    report = build_index(corpus, index_dir, embedder, PARAMS)
    assert report.embedded == 0 and current_generation(index_dir) == before
    assert not stale.exists()
