"""The OpenAI-compatible endpoint, driven by the official `openai` client over a real socket."""

from __future__ import annotations

import httpx
import openai
import pytest

QUESTION = "苏溪镇1-11月工业总产值是多少"


@pytest.fixture(scope="module")
def client(live_seed_server) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{live_seed_server.url}/v1", api_key="unused", max_retries=0, timeout=120)


def test_the_model_is_listed(client) -> None:
    assert [model.id for model in client.models.list()] == ["qa"]


def test_a_plain_completion_answers_with_a_numbered_citation(client) -> None:
    completion = client.chat.completions.create(
        model="qa", messages=[{"role": "user", "content": QUESTION}], temperature=0.7, max_tokens=50
    )
    content = completion.choices[0].message.content
    assert "393亿元" in content and "[1]" in content
    evidence = completion.model_extra["qa"]
    assert evidence["answerable"] is True
    citation = evidence["citations"][0]
    assert "393" in citation["quote"] and citation["quote"] in content.replace("\n", "")
    assert completion.choices[0].finish_reason == "stop"


def test_a_streamed_completion_sends_the_answer_then_its_sources(client) -> None:
    stream = client.chat.completions.create(
        model="qa", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert text.index("393亿元") < text.index("来源")
    assert len([c for c in chunks if c.choices[0].delta.content]) > 1  # it arrives in pieces
    evidence = chunks[-1].model_extra["qa"]
    assert evidence["answerable"] and "393" in evidence["citations"][0]["quote"]
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_a_follow_up_takes_its_subject_from_the_earlier_messages(client) -> None:
    completion = client.chat.completions.create(
        model="qa",
        messages=[
            {"role": "system", "content": "你是一个助手"},
            {"role": "user", "content": QUESTION},
            {"role": "assistant", "content": "393亿元"},
            {"role": "user", "content": [{"type": "text", "text": "那规上产值呢？"}]},
        ],
    )
    evidence = completion.model_extra["qa"]
    assert "苏溪镇" in evidence["standalone_question"] and "规上" in evidence["standalone_question"]
    assert evidence["answerable"] is True
    assert any(ch.isdigit() for ch in evidence["answer"])


def test_greetings_get_a_polite_reply_not_a_passage(client) -> None:
    completion = client.chat.completions.create(model="qa", messages=[{"role": "user", "content": "你好"}])
    evidence = completion.model_extra["qa"]
    assert evidence["answerable"] is False and evidence["citations"] == []
    assert "提问" in completion.choices[0].message.content


@pytest.mark.parametrize(
    "messages",
    [
        [],
        [{"role": "user", "content": ""}],
        [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "393亿元"}],
        [{"role": "wizard", "content": QUESTION}],
        [{"role": "user", "content": "x" * 2001}],
    ],
)
def test_bad_requests_get_an_openai_style_4xx(client, messages) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="qa", messages=messages)
    assert caught.value.status_code == 400
    assert caught.value.body["message"]  # the client parsed {"error": {"message": ...}}


def test_unknown_v1_paths_and_bad_json_keep_the_openai_error_shape(live_seed_server) -> None:
    missing = httpx.get(f"{live_seed_server.url}/v1/nothing")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "not_found_error"
    broken = httpx.post(
        f"{live_seed_server.url}/v1/chat/completions",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 400 and "JSON" in broken.json()["error"]["message"]
