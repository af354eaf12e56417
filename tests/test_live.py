"""The service across a real socket: a uvicorn process, not the in-process client."""

from __future__ import annotations

import httpx


def test_a_live_server_answers_with_a_verbatim_citation(live_seed_server) -> None:
    reply = httpx.post(
        f"{live_seed_server.url}/ask", json={"question": "苏溪镇1-11月工业总产值是多少"}, timeout=60
    ).json()
    assert "393亿元" in reply["answer"]
    assert reply["answerable"] is True
    assert any("393" in citation["quote"] for citation in reply["citations"])
