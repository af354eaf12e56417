"""Read a folder of `.txt` articles; a bad file is reported by name and skipped, never fatal."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from qa.errors import CorpusError
from qa.types import Document

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file that could not be indexed, and why."""

    path: str
    reason: str


def content_hash(text: str) -> str:
    """sha256 of the text as UTF-8: the key that decides whether a document is re-embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_one(path: Path) -> str:
    data = path.read_bytes()
    text = data.decode("utf-8")  # strict: an OCR dump in GBK must be reported, not half-read
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file")
    return text


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[SkippedFile]]:
    """All readable `.txt` documents under `corpus_dir` (ids are relative paths), plus the skipped ones."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist (set QA_CORPUS_DIR)")
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for path in sorted(corpus_dir.rglob("*.txt")):
        doc_id = path.relative_to(corpus_dir).as_posix()
        try:
            text = _read_one(path)
        except UnicodeDecodeError:
            skipped.append(SkippedFile(doc_id, "not UTF-8"))
        except ValueError as error:
            skipped.append(SkippedFile(doc_id, str(error)))
        except OSError as error:
            skipped.append(SkippedFile(doc_id, f"unreadable: {error.strerror or error}"))
        else:
            documents.append(Document(id=doc_id, raw_text=text, sha256=content_hash(text)))
    for item in skipped:
        logger.warning("skipped %s: %s", item.path, item.reason)
    if not documents:
        raise CorpusError(f"no readable .txt document in {corpus_dir} ({len(skipped)} skipped)")
    return documents, skipped


def corpus_fingerprint(corpus_dir: Path) -> str:
    """A hash of every file name and content in the folder: the key of an eval cache index."""
    digest = hashlib.sha256()
    for path in sorted(corpus_dir.rglob("*.txt")):
        digest.update(path.relative_to(corpus_dir).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
