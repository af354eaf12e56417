"""Figures given 分别 (respectively): the n-th figure of the run after 分别 belongs to the n-th item
before it, "桐溪镇、石岭乡两地的硬化率分别由86.4%和79.1%提高到98.2%和95.7%" (石岭乡: 79.1%, 95.7%), and
"受理案件14,802件,审执结14,386件,同比分别增长6.4%和7.1%" (审执结: 7.1%).

A question that names one item better than the others is answered by that item's figure only.
"""

from __future__ import annotations

import re

from qa.answering.candidates import FIGURE_SAFE_BREAK, UNIT_PATTERN, Candidate
from qa.answering.question import Question
from qa.vocab import HAN

_FIGURE = rf"\d+(?:[.,]\d+)*(?:%|个百分点|[万亿千百]?(?:{UNIT_PATTERN})|[万亿])?"
_RUN = re.compile(rf"{_FIGURE}(?:[和与及、]{_FIGURE})+")
_ONE_FIGURE = re.compile(_FIGURE)
_ITEMS = re.compile(rf"[{HAN}]+(?:[、和与及][{HAN}]+)+$")
_ITEM_BREAK = re.compile(r"[、和与及]")
_RESPECTIVELY = "分别"


def respective_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The item the question names, when the candidate is another item's figure of a 分别 run."""
    found = _asked_and_given(question, text, cand.sentence.start, cand.sentence.end, cand.start)
    if found is None:
        outside = _run_naming_asked(question, text, cand.sentence.start, cand.sentence.end, cand.start)
        return None if outside is None else outside[0]
    return None if found[0] == found[1] else found[2][found[0]]


def respective_figure(question: Question, text: str, start: int, end: int, at: int) -> tuple[int, int] | None:
    """The span of the figure of the item the question names, in the 分别 run holding the figure at
    `at` (the sentence is text[start:end]), or None when there is no such run or item."""
    found = _asked_and_given(question, text, start, end, at)
    if found is None:
        outside = _run_naming_asked(question, text, start, end, at)
        return None if outside is None else outside[1].span()
    asked, _, _, figures = found
    return figures[asked].span()


def _run_naming_asked(
    question: Question, text: str, start: int, end: int, at: int
) -> tuple[str, re.Match[str]] | None:
    """(the item, its figure) of a 分别 run of the sentence text[start:end] that names an item the
    question names whole, in the unit of the figure at `at`, which is outside the run ("对口就业率86.3%,
    2022届、2023届分别为79.5%和83.1%": 2023届 asked, 86.3% is the latest year's, 83.1% the one)."""
    figure = _ONE_FIGURE.match(text, at)
    if question.qtype not in ("number", "percent") or figure is None:
        return None
    word = text.find(_RESPECTIVELY, start, end)
    while word >= 0:
        first = _ONE_FIGURE.search(text, word + len(_RESPECTIVELY), end)
        bounds = run_around(text, first.start(), end, first.start()) if first else None
        if bounds is not None and not bounds[0] <= at < bounds[1]:
            figures = figures_in(text, *bounds)
            items = _listed_before(text, start, word)
            named = [item for item in items if len(item) >= 2 and item in question.text]
            same_unit = all(f.group(0)[-1:] == figure.group(0)[-1:] for f in figures)
            if len(items) == len(figures) and len(named) == 1 and same_unit:
                return named[0], figures[items.index(named[0])]
        word = text.find(_RESPECTIVELY, word + len(_RESPECTIVELY), end)
    return None


def run_around(text: str, start: int, end: int, at: int) -> tuple[int, int] | None:
    """The run of figures joined by 和/、 (86.4%和79.1%) holding the figure at `at` in text[start:end]."""
    match = next((m for m in _RUN.finditer(text, start, end) if m.start() <= at < m.end()), None)
    return match.span() if match else None


