"""The body limit on a bare app: 413 from Content-Length or from the streamed chunks."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from api.limits import BodyLimit


def _client(limit: int) -> TestClient:
    app = FastAPI()
    app.add_middleware(BodyLimit, max_bytes=limit)

    @app.post("/echo")
    async def echo(request: Request) -> dict:
        return {"size": len(await request.body())}

    return TestClient(app)


def test_bodies_up_to_the_limit_pass():
    assert _client(1000).post("/echo", content=b"x" * 1000).json() == {"size": 1000}


def test_a_declared_length_over_the_limit_is_refused_at_once():
    response = _client(1000).post("/echo", content=b"x" * 1001)
    assert response.status_code == 413 and "1000 bytes" in response.json()["detail"]


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit():
    def chunks():
        for _ in range(100):
            yield b"y" * 100

    response = _client(1000).post("/echo", content=chunks())
    assert response.status_code == 413
