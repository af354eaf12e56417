"""jieba's part-of-speech table (349,045 words) kept as one sorted byte string instead of a dict.

`jieba.posseg` holds the table as a dict of 349,045 word and tag strings: about 49 MB for a table that
answering consults a few times per question (is this word a place, a verb, a time?). Here the words are
sorted, UTF-8 encoded and joined, with an array of their offsets and one byte per tag: about 5 MB,
looked up by binary search in a few microseconds.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Mapping


class WordTags(Mapping[str, str]):
    """word -> part-of-speech tag (n, ns, v, t ...), read-only."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        latest = {word.encode("utf-8"): tag for word, tag in entries}  # a later line wins, as in jieba
        words = sorted(latest)
        self._tags = sorted(set(latest.values()))
        if len(self._tags) > 255:
            raise ValueError(f"{len(self._tags)} distinct tags: more than one byte holds")
        tag_number = {tag: number for number, tag in enumerate(self._tags)}
        self._blob = b"".join(words)
        self._starts = array("I", [0])
        for word in words:
            self._starts.append(self._starts[-1] + len(word))
        self._tag_of = bytes(tag_number[latest[word]] for word in words)

    @classmethod
    def from_dictionary(cls, lines: Iterable[bytes]) -> WordTags:
        """From a jieba dictionary file's lines: `word frequency tag`; lines without a tag are skipped."""
        entries = (line.decode("utf-8").split() for line in lines)
        return cls((fields[0], fields[2]) for fields in entries if len(fields) == 3)

    def _word(self, number: int) -> bytes:
        return self._blob[self._starts[number] : self._starts[number + 1]]

    def __getitem__(self, word: str) -> str:
        key = word.encode("utf-8")
        number = bisect.bisect_left(_Words(self), key)
        if number < len(self) and self._word(number) == key:
            return self._tags[self._tag_of[number]]
        raise KeyError(word)

    def __len__(self) -> int:
        return len(self._tag_of)

    def __iter__(self) -> Iterator[str]:
        return (self._word(number).decode("utf-8") for number in range(len(self)))


class _Words:
    """The sorted words as a sequence `bisect` can search, without building a list of them."""

    def __init__(self, tags: WordTags) -> None:
        self._tags = tags

    def __len__(self) -> int:
        return len(self._tags)

    def __getitem__(self, number: int) -> bytes:
        return self._tags._word(number)