def figures_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Every figure in text[start:end], in order."""
    return list(_ONE_FIGURE.finditer(text, start, end))


def _asked_and_given(
    question: Question, text: str, start: int, end: int, at: int
) -> tuple[int, int, list[str], list[re.Match[str]]] | None:
    """For the figure at `at` in a 分别 run: the place of the item the question names, the figure's own
    place, the items and the run's figures; None when not in such a run or no item is named."""
    if question.qtype not in ("number", "percent"):
        return None
    word = text.rfind(_RESPECTIVELY, start, at)
    bounds = run_around(text, word + len(_RESPECTIVELY), end, at) if word >= 0 else None
    if bounds is None:
        return None
    figures = figures_in(text, *bounds)
    given = next((n for n, f in enumerate(figures) if f.start() <= at < f.end()), None)
    items = _items(text, start, word, len(figures))
    asked = _named_item(question.text, items) if len(items) == len(figures) else None
    return None if asked is None or given is None else (asked, given, items, figures)


def _listed_before(text: str, start: int, respectively: int) -> list[str]:
    """The items listed whole right before 分别 in its clause (2022届、2023届分别为…), digits and all."""
    clause = FIGURE_SAFE_BREAK.split(text[start:respectively])[-1]
    items = _ITEM_BREAK.split(clause)
    return items if len(items) > 1 and all(items) else []


def _items(text: str, start: int, respectively: int, count: int) -> list[str]:
    """What the figures belong to, in order: a list of names before 分别 in its clause (桐溪镇、石岭乡)
    or in the clause before it (北汊湿地和红柳滩是…区域,分别记录到…), else the `count` clauses before
    it, each with one figure (受理…14,802件, 审执结14,386件)."""
    listed = _listed_before(text, start, respectively)
    if len(listed) == count and all(re.search(r"\d", item) for item in listed):
        return listed  # years or classes (2022届、2023届): no name, but the items all the same
    bounds = [start, *(match.end() for match in FIGURE_SAFE_BREAK.finditer(text, start, respectively))]
    spans = [(bounds[-1], respectively)]  # the clause of 分别, then the one before it
    if len(bounds) > 1:
        spans.append((bounds[-2], bounds[-1] - 1))
    for left, right in spans:
        items = _listed(text, left, right)
        if len(items) == count:
            return items
    clauses = [part for part in FIGURE_SAFE_BREAK.split(text[start : bounds[-1]]) if part]
    labelled = [c for c in clauses[-count:] if len(_ONE_FIGURE.findall(c)) == 1]
    return [_ONE_FIGURE.sub("", c) for c in labelled] if len(labelled) == count else []


def _listed(text: str, start: int, end: int) -> list[str]:
    """The names listed in text[start:end] (桐溪镇、石岭乡); the last runs on into what the items share
    (石岭乡两地的硬化率), so it is cut to the longest of the others."""
    listed = _ITEMS.search(text, start, end)
    items = _ITEM_BREAK.split(listed.group(0)) if listed else []
    return [*items[:-1], items[-1][: max(len(item) for item in items[:-1])]] if len(items) > 1 else []


def _named_item(question: str, items: list[str]) -> int | None:
    """The item the question names: the one sharing two or more characters with it earliest in the
    question, where the words that tell items apart stand (审执结 of 审执结案件数, 办结 of 办结的出行诉求:
    what the items share, 案件 or 出行诉求, comes last and may be left out of the later items)."""
    keys = [_earliest_shared(question, item) for item in items]
    best = min(keys)
    return keys.index(best) if best[0] < len(question) and keys.count(best) == 1 else None


def _earliest_shared(question: str, item: str) -> tuple[int, int]:
    """(where in the question, minus length) of the earliest run of 2+ characters it shares with `item`."""
    for start in range(len(question) - 1):
        size = 2
        while start + size <= len(question) and question[start : start + size] in item:
            size += 1
        if size > 2:
            return start, -(size - 1)
    return len(question), 0
