"""Private jieba tokenizers: their own names over jieba's shared word table, as if each had a copy."""

from __future__ import annotations

import jieba

from qa.tokenize import new_jieba

TEXT = "青禾镇的岚山织造今年产值增长,岚山村和青禾镇签约。星河织造科技在青禾镇落户。"


def _with_a_copy(names: list[str]) -> jieba.Tokenizer:
    """What a private tokenizer was before: its own copy of jieba's whole table."""
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for name in names:
        tokenizer.add_word(name, freq=100_000)
    return tokenizer


def test_private_names_cut_as_with_a_copy_and_do_not_leak():
    first, second = new_jieba(["青禾镇", "岚山织造"]), new_jieba(["星河织造科技"])
    for tokenizer, names in ((first, ["青禾镇", "岚山织造"]), (second, ["星河织造科技"])):
        copy = _with_a_copy(names)
        for hmm in (True, False):
            assert tokenizer.lcut(TEXT, HMM=hmm) == copy.lcut(TEXT, HMM=hmm)
        assert list(tokenizer.cut_for_search(TEXT)) == list(copy.cut_for_search(TEXT))
    assert "岚山织造" in first.lcut(TEXT, HMM=False) and "岚山织造" not in second.lcut(TEXT, HMM=False)
    assert "星河织造科技" in second.lcut(TEXT) and "星河织造科技" not in first.lcut(TEXT)
    assert "岚山织造" not in jieba.dt.FREQ and "星河织造科技" not in jieba.dt.FREQ, "nothing leaks back"


def test_the_shared_table_is_not_copied():
    tokenizer = new_jieba(["青禾镇"])
    assert tokenizer.FREQ.shared is jieba.dt.FREQ
    assert dict.__len__(tokenizer.FREQ) < 10, "only the name and its prefixes are the tokenizer's own"
    assert tokenizer.FREQ["青禾镇"] == 100_000 and tokenizer.FREQ.get("产值") == jieba.dt.FREQ["产值"]
    assert tokenizer.FREQ.get("不是词的一串字", 7) == 7 and "青禾" in tokenizer.FREQ
