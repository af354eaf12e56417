"""Figures dated to another period than the question asks: another year named in the figure's clause
or opening its sentence, another month in its clause."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate, clause_of
from qa.answering.periods import current_year, relative_year, reported_year
from qa.answering.question import Question

YEAR = re.compile(r"(?<!\d)\d{4}年")  # a year written in full (2024年)
# "由2023年的91.6%提高到": the year dates the level before the change, not the one after it
_CHANGED_SINCE = re.compile(
    r"[由从]\d{4}年[底末]?的[^,;。]{0,16}?(?:提高|提升|增加|增长|上升|下降|减少|降低|扩大|缩小|缩短|延长)[到至](?:[^,;。\d]{1,10}的)?$"
)
# "5.82万户,比2024年底的4.96万户": a level, then the period it is compared with and that period's
# figure; read after the level (_COMPARED) or before the figure compared with (_BASE_BEFORE)
_COMPARISON = r"(?:比|较)(\d{4}年|去年|上年)(?:同期|底|末)?的"
_COMPARED = re.compile(rf",?{_COMPARISON}(?=\d)")
_BASE_BEFORE = re.compile(rf"{_COMPARISON}$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# One month (8月, 8月份), not a range (1-9月) nor a day (8月15日)
_MONTH = re.compile(r"(?<![\d\-—~至])(\d{1,2})月(?!\d|[日号])")


def _named_years(question: Question) -> set[str]:
    """The full years the question's times name (2023年 of 2023年1-9月)."""
    return {match.group(0) for time in question.times for match in YEAR.finditer(time)}


def asked_years(question: Question, text: str) -> set[str]:
    """The years the question asks about, as the article `text` writes them: those it names, else its
    今年, 去年 or 明年 counted from the article's own 今年."""
    asked = _named_years(question)
    relative = [word for word in ("今年", "去年", "明年") if word in question.text]
    if asked or len(relative) != 1:
        return asked
    year = relative_year(relative[0], text)
    return set() if year is None else {year}


def year_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The year the figure's own clause dates it to, when the question asks about another year:
    "比2023年的13.3万吨" is no answer to 2024年产了多少; nor "2023年,…为7566万吨" to 今年…多少
    in an article that reports 2024 (今年 is the latest year it reports); nor the level reached in
    "由2023年的91.6%提高到100%" to 2023年是多少 (the year dates the level it started from)."""
    if question.qtype not in ("number", "percent"):
        return None
    asked = asked_years(question, text)
    if not asked:
        return None
    stated = _stated_years(cand, text)
    compared = _compared_period(text, cand.end)
    if not stated and compared is not None and compared[0] in asked:
        return f"now, not {compared[0]}"  # 5.82万户 is compared with 2024年底's: it is no 2024 figure
    return stated[-1] if stated and stated[-1] not in asked else None


def _stated_years(cand: Candidate, text: str) -> list[str]:
    """The years the figure is dated by: its clause's, else the one its sentence opens with ("2023年,
    全港…为7566万吨"); the article's own 今年 for the level a change reached since a year; the period
    of a comparison for the figure compared with ("比去年同期的121.3万毫升")."""
    left = clause_of(text, cand.sentence, cand.start, cand.end)[0]
    stated = YEAR.findall(text, left, cand.start) or YEAR.findall(
        text, cand.sentence.start, cand.sentence.start + 5
    )
    if stated and _CHANGED_SINCE.search(text, left, cand.start):
        year = current_year(text)  # the level reached is of now, whatever year that is
        stated = ["the period it rose to"] if year is None else [f"{year}年"]
    base = _BASE_BEFORE.search(text, left, cand.start)
    if base is not None:
        year = _year_of(base.group(1), text)
        stated = [] if year is None else [year]
    return stated


def _year_of(period: str, text: str) -> str | None:
    """2024年 as it is; 去年 or 上年 as the year before the article's own 今年."""
    return period if period[0].isdigit() else relative_year(period, text)


def compared_figure(question: Question, text: str, end: int) -> tuple[int, int] | None:
    """For a level ending at `end` and compared with the period the question asks about ("5.82万户,
    比2024年底的4.96万户" for 2024年底有多少户), where that period's figure starts and ends (the unit
    is the caller's to complete)."""
    compared = _compared_period(text, end)
    if compared is None or question.qtype not in ("number", "percent"):
        return None
    if compared[0] not in asked_years(question, text):
        return None
    number = _NUMBER.match(text, compared[1])
    return None if number is None else number.span()


def _compared_period(text: str, end: int) -> tuple[str, int] | None:
    """The year a level ending at `end` is compared with (比去年同期的: the year before the article's
    own), and where the figure compared with starts; None when no comparison follows the level."""
    match = _COMPARED.match(text, end)
    if match is None:
        return None
    year = _year_of(match.group(1), text)
    return None if year is None else (year, match.end())


def month_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The month the figure's clause names, when the question asks about another one: "9月当月下线
    2.47万辆" is no answer to 8月份下线了多少."""
    asked = {match.group(1) for time in question.times for match in _MONTH.finditer(time)}
    if not asked or question.qtype not in ("number", "percent"):
        return None
    left = clause_of(text, cand.sentence, cand.start, cand.end)[0]
    stated = _MONTH.findall(text, left, cand.start)
    return f"{stated[-1]}月" if stated and stated[-1] not in asked else None


# A question about a period before the article's own (去年同期, 上一届, 上一年度); and the words that
# date a figure to one, or say it is one (同期, 原有, 此前)
_PAST_ASKED = re.compile(r"去年|上年|上一年|前年|上一?届|往年")
_LEAD = 250  # characters: the headline block and the opening sentence or two
_PAST_SAID = re.compile(r"去年|上年|上一|前年|上届|往年|同期|此前|以往|以前|过去|原[有来先]|曾|历年|累计")


def past_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """A figure that nothing in its paragraph before it dates to a past period, when the
    question asks about one (去年同期, 上一届, 2019年 in a report on 2024): an article's figures are
    its own period's unless it says otherwise."""
    if question.qtype not in ("number", "percent") or not _asks_past(question, text):
        return None
    reported = reported_year(text)
    if _past_reported(question, text) or f"{reported}年" in asked_years(question, text):
        return None  # a report on last year ("鹤峪县法院去年审执结案件14,386件"): its period is the past
    # the paragraph up to the figure: a year opening it ("2023年,全县…") dates what follows
    opening = max(text.rfind("\n", 0, cand.sentence.start), text.rfind("\u3000", 0, cand.sentence.start))
    scope = text[opening + 1 : cand.end]
    if _PAST_SAID.search(scope) or any(said != f"{reported}年" for said in YEAR.findall(scope)):
        return None
    return "now" if reported is None else f"{reported}年"


def _past_reported(question: Question, text: str) -> bool:
    """Whether the article's headline and first sentence name the past period the question asks
    about (鹤峪县法院去年审执结案件14,386件)."""
    first_stop = text.find("。", 0, _LEAD)
    lead = text[: first_stop if first_stop >= 0 else _LEAD]
    asked = [match.group(0) for match in _PAST_ASKED.finditer(question.text)]
    asked += sorted(_named_years(question))
    return any(period in lead for period in asked)


def _asks_past(question: Question, text: str) -> bool:
    year = current_year(text)
    asked = _named_years(question)
    past_years = year is not None and any(int(said[:4]) < year for said in asked)
    return past_years or _PAST_ASKED.search(question.text) is not None
