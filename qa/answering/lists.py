"""Questions that ask for several things (哪些, 哪几个, 哪两所): the answer is the whole list.

The reader's best span for such a question is often one item of the list the article gives
(多伦多 of 多伦多、温哥华和卡加利), while a span holding every item scores close to it. A guess that
holds the best span, joined to the other items by 、/和/及/与/或 inside one clause, each added piece an
item and not what the sentence says of the list (卡加利均设有站台 says more than 卡加利), is the list
asked for; the list is then read on while what follows is more items of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from qa.answering.question import Question
from qa.answering.shape import FIGURE_TYPES
from qa.reader.decode import SpanGuess, holding_best
from qa.types import Hit

# 哪几天 and 哪几年 ask for dates, which stay ranges (4月23日-25日), not lists
_LIST_ASKED = re.compile(r"哪些|哪几(?![天年月日号点时])|哪[两二三四五六七八九十]")
_JOINER = "(?:、|以及|及|和|与|或者|或|跟)"
_JOINED_BEFORE = re.compile(f"{_JOINER}$")
_JOINED_AFTER = re.compile(f"^{_JOINER}")
# a list is read inside one clause: a comma, a stop or a bracket ends it
_BREAK = re.compile(r"[,;:!?。()\[\]（）]")
_OPENERS, _CLOSERS = "《“「‘(", "》”」’)"
_ITEM_END = re.compile(f"{_JOINER}|等|{_BREAK.pattern}")
_NUMERALS = "两三四五六七八九十"
_LONGEST_ITEM = 16  # characters: a longer "item" is a clause of its own


def _asked_count(question: Question) -> int:
    """How many items the question asks for: 哪两所 two, 哪些 any number."""
    found = _LIST_ASKED.search(question.text)
    numeral = found.group(0)[1:] if found else ""
    return _NUMERALS.index(numeral) + 2 if numeral and numeral in _NUMERALS else 10_000


def _item_list(span: str) -> list[str]:
    return [item for item in re.split(_JOINER, span) if item]


def _items(span: str) -> int:
    return len(_item_list(span))


def asks_list(question: Question) -> bool:
    """Whether the question asks for several things (哪些地方, 哪两所幼稚园), not for one."""
    return _LIST_ASKED.search(question.text) is not None


def is_list(span: str) -> bool:
    """Whether a span is items joined by 、/和/及/与/或 inside one clause."""
    return re.search(_JOINER, span) is not None and _BREAK.search(span) is None


def takes_list(question: Question, span: str) -> bool:
    """Whether a span is a list the answer takes whole: any list for a list question, and a list of
    short items the reader read for a question about a name or a thing (主持人是谁: 夏雨、宋熙年及陈爽),
    never for a figure or a date, whose 、 joins what the sentence says next (393亿元、增长12%)."""
    if not is_list(span):
        return False
    if asks_list(question):
        return True
    items = _item_list(span)
    return (
        question.qtype not in FIGURE_TYPES
        and len(items) >= 2
        and all(len(item) <= _LONGEST_ITEM and not _says_more(question, item) for item in items)
    )


def read_list(
    question: Question, guesses: Sequence[tuple[SpanGuess, int]], passages: Sequence[tuple[Hit, str]]
) -> bool:
    """Whether the best guess is a list the answer takes whole (then no single item stands for it)."""
    if not guesses:
        return False
    best, position = guesses[0]
    return takes_list(question, passages[position][1][best.start : best.end])


def _says_more(question: Question, item: str) -> bool:
    """An item that holds a word of the question and more is what the sentence says of the list
    (卡加利均设有站台), not an item; one that is that word (欧盟 of 欧盟与拉美) is an item, and so is one
    that repeats a one-character word of it (第十一区 for 哪三个区)."""
    return any(word in item and word != item for word in question.keywords if len(word) >= 2)


def _joins_items(question: Question, before: str, after: str) -> bool:
    """What a longer guess adds around the best span is more items of its list: it adds something,
    joined to the best span, in one clause, and no item of it says more than an item."""
    before, after = before.rstrip(_OPENERS), after.lstrip(_CLOSERS)  # 《朱学论集》、《…
    joined = (not before or _JOINED_BEFORE.search(before)) and (not after or _JOINED_AFTER.search(after))
    added = before + after
    items = _item_list(added)
    said = any(_says_more(question, item) for item in items)
    return bool(added) and bool(joined) and _BREAK.search(added) is None and not said


def _closed(text: str, start: int, end: int) -> int:
    """The end of text[start:end] past the closing marks of the titles or quotes it opened (《朱学论集)."""
    while end < len(text) and text[end] in _CLOSERS:
        opened = sum(text.count(mark, start, end) for mark in _OPENERS)
        if opened <= sum(text.count(mark, start, end) for mark in _CLOSERS):
            break
        end += 1
    return end


def _extended(question: Question, text: str, start: int, end: int) -> int:
    """Where a list read from `start` to `end` ends: items joined after it (琼麻、现在的洋葱 and 和牧草)
    are taken up to the clause's end or an 等 (kept: the list says it is not all), while each is an
    item, not what is said of the list, and no more items than the question asks for (哪两个)."""
    asked = _asked_count(question)
    end = _closed(text, start, end)
    while _items(text[start:end]) < asked and (joiner := _JOINED_AFTER.search(text[end : end + 2])):
        first = end + joiner.end()
        stop = _ITEM_END.search(text, first)
        last = stop.start() if stop else len(text)
        item = text[first:last]
        if not item or len(item) > _LONGEST_ITEM or _says_more(question, item):
            break
        end = _closed(text, start, last)
    return end + 1 if is_list(text[start:end]) and text[end : end + 1] == "等" else end


def list_first(
    question: Question,
    guesses: Sequence[tuple[SpanGuess, int]],
    passages: Sequence[tuple[Hit, str]],
    gap: float,
) -> list[tuple[SpanGuess, int]]:
    """The guesses with the widest list that holds the best span first, when the question asks for a
    list (or the best span is one the answer takes whole) and such a guess scores within `gap` of the
    best; else the guesses as they were."""
    ranked = list(guesses)
    if not ranked:
        return ranked
    best, position = ranked[0]
    text = passages[position][1]
    if not asks_list(question) and not takes_list(question, text[best.start : best.end]):
        return ranked
    widest: tuple[SpanGuess, int] | None = None
    for guess, where in holding_best(ranked, gap)[1:]:
        added = text[guess.start : best.start], text[best.end : guess.end]
        if not _joins_items(question, *added):
            continue
        if _items(text[guess.start : guess.end]) > _asked_count(question):
            continue
        if widest is None or guess.end - guess.start > widest[0].end - widest[0].start:
            widest = (guess, where)
    chosen, where = widest or ranked[0]
    end = _extended(question, text, chosen.start, chosen.end)
    if widest is None and end == chosen.end:
        return ranked
    return [(replace(chosen, end=end), where)] + [item for item in ranked if item[0] is not chosen]
