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


def new_jieba(user_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """A private jieba tokenizer with the corpus's names as user words.

    jieba's dictionary takes over a second to load; it is loaded once per process (into jieba's
    default tokenizer, which part-of-speech tagging shares) and each private tokenizer starts from a
    copy of it, so the names of one index never leak into another.
    """
    with _BASE_LOCK:
        jieba.dt.check_initialized()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = dict(jieba.dt.FREQ)
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
