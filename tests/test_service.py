"""End to end with the real model: question types, subjects, refusal, follow-ups, verbatim citations."""

from __future__ import annotations

import re

import pytest

from qa.errors import BadQuestion
from qa.service import QAService


@pytest.fixture(scope="module")
def service(store_service: QAService) -> QAService:
    """These tests run over each store (tests/conftest.py STORES)."""
    return store_service


def _assert_cited(service: QAService, reply) -> None:
    result = reply.answer
    assert result.citations, "every answer cites at least one passage"
    for citation in result.citations:
        raw = service.index.docs[citation.doc].raw
        assert raw[citation.start : citation.end] == citation.quote
        assert len(citation.quote) < 200, "a citation is a sentence or clause, not a page"
    quote = re.sub(r"\s+", "", "".join(c.quote for c in result.citations))
    for number in re.findall(r"\d+(?:\.\d+)?", result.text):
        assert number in quote, "a number in the answer must appear in its citation"


@pytest.mark.parametrize(
    ("question", "expected", "qtype"),
    [
        ("苏溪镇1-11月工业总产值是多少", "393亿元", "number"),
        ("畈田村共有多少户农户完成了新社区集聚签约？", "610户", "count"),
        ("苏溪镇规上工业企业研发费用同比增长多少？", "134%", "percent"),
        ("平湖市委常委会研究部署疫情防控和经济社会发展工作是哪天召开的？", "3月26日", "date"),
        ("平湖市委书记是谁？", "仲旭东", "person"),
        ("新浦复工复产督导服务团团长沈均达走访的是哪家企业？", "浪木集团", "org"),
        ("平湖华龙实业股份有限公司在哪个镇？", "新仓镇", "place"),
        ("平湖市委常委会要求推广使用的是什么码？", "嘉行码", "phrase"),
    ],
)
def test_each_question_type_is_answered_with_a_short_cited_span(service, question, expected, qtype):
    reply = service.ask(question)
    assert reply.answer.answerable, reply.answer.text
    assert expected in reply.answer.text and len(reply.answer.text) <= 2 * len(expected) + 2
    _assert_cited(service, reply)


def test_the_question_of_the_brief_cites_the_sentence_with_the_figure(service) -> None:
    reply = service.ask("苏溪镇1-11月工业总产值是多少")
    assert reply.answer.text == "393亿元"
    assert any("工业总产值393亿元" in c.quote for c in reply.answer.citations)


@pytest.mark.parametrize(
    ("question", "town_figure"),
    [("新仓镇规上企业的复工率是多少？", "99%"), ("截至2月22日遂昌企业的复工率是多少？", "93%")],
)
def test_the_subject_picks_the_towns_own_figure(service, question, town_figure) -> None:
    reply = service.ask(question)
    assert reply.answer.answerable and reply.answer.text == town_figure
    _assert_cited(service, reply)


@pytest.mark.parametrize(
    "question",
    [
        "苏溪镇2019年全年工业总产值是多少？",
        "慈溪市规上工业企业的复工率是多少？",
        "余姚市1-11月工业总产值是多少？",
    ],
)
def test_what_the_articles_do_not_say_is_refused_with_passages(service, question) -> None:
    reply = service.ask(question, top_k=3)
    assert not reply.answer.answerable
    assert not reply.answer.citations
    assert len(reply.answer.hits) == 3
    for number in re.findall(r"\d+", reply.answer.text):
        assert number in question, "a refusal states no figure of its own"


def test_a_follow_up_takes_its_subject_from_history(service) -> None:
    reply = service.ask("那规上产值呢？", history=["苏溪镇1-11月工业总产值是多少"])
    assert reply.answer.answerable and "305亿" in reply.answer.text
    assert "苏溪" in reply.standalone_question
    _assert_cited(service, reply)


def test_an_explicit_subject_wins_over_history(service) -> None:
    reply = service.ask("截至2月22日遂昌企业开工复工了多少家？", history=["苏溪镇1-11月工业总产值是多少"])
    assert "苏溪" not in reply.standalone_question
    assert reply.answer.text.startswith("299")


def test_an_english_question_is_answered_from_the_chinese_article(service) -> None:
    reply = service.ask("What was the total industrial output of Suxi town from January to November?")
    assert reply.answer.answerable and "393亿" in reply.answer.text
    _assert_cited(service, reply)


def test_top_k_sets_the_passages_but_not_the_answer(service) -> None:
    one = service.ask("苏溪镇1-11月工业总产值是多少", top_k=1)
    many = service.ask("苏溪镇1-11月工业总产值是多少", top_k=12)
    assert len(one.answer.hits) == 1 and len(many.answer.hits) == 12
    assert one.answer.text == many.answer.text
    scores = [hit.score for hit in many.answer.hits[1:]]
    assert scores == sorted(scores, reverse=True)


def test_the_batch_gives_what_single_questions_give(service) -> None:
    from qa.service import Question

    questions = ["平湖市委书记是谁？", "慈溪已复工企业有多少家？"]
    batch = service.ask_batch([Question(q) for q in questions])
    assert [r.answer.text for r in batch] == [service.ask(q).answer.text for q in questions]


@pytest.mark.parametrize(
    ("question", "top_k"),
    [
        ("", 5),
        ("   ", 5),
        ("问" * 2001, 5),
        ("苏溪", 0),
        ("苏溪", 51),
        ("\u200b\u200b", 5),
        ("\x00", 5),
        ("？！", 5),
        ("\ud800", 5),
    ],
)
def test_bad_questions_raise_a_typed_error(service, question, top_k) -> None:
    with pytest.raises(BadQuestion):
        service.ask(question, top_k=top_k)


def test_a_history_over_the_limit_is_refused_by_the_library_as_by_the_schema() -> None:
    from api.schemas import AskRequest
    from qa.limits import MAX_HISTORY
    from qa.service import Question, validate

    history = ("苏溪镇工业总产值是多少？",) * (MAX_HISTORY + 1)
    with pytest.raises(BadQuestion, match=str(MAX_HISTORY)):
        validate(Question("那去年呢？", history))
    validate(Question("那去年呢？", history[:MAX_HISTORY]))  # at the limit: accepted
    assert AskRequest.model_json_schema()["properties"]["history"]["maxItems"] == MAX_HISTORY
