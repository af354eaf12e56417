"""OCR clean-up that remembers where every cleaned character came from in the raw file.

The seeds are OCR'd newspaper pages: sentences wrapped across lines, stray spaces between Chinese
characters ("义乌第 一家"), full-width forms. Retrieval wants the cleaned text; citations want the raw
file exactly as it is on disk. `CleanText.offsets[i]` is the raw index of cleaned character `i`, so
any cleaned span maps back to a raw `[start, end)`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# After these a single line break is a real break; elsewhere it is an OCR wrap.
SENTENCE_END = "。!?;…"
CLOSERS = "\"'”’)）》」』】"


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each of its characters, the index of its source character in raw."""

    raw: str
    text: str
    offsets: tuple[int, ...]

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


def _normalised_chars(raw: str) -> list[tuple[str, int]]:
    """NFKC per character (so each output char knows its source); CR and tabs become spaces."""
    out: list[tuple[str, int]] = []
    for index, char in enumerate(raw):
        if char in "\r\t\f\v\u3000\xa0":
            out.append((" ", index))
            continue
        for norm in unicodedata.normalize("NFKC", char):
            out.append((norm, index))
    return out


def _joiner(before: str, after: str, run: list[tuple[str, int]]) -> tuple[str, int] | None:
    """What a whitespace run between two visible characters becomes: a break, a space or nothing."""
    newlines = [index for char, index in run if char == "\n"]
    if len(newlines) >= 2 or (newlines and (before in SENTENCE_END or before in CLOSERS)):
        return "\n", newlines[0]
    if _is_word_char(before) and _is_word_char(after):
        return " ", run[0][1]
    return None


def clean(raw: str) -> CleanText:
    """Clean OCR text: NFKC, join wrapped lines, drop spaces around CJK, keep paragraph breaks."""
    chars = _normalised_chars(raw)
    text: list[str] = []
    offsets: list[int] = []
    run: list[tuple[str, int]] = []
    for char, index in chars:
        if char.isspace():
            run.append((char, index))
            continue
        if run and text:
            joined = _joiner(text[-1], char, run)
            if joined is not None:
                text.append(joined[0])
                offsets.append(joined[1])
        run = []
        text.append(char)
        offsets.append(index)
    return CleanText(raw=raw, text="".join(text), offsets=tuple(offsets))
