"""Answer extraction on real seed sentences: types, subject constraint, refusal, follow-ups, citations."""

from __future__ import annotations

import re
import time

import pytest
from test_answering_helpers import corpus, retrieve

from qa.answering import answer, contextualise
from qa.types import Answer


def ask(question: str, history: tuple[str, ...] = ()) -> Answer:
    docs, _, lexicon = corpus()
    standalone = contextualise(question, history, lexicon)
    return answer(standalone, retrieve(standalone), docs, lexicon)


def assert_cited(result: Answer) -> None:
    docs = corpus()[0]
    assert result.answerable and result.citations
    for citation in result.citations:
        assert docs[citation.doc].raw[citation.start : citation.end] == citation.quote
        assert len(citation.quote) < 120  # the clause, not the page
    quote = re.sub(r"\s+", "", result.citations[0].quote)
    for number in re.findall(r"\d+(?:\.\d+)?", result.text):
        assert number in quote


@pytest.mark.parametrize(
    ("question", "expected", "qtype"),
    [
        ("1-11月苏溪镇工业总产值是多少？", "393亿元", "number"),
        ("苏溪镇规上工业企业研发费用多少？", "8.8亿元", "number"),
        ("苏溪镇1-11月规上产值是多少？", "305亿元", "number"),
        ("慈溪已复工企业有多少家？", "28913家", "number"),
        ("天合光能义乌基地的月产能达到多少？", "7亿瓦", "number"),
        ("新仓镇规上企业的复工率是多少？", "99%", "percent"),
        ("截至2月22日遂昌企业的复工率是多少？", "93%", "percent"),
        ("慈溪最后1例新冠肺炎确诊患者是哪天治愈出院的？", "3月9日", "date"),
        ("平湖市委书记是谁？", "仲旭东", "person"),
        ("瓜沥镇党委书记是谁？", "姚鉴", "person"),
        ("平湖华龙实业股份有限公司在哪个镇？", "新仓", "place"),
    ],
)
def test_typed_answers(question: str, expected: str, qtype: str) -> None:
    result = ask(question)
    assert result.question_type == qtype
    assert expected in result.text and len(result.text) <= len(expected) + 4
    assert_cited(result)


def test_phrase_question_returns_a_short_span() -> None:
    result = ask("平湖市委常委会要求推广使用的是什么码？")
    assert result.answerable and "嘉行码" in result.text and len(result.text) < 30


def test_subject_must_hold_town_against_town() -> None:
    assert "99%" in ask("新仓镇规上企业的复工率是多少？").text
    assert "93%" in ask("遂昌企业的复工率是多少？").text
    # 苏溪's output figure must not answer a question about 慈溪
    result = ask("慈溪1-11月工业总产值是多少？")
    assert not result.answerable or "393" not in result.text


@pytest.mark.parametrize(
    "question",
    [
        "苏溪镇2019年全年工业总产值是多少？",
        "余姚市已复工企业有多少家？",
        "截至3月1日遂昌企业的复工率是多少？",
    ],
)
def test_refusal_keeps_hits(question: str) -> None:
    result = ask(question)
    assert not result.answerable
    assert result.citations == ()
    assert result.hits and "没有找到" in result.text


def test_follow_up_carries_subject_and_period() -> None:
    lexicon = corpus()[2]
    standalone = contextualise("那规上产值呢？", ["苏溪镇1-11月工业总产值是多少"], lexicon)
    assert "苏溪镇" in standalone and "1-11月" in standalone and "规上产值" in standalone
    assert "305亿元" in ask("那规上产值呢？", ("苏溪镇1-11月工业总产值是多少",)).text


def test_follow_up_with_its_own_subject_is_unchanged() -> None:
    lexicon = corpus()[2]
    assert (
        contextualise("新仓镇的复工率是多少？", ["遂昌企业开工复工了多少家？"], lexicon)
        == "新仓镇的复工率是多少？"
    )
    assert contextualise("复工率是多少？", [], lexicon) == "复工率是多少？"


def test_english_question() -> None:
    docs, _, lexicon = corpus()
    # bigram retrieval cannot match English; give the passage as a real retriever would
    hits = retrieve("苏溪镇1-11月工业总产值")
    result = answer(
        "What was the total industrial output of Suxi town from January to November?", hits, docs, lexicon
    )
    assert result.text == "393亿元"
    assert_cited(result)


def test_extraction_is_fast() -> None:
    docs, _, lexicon = corpus()
    questions = ["苏溪镇规上工业企业研发费用多少？", "平湖市委书记是谁？", "新仓镇规上企业的复工率是多少？"]
    prepared = [(q, retrieve(q)) for q in questions]
    answer(questions[0], prepared[0][1], docs, lexicon)  # first call sets up jieba
    started = time.perf_counter()
    for _ in range(10):
        for question, hits in prepared:
            answer(question, hits, docs, lexicon)
    assert (time.perf_counter() - started) / 30 < 0.005
