"""What a figure measures: its unit against the one asked, a length never answered by an area or a volume."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Sentence, typed
from qa.answering.measured import unit_conflict
from qa.answering.question import parse


@pytest.mark.parametrize(
    ("question", "answer", "conflicts"),
    [
        ("大坝的最大坝高是多少米？", "2860立方米", True),  # a volume is no height
        ("大坝的最大坝高是多少米？", "62.5米", False),
        ("新建的步道有多少公里？", "3.2平方公里", True),  # an area is no length
        ("新建的步道有多少公里？", "12.5千米", False),  # the same measure in another unit
        ("新公园占地多少平方米？", "8640平方米", False),
        ("水库的库容是多少立方米？", "8640万立方米", False),
    ],
)
def test_a_length_is_not_answered_by_an_area_or_a_volume(question, answer, conflicts):
    assert unit_conflict(parse(question, context()), answer) is conflicts


def test_a_volume_is_read_with_its_unit():
    text = "青岭水库建成于1978年,总库容8640万立方米,是一座中型水库。"
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    figures = [cand.text for cand in typed(text, sentence, ["number"], context())]
    assert "8640万立方米" in figures
