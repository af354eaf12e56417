"""Clauses and what they name. A figure's clause must name what the question measures (else it is
outside it), and of parallel clauses, a sentence giving the same measure for several items one clause
each ("白鹭山林场建设隔离带31公里,青岗林场建设隔离带22公里"; "60至79周岁老人每餐补贴3元,80周岁以上老人
每餐补贴5元"), the figure asked for is in the clause that names more of what the question names."""

from __future__ import annotations

import re

from qa.answering.candidates import FIGURE_SAFE_BREAK, Candidate, clause_of
from qa.answering.question import Question
from qa.lexicon import word_tag
from qa.vocab import HAN

# What a clause may hold besides its figure and still say nothing of its own: a period and a verb
_PERIOD_AND_VERB = re.compile(
    r"\d{4}年[底末]?|\d{1,2}月[底末]?|[到至在将可能为约达]|预计|有望|增至|增加到|提高到|突破|超过"
)
_HAN = re.compile(rf"[{HAN}]")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_UNIT_AFTER = re.compile(r"\d[万亿]?([^\d\s]+)$")  # 公里 of 31公里, 万元 of 2,360万元
_CHANGE = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌|[增减]")
_CHANGE_WORDS = re.compile(rf"(?:{_CHANGE.pattern}|同比|环比|(?:比|较)(?:去年|上年)?(?:同期)?)+了?")
_PERIOD_WORDS = {"同期", "去年", "今年", "上年", "明年", "比", "较"}
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
    same_unit = re.compile(rf"{_FIGURE.pattern}[万亿]?{re.escape(unit.group(1))}")  # 7960人, 6850万吨
    own: set[str] = set()
    others: list[tuple[str, set[str], bool]] = []
    inherited: set[str] = set()
    clauses = _clauses(text, *whole_sentence(text, cand.sentence.start, cand.sentence.end))
    changes = next((bool(_CHANGE.search(text, s, e)) for s, e in clauses if s <= cand.start < e), False)
    level_named: set[str] = set()
    for start, end in clauses:
        clause = text[start:end]
        named = {term for term in terms if _names(clause, term)} | inherited
        if _CHANGE.search(clause) and not {term for term in named if not _CHANGE_WORDS.fullmatch(term)}:
            named = level_named  # "农村居民…23870元,增长7.6%": the change is of the level before it
        level_named = named
        if start <= cand.start < end:
            own = named
        elif (
            same_unit.search(clause) and bool(_CHANGE.search(clause)) == changes and not _TOTAL.search(clause)
        ):
            # a level's change (增加410万元) or a total is no other item
            others.append((clause, named, start > cand.start))
        if _LIST_HEAD.search(clause):
            inherited = named
    better = [
        clause
        for clause, named, later in others
        if named > own
        or later
        and _names_more(question, own, named)
        and _elliptical(clause, named, same_unit)
    ]
    return better[0] if better else None


def _names_more(question: Question, own: set[str], named: set[str]) -> bool:
    """Another clause names a place or organisation the question asks about, and the candidate's
    clause names none of them."""
    names = set(question.names)
    return bool(named & names) and not own & names


def _elliptical(clause: str, named: set[str], figure: re.Pattern[str]) -> bool:
    """A clause that is little more than a name and its figure ("河西区7960人" after "预计东湖区明年小学
    入学新生8120人,"): it says the same of what it names, so what it names more is its own. Only a
    clause after the candidate's leaves out what it repeats; one naming a period of its own ("9月当月…")
    says more."""
    rest = figure.sub("", clause)
    for term in sorted(named, key=len, reverse=True):
        rest = rest.replace(term, "")
    return len(_HAN.findall(rest)) <= 2


def _names(clause: str, term: str) -> bool:
    """Whether the clause names the term; a figure of the question (6 of 1-6月) as a whole number,
    not as a digit of another (16.8%)."""
    if term[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(term)}(?![\d.])", clause) is not None
    return term in clause


