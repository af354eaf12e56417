"""Greetings and chit-chat are recognised as such; questions that merely start politely are not."""

from __future__ import annotations

import pytest

from qa.answering.smalltalk import small_talk_reply


@pytest.mark.parametrize(
    "message", ["你好", "您好！", "早上好呀", "谢谢你！😊", "再见", "你是谁？", "Hello!", "thanks"]
)
def test_small_talk_gets_a_reply(message: str) -> None:
    assert small_talk_reply(message)


@pytest.mark.parametrize(
    "message", ["你好,请问苏溪镇产值是多少", "hi, what was the output in November?", "桃花镇", "好多少", "谁"]
)
def test_questions_are_not_small_talk(message: str) -> None:
    assert small_talk_reply(message) is None


def test_the_reply_follows_the_language_of_the_message() -> None:
    assert any("\u4e00" <= char <= "\u9fff" for char in small_talk_reply("谢谢"))
    assert small_talk_reply("thank you").isascii()


@pytest.fixture(scope="module")
def service(store_service):
    """The tests that answer run over each store (tests/conftest.py STORES)."""
    return store_service


def test_a_greeting_is_not_answered_from_the_articles(service) -> None:
    reply = service.ask("你好")
    assert not reply.answer.answerable and reply.answer.citations == () and reply.answer.hits == ()
    assert reply.answer.question_type == "chitchat"


def test_a_batch_mixing_small_talk_and_questions_keeps_their_order(service) -> None:
    from qa.service import Question

    questions = [Question("谢谢"), Question("苏溪镇1-11月工业总产值是多少"), Question("再见")]
    replies = service.ask_batch(questions)
    assert [reply.answer.answerable for reply in replies] == [False, True, False]
    assert "393亿元" in replies[1].answer.text and replies[2].answer.text == "再见！"
