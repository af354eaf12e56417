"""Windows over the real tokenizer, span decoding, and figure completion."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answering.script import to_simplified
from qa.answering.shape import complete_figure
from qa.reader.decode import best_spans
from qa.reader.windows import WindowParams, answer_positions, make_windows

PASSAGE = "1-11月,苏州河镇工业总产值393亿元,同比增长91.3%。" * 12


@pytest.fixture(scope="module")
def tokenizer(embedder):
    return embedder.encoder_and_tokenizer()[1]


def test_long_passages_are_cut_into_overlapping_windows_that_cover_every_character(tokenizer):
    params = WindowParams(max_length=64, overlap=16)
    windows = make_windows(tokenizer, ["工业总产值是多少"], [PASSAGE], params)
    assert len(windows) > 1 and set(windows.pair.tolist()) == {0}
    covered = np.zeros(len(PASSAGE), dtype=bool)
    for offsets in windows.offsets:
        for start, end in offsets[offsets[:, 0] >= 0]:
            assert 0 <= start < end <= len(PASSAGE)
            covered[start:end] = True
    assert covered[[i for i, ch in enumerate(PASSAGE) if not ch.isspace()]].all()
    assert windows.input_ids.shape == (len(windows), 64)


def test_answer_positions_point_at_the_tokens_of_the_answer(tokenizer):
    params = WindowParams(max_length=64, overlap=16)
    windows = make_windows(tokenizer, ["工业总产值是多少"], [PASSAGE], params)
    start = PASSAGE.index("393亿元")
    first, last = answer_positions(windows.offsets[0], start, start + 5)
    assert 0 < first <= last
    span = PASSAGE[windows.offsets[0][first][0] : windows.offsets[0][last][1]]
    assert "393亿元" in span and len(span) <= 7
    late = len(PASSAGE) - 5
    assert answer_positions(windows.offsets[0], late, late + 3) == (0, 0), "not in the first window"


def test_best_spans_respects_passage_tokens_order_and_length():
    logits = np.full((1, 8, 2), -5.0, dtype=np.float32)
    offsets = np.full((1, 8, 2), -1, dtype=np.int32)
    for token in range(3, 8):
        offsets[0, token] = (token * 2, token * 2 + 2)
    logits[0, 0] = (1.0, 1.0)  # no-answer
    logits[0, 1] = (9.0, 9.0)  # a question token: never a span
    logits[0, 4, 0], logits[0, 6, 1] = 4.0, 3.0
    logits[0, 5, 1] = 2.5
    (guesses,) = best_spans(logits, offsets, np.array([0]), max_tokens=5, top=2)
    assert (guesses[0].start, guesses[0].end) == (8, 14)
    assert guesses[0].score == pytest.approx(7.0) and guesses[0].null_score == pytest.approx(2.0)
    assert guesses[0].margin == pytest.approx(5.0)
    assert (guesses[1].start, guesses[1].end) == (8, 12)
    (short,) = best_spans(logits, offsets, np.array([0]), max_tokens=2, top=1)
    assert (short[0].start, short[0].end) == (8, 12), "spans longer than max_tokens are not proposed"


def test_distinct_spans_overlap_none_taken_before():
    logits = np.full((1, 10, 2), -5.0, dtype=np.float32)
    offsets = np.full((1, 10, 2), -1, dtype=np.int32)
    for token in range(2, 10):
        offsets[0, token] = (token, token + 1)
    logits[0, 0] = (0.0, 0.0)
    logits[0, 3, 0], logits[0, 4, 1] = 5.0, 5.0  # the best span, tokens 3-4
    logits[0, 2, 0], logits[0, 8, 1] = 4.5, 4.0  # cut differently: 2-4, 3-8, 2-8 all overlap it
    logits[0, 7, 0] = 3.0  # 7-8 lies apart
    (cuts,) = best_spans(logits, offsets, np.array([0]), max_tokens=8, top=3)
    assert all(guess.start <= 4 for guess in cuts), "the best spans are one span cut differently"
    (guesses,) = best_spans(logits, offsets, np.array([0]), max_tokens=8, top=1, distinct=1)
    assert [(g.start, g.end) for g in guesses] == [(3, 5), (7, 9)]
    assert guesses[1].score == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("工业总产值393亿元,同比增长91.3%", "393", "393亿元"),
        ("工业总产值393亿元,同比增长91.3%", "91", "91.3%"),
        ("距离约70-80公里的地方", "80公里", "70-80公里"),
        ("男子全程冠军成绩2小时12分36秒,打破纪录", "2小时", "2小时12分36秒"),
        ("共有2,173个村", "173", "2,173个"),
        ("苏州河镇工业总产值", "工业总产值", "工业总产值"),
        ("会议于4月18日召开", "18日", "4月18日"),
        ("于2020年4月23日-25日带队", "23日-25日", "2020年4月23日-25日"),
        ("每月18日召开", "18日", "18日"),
    ],
)
def test_figures_are_completed_with_their_range_and_unit(text, span, expected):
    start = text.index(span)
    got = complete_figure(text, start, start + len(span))
    assert text[got[0] : got[1]] == expected


def test_simplified_view_keeps_length_and_offsets():
    for text in ("什麼時候成立的？", "誰是臺灣第一位總統", "乾隆年間", "1-11月產值393億元"):
        simplified = to_simplified(text)
        assert len(simplified) == len(text)
    assert to_simplified("誰發現了") == "谁发现了"
