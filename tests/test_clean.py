import unicodedata
from pathlib import Path

import pytest

from qa.clean import clean

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
        assert clean(quote).text == cleaned.text[start:end]


def test_raw_span_rejects_an_empty_span() -> None:
    with pytest.raises(ValueError):
        clean("苏溪镇").raw_span(1, 1)
