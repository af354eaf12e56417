"""A description asked for gets the reader's fuller span (qa.answering.fuller), without the model."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.fuller import asks_description, fuller_first
from qa.answering.question import parse
from qa.reader.decode import SpanGuess
from qa.types import Chunk, Hit

PASSAGE = "青禾纸业关闭旧厂,因原料价格上涨、订单减少,难以为继。新厂位于桐江。"
READ = [(Hit(Chunk("doc.txt#0", "doc.txt", 0, len(PASSAGE), PASSAGE, 0, len(PASSAGE)), 1.0), PASSAGE)]


def _guess(span: str, score: float) -> tuple[SpanGuess, int]:
    start = PASSAGE.index(span)
    return SpanGuess(0, start, start + len(span), score, score - 5.0), 0


def _first(question: str, guesses: list[tuple[SpanGuess, int]], gap: float = 0.5) -> str:
    ranked = fuller_first(parse(question, context()), guesses, READ, gap)
    return PASSAGE[ranked[0][0].start : ranked[0][0].end]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("青禾纸业为什么关闭旧厂？", True),
        ("旧厂关闭的原因是什么？", True),
        ("新厂有什么特点？", True),
        ("新厂位于哪里？", False),  # a place
        ("旧厂关闭了多少年？", False),  # a figure
        ("青禾纸业关闭了什么？", False),  # one thing
        ("这种纸又被称为什么？", False),  # a name: 称为什么 is no why
    ],
)
def test_which_questions_ask_for_a_description(question: str, asked: bool) -> None:
    assert asks_description(parse(question, context())) is asked


def test_the_fuller_span_the_reader_hesitates_over_goes_first_for_a_description() -> None:
    guesses = [_guess("原料价格上涨", 8.0), _guess("原料价格上涨、订单减少", 7.7), _guess("订单减少", 7.6)]
    assert _first("青禾纸业为什么关闭旧厂？", guesses) == "原料价格上涨、订单减少"
    # out of reach (the reader prefers the opening clearly) or not holding the best: the order stays
    assert _first("青禾纸业为什么关闭旧厂？", guesses, gap=0.2) == "原料价格上涨"
    assert _first("青禾纸业为什么关闭旧厂？", [guesses[0], guesses[2]]) == "原料价格上涨"


def test_a_question_for_one_thing_keeps_the_readers_order() -> None:
    guesses = [_guess("桐江", 8.0), _guess("新厂位于桐江", 7.9)]
    assert fuller_first(parse("新厂位于哪里？", context()), guesses, READ, 0.5) == guesses


def test_a_fuller_span_that_runs_on_into_what_is_explained_is_not_taken() -> None:
    guesses = [_guess("原料价格上涨", 8.0), _guess("原料价格上涨、订单减少,难以为继", 7.8)]
    assert _first("为什么青禾纸业难以为继？", guesses) == "原料价格上涨"  # 难以为继 is what is explained
    assert _first("青禾纸业为什么关闭旧厂？", guesses) == "原料价格上涨、订单减少,难以为继"
