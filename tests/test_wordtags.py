"""The compact part-of-speech table: the same answers as jieba.posseg's dict, for every word."""

from __future__ import annotations

import logging

import pytest

from qa.wordtags import WordTags


def test_lookups_iteration_and_the_last_line_winning():
    tags = WordTags([("镇长", "n"), ("平安", "a"), ("镇", "n"), ("平安", "ns"), ("abc", "eng")])
    assert len(tags) == 4 and sorted(tags) == sorted(["镇长", "平安", "镇", "abc"])
    assert tags["平安"] == "ns", "a word listed twice keeps its later tag, as jieba does"
    assert tags.get("镇") == "n" and tags.get("镇长") == "n" and tags.get("abc") == "eng"
    assert tags.get("镇长们") is None and tags.get("") is None and tags.get("平") is None
    with pytest.raises(KeyError):
        tags["不在"]
    assert dict(tags) == {"镇长": "n", "平安": "ns", "镇": "n", "abc": "eng"}


def test_dictionary_lines_without_a_tag_are_skipped():
    tags = WordTags.from_dictionary([b"\xe9\x95\x87 30 n\n", b"AT&T 3\n", b"\n"])
    assert dict(tags) == {"镇": "n"}


def test_jiebas_whole_table_is_kept():
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    expected = jieba.posseg.dt.word_tag_tab
    with jieba.dt.get_dict_file() as lines:
        tags = WordTags.from_dictionary(lines)
    assert len(tags) == len(expected) > 300_000
    assert all(tags.get(word) == tag for word, tag in expected.items())
