import unicodedata
from pathlib import Path

import pytest

from qa.clean import clean, wrap_width

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))


def test_joins_wrapped_lines_and_drops_spaces_between_chinese() -> None:
    raw = "同比增长 91.3%,义乌第 一家产值超百亿企业\n将在苏溪产生。\n\n第二段"
    cleaned = clean(raw)
    assert cleaned.text == "同比增长91.3%,义乌第一家产值超百亿企业将在苏溪产生。\n第二段"


def test_keeps_a_space_between_latin_words_and_numbers() -> None:
    assert clean("FININGBIO  DAILLY 83589147 83589222").text == "FININGBIO DAILLY 83589147 83589222"


def test_nfkc_turns_full_width_forms_into_ascii() -> None:
    assert clean("３月２６日，增长１２％！").text == "3月26日,增长12%!"


def test_line_break_after_a_sentence_end_is_kept() -> None:
    assert clean("会议结束。\n下一条").text == "会议结束。\n下一条"


def _wrapped_page(text: str, width: int = 12) -> str:
    """`text` hard-wrapped every `width` characters, as a narrow newspaper column is."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_a_hard_wrapped_page_has_a_wrap_width_and_a_page_of_paragraphs_has_none() -> None:
    column = _wrapped_page("本报讯 镇里今年新建了十二座桥梁和三条道路，全部在年底前通车。" * 6)
    assert wrap_width(column) == 12
    paragraphs = [
        "第一段是很长的一句话，一整段只占一行，这一行有四十个字左右，没有换行。",
        "第二段。",
        "短",
        "第三段也很长，也是一整段只占一行。",
    ]
    assert wrap_width("\n\n".join(paragraphs)) is None


def test_a_blank_line_after_a_full_line_of_a_wrapped_page_is_joined() -> None:
    # a column break falls inside 洗浴中心: a full line, no sentence end before the blank line
    lines = [
        "封闭管控",
        "",
        "镇里在全市率先对辖区内的",
        "养老机构、居家养老中心、洗",
        "",
        "浴中心等场所实行封闭管控",
        "，对来访人员一律测体温。",
    ]
    text = clean("\n".join(lines)).text
    body = "镇里在全市率先对辖区内的养老机构、居家养老中心、洗浴中心等场所实行封闭管控,对来访人员一律测体温。"
    assert text == "封闭管控\n" + body


def test_a_blank_line_after_a_short_line_or_a_sentence_end_stays_a_paragraph_break() -> None:
    lines = [
        "镇里今年新建了十二座桥梁和三",
        "条道路，全部在年底前通车。",
        "记者 张三",
        "",
        "第二段的内容也写满了一整行字",
        "。",
    ]
    assert (
        clean("\n".join(lines)).text
        == "镇里今年新建了十二座桥梁和三条道路,全部在年底前通车。\n记者张三\n第二段的内容也写满了一整行字。"
    )


def test_a_figure_wrapped_across_lines_is_joined_whole() -> None:
    lines = ["镇里累计新签约亿元以上项目1", "2个，协议总投资达到86亿元，", "同比增长了百分之二十以上。"]
    assert "项目12个" in clean("\n".join(lines)).text
    double_spaced = [
        "而地处偏远山区的云埠乡学",
        "前三年的毛入园率仅仅为8",
        "1.4%,明显低于全县平",
        "均水平,原因是人口居住分散。",
    ]
    assert "仅仅为81.4%," in clean("\n\n".join(double_spaced)).text
    # numbers on lines of a page that is not hard-wrapped keep their space
    assert clean("ID 1\n2 3").text == "ID 1 2 3"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_cleaned_character_maps_to_its_raw_source(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert list(cleaned.offsets) == sorted(cleaned.offsets)
    for char, offset in zip(cleaned.text, cleaned.offsets, strict=True):
        if char not in "\n ":
            assert char in unicodedata.normalize("NFKC", raw[offset])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_raw_quote_is_verbatim_and_cleans_back(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean(raw)
    for start in range(0, len(cleaned.text) - 40, 97):
        end = start + 40
        while cleaned.text[start].isspace():
            start += 1
        # never end inside the expansion of one raw character (NFKC turns … into ...)
        while cleaned.text[end - 1].isspace() or cleaned.offsets[end - 1] == cleaned.offsets[end]:
            end -= 1
        raw_start, raw_end, quote = cleaned.raw_quote(start, end)
        assert quote == raw[raw_start:raw_end]
        # a quote alone may break its lines differently (the page's wrap width is not in it)
        assert "".join(clean(quote).text.split()) == "".join(cleaned.text[start:end].split())


def test_raw_span_rejects_an_empty_span() -> None:
    with pytest.raises(ValueError):
        clean("苏溪镇").raw_span(1, 1)


# A double-spaced page whose paragraphs open with an indent, lines cut at 12–17 characters (inside
# figures too), under a headline block of three lines.
INDENTED = "\n\n".join(
    [
        "鹭川县秋粮喜获丰收",
        "总产量同比增长5.3%",
        "本报记者　林秋禾",
        "　　本报讯　11月2日，鹭川县",
        "农业农村局发布秋粮生产情况。全县",
        "秋粮总产量达到157",
        "0万斤，单产提高2.",
        "1%。",
        "　　其中水稻种植面积12.6万",
        "亩，比上年增加0.8万亩。",
    ]
)


def test_an_indented_double_spaced_page_joins_its_lines_and_breaks_at_indents() -> None:
    paragraphs = clean(INDENTED).text.split("\n")
    assert paragraphs[:3] == ["鹭川县秋粮喜获丰收", "总产量同比增长5.3%", "本报记者林秋禾"]
    assert (
        paragraphs[3]
        == "本报讯11月2日,鹭川县农业农村局发布秋粮生产情况。全县秋粮总产量达到1570万斤,单产提高2.1%。"
    )
    assert paragraphs[4] == "其中水稻种植面积12.6万亩,比上年增加0.8万亩。"


def test_a_stray_space_inside_a_figure_after_chinese_is_dropped() -> None:
    cleaned = clean("卫生院留治病人38 7人次,发送旅客386 0人次。")
    assert cleaned.text == "卫生院留治病人387人次,发送旅客3860人次。"
    start = cleaned.text.index("387")
    assert cleaned.raw_quote(start, start + 5)[2] == "38 7人次"
    # figures written apart on purpose (a phone number, a model and its length) stay apart
    assert "(2382 0000)" in clean("热线(2382 0000)").text
    assert "Citaro 500 12米" in clean("Citaro 500 12米").text
