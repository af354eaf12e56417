"""The HTTP contract: POST /ask, GET /health, GET /documents, and every bad input as a readable 4xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture(scope="module")
def client(settings, service):
    with TestClient(create_app(settings, service=service)) as test_client:
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


def test_health_is_503_with_the_command_to_run_when_there_is_no_index(settings, tmp_path) -> None:
    empty = settings.model_copy(update={"index_dir": tmp_path / "none"})
    app = create_app(empty)
    with TestClient(app) as test_client:
        app.state.loader.join(timeout=120)
        response = test_client.get("/health")
        assert response.status_code == 503
        assert "qa index" in response.json()["detail"]
        ask = test_client.post("/ask", json={"question": "苏溪镇工业总产值是多少"})
        assert ask.status_code == 503 and "qa index" in ask.json()["detail"]


def test_openapi_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200
    assert "/ask" in client.get("/openapi.json").json()["paths"]
