"""How an answer span is cut out of the slot the reader or the rules found (qa.answering.shape)."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.question import parse
from qa.answering.shape import shape


@pytest.mark.parametrize(
    ("asked", "text", "expected"),
    [
        ("招募的志愿者队伍叫什么名字？", "全县组建“河小青”志愿者队伍63支。", "河小青"),
        ("这个活动的口号是什么？", "活动以「绿水长流」为口号,吸引市民参加。", "绿水长流"),
        ("招募的志愿者队伍有什么作用？", "全县组建“河小青”志愿者队伍63支。", "“河小青”志愿者队伍63支"),
    ],
)
def test_a_name_asked_for_is_the_quoted_name_in_a_longer_slot(asked: str, text: str, expected: str) -> None:
    question = parse(asked, context())
    start = text.index("“") if "“" in text else text.index("「") - 2
    assert text[slice(*shape(question, text, start, len(text) - 1))] == expected


@pytest.mark.parametrize(
    ("asked", "qtype"),
    [
        ("云台村的村医叫什么？", "person"),
        ("那位记者叫什么名字？", "person"),
        ("这支队伍叫什么名字？", "phrase"),
    ],
)
def test_what_a_person_is_called_asks_for_a_persons_name(asked: str, qtype: str) -> None:
    assert parse(asked, context()).qtype == qtype


@pytest.mark.parametrize("asked", ["马拉松是几月几号几点开跑的？", "比赛几点开始？"])
def test_what_time_asks_for_a_date_and_leaves_no_focus_word_behind(asked: str) -> None:
    question = parse(asked, context())
    assert question.qtype == "date"
    assert not any("点" in word for word in question.focus_before)
