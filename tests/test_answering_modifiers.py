"""A figure of another kind of the noun the question measures (小学新生 for 初一新生) is not its answer."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Candidate, Sentence
from qa.answering.modifiers import modifier_conflict
from qa.answering.question import parse

PUPILS = "老城区受人口外迁影响,预计小学新生为3450人,比今年减少约380人。"
CARGO = "今年1至11月,青港累计完成货物吞吐量1.826亿吨,同比增长6.8%。"
INCOME = "全年农民人均可支配收入达到21836元,同比增长7.2%。"
ROADS = "全县完成农村公路建设投资4.87亿元,同比增长13.2%。"
BUDGET = "项目估算总投资63.7亿元,计划工期36个月。"


def _conflict(question: str, text: str, figure: str) -> str | None:
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    start = text.index(figure)
    cand = Candidate(figure, "number", start, start + len(figure), sentence)
    return modifier_conflict(parse(question, context()), cand, text)


@pytest.mark.parametrize(
    ("question", "text", "figure", "found"),
    [
        ("老城区明年预计有多少初一新生？", PUPILS, "3450人", "小学新生"),
        ("老城区明年预计有多少小学新生？", PUPILS, "3450人", None),
        ("老城区明年预计有多少新生？", PUPILS, "3450人", None),  # no kind asked
        ("青港1至11月液化天然气吞吐量是多少？", CARGO, "1.826亿吨", "货物吞吐量"),
        ("青港1至11月货物吞吐量是多少？", CARGO, "1.826亿吨", None),
        # the same people said shorter (农民 for 农村居民): they share their characters
        ("全年农村居民人均可支配收入是多少？", INCOME, "21836元", None),
        # a change is no measured noun; 同比 is no kind of growth
        ("农村公路建设投资比前年增长了多少？", ROADS, "13.2%", None),
        # the subject, called 项目 in the article, is no kind of investment
        ("这条快速通道估算总投资是多少？", BUDGET, "63.7亿元", None),
    ],
)
def test_a_figure_of_another_kind_of_the_measured_noun_is_not_the_answer(question, text, figure, found):
    assert _conflict(question, text, figure) == found


def test_a_quantifier_is_no_kind_of_the_noun():
    text = "主办方增设最佳创意奖3名,每名奖金NT$25,000。"
    # 每名奖金 is each winner's prize, not a kind of prize the question would have to name
    assert _conflict("大赛增加的奖项奖金是多少？", text, "NT$25,000") is None
