"""Chinese sentence-aware chunking of cleaned text, with offsets back into the raw file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from qa.clean import CLOSERS, SENTENCE_END, CleanText
from qa.types import Chunk

# A sentence ends at 。!?; (NFKC turns ？！； into ?!;), at an ellipsis (… becomes "..."), or at a break.
_SENTENCE_BOUNDARY = re.compile(rf"(?:[{SENTENCE_END}]+|\.{{3,}})[{re.escape(CLOSERS)}]*|\n")
_CLAUSE_BREAK = ",、:,"
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.%％]")
HEADLINE_CHARS = 80  # a headline longer than this is cut (and ends in …)


@dataclass(frozen=True)
class ChunkerParams:
    """Chunk lengths are in cleaned characters; overlap is in sentences."""

    chunk_size: int = 300
    chunk_max: int = 400
    chunk_min: int = 100
    chunk_overlap: int = 1


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans `[s, e)` of `text[start:end]` (offsets into `text`), stripped of whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    bounds = [m.end() for m in _SENTENCE_BOUNDARY.finditer(text, start, end)]
    for s, e in zip([start, *bounds], [*bounds, end], strict=True):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut a sentence longer than `limit`: after a comma if one is near, never in a number."""
    window_start = start + limit // 2
    for pos in range(start + limit, window_start, -1):
        if text[pos - 1] in _CLAUSE_BREAK:
            return pos
    pos = start + limit
    while pos > window_start and _UNBREAKABLE.match(text[pos - 1]) and _UNBREAKABLE.match(text[pos]):
        pos -= 1
    return pos


def _pieces(text: str, spans: list[tuple[int, int]], limit: int) -> Iterator[tuple[int, int]]:
    """Sentences, with any sentence longer than `limit` split at clause boundaries."""
    for s, e in spans:
        while e - s > limit:
            cut = _cut_point(text, s, limit)
            yield s, cut
            s = cut
        yield s, e


def _group(pieces: list[tuple[int, int]], params: ChunkerParams) -> list[tuple[int, int]]:
    """Greedy grouping of sentence pieces into chunk spans with sentence overlap."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for piece in pieces:
        if current and piece[1] - current[0][0] > params.chunk_size:
            groups.append(current)
            keep = current[-params.chunk_overlap :] if params.chunk_overlap else []
            if keep and piece[1] - keep[0][0] > params.chunk_max:
                keep = []
            current = list(keep)
        current.append(piece)
    if current:
        tail_is_overlap_only = groups and current[0] >= groups[-1][0] and current[-1] <= groups[-1][-1]
        if not tail_is_overlap_only:
            groups.append(current)
    spans = [(group[0][0], group[-1][1]) for group in groups]
    if len(spans) >= 2 and spans[-1][1] - spans[-1][0] < params.chunk_min:
        if spans[-1][1] - spans[-2][0] <= params.chunk_max:
            spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def chunk_id(doc: str, text: str, ordinal: int) -> str:
    """Stable id from the document and the chunk's content (ordinal separates identical texts)."""
    digest = hashlib.sha256(f"{doc}\x00{text}\x00{ordinal}".encode()).hexdigest()
    return digest[:16]


def chunk_document(doc: str, cleaned: CleanText, params: ChunkerParams) -> list[Chunk]:
    """Cut one cleaned document into chunks whose raw offsets point into the original file."""
    text = cleaned.text
    pieces = list(_pieces(text, split_sentences(text), params.chunk_max))
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for start, end in _group(pieces, params):
        chunk_text = text[start:end]
        ordinal = seen.get(chunk_text, 0)
        seen[chunk_text] = ordinal + 1
        raw_start, raw_end = cleaned.raw_span(start, end)
        chunks.append(
            Chunk(
                id=chunk_id(doc, chunk_text, ordinal),
                doc=doc,
                start=raw_start,
                end=raw_end,
                text=chunk_text,
                clean_start=start,
                clean_end=end,
            )
        )
    return chunks


def document_title(text: str, max_chars: int = 80) -> str:
    """The first line of a cleaned document when it is short enough to be its headline."""
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= max_chars else ""


def headline(text: str, max_chars: int = HEADLINE_CHARS) -> str:
    """The first non-blank line of a cleaned document, cut to a title's length: what the document
    list and the sources of a chat answer show."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= max_chars else line[: max_chars - 1] + "…"
    return ""


def passage_text(chunk: Chunk, title: str) -> str:
    """What retrieval sees of a chunk: its document's headline, then the chunk.

    A chunk from the middle of an article often never names what the article is about (the town,
    the railway, the person); the headline carries that into both the vector and the BM25 terms.
    """
    if not title or chunk.clean_start == 0:
        return chunk.text
    return f"{title}\n{chunk.text}"
