"""Narrowing the reader's span to the typed answer inside it (qa.answering.narrow), without the model."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Sentence
from qa.answering.context import AnsweringContext
from qa.answering.narrow import typed_core
from qa.answering.question import parse
from qa.lexicon import Lexicon


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
    found = typed_core(question, text, sentence, context(), start, start + len(span))
    assert text[slice(*found)] == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("电台在哪些地方设有站台？", "苏溪镇、瓜沥镇和义乌"),  # a list asked for: every place of it
        ("电台在哪里设有站台？", "苏溪镇"),  # one place asked for: the first place named
    ],
)
def test_a_list_asked_for_is_not_narrowed_to_one_name(question: str, expected: str) -> None:
    text = "电台在苏溪镇、瓜沥镇和义乌均设有站台。"
    span = "苏溪镇、瓜沥镇和义乌"
    start = text.index(span)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    parsed = parse(question, context())
    found = typed_core(parsed, text, sentence, context(), start, start + len(span))
    assert text[slice(*found)] == expected


@pytest.mark.parametrize("span", ["美国得克萨斯州", "广东省海阳县", "美国西南部", "印度西太平洋海域"])
def test_a_place_inside_a_state_or_province_or_a_part_of_a_region_is_one_place(span: str) -> None:
    text = f"威克水槽位于{span}。"
    start = text.index(span)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    context = AnsweringContext.build(Lexicon(dict.fromkeys(("美国", "广东省", "广东", "印度"), "place")))
    question = parse("威克水槽在哪里？", context)
    assert text[slice(*typed_core(question, text, sentence, context, start, start + len(span)))] == span
