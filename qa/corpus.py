"""Read a folder of `.txt` and `.md` articles; a bad file is reported by name and skipped, never fatal.

Only regular files whose real path lies inside the corpus folder are opened: a link to /etc/passwd,
a FIFO (which would block a reader forever) or a device (/dev/zero never ends) is named and skipped
without being read. So are files over the size limit, binary-looking files and other file types.
Each skipped file is logged once, by the loader, with its reason.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.decoding import NotText, control_characters, decode_text
from qa.errors import CorpusError
from qa.types import Document

logger = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".txt", ".md")
MAX_DOCUMENT_BYTES = 5_000_000  # QA_MAX_DOCUMENT_BYTES: the default of the per-file limit
_CONTROL_SHARE = 0.01  # a larger share of control characters (outside \n \r \t \f \v) reads as binary


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file that could not be indexed, and why."""

    path: str
    reason: str


class NotADocument(Exception):
    """Why a file is not read as a document (the message is the reason); caught per file."""


def content_hash(text: str) -> str:
    """sha256 of the text as UTF-8: the key that decides whether a document is re-embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_document_bytes(path: Path, root: Path, max_bytes: int) -> bytes:
    """The bytes of one corpus file, or `NotADocument` with the reason it is not read. The file is checked
    (real path inside `root`, regular file, size) before it is opened, and again once it is open."""
    real = os.path.realpath(path)
    if not _inside(real, os.path.realpath(root)):
        raise NotADocument("a link to outside the corpus folder (not read)")
    try:
        mode = os.stat(real).st_mode
        if not stat.S_ISREG(mode):
            raise NotADocument(f"{_kind(mode)}, not a regular file (not read)")
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it cannot hang.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as error:
        raise NotADocument(f"unreadable: {error.strerror or error}") from error
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotADocument(f"{_kind(info.st_mode)}, not a regular file (not read)")
        if info.st_size > max_bytes:
            raise NotADocument(f"{info.st_size} bytes, over the limit of {max_bytes} (QA_MAX_DOCUMENT_BYTES)")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotADocument(f"over the limit of {max_bytes} bytes (QA_MAX_DOCUMENT_BYTES)")
    return data


def decode_document(data: bytes) -> str:
    """The text of a document file, or `NotADocument`: not UTF-8, binary-looking or empty."""
    try:
        text = decode_text(data)  # UTF-8 only: an OCR dump in GBK must be reported, not half-read
    except NotText as why:
        raise NotADocument(str(why)) from None
    if not text.strip():
        raise NotADocument("empty file")
    controls = control_characters(text)
    if controls > _CONTROL_SHARE * len(text):
        raise NotADocument(f"binary-looking content ({controls} control characters), not text")
    return text


def _walk(corpus_dir: Path) -> Iterator[tuple[str, Path, str | None]]:
    """(id, path, reason to skip or None) for every entry under the folder, in name order. Linked
    folders are not followed (their files could lie anywhere)."""
    for folder, subfolders, files in os.walk(corpus_dir):
        subfolders.sort()
        here = Path(folder)
        for name in list(subfolders):
            doc_id = (here / name).relative_to(corpus_dir).as_posix()
            if (here / name).is_symlink():
                subfolders.remove(name)
                yield doc_id, here / name, "a link to a folder (not followed)"
            elif name.lower().endswith(DOCUMENT_SUFFIXES):
                yield doc_id, here / name, "a folder, not a file"
        for name in sorted(files):
            doc_id = (here / name).relative_to(corpus_dir).as_posix()
            supported = name.lower().endswith(DOCUMENT_SUFFIXES)
            yield doc_id, here / name, None if supported else "not a .txt or .md file (ignored)"


def load_corpus(
    corpus_dir: Path, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[list[Document], list[SkippedFile]]:
    """All readable `.txt`/`.md` documents under `corpus_dir` (ids are relative paths), plus the
    skipped files, each logged once with its reason."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist (set QA_CORPUS_DIR)")
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for doc_id, path, reason in sorted(_walk(corpus_dir)):
        try:
            if reason is not None:
                raise NotADocument(reason)
            text = decode_document(read_document_bytes(path, corpus_dir, max_bytes))
        except NotADocument as why:
            skipped.append(SkippedFile(doc_id, str(why)))
            logger.warning("skipped %s: %s", doc_id, why)
        else:
            documents.append(Document(id=doc_id, raw_text=text, sha256=content_hash(text)))
    if not documents:
        raise CorpusError(f"no readable .txt or .md document in {corpus_dir} ({len(skipped)} skipped)")
    return documents, skipped


def corpus_fingerprint(corpus_dir: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """A hash of every document file's name and content: the key of an eval cache index. Files the
    loader would skip count by name only, and are never opened if they are not safe to read."""
    digest = hashlib.sha256()
    for doc_id, path, reason in sorted(_walk(corpus_dir)):
        digest.update(doc_id.encode())
        if reason is None:
            try:
                digest.update(hashlib.sha256(read_document_bytes(path, corpus_dir, max_bytes)).digest())
            except NotADocument:
                pass
    return digest.hexdigest()[:16]
