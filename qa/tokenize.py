"""The one place jieba is set up: its own Tokenizer instance, the corpus's names, stop words."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

import jieba

from qa.vocab import words

jieba.setLogLevel(logging.WARNING)

# Function words and question words (qa/vocab/stop_words.txt): they match everywhere and say nothing
# about the topic.
STOP_WORDS = frozenset(words("stop_words"))
_TOKEN = re.compile(r"\w", re.UNICODE)


_BASE_LOCK = threading.Lock()


class _WordsOver(dict):
    """A private tokenizer's own words (the corpus's names and their prefixes) over jieba's shared
    word table, which is read, never written: a copy of the 498,113-entry table per tokenizer cost
    ~15 MB each, and a served index has two (BM25's and answering's). jieba reads its table with
    `in`, `[]` and `.get` and writes it with `[]=`, all of which look here first."""

    def __init__(self, shared: dict[str, int]) -> None:
        super().__init__()
        self.shared = shared

    def __missing__(self, word: str) -> int:
        return self.shared[word]

    def __contains__(self, word: object) -> bool:
        return dict.__contains__(self, word) or word in self.shared

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        if dict.__contains__(self, word):
            return dict.__getitem__(self, word)
        return self.shared.get(word, default)


def new_jieba(user_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A private jieba tokenizer with the corpus's names as user words.

    jieba's dictionary takes over a second to load; it is loaded once per process (into jieba's
    default tokenizer, which the name miner shares) and each private tokenizer keeps its own words
    over it, so the names of one index never leak into another.
    """
    with _BASE_LOCK:
        jieba.dt.check_initialized()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = _WordsOver(jieba.dt.FREQ)
        tokenizer.total = jieba.dt.total
        tokenizer.initialized = True
    for word in user_words:
        # A high frequency keeps a corpus name whole even where jieba's dictionary would split it.
        tokenizer.add_word(word, freq=100_000)
    return tokenizer


class Tokenizer:
    """jieba in search mode (words plus their sub-words), lower-cased, without stop words."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._jieba = new_jieba(user_words)

    def tokenize(self, text: str) -> list[str]:
        tokens = []
        for token in self._jieba.cut_for_search(text.lower()):
            token = token.strip()
            if token and token not in STOP_WORDS and _TOKEN.search(token):
                tokens.append(token)
        return tokens

    def tokenize_batch(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.tokenize(text) for text in texts]