def whole_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence text[start:end] with the ones it shares by semicolons ("城镇居民…增长5.9%;农村居民
    …增长7.6%" are parallel clauses of one sentence)."""
    before = max(text.rfind(mark, 0, start) for mark in "。!?\n") + 1
    after = [at + 1 for at in (text.find(mark, max(start, end - 1)) for mark in "。!?\n") if at >= 0]
    return before, min(after, default=len(text))


def _terms(question: Question) -> set[str]:
    """What the question names: its names, content words of two or more characters, its figures."""
    words = {word for word in (*question.names, *question.keywords) if len(word) >= 2}
    return words | set(_FIGURE.findall(question.text))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of text[start:end], as (start, end) pairs."""
    bounds = [start, *(m.end() for m in FIGURE_SAFE_BREAK.finditer(text, start, end)), end]
    return [(left, right) for left, right in zip(bounds, bounds[1:], strict=False) if right > left]


def measured_words(question: Question) -> list[str]:
    """The words before the question word that say what is measured, nearest first, without the
    change and the period asked (增长, 同期, 去年 of 日均就餐人次比去年同期增长了多少)."""
    return [
        word
        for word in question.focus_before
        if not _CHANGE_WORDS.fullmatch(word) and word not in question.times and word not in _PERIOD_WORDS
    ]


def outside_clause(question: Question, cand: Candidate, text: str) -> bool:
    """A figure whose own clause lacks the measured noun: "产值超50亿元,销量排名第二" gives no 销量. A
    list's head names it for its items ("143家助餐点中,…依托养老机构运营的有54家"), and a clause of a
    period and a verb alone carries the noun before it on ("发送量可达186万人次,到2030年将达到245万人次"),
    and a change alone is of the level in the clause before ("税收收入9.05亿元,同比增长6.2%")."""
    measured = measured_words(question)
    if cand.kind not in ("number", "percent") or not measured:
        return False
    term = measured[0]  # 税收收入 of 税收收入同比增长了多少
    left, right = clause_of(text, cand.sentence, cand.start, cand.end)
    in_sentence = term in text[cand.sentence.start : cand.sentence.end]
    if len(term) < 2 or not in_sentence or term in text[left:right]:
        return False
    if "分别" in text[left:right]:  # "…,办结2,365件,同比分别增长5.3%和8.9%": the run's nouns come before
        return term not in text[cand.sentence.start : left]
    rest = text[left : cand.start] + text[cand.end : right]  # the clause without its figure
    if not _HAN.search(_PERIOD_AND_VERB.sub("", rest)):
        return False
    if not _HAN.search(_CHANGE_WORDS.sub("", rest)):  # "…393亿元,同比增长91.3%": the level's change
        first = cand.sentence.start
        breaks = list(FIGURE_SAFE_BREAK.finditer(text, first, max(first, left - 1)))
        return term not in text[breaks[-1].end() if breaks else first : left]
    return re.search(rf"{re.escape(term)}[^,;:]*中[,:]", text[cand.sentence.start : left]) is None


_PLACE_WORD = re.compile(r"..(?:镇|乡|村|县|区|市|街道|社区)$")
_SENTENCE = re.compile(r"[^。!?\n]*(?:[。!?\n]|$)")


def measured_elsewhere(question: Question, cand: Candidate, text: str) -> str | None:
    """The sentence of the figure's passage that names what the question measures (出货量) and gives
    a figure of its own, when the figure's sentence does not name it: "月产能达到7亿瓦" is no 出货量
    where "…超92亿元,出货量排名行业第二" is."""
    measured = [word for word in measured_words(question) if not (word_tag(word) or "n").startswith("v")]
    if question.qtype not in ("number", "percent") or not measured:
        return None
    term = question.counted or measured[0]  # 多少名毕业生 measures 毕业生, whoever has them
    own = text[cand.sentence.start : cand.sentence.end]
    # a parallel clause naming what the question names leaves the measure to the clause before it
    # ("桐溪镇借阅图书2.37万册;石门镇以2.31万册紧随其后"); one naming neither measures something else
    places = [word for word in question.keywords if _PLACE_WORD.search(word)]  # 石门镇, however unknown
    named = any(name in own for name in (*question.names, *question.unknown_places, *places))
    first, last = whole_sentence(text, cand.sentence.start, cand.sentence.end) if named else (0, 0)
    if len(term) < 2 or term in own or term in text[first:last]:
        return None
    passage = text[cand.sentence.chunk_start : cand.sentence.chunk_end]
    for match in _SENTENCE.finditer(passage):
        if term in match.group(0) and _FIGURE.search(match.group(0)):
            return match.group(0).strip()
    return None
