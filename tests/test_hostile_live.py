"""Hostile inputs against a real `qa index` and a real `qa serve`: each gets its 4xx (or its skip),
and the server still answers afterwards."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys

import httpx
import pytest

from tests.live import ROOT, live_server

ARTICLE = "本报讯 柳塘镇今年新建污水处理厂2座，日处理能力1.5万吨。\n该镇还改造老旧管网18公里。\n"
QUESTION = {"question": "柳塘镇今年新建了几座污水处理厂？"}


def _hostile_corpus(folder, outside) -> None:
    folder.mkdir()
    (folder / "news.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text("# 柳塘镇\n\n柳塘镇老旧管网改造已完成。\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "outside.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    try:
        os.mknod(folder / "device.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero
    except PermissionError:
        (folder / "device.txt").symlink_to(folder / "pipe.txt")  # without root: a link to the FIFO
    (folder / "huge.txt").write_text(ARTICLE * 400, encoding="utf-8")  # ~44 KB, over the limit below
    (folder / "controls.txt").write_bytes(bytes(range(1, 9)) * 2500)
    (folder / "nul.txt").write_bytes(ARTICLE.encode() + b"\x00" * 100)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")


@pytest.fixture(scope="module")
def hostile(settings, tmp_path_factory):
    """`qa index` over a corpus of hostile files (must finish, naming each skip once), then a server."""
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "secret.txt"
    outside.write_text("机密：不得索引", encoding="utf-8")
    corpus = base / "corpus"
    _hostile_corpus(corpus, outside)
    env = {
        "QA_CORPUS_DIR": str(corpus),
        "QA_INDEX_DIR": str(base / "vectors"),
        "QA_MODEL_CACHE": str(settings.model_cache),
        "QA_MAX_DOCUMENT_BYTES": "30000",
        "QA_MAX_BODY_BYTES": "20000",
    }
    indexed = subprocess.run(
        [sys.executable, "-m", "qa.cli", "index", "--json"],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    with live_server(env, base / "server.log") as server:
        yield server, indexed


def test_hostile_corpus_files_are_skipped_and_named_once(hostile) -> None:
    _, indexed = hostile
    assert indexed.returncode == 0, indexed.stderr
    report = json.loads(indexed.stdout)
    reasons = {item["path"]: item["reason"] for item in report["skipped"]}
    assert report["added"] == 2  # news.txt and notes.md
    assert "outside the corpus" in reasons["passwd.txt"] and "outside the corpus" in reasons["zero.txt"]
    assert "outside the corpus" in reasons["outside.txt"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "not a regular file" in reasons["device.txt"]
    assert "QA_MAX_DOCUMENT_BYTES" in reasons["huge.txt"]
    assert "binary" in reasons["controls.txt"] and "NUL" in reasons["nul.txt"]
    assert "not a .txt or .md" in reasons["image.png"]
    for name in reasons:
        assert indexed.stderr.count(f"skipped {name}:") == 1, indexed.stderr


def test_the_served_index_holds_none_of_the_refused_files(hostile) -> None:
    server, _ = hostile
    documents = {d["doc"] for d in httpx.get(f"{server.url}/documents", timeout=30).json()}
    assert documents == {"news.txt", "notes.md"}


HOSTILE_BODIES = [
    (b"{not json", 400),
    (b"\xff\xfe\x00garbage", 400),
    (b'{"question": "' + "问".encode() * 10 + b'"' * 3, 400),
    (b"[]", 422),
    (b"null", 422),
    (json.dumps({"question": ""}).encode(), 422),
    (json.dumps({"question": "\u200b\u200b"}).encode(), 422),
    (json.dumps({"question": "？！。"}).encode(), 422),
    (b'{"question": "\\ud800"}', 422),
    (json.dumps({"question": "问" * 2001}).encode(), 422),
    (json.dumps({"question": "问", "top_k": 10**30}).encode(), 422),
    (json.dumps({"question": "问", "history": ["x"] * 51}).encode(), 422),
    (b'{"question": "' + b"a" * 30000 + b'"}', 413),
]


@pytest.mark.parametrize(("body", "status"), HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_bodies_get_their_4xx_and_the_server_goes_on(hostile, body, status) -> None:
    server, _ = hostile
    response = httpx.post(
        f"{server.url}/ask", content=body, headers={"content-type": "application/json"}, timeout=60
    )
    assert response.status_code == status, response.text
    assert response.json()["detail"] and len(response.text) < 5000  # readable, input not echoed
    assert httpx.get(f"{server.url}/health", timeout=5).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example:80", ""])
def test_a_foreign_host_header_is_a_400(hostile, host) -> None:
    server, _ = hostile
    response = httpx.post(f"{server.url}/ask", json=QUESTION, headers={"host": host}, timeout=30)
    assert response.status_code == 400 and "Host" in response.json()["detail"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]:8000", "LOCALHOST:1"])
def test_loopback_host_names_are_served(hostile, host) -> None:
    server, _ = hostile
    assert httpx.get(f"{server.url}/health", headers={"host": host}, timeout=30).status_code == 200


def test_a_client_that_stops_halfway_leaves_the_server_answering(hostile) -> None:
    server, _ = hostile
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.sendall(
            b"POST /ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b'Content-Length: 5000\r\n\r\n{"question": "'
        )
    reply = httpx.post(f"{server.url}/ask", json=QUESTION, timeout=60)
    assert reply.status_code == 200 and reply.json()["passages"][0]["doc"] == "news.txt", reply.text


def test_ready_and_health_after_all_of_it(hostile) -> None:
    server, _ = hostile
    assert httpx.get(f"{server.url}/ready", timeout=5).json()["status"] == "ready"
    health = httpx.get(f"{server.url}/health", timeout=5).json()
    assert health["status"] == "ok" and health["documents"] == 2
    # The server's own start-up check skips what `qa index` skipped (huge.txt is over the server's
    # QA_MAX_DOCUMENT_BYTES too): it found nothing to index. It used to index huge.txt under the
    # default limit, a few seconds after it began serving.
    log = server.log.read_text(encoding="utf-8")
    assert "does not hold yet" not in log
    assert "Batches" not in log  # no progress bars for the questions' embeddings in the server's log
