"""Load: concurrent questions are answered in batches; a full queue is a quick 503 with Retry-After."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from qa.batching import AskBatcher, BatchParams
from qa.errors import BadQuestion, Overloaded
from qa.service import Question
from tests.live import live_server

QUESTIONS = ["苏溪镇1-11月工业总产值是多少", "苏溪镇规上工业产值是多少", "义乌第一家产值超百亿企业在哪里"]


def test_questions_asked_together_are_answered_in_fewer_model_calls(service) -> None:
    batch_sizes: list[int] = []

    def answer_batch(questions):
        batch_sizes.append(len(questions))
        return service.ask_batch(questions)

    async def ask_all():
        batcher = AskBatcher(answer_batch, BatchParams(max_queue=32, max_batch=8, window_seconds=0.05))
        replies = await asyncio.gather(*(batcher.ask(Question(q)) for q in QUESTIONS * 2))
        await batcher.stop()
        return replies

    replies = asyncio.run(ask_all())
    assert sum(batch_sizes) == 6 and len(batch_sizes) < 6, batch_sizes
    assert "393亿" in replies[0].answer.text and "393亿" in replies[3].answer.text
    assert [r.standalone_question for r in replies] == QUESTIONS * 2  # each reply goes to its asker


def test_a_bad_question_is_refused_before_it_can_spoil_a_batch(service) -> None:
    async def ask_bad():
        batcher = AskBatcher(service.ask_batch)
        try:
            with pytest.raises(BadQuestion):
                await batcher.ask(Question("？？？"))
            return await batcher.ask(Question(QUESTIONS[0]))
        finally:
            await batcher.stop()

    assert "393亿" in asyncio.run(ask_bad()).answer.text


def test_a_full_queue_refuses_at_once(service) -> None:
    async def overflow():
        batcher = AskBatcher(service.ask_batch, BatchParams(max_queue=1, max_batch=1))
        tasks = [asyncio.create_task(batcher.ask(Question(QUESTIONS[0]))) for _ in range(6)]
        results = await asyncio.gather(*tasks, return_exceptions=True)
        await batcher.stop()
        return results

    results = asyncio.run(overflow())
    refused = [r for r in results if isinstance(r, Overloaded)]
    assert refused and all(r.retry_after >= 1 for r in refused)
    assert any(not isinstance(r, Exception) and "393亿" in r.answer.text for r in results)


def test_a_live_server_under_overload_answers_503_with_retry_after_never_a_timeout(
    settings, seed_index, tmp_path
) -> None:
    env = {
        "QA_CORPUS_DIR": str(settings.corpus_dir),
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_MODEL_CACHE": str(settings.model_cache),
        "QA_MAX_QUEUE": "2",
        "QA_MAX_BATCH": "2",
    }

    async def burst(url: str):
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            asks = [client.post("/ask", json={"question": QUESTIONS[i % 3]}) for i in range(24)]
            health = asyncio.create_task(client.get("/health"))
            replies = await asyncio.gather(*asks)
            return replies, await health

    async def streamed_burst(url: str):
        body = {"model": "qa", "stream": True, "messages": [{"role": "user", "content": QUESTIONS[0]}]}
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            return await asyncio.gather(*(client.post("/v1/chat/completions", json=body) for _ in range(16)))

    with live_server(env, tmp_path / "server.log") as server:
        replies, health = asyncio.run(burst(server.url))
        streamed = asyncio.run(streamed_burst(server.url))
        after = httpx.post(f"{server.url}/ask", json={"question": QUESTIONS[0]}, timeout=60)
    # streamed chat waits in the same queue: refused with a 503 before its stream begins
    assert sorted({r.status_code for r in streamed}) == [200, 503]
    for reply in streamed:
        if reply.status_code == 503:
            assert reply.json()["error"]["message"] and int(reply.headers["retry-after"]) >= 1
        else:
            assert "393亿" in reply.text and reply.text.rstrip().endswith("data: [DONE]")
    statuses = sorted({r.status_code for r in replies})
    assert statuses == [200, 503], statuses
    for reply in replies:
        if reply.status_code == 503:
            assert int(reply.headers["retry-after"]) >= 1 and "busy" in reply.json()["detail"]
    assert health.status_code == 200
    assert after.status_code == 200 and "393亿" in after.json()["answer"]
