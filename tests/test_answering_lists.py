"""Questions that ask for several things get the whole list (qa.answering.lists), without the model."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.lists import asks_list, is_list, list_first, read_list, takes_list
from qa.answering.question import parse
from qa.reader.decode import SpanGuess
from qa.types import Chunk, Hit

PASSAGE = (
    "青禾电台在桐江、柳岸和鹤城均设有站台,节目以粤语播出。园区预留了2所学校(晨光小学及星河小学)。"
    "班车开往云溪、石门和白沙。"
)
CHUNK = Chunk("doc.txt#0", "doc.txt", 0, len(PASSAGE), PASSAGE, 0, len(PASSAGE))
READ = [(Hit(CHUNK, 1.0), PASSAGE)]


def _guess(span: str, score: float) -> tuple[SpanGuess, int]:
    start = PASSAGE.index(span)
    return SpanGuess(0, start, start + len(span), score, score - 5.0), 0


def _first(question: str, guesses: list[tuple[SpanGuess, int]], gap: float = 3.0) -> str:
    ranked = list_first(parse(question, context()), guesses, READ, gap)
    guess = ranked[0][0]
    return PASSAGE[guess.start : guess.end]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("电台在哪些地方设有站台？", True),
        ("园区预留了哪两所学校？", True),
        ("电台有哪几个站台？", True),
        ("电台在哪里设有站台？", False),
        ("他是哪几天去的深圳？", False),  # days: a date range, not a list
    ],
)
def test_which_questions_ask_for_a_list(question: str, asked: bool) -> None:
    assert asks_list(parse(question, context())) is asked


def test_a_list_is_items_joined_inside_one_clause() -> None:
    assert is_list("桐江、柳岸和鹤城")
    assert not is_list("桐江")
    assert not is_list("桐江,柳岸和鹤城")


def test_the_readers_list_of_items_goes_first_for_a_list_question() -> None:
    guesses = [
        _guess("桐江", 8.0),
        _guess("桐江、柳岸和鹤城", 7.0),
        _guess("桐江、柳岸和鹤城均设有站台", 6.5),
    ]
    # what the sentence says of the list (均设有站台) is no item of it
    assert _first("青禾电台在哪些地方设有站台？", guesses) == "桐江、柳岸和鹤城"
    assert _first("青禾电台在哪里设有站台？", guesses) == "桐江"  # one place asked for
    # with that guess out of reach the list is read on while items are items only: 鹤城均设有站台 is not
    assert _first("青禾电台在哪些地方设有站台？", guesses, gap=0.5) == "桐江、柳岸"


def test_a_list_cut_short_is_read_on_to_its_last_item() -> None:
    assert _first("班车开往哪些地方？", [_guess("云溪、石门", 8.0)]) == "云溪、石门和白沙"
    assert _first("班车开往哪些地方？", [_guess("石门", 8.0)]) == "石门和白沙"


def test_no_more_items_than_the_question_asks_for() -> None:
    guesses = [_guess("晨光小学", 8.0), _guess("晨光小学及星河小学", 7.0)]
    assert _first("园区预留了哪两所学校？", guesses) == "晨光小学及星河小学"
    assert _first("园区预留了哪两所学校？", [_guess("晨光小学", 8.0)]) == "晨光小学及星河小学"


def test_a_list_ending_in_deng_keeps_it() -> None:
    passage = "主要作物有琼麻、洋葱和牧草等,均耐风。"
    chunk = Chunk("doc.txt#0", "doc.txt", 0, len(passage), passage, 0, len(passage))
    guess = SpanGuess(0, passage.index("琼麻"), passage.index("琼麻") + 5, 8.0, 3.0)  # 琼麻、洋葱
    ranked = list_first(parse("有哪些作物？", context()), [(guess, 0)], [(Hit(chunk, 1.0), passage)], 3.0)
    assert passage[ranked[0][0].start : ranked[0][0].end] == "琼麻、洋葱和牧草等"


def test_a_question_for_one_thing_keeps_the_readers_order() -> None:
    guesses = [_guess("桐江", 8.0), _guess("桐江、柳岸和鹤城", 7.0)]
    assert list_first(parse("青禾电台在哪里设有站台？", context()), guesses, READ, 3.0) == guesses


def _first_in(passage: str, question: str, spans: list[tuple[str, float]]) -> str:
    chunk = Chunk("doc.txt#0", "doc.txt", 0, len(passage), passage, 0, len(passage))
    guesses = [
        (SpanGuess(0, passage.index(s), passage.index(s) + len(s), score, score - 5.0), 0)
        for s, score in spans
    ]
    ranked = list_first(parse(question, context()), guesses, [(Hit(chunk, 1.0), passage)], 3.0)
    return passage[ranked[0][0].start : ranked[0][0].end]


def test_items_may_repeat_a_one_character_word_of_the_question() -> None:
    passage = "广场横跨第四区、第十一区和第十二区,是重要的纪念地。"
    spans = [("第四区", 8.7), ("第四区、第十一区和第十二区", 8.4)]
    assert _first_in(passage, "广场横跨哪三个区？", spans) == "第四区、第十一区和第十二区"


def test_a_list_of_titles_runs_over_their_closing_marks() -> None:
    passage = "他的主要著作有《朱学论集》、《中国和西方对仁的解说》、《现代中国的宗教趋势》等。他还写诗。"
    assert _first_in(passage, "他的主要著作有哪些？", [("《朱学论集》", 6.0)]) == (
        "《朱学论集》、《中国和西方对仁的解说》、《现代中国的宗教趋势》等"
    )


@pytest.mark.parametrize(
    ("question", "span", "taken"),
    [
        ("节目的主持人是谁？", "夏雨、宋熙年", True),  # a list the reader read, though not announced
        ("复兴社之后出版了什么杂志？", "《中国革命》、《前途》", True),
        ("青禾电台在哪里设有站台？", "桐江、柳岸和鹤城", True),
        ("青禾电台在哪里设有站台？", "桐江", False),  # one item is no list
        ("青禾电台在哪里设有站台？", "桐江、柳岸和鹤城均设有站台", False),  # says more than an item
        ("工业总产值是多少？", "393亿元、增长12%", False),  # a figure's 、 joins what is said next
        ("会议在什么时候召开？", "5月3日和6月8日", False),
    ],
)
def test_a_list_the_reader_read_is_taken_whole_where_no_list_is_announced(
    question: str, span: str, taken: bool
) -> None:
    assert takes_list(parse(question, context()), span) is taken


def test_a_list_the_reader_read_unannounced_is_read_on_to_its_last_item() -> None:
    assert _first("班车开往什么地方？", [_guess("云溪、石门", 8.0)]) == "云溪、石门和白沙"
    assert _first("班车开往什么地方？", [_guess("石门", 8.0)]) == "石门"  # one item: no list read
    guesses = [_guess("云溪、石门", 8.0), _guess("石门", 7.0)]
    assert read_list(parse("班车开往什么地方？", context()), guesses, READ)
    assert not read_list(parse("班车开往什么地方？", context()), guesses[1:], READ)
