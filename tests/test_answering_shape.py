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


def test_a_name_read_across_two_sentences_is_no_answer_where_the_later_one_names_more() -> None:
    from qa.answering.candidates import Sentence
    from qa.answering.shape import first_sentence_holds

    text = "今年获得省级技能大赛一等奖3个。学生唐子豪在全省技能大赛汽车维修项目中获得一等奖。"
    cut = text.index("学生")
    spanned = [
        Sentence("doc.txt", 0, cut, 0, 0, len(text)),
        Sentence("doc.txt", cut, len(text), 0, 0, len(text)),
    ]
    question = parse("唐子豪是在全省技能大赛的哪个项目上拿的一等奖？", context())
    assert not first_sentence_holds(question, text, spanned)
    assert first_sentence_holds(
        parse("今年获得了几个一等奖？", context()), text, spanned
    )  # a figure's start holds


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ('修缮坚持"修旧如旧"原则。', '"修旧如旧', "修旧如旧"),  # the partner quote was not read
        ('修缮坚持"修旧如旧"原则。', '修旧如旧"', "修旧如旧"),
        ('修缮坚持"修旧如旧"原则。', '"修旧如旧"', '"修旧如旧"'),  # both quotes: a quoted phrase
    ],
)
def test_a_straight_quote_without_its_partner_is_trimmed(text: str, span: str, expected: str) -> None:
    question = parse("修缮坚持的是什么原则？", context())
    start = text.index(span)
    assert text[slice(*shape(question, text, start, start + len(span)))] == expected


@pytest.mark.parametrize(
    ("asked", "qtype", "unit"),
    [
        ("雇员有哪几种？", "phrase", None),  # which kinds: a list, not a count
        ("这次主要干哪几项活？", "phrase", None),
        ("雇员有几种？", "number", "种"),
        ("隐患整改了百分之多少？", "percent", None),
        ("港口完成了多少集装箱吞吐量？", "number", None),  # 集装箱 is a word, not the measure 集
        ("这部剧一共多少集？", "number", "集"),
    ],
)
def test_which_of_several_and_a_measure_inside_a_word_are_no_count(
    asked: str, qtype: str, unit: str | None
) -> None:
    question = parse(asked, context())
    assert (question.qtype, question.unit_hint) == (qtype, unit)


def test_a_preposition_repeated_before_a_generic_place_names_no_unknown_place() -> None:
    question = parse("物流配送现在在乡镇能做到多快送达？", context())
    assert question.unknown_places == ()


def _shaped(asked: str, text: str, span: str) -> str:
    """The slot text[span] as shaping leaves it for the question asked."""
    start = text.index(span)
    return text[slice(*shape(parse(asked, context()), text, start, start + len(span)))]


@pytest.mark.parametrize(
    ("asked", "text", "span", "expected"),
    [
        ("长官需经谁同意后任命？", "长官由噶厦拟定经达赖喇嘛同意后任命。", "达赖喇嘛", "达赖喇嘛"),  # a name
        ("鬣齿兽肩高多少？", "最大的鬣齿兽肩高达1.4米。", "达1.4米", "1.4米"),  # 达 reached a figure
        (
            "该计划获得了多少经费？",
            "政府通过4亿5000万加元的经费挹注该计划。",
            "4亿5000万加元的经费挹注",
            "4亿5000万加元",
        ),
    ],
)
def test_a_name_keeps_a_first_character_that_could_be_a_verb_and_a_figure_its_parts(
    asked: str, text: str, span: str, expected: str
) -> None:
    assert _shaped(asked, text, span) == expected


@pytest.mark.parametrize(
    ("asked", "text", "span", "expected"),
    [
        ("这种鱼又可以叫什么？", "这种鱼又名杂纹鹦哥鱼,体长可达40公分。", "又名杂纹鹦哥鱼", "杂纹鹦哥鱼"),
        ("这个属名是什么意思？", "这个属名意为「齿河的盗贼」。", "意为「齿河的盗贼」", "「齿河的盗贼」"),
        ("该奖项奖金是多少？", "该奖项奖金为NT$25,000,由主办方颁发。", "奖金为NT$25,000", "NT$25,000"),
    ],
)
def test_what_introduces_a_name_is_no_part_of_it_and_a_currencys_sign_is_part_of_its_figure(
    asked: str, text: str, span: str, expected: str
) -> None:
    assert _shaped(asked, text, span) == expected
