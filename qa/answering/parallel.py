"""Clauses and what they name. A figure's clause must name what the question measures (else it is
outside it), and of parallel clauses, a sentence giving the same measure for several items one clause
each ("白鹭山林场建设隔离带31公里,青岗林场建设隔离带22公里"; "60至79周岁老人每餐补贴3元,80周岁以上老人
每餐补贴5元"), the figure asked for is in the clause that names more of what the question names."""

from __future__ import annotations

import re

from qa.answering.candidates import FIGURE_SAFE_BREAK, Candidate, clause_of
from qa.answering.question import Question
from qa.vocab import HAN

# What a clause may hold besides its figure and still say nothing of its own: a period and a verb
_PERIOD_AND_VERB = re.compile(
    r"\d{4}年[底末]?|\d{1,2}月[底末]?|[到至在将可能为约达]|预计|有望|增至|增加到|提高到|突破|超过"
)
_HAN = re.compile(rf"[{HAN}]")
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


def outside_clause(question: Question, cand: Candidate, text: str) -> bool:
    """A figure whose own clause lacks the measured noun: "产值超50亿元,销量排名第二" gives no 销量. A
    list's head names it for its items ("143家助餐点中,…依托养老机构运营的有54家"), and a clause of a
    period and a verb alone carries the noun before it on ("发送量可达186万人次,到2030年将达到245万人次")."""
    if cand.kind not in ("number", "percent") or not question.focus_before:
        return False
    term = question.focus_before[0]
    left, right = clause_of(text, cand.sentence, cand.start, cand.end)
    in_sentence = term in text[cand.sentence.start : cand.sentence.end]
    if len(term) < 2 or not in_sentence or term in text[left:right]:
        return False
    rest = text[left : cand.start] + text[cand.end : right]  # the clause without its figure
    if not _HAN.search(_PERIOD_AND_VERB.sub("", rest)):
        return False
    return re.search(rf"{re.escape(term)}[^,;:]*中[,:]", text[cand.sentence.start : left]) is None
