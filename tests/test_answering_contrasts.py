"""Ordinals that contradict the question's: the figure of another edition is not the one asked."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Candidate, Sentence
from qa.answering.contrasts import ordinal_conflict
from qa.answering.question import parse

FAIR = "去年第二届年货节的销售额为1.88亿元,直播销售额为7600万元。"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("第一届年货节的销售额是多少？", "第二届"),
        ("首届年货节的销售额是多少？", "第二届"),  # 首届 is the first
        ("第二届年货节的销售额是多少？", None),
        ("第2届年货节的销售额是多少？", None),  # written in digits, the same edition
        ("年货节的销售额是多少？", None),  # no edition asked
        ("第一期工程的投资是多少？", None),  # another measure (期) than the sentence's (届)
    ],
)
def test_the_figure_of_another_edition_is_not_the_one_asked(question, found):
    sentence = Sentence("doc.txt", 0, len(FAIR), 0, 0, len(FAIR))
    start = FAIR.index("1.88亿元")
    cand = Candidate("1.88亿元", "number", start, start + len("1.88亿元"), sentence)
    assert ordinal_conflict(parse(question, context()), cand, FAIR) == found


def test_a_stage_without_di_is_an_ordinal_before_a_project():
    text = "其中一期工程投资12亿元,二期工程投资18亿元。"
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    start = text.index("12亿元")
    cand = Candidate("12亿元", "number", start, start + 4, sentence)
    # both stages are in the sentence, the one asked too: which figure is its is parallel_conflict's
    assert ordinal_conflict(parse("二期工程投资多少？", context()), cand, text) is None
    assert ordinal_conflict(parse("三期工程投资多少？", context()), cand, text) == "一期"
