from pathlib import Path

import pytest

from qa.chunking import ChunkerParams, chunk_document, document_title, passage_text, split_sentences
from qa.clean import clean

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
PARAMS = ChunkerParams()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_chunks_raw_slice_cleans_to_its_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    chunks = chunk_document(path.name, clean(raw), PARAMS)
    assert chunks
    for chunk in chunks:
        # alone, a slice may break its lines differently (the page's wrap width is not in it)
        assert "".join(clean(raw[chunk.start : chunk.end]).text.split()) == "".join(chunk.text.split())
        assert chunk.doc == path.name


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_chunks_cover_the_document_with_bounded_lengths(path: Path) -> None:
    cleaned = clean(path.read_text(encoding="utf-8"))
    chunks = chunk_document(path.name, cleaned, PARAMS)
    assert all(len(c.text) <= PARAMS.chunk_max for c in chunks)
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.clean_start, chunk.clean_end))
    visible = {i for i, ch in enumerate(cleaned.text) if not ch.isspace()}
    assert visible <= covered
    # neighbouring chunks overlap by a sentence
    assert any(b.clean_start < a.clean_end for a, b in zip(chunks, chunks[1:], strict=False))


def test_chunk_ids_are_stable_and_depend_on_content() -> None:
    raw = SEEDS[0].read_text(encoding="utf-8")
    first = chunk_document("a.txt", clean(raw), PARAMS)
    again = chunk_document("a.txt", clean(raw), PARAMS)
    other_doc = chunk_document("b.txt", clean(raw), PARAMS)
    assert [c.id for c in first] == [c.id for c in again]
    assert not {c.id for c in first} & {c.id for c in other_doc}
    assert len({c.id for c in first}) == len(first)


def test_sentences_end_at_chinese_punctuation_and_breaks() -> None:
    text = "工业总产值393亿元,同比增长91.3%。研发费用8.8亿元!谁?\n标题"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["工业总产值393亿元,同比增长91.3%。", "研发费用8.8亿元!", "谁?", "标题"]


def test_a_long_sentence_is_cut_at_a_comma_never_inside_a_number() -> None:
    text = ",".join(f"第{i}项产值12345.678亿元" for i in range(60)) + "。"
    chunks = chunk_document("x.txt", clean(text), ChunkerParams(chunk_size=120, chunk_max=150, chunk_min=20))
    assert len(chunks) > 3
    for chunk in chunks:
        assert len(chunk.text) <= 150
        assert "12345.678亿元" in chunk.text or chunk.text.endswith("。")


def test_retrieval_text_carries_the_headline_into_later_chunks() -> None:
    raw = SEEDS[0].read_text(encoding="utf-8")
    cleaned = clean(raw)
    title = document_title(cleaned.text)
    chunks = chunk_document(SEEDS[0].name, cleaned, PARAMS)
    assert title and "苏溪镇" in title
    assert passage_text(chunks[0], title) == chunks[0].text
    assert passage_text(chunks[3], title) == f"{title}\n{chunks[3].text}"
    assert document_title("一" * 200 + "\n正文") == ""
