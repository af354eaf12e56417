"""The HTTP contract: POST /ask, GET /health, GET /documents, and every bad input as a readable 4xx."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from qa.wiring import build_index


@pytest.fixture(scope="module")
def client(settings, service):
    with TestClient(create_app(settings, service=service), base_url="http://localhost") as test_client:
        yield test_client


def test_ask_answers_with_verbatim_citations_and_passages(client, service) -> None:
    response = client.post("/ask", json={"question": "苏溪镇1-11月工业总产值是多少", "top_k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is True
    assert "393亿" in body["answer"]
    assert len(body["passages"]) == 3
    for citation in body["citations"]:
        raw = service.index.docs[citation["doc"]].raw
        assert raw[citation["start"] : citation["end"]] == citation["quote"]
    assert any("393" in c["quote"] for c in body["citations"])
    assert {"doc", "start", "end", "text", "score"} <= set(body["passages"][0])


def test_follow_up_uses_history(client) -> None:
    body = client.post(
        "/ask", json={"question": "那规上产值呢？", "history": ["苏溪镇1-11月工业总产值是多少"]}
    ).json()
    assert body["answerable"] and "305" in body["answer"]


def test_health_and_documents(client, service) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["documents"] == 5 and health.json()["chunks"] == len(service.index.chunks)
    documents = client.get("/documents").json()
    assert {d["doc"] for d in documents} == set(service.index.docs)
    assert all(len(d["sha256"]) == 64 and d["chunks"] > 0 for d in documents)
    assert all(d["headline"] and d["indexed_at"] for d in documents)


def test_a_document_is_read_whole_and_its_citations_index_into_its_raw_text(client) -> None:
    reply = client.post("/ask", json={"question": "苏溪镇1-11月工业总产值是多少"}).json()
    citation = reply["citations"][0]
    document = client.get(f"/documents/{citation['doc']}").json()
    assert document["text"][citation["start"] : citation["end"]] == citation["quote"]
    assert 0 < len(document["headline"]) <= 80
    assert len(document["text"]) == document["chars"]
    for unknown in ("nothing.txt", "../seeds/x.txt", "a/b"):
        missing = client.get(f"/documents/{unknown}")
        assert missing.status_code == 404 and missing.json()["detail"]
    assert "no indexed document" in client.get("/documents/nothing.txt").json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "phrase"),
    [
        ({"question": ""}, 422, "empty"),
        ({"question": "   \n "}, 422, "empty"),
        ({"question": "问" * 2001}, 422, "2000"),
        ({"question": 123}, 422, "question"),
        ({"question": "苏溪", "top_k": 0}, 422, "top_k"),
        ({"question": "苏溪", "top_k": 51}, 422, "top_k"),
        ({"question": "苏溪", "top_k": "5"}, 422, "top_k"),
        ({"question": "苏溪", "history": "苏溪镇"}, 422, "history"),
        ({"question": "苏溪", "colour": "red"}, 422, "colour"),
        ({}, 422, "question"),
        # valid JSON whose message happens to read like a parse error is still a 422
        ({"question": "苏溪", "the request body is not valid JSON": 1}, 422, "not permitted"),
    ],
)
def test_bad_input_is_a_readable_4xx(client, body, status, phrase) -> None:
    response = client.post("/ask", json=body)
    assert response.status_code == status
    assert phrase in response.json()["detail"]


def test_invalid_json_is_a_400(client) -> None:
    response = client.post("/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def _wait_for(check, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_the_server_waits_for_an_index_then_follows_each_new_generation(settings, embedder, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = sorted(settings.corpus_dir.glob("*.txt"))[0]
    (corpus / seed.name).write_text(seed.read_text(encoding="utf-8")[:600], encoding="utf-8")
    live = settings.model_copy(
        update={"index_dir": tmp_path / "vectors", "corpus_dir": corpus, "reload_seconds": 0.2}
    )
    app = create_app(live)
    with TestClient(app, base_url="http://localhost") as client:
        _wait_for(lambda: not app.state.loader.is_alive())
        response = client.get("/health")
        assert response.status_code == 503 and "qa index" in response.json()["detail"]
        ask = client.post("/ask", json={"question": "苏溪镇工业总产值是多少"})
        assert ask.status_code == 503 and "qa index" in ask.json()["detail"]

        build_index(live, embedder)
        _wait_for(lambda: client.get("/health").status_code == 200)
        first = client.get("/health").json()
        assert first["documents"] == 1

        (corpus / "extra.txt").write_text("本报讯 桃花镇今年新建公园3座。", encoding="utf-8")
        build_index(live, embedder)
        _wait_for(lambda: client.get("/health").json()["generation"] != first["generation"])
        assert client.get("/health").json()["documents"] == 2
        assert "extra.txt" in {d["doc"] for d in client.get("/documents").json()}


def test_openapi_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200
    assert "/ask" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    "raw_body",
    [
        b'{"question": "\\ud800"}',
        b'{"question": "\\u200b\\u200b"}',
        b'{"question": "\\u0000"}',
        b'{"question": "?!"}',
        b'{"question": "x", "top_k": NaN}',
        b'{"question": "x", "top_k": Infinity}',
        b'{"question": NaN}',
        b'{"question": "x", "history": ["\\udfff"]}',
        b'{"\\ud800": 1, "question": "x"}',
    ],
)
def test_hostile_bodies_get_a_4xx_that_echoes_nothing(client, raw_body) -> None:
    response = client.post("/ask", content=raw_body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    body = response.json()
    assert body["detail"]
    assert all(set(error) <= {"loc", "msg", "type"} for error in body.get("errors", []))
    assert client.post("/ask", json={"question": "苏溪镇1-11月工业总产值是多少"}).status_code == 200


def test_a_huge_invalid_body_is_not_echoed_back(client) -> None:
    response = client.post("/ask", json={"question": "x", "history": ["问" * 3000] * 40})
    assert response.status_code == 422
    assert len(response.content) < 20_000


def test_an_oversized_body_gets_413_before_it_is_read(client) -> None:
    big = b'{"question": "' + b"x" * 1_200_000 + b'"}'
    assert client.post("/ask", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks():
        yield b'{"question": "'
        for _ in range(40):
            yield b"y" * 50_000
        yield b'"}'

    streamed = client.post("/ask", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "bytes" in streamed.json()["detail"]
    assert client.post("/ask", json={"question": "苏溪镇1-11月工业总产值是多少"}).status_code == 200


def test_the_watcher_survives_a_broken_generation_and_follows_the_next(settings, embedder, tmp_path):
    import shutil

    from qa.store import CURRENT_FILE, current_generation

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("本报讯 桃花镇今年新建公园3座,种树1200棵。", encoding="utf-8")
    live = settings.model_copy(
        update={"index_dir": tmp_path / "vectors", "corpus_dir": corpus, "reload_seconds": 0.2}
    )
    build_index(live, embedder)
    app = create_app(live)
    with TestClient(app, base_url="http://localhost") as client:
        _wait_for(lambda: client.get("/health").status_code == 200)
        served = client.get("/health").json()["generation"]
        broken = current_generation(live.index_dir).parent / "broken"
        shutil.copytree(current_generation(live.index_dir), broken)
        for path in broken.iterdir():
            if path.name != "manifest.json":
                path.unlink()  # a generation whose data files went missing
        (live.index_dir / CURRENT_FILE).write_text("broken", encoding="utf-8")
        _wait_for(lambda: client.get("/health").json()["status"] == "degraded")
        health = client.get("/health").json()
        assert health["reason"] and health["generation"] == served, "the previous one is still served"
        assert client.post("/ask", json={"question": "桃花镇今年新建了几座公园？"}).status_code == 200

        build_index(live, embedder, rebuild=True)
        _wait_for(lambda: client.get("/health").json()["status"] == "ok")
        assert client.get("/health").json()["generation"] not in (served, "broken")
