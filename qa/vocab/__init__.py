"""Word lists the rules use, each defined once as a data file beside this module.

Every list here is general Chinese (or English): titles, stop words, place suffixes, measure words,
surnames, and the English glossary. Nothing is specific to one corpus: names, trades and the pinyin of
place names are learned from each corpus at index time (qa.lexicon) and stored with its generation.
Users may extend a list (most usefully glossary.tsv) by editing its file; see the README.

File format: words separated by white space or new lines; `#` starts a comment. glossary.tsv is one
`english<TAB>中文` pair a line.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources

HAN = "\u4e00-\u9fff"  # the CJK Unified Ideographs block: what "a Chinese character" means here
NUMERALS = "一二两三四五六七八九十百千万亿零"  # a figure written in characters (三, 两万, 十一)


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of vocab/<name>.txt, in file order (loaded once; the tuple is immutable)."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(word for line in text.splitlines() for word in line.split("#", 1)[0].split())


@cache
def chars(name: str) -> frozenset[str]:
    """The characters of vocab/<name>.txt (a list of single characters, e.g. surnames)."""
    return frozenset("".join(words(name)))


@cache
def pairs(name: str) -> tuple[tuple[str, str], ...]:
    """`left<TAB>right` lines of vocab/<name>.tsv, in file order."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].rstrip("\n") for line in text.splitlines())
    return tuple(tuple(part.strip() for part in row.split("\t", 1)) for row in rows if "\t" in row)


def alternation(name: str) -> str:
    """The words of a list as a regex alternation, longest first (so 副镇长 is tried before 镇长)."""
    return "|".join(re.escape(word) for word in sorted(words(name), key=len, reverse=True))


@cache
def fingerprint() -> str:
    """A hash of every word list: BM25's tokens and the names mined at index time depend on them, so an
    index built under other lists is rebuilt (its vectors are reused: they do not depend on them)."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda item: item.name):
        if entry.name.endswith((".txt", ".tsv")):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]
