"""Traditional → Simplified Chinese, one character for one, so offsets stay valid.

The reader was trained on Simplified text and the question words are parsed in Simplified forms;
reading a Traditional question or article through this view lets both work the same, while answers
and citations are still taken from the original characters at the same offsets.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_converter = None


def _convert(text: str) -> str:
    global _converter
    with _lock:
        if _converter is None:
            import opencc

            _converter = opencc.OpenCC("t2s")
        return _converter.convert(text)


@lru_cache(maxsize=512)
def to_simplified(text: str) -> str:
    """`text` in Simplified characters, with exactly its length (phrase conversions that would change
    the length fall back to character by character, and a character that would grow stays as it is)."""
    if text.isascii():
        return text
    converted = _convert(text)
    if len(converted) == len(text):
        return converted
    singles = (_convert(char) for char in text)
    return "".join(new if len(new) == 1 else old for old, new in zip(text, singles, strict=True))
