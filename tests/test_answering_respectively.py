"""A 分别 run gives each item's figure: the figure outside it is none of the items the run names."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Candidate, Sentence
from qa.answering.question import parse
from qa.answering.respectively import respective_conflict

JOBS = "直接就业的791人中,对口就业的有683人,对口就业率86.3%,2022届、2023届分别为79.5%和83.1%。"


def _conflict(question: str, figure: str, text: str = JOBS) -> str | None:
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    start = text.index(figure)
    cand = Candidate(figure, "percent", start, start + len(figure), sentence)
    return respective_conflict(parse(question, context()), cand, text)


@pytest.mark.parametrize(
    ("question", "figure", "found"),
    [
        ("职业中专2023届毕业生的对口就业率是多少？", "86.3%", "2023届"),  # the run gives 2023届's
        ("职业中专2023届毕业生的对口就业率是多少？", "83.1%", None),
        ("职业中专2023届毕业生的对口就业率是多少？", "79.5%", "2023届"),  # another item's, in the run
        ("职业中专今年的对口就业率是多少？", "86.3%", None),  # no item of the run asked
        ("职业中专2023届直接就业的有多少人？", "791人", None),  # another unit than the run's
    ],
)
def test_the_figure_outside_a_respective_run_is_none_of_its_items(question, figure, found):
    assert _conflict(question, figure) == found


def test_the_asked_items_figure_is_read_from_the_run_for_a_figure_outside_it():
    from qa.answering.respectively import respective_figure

    question = parse("职业中专2023届毕业生的对口就业率是多少？", context())
    found = respective_figure(question, JOBS, 0, len(JOBS), JOBS.index("86.3%"))
    assert found is not None and JOBS[slice(*found)] == "83.1%"
    unasked = parse("职业中专今年的对口就业率是多少？", context())
    assert respective_figure(unasked, JOBS, 0, len(JOBS), JOBS.index("86.3%")) is None
