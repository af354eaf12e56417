"""Bytes of an article to text: the one decoder behind the corpus loader and uploads.

Both read UTF-8 (a BOM is dropped) and call NUL bytes binary. Uploads also accept the legacy
Chinese encodings (GB18030/GBK, Big5), detected by charset-normalizer; `qa index` does not, so an OCR
dump in GBK in the corpus folder is reported, not half-read. Whether the decoded text looks like an
article (not empty, few control characters) is each caller's rule, counted here the same way.
"""

from __future__ import annotations

import logging
import unicodedata

logger = logging.getLogger(__name__)

# The encodings Chinese articles come in besides UTF-8; anything else is refused rather than guessed at.
LEGACY_ENCODINGS = ("gb18030", "big5")
_TEXT_CONTROLS = frozenset("\n\r\t\f\v")


class NotText(ValueError):
    """Why the bytes are not read as text (the message is the reason)."""


def decode_text(data: bytes, legacy: bool = False) -> str:
    """The text of the bytes: UTF-8, or with `legacy` GB18030/GBK or Big5 as detected. NotText when
    they hold NUL bytes (binary) or are in no accepted encoding."""
    if b"\x00" in data:
        raise NotText("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")  # strict: a stray byte means another encoding, never a guess
    except UnicodeDecodeError as error:
        if not legacy:
            raise NotText("not UTF-8") from error
        text = _detected(data)
    return text[1:] if text.startswith("\ufeff") else text


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported on the first non-UTF-8 bytes only

    match = from_bytes(data, cp_isolation=["utf_8", *LEGACY_ENCODINGS]).best()
    if match is None:
        raise NotText("neither UTF-8, GB18030/GBK nor Big5 text (binary?)")
    logger.info("decoded as %s", match.encoding)
    return str(match)


def control_characters(text: str) -> int:
    """Control characters other than line breaks, tabs and form feeds: many of them mean binary."""
    return sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in _TEXT_CONTROLS)
