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
    ("question", "span", "expected"),
    [
        ("电台在哪些地方设有站台？", "苏溪镇、瓜沥镇和义乌", "苏溪镇、瓜沥镇和义乌"),  # a list asked for
        # a list the reader read whole is the answer to where too, not its first place
        ("电台在哪里设有站台？", "苏溪镇、瓜沥镇和义乌", "苏溪镇、瓜沥镇和义乌"),
        ("电台在哪里设有站台？", "苏溪镇、瓜沥镇和义乌均设有站台", "苏溪镇"),  # a clause, not a list
    ],
)
def test_a_list_read_whole_is_not_narrowed_to_one_name(question: str, span: str, expected: str) -> None:
    text = "电台在苏溪镇、瓜沥镇和义乌均设有站台。"
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


def _core(question: str, text: str, span: str, context: AnsweringContext | None = None) -> str:
    context = context or AnsweringContext.build(Lexicon({}))
    start = text.index(span)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    parsed = parse(question, context)
    return text[slice(*typed_core(parsed, text, sentence, context, start, start + len(span)))]


def test_a_transliterated_name_is_one_name_across_its_dots() -> None:
    context = AnsweringContext.build(Lexicon({"乔治": "person"}))
    text = "青岭山由英国探险家乔治·温哥华于1792年命名。"
    # the lexicon knows 乔治 alone; the name the reader read runs on over its dot
    assert _core("青岭山是谁命名的？", text, "探险家乔治·温哥华", context) == "乔治·温哥华"


def test_a_ratio_is_one_figure_across_its_colon() -> None:
    assert _core("水塘道的斜度达到了多少？", "水塘道斜度达到1:5,是全线最陡的路段。", "1:5") == "1:5"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("乙辛在什么时候被封为赵王？", "清宁五年(1059年)"),  # a reign's year and its gloss: one date
        ("乙辛在哪一年被封为赵王？", "1059年"),  # the year asked for is the year in the slot (shape)
    ],
)
def test_a_reigns_year_glossed_with_the_common_eras_is_one_date(question: str, expected: str) -> None:
    from qa.answering.shape import shape

    text = "乙辛于清宁五年(1059年)被封为赵王。"
    context = AnsweringContext.build(Lexicon({}))
    parsed = parse(question, context)
    start = text.index("清宁")
    shaped = shape(parsed, text, start, start + len("清宁五年(1059年)"))
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    assert text[slice(*typed_core(parsed, text, sentence, context, *shaped))] == expected


@pytest.mark.parametrize(
    ("question", "text", "span", "expected"),
    [
        ("战役在什么时候爆发？", "战役于1525年5月15日爆发。", "1525年", "1525年5月15日"),
        ("他在什么时候被任命？", "他于396年五月初九被任命为太傅。", "396年", "396年五月初九"),
        ("他在什么时候称帝？", "他于康熙十七年(1678年)称帝。", "康熙十七年", "康熙十七年(1678年)"),
        ("战役在哪一年爆发？", "战役于1525年5月15日爆发。", "1525年", "1525年"),  # a year asked for
        ("战役在什么时候爆发？", "战役于1525年爆发,5月结束。", "1525年", "1525年"),
    ],
)
def test_a_date_asked_for_runs_on_from_its_year_to_its_month_and_day(
    question: str, text: str, span: str, expected: str
) -> None:
    from qa.answering.narrow import complete_date

    parsed = parse(question, AnsweringContext.build(Lexicon({})))
    start = text.index(span)
    assert text[slice(*complete_date(parsed, text, start, start + len(span)))] == expected
