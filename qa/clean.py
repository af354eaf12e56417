"""OCR clean-up that remembers where every cleaned character came from in the raw file.

The seeds are OCR'd newspaper pages: sentences wrapped across lines, stray spaces between Chinese
characters ("青禾第 一家"), full-width forms. Retrieval wants the cleaned text; citations want the raw
file exactly as it is on disk. `CleanText.offsets[i]` is the raw index of cleaned character `i`, so
any cleaned span maps back to a raw `[start, end)`.

Memory is linear and small: offsets are a machine-int array (8 bytes a character, not a tuple of
Python ints) and the text is joined piece by piece, so a 50 MB article costs a few hundred MB.
"""

from __future__ import annotations

import io
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

SENTENCE_END = "。!?;…"
# After these a single line break is a real break; elsewhere it is an OCR wrap (a semicolon ends
# a sentence but not a paragraph: "1-9月,产值…;\n增速…" is still about 1-9月).
_LINE_END = "。!?…"
CLOSERS = "\"'”’)）》」』】"
_AS_SPACE = frozenset("\r\t\f\v\u3000\xa0")
_FLUSH_EVERY = 1 << 16  # characters gathered before they are joined into one string
# Bumped whenever the same raw text may clean differently: an index stores cleaned offsets.
CLEANER_VERSION = 5
# A page is hard-wrapped when this share of its lines is within _WRAP_SLACK characters of one width.
_WRAPPED_SHARE = 0.3
_WRAP_SLACK = 2
_MIN_WRAP_WIDTH = 8
# Paragraphs open with an indent (two spaces or an ideographic one, "　　本报讯") on a page with at
# least this many indented line starts; one indented line is more likely OCR noise.
_INDENT = 2
_MIN_INDENTED_LINES = 2


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


def _visible_length(line: str) -> int:
    return sum(len(part) for part in line.split())


def wrap_width(raw: str) -> int | None:
    """The width a hard-wrapped page's lines are cut at (visible characters), or None when its lines
    do not share one: the most common width, give or take two, held by enough of the lines."""
    widths = Counter(_visible_length(line) for line in io.StringIO(raw))  # one line at a time
    del widths[0]
    lines = sum(widths.values())
    near = {width: sum(widths[width + d] for d in range(-_WRAP_SLACK, _WRAP_SLACK + 1)) for width in widths}
    width = max(near, key=lambda w: (near[w], w), default=0)
    if width < _MIN_WRAP_WIDTH or near[width] < _WRAPPED_SHARE * lines:
        return None
    return width


def first_indent(raw: str) -> int | None:
    """Where the first paragraph opens when the page's paragraphs open with an indent (raw index of
    its line), else None. On such a page a line break is a paragraph break only before an indent or
    after a sentence end, however many blank lines the layout puts there; the lines before the first
    indent are the headline block (headline, subheadline, byline), each a paragraph of its own."""
    count, position, first = 0, 0, None
    for line in io.StringIO(raw):  # one line at a time
        body = line.lstrip(" \u3000\t\xa0")
        if body.strip() and len(line) - len(body) >= _INDENT:
            count += 1
            first = position if first is None else first
            if count >= _MIN_INDENTED_LINES:
                return first
        position += len(line)
    return None


def _ends_full_line(raw: str, newline: int, width: int | None) -> bool:
    """Whether the line ending at raw index `newline` is as wide as the page's wrapped lines."""
    if width is None:
        return False
    line = raw[raw.rfind("\n", 0, newline) + 1 : newline]
    return width - _WRAP_SLACK <= _visible_length(line) <= width + _WRAP_SLACK + 1


@dataclass(frozen=True)
class _Layout:
    """What the page and the whitespace run tell about a line break in it."""

    wrapped_page: bool = False  # lines cut at one width
    after_full_line: bool = False  # the run ends one of those full lines (not the headline)
    indented_page: bool = False  # paragraphs open with an indent
    indent_follows: bool = False  # the run ends in an indent
    in_heading: bool = False  # the run is in an indented page's headline block


def _joiner(
    before: str, after: str, run_start: int, newlines: list[int], layout: _Layout = _Layout()
) -> tuple[str, int] | None:
    """What a whitespace run between two visible characters becomes: a break, a space or nothing.
    `newlines` holds the raw indices of the run's first two line breaks at most. A blank line after
    a full line of a hard-wrapped page is a column or page break inside a sentence (洗 / 浴中心); on
    an indented page so is any blank line not followed by an indent (a double-spaced page)."""
    if newlines and (before in _LINE_END or before in CLOSERS or layout.in_heading):
        return "\n", newlines[0]
    if newlines and layout.indented_page:
        if layout.indent_follows:
            return "\n", newlines[0]
    elif len(newlines) >= 2 and not layout.after_full_line:
        return "\n", newlines[0]
    if _is_word_char(before) and _is_word_char(after):
        wrapped = layout.wrapped_page or layout.indented_page
        if newlines and wrapped and before.isdigit() and after.isdigit():
            return None  # a figure the wrap cut in two (项目1 / 2个), on a single- or double-spaced page
        return " ", run_start
    return None


class _Builder:
    """Cleaned characters gathered in small pieces, with their raw offsets in a compact array."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pending: list[str] = []
        self.offsets = array("q")
        self.last = ""
        self.before_figure = ""

    def add(self, char: str, offset: int) -> None:
        self.pending.append(char)
        self.offsets.append(offset)
        self.last = char
        if not (char.isdigit() or char in ".,"):
            self.before_figure = char  # what the figure being written follows (人 of 病人38)
        if len(self.pending) >= _FLUSH_EVERY:
            self.pieces.append("".join(self.pending))
            self.pending = []

    def text(self) -> str:
        return "".join(self.pieces) + "".join(self.pending)


def clean(raw: str) -> CleanText:
    """Clean OCR text: NFKC, join wrapped lines, drop spaces around CJK, keep paragraph breaks.
    On a hard-wrapped page a blank line after a full line with no sentence end is joined like a
    single line break, and a figure wrapped across lines is joined whole."""
    out = _Builder()
    width, opening = wrap_width(raw), first_indent(raw)
    headline_end = raw.find("\n", len(raw) - len(raw.lstrip()))  # the headline is never run on
    headline_end = len(raw) if headline_end < 0 else headline_end
    run_start = -1  # raw index where the whitespace run before this character began (-1: none)
    newlines: list[int] = []
    indent = 0  # whitespace after the run's last line break
    for char, index in _normalised_chars(raw):
        if char.isspace():
            if run_start < 0:
                run_start = index
            if char == "\n" and len(newlines) < 2:
                newlines.append(index)
            indent = 0 if char == "\n" else indent + 1
            continue
        if run_start >= 0 and out.last:
            layout = _Layout(
                wrapped_page=width is not None,
                after_full_line=bool(newlines)
                and newlines[0] > headline_end
                and _ends_full_line(raw, newlines[0], width),
                indented_page=opening is not None,
                indent_follows=bool(newlines) and indent >= _INDENT,
                in_heading=bool(newlines) and opening is not None and newlines[0] < opening,
            )
            stray = (
                index - run_start == 1
                and out.last.isdigit()
                and out.before_figure != ""
                and is_cjk(out.before_figure)
            )
            joined = (
                None if stray and char.isdigit() else _joiner(out.last, char, run_start, newlines, layout)
            )
            if joined is not None:
                out.add(*joined)
        run_start, newlines, indent = -1, [], 0
        out.add(char, index)
    return CleanText(raw=raw, text=out.text(), offsets=out.offsets)
