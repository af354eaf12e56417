"""Parallel clauses: a sentence that gives the same measure for several items, one clause each
("白鹭山林场建设隔离带31公里,青岗林场建设隔离带22公里"; "60至79周岁老人每餐补贴3元,80周岁以上老人每餐
补贴5元"). The figure asked for is in the clause that names more of what the question names."""

from __future__ import annotations

import re

from qa.answering.candidates import FIGURE_SAFE_BREAK, Candidate
from qa.answering.question import Question

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_UNIT_AFTER = re.compile(r"\d[万亿]?([^\d\s]+)$")  # 公里 of 31公里, 万元 of 2,360万元
_CHANGE = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌|[增减]")
_TOTAL = re.compile(r"[共总]|合计")  # "共受理投诉、举报和咨询11037件": all the items' total
_LIST_HEAD = re.compile(r"中[,:]$")  # "143家助餐点中," "其中:" opens the list of its items


def parallel_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """Another clause of the candidate's sentence with a figure in the same unit, naming everything
    the question names that the candidate's clause does and more: that clause's figure is the one.
    What a list's head names ("143家助餐点中,") its items name too: the head's total is no item."""
    if question.qtype not in ("number", "percent"):
        return None
    terms = _terms(question)
    unit = _UNIT_AFTER.search(cand.text)
    if not terms or unit is None:
        return None
    same_unit = re.compile(rf"\d[万亿]?{re.escape(unit.group(1))}")
    own: set[str] = set()
    others: list[tuple[str, set[str]]] = []
    inherited: set[str] = set()
    clauses = _clauses(text, cand.sentence.start, cand.sentence.end)
    changes = next((bool(_CHANGE.search(text, s, e)) for s, e in clauses if s <= cand.start < e), False)
    for start, end in clauses:
        clause = text[start:end]
        named = {term for term in terms if term in clause} | inherited
        if start <= cand.start < end:
            own = named
        elif (
            same_unit.search(clause) and bool(_CHANGE.search(clause)) == changes and not _TOTAL.search(clause)
        ):
            others.append((clause, named))  # a level's change (增加410万元) or a total is no other item
        if _LIST_HEAD.search(clause):
            inherited = named
    better = [clause for clause, named in others if named > own]
    return better[0] if better else None


def _terms(question: Question) -> set[str]:
    """What the question names: its names, content words of two or more characters, its figures."""
    words = {word for word in (*question.names, *question.keywords) if len(word) >= 2}
    return words | set(_FIGURE.findall(question.text))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of text[start:end], as (start, end) pairs."""
    bounds = [start, *(m.end() for m in FIGURE_SAFE_BREAK.finditer(text, start, end)), end]
    return [(left, right) for left, right in zip(bounds, bounds[1:], strict=False) if right > left]
