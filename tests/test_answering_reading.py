"""How the reader's span becomes a candidate answer (qa.answering.reading), without the model."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Sentence
from qa.answering.question import parse
from qa.answering.reading import _typed_core


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("苏溪镇湿地公园", "苏溪镇湿地公园"),  # a venue in a place is one place
        ("苏溪镇体育馆", "苏溪镇体育馆"),
        ("苏溪镇赛区选手", "苏溪镇"),  # a place and the words after it: the place
    ],
)
def test_a_place_read_whole_keeps_its_venue(span: str, expected: str) -> None:
    text = f"比赛终点设在{span}。"
    start = text.index(span)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    question = parse("比赛终点设在什么地方？", context())
    found = _typed_core(question, text, sentence, context(), start, start + len(span))
    assert text[slice(*found)] == expected
