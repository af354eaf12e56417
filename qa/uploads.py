"""Uploaded articles: safe ids, decoding to UTF-8, and atomic writes into the corpus folder."""

from __future__ import annotations

import os
import unicodedata
import uuid
from pathlib import Path

from qa.decoding import NotText, control_characters, decode_text
from qa.errors import BadDocument, DocumentTooLarge
from qa.store import fsync_dir

MAX_ID_CHARS = 120
EXTENSIONS = (".txt", ".md")


def validate_doc_id(doc_id: str) -> str:
    """The id as a plain file name of the corpus folder: no folder part, not hidden, printable,
    bounded, ending in .txt or .md. Raises BadDocument saying which rule it breaks."""
    if not doc_id:
        raise BadDocument("the document id is empty: give a file name such as town-news.txt")
    if len(doc_id) > MAX_ID_CHARS:
        raise BadDocument(f"the document id has {len(doc_id)} characters; the limit is {MAX_ID_CHARS}")
    if "/" in doc_id or "\\" in doc_id or doc_id in {".", ".."}:
        raise BadDocument(f"the document id {doc_id!r} holds a path: give a bare file name")
    if doc_id.startswith("."):
        raise BadDocument(f"the document id {doc_id!r} is a hidden file name")
    if any(unicodedata.category(char)[0] == "C" for char in doc_id):
        raise BadDocument("the document id holds control or unprintable characters")
    if doc_id != doc_id.strip():
        raise BadDocument("the document id starts or ends with white space")
    stem, dot, extension = doc_id.rpartition(".")
    if not dot or not stem or f".{extension}" not in EXTENSIONS:
        raise BadDocument(f"the document id {doc_id!r} must end in {' or '.join(EXTENSIONS)}")
    return doc_id


def check_text(text: str, max_bytes: int) -> str:
    """A document's text (given as JSON, or decoded from an upload): size, content, no binary."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise DocumentTooLarge(f"the document is over {max_bytes} bytes as UTF-8")
    if not text.strip():
        raise BadDocument("the document is empty")
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise BadDocument("the document is not valid Unicode text (it holds a lone surrogate)")
    controls = control_characters(text)
    if controls:
        raise BadDocument(f"the document looks binary: it holds {controls} control characters")
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        raise BadDocument("the document has no letters or digits")
    return text


def decode_upload(data: bytes, max_bytes: int) -> str:
    """The text of an uploaded file: UTF-8 (BOM or not), else GB18030/GBK or Big5 as detected.

    Raises DocumentTooLarge over `max_bytes`, BadDocument for empty, binary or undecodable bytes.
    """
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"the document has {len(data)} bytes; the limit is {max_bytes}")
    if not data.strip():
        raise BadDocument("the document is empty")
    try:
        text = decode_text(data, legacy=True)
    except NotText as why:
        raise BadDocument(f"cannot read the document: {why}; upload a .txt or .md article") from None
    return check_text(text, max_bytes)


def write_document(corpus_dir: Path, doc_id: str, text: str) -> Path:
    """Write the article as UTF-8 under its id, atomically: a crash leaves the old file or the new
    one whole, never a part. The temporary file is hidden and not .txt/.md, so no build reads it."""
    path = corpus_dir / validate_doc_id(doc_id)
    temporary = corpus_dir / f".{doc_id}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_dir(corpus_dir)
    return path


def delete_document(corpus_dir: Path, doc_id: str) -> bool:
    """Remove the article's file; False when there was none."""
    path = corpus_dir / validate_doc_id(doc_id)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    fsync_dir(corpus_dir)
    return True


def document_exists(corpus_dir: Path, doc_id: str) -> bool:
    return (corpus_dir / validate_doc_id(doc_id)).is_file()
