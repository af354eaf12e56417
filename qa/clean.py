"""OCR clean-up that remembers where every cleaned character came from in the raw file.

The seeds are OCR'd newspaper pages: sentences wrapped across lines, stray spaces between Chinese
characters ("青禾第 一家"), full-width forms. Retrieval wants the cleaned text; citations want the raw
file exactly as it is on disk. `CleanText.offsets[i]` is the raw index of cleaned character `i`, so
any cleaned span maps back to a raw `[start, end)`.

Memory is linear and small: offsets are a machine-int array (8 bytes a character, not a tuple of
Python ints) and the text is joined piece by piece, so a 50 MB article costs a few hundred MB.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

# After these a single line break is a real break; elsewhere it is an OCR wrap.
SENTENCE_END = "。!?;…"
CLOSERS = "\"'”’)）》」』】"
_AS_SPACE = frozenset("\r\t\f\v\u3000\xa0")
_FLUSH_EVERY = 1 << 16  # characters gathered before they are joined into one string


@dataclass(frozen=True, eq=False)
class CleanText:
    """Cleaned text plus, for each of its characters, the index of its source character in raw."""

    raw: str
    text: str
    offsets: array  # array('q'): offsets[i] is the raw index of text[i]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span `[start, end)` (non-empty) to the raw span that produced it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad cleaned span [{start}, {end}) for text of {len(self.text)}")
        return self.offsets[start], self.offsets[end - 1] + 1

    def raw_quote(self, start: int, end: int) -> tuple[int, int, str]:
        """The raw span of a cleaned span and the raw text it covers, verbatim."""
        raw_start, raw_end = self.raw_span(start, end)
        return raw_start, raw_end, self.raw[raw_start:raw_end]


def is_cjk(char: str) -> bool:
    """True for Han characters and CJK punctuation, where a space means nothing in Chinese."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _normalised_chars(raw: str) -> Iterator[tuple[str, int]]:
    """NFKC per character (so each output char knows its source); CR and tabs become spaces.
    A generator: nothing per character is kept beyond the one being cleaned."""
    for index, char in enumerate(raw):
        if char in _AS_SPACE:
            yield " ", index
        elif char.isascii():
            yield char, index  # NFKC leaves ASCII as it is
        else:
            for norm in unicodedata.normalize("NFKC", char):
                yield norm, index


def _joiner(before: str, after: str, run_start: int, newlines: list[int]) -> tuple[str, int] | None:
    """What a whitespace run between two visible characters becomes: a break, a space or nothing.
    `newlines` holds the raw indices of the run's first two line breaks at most."""
    if len(newlines) >= 2 or (newlines and (before in SENTENCE_END or before in CLOSERS)):
        return "\n", newlines[0]
    if _is_word_char(before) and _is_word_char(after):
        return " ", run_start
    return None


class _Builder:
    """Cleaned characters gathered in small pieces, with their raw offsets in a compact array."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pending: list[str] = []
        self.offsets = array("q")
        self.last = ""

    def add(self, char: str, offset: int) -> None:
        self.pending.append(char)
        self.offsets.append(offset)
        self.last = char
        if len(self.pending) >= _FLUSH_EVERY:
            self.pieces.append("".join(self.pending))
            self.pending = []

    def text(self) -> str:
        return "".join(self.pieces) + "".join(self.pending)


def clean(raw: str) -> CleanText:
    """Clean OCR text: NFKC, join wrapped lines, drop spaces around CJK, keep paragraph breaks."""
    out = _Builder()
    run_start = -1  # raw index where the whitespace run before this character began (-1: none)
    newlines: list[int] = []
    for char, index in _normalised_chars(raw):
        if char.isspace():
            if run_start < 0:
                run_start = index
            if char == "\n" and len(newlines) < 2:
                newlines.append(index)
            continue
        if run_start >= 0 and out.last:
            joined = _joiner(out.last, char, run_start, newlines)
            if joined is not None:
                out.add(*joined)
        run_start, newlines = -1, []
        out.add(char, index)
    return CleanText(raw=raw, text=out.text(), offsets=out.offsets)
