"""English questions about the Chinese articles: rewritten into a Chinese question before typing.

Only what the answer extractor needs survives the rewrite: the question word (each question type
names its English words and the Chinese one they become), the subject (place names through their
pinyin, learned with the index's lexicon; periods like "January to November") and the content words
through the glossary qa/vocab/glossary.tsv, which users extend for their own corpus.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.vocab import HAN, pairs

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(rf"[{HAN}]")

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTH = "|".join(_MONTHS)
# English term -> Chinese term, matched as whole words (no "mu" in "much") with their plurals and
# past forms, longest first ("total retail sales of consumer goods" before "retail sales"); the Chinese
# terms found are written in the file's order, which puts what is measured before its change.
_GLOSSARY = tuple(
    (re.compile(rf"\b{re.escape(en)}(?:e?s|e?d)?\b"), zh)
    for en, zh in sorted(pairs("glossary"), key=lambda pair: len(pair[0]), reverse=True)
)
_ORDER: dict[str, int] = {}
for _index, (_, _zh) in enumerate(pairs("glossary")):
    _ORDER.setdefault(_zh, _index)
# question words finer than a type's (a year is a date, but not a day)
_WH_PHRASES = (
    (re.compile(r"\b(?:what|which) year\b"), "哪一年"),
    (re.compile(r"\bwhat time\b"), "几点"),
)
_PLACE_SUFFIX = dict(pairs("place_words"))
_PLACE_WORDS = "|".join(_PLACE_SUFFIX)


def is_english(question: str) -> bool:
    """Mostly Latin letters: a few Chinese names in brackets do not make it Chinese."""
    return len(_LATIN.findall(question)) > 2 * len(_HAN.findall(question))


def _places(text: str, ctx: AnsweringContext) -> list[str]:
    """Place names spelled in pinyin ("Qinghe town" -> 青禾镇, "Lanshan" -> 岚山)."""
    found = []
    names = ctx.lexicon.names
    for spelled, name in ctx.places_by_pinyin():
        match = re.search(rf"\b{spelled}(?:'s)?\b(?: ({_PLACE_WORDS})\b)?", text)
        if match is None:
            continue
        suffix = _PLACE_SUFFIX.get(match.group(1) or "", "")
        found.append(name + suffix if name + suffix in names else name)
        text = text.replace(spelled, " ")
    return found


def _times(text: str) -> list[str]:
    out = []
    for a, b in re.findall(rf"\bfrom ({_MONTH}) to ({_MONTH})\b", text):
        out.append(f"{_MONTHS[a]}-{_MONTHS[b]}月")
    for month, day in re.findall(rf"\b({_MONTH}) (\d{{1,2}})\b", text):
        out.append(f"{_MONTHS[month]}月{day}日")
    out.extend(f"{year}年" for year in re.findall(r"\b((?:19|20)\d\d)\b", text))
    return out


def to_chinese(question: str, ctx: AnsweringContext) -> str:
    """A Chinese rendering of an English question: subject + content words + question word."""
    text = question.lower()
    han = "".join(_HAN.findall(question))  # names the asker wrote in Chinese, e.g. (星河织造)
    kept: list[str] = []
    for term, zh in _GLOSSARY:
        if term.search(text):
            text = term.sub(" ", text)
            if zh not in kept and not any(zh in k for k in kept):
                kept.append(zh)
    asked = (*_WH_PHRASES, *ctx.types.english_words)
    wh = next((zh for pattern, zh in asked if pattern.search(question.lower())), "什么")
    subject = _places(question.lower(), ctx) + _times(question.lower())
    figures = re.findall(r"\d+(?:\.\d+)?%", question)  # "raise it to 65%": the figure is the article's too
    kept.sort(key=_ORDER.__getitem__)
    return "".join(subject) + han + "".join(kept) + "".join(figures) + wh
