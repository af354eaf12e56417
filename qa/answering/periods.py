"""The ways articles write one period: 前三季度 as 1-9月, 去年 as the year before the one reported."""

from __future__ import annotations

import re
from functools import lru_cache

# Periods written two ways: 前三季度 is reported as 1-9月, 上半年 as 1-6月.
_SAME_PERIODS = (
    ("前三季度", "1-9月"),
    ("上半年", "1-6月"),
    ("下半年", "7-12月"),
    ("一季度", "1-3月"),
    ("1季度", "1-3月"),
    ("二季度", "4-6月"),
    ("三季度", "7-9月"),
    ("四季度", "10-12月"),
)
_MONTH_RANGE = re.compile(r"(\d{1,2})-(\d{1,2}月)")
# A year a plan runs to (到2030年) or is made for (2025年,全港力争…; 2024年预算草案) is no year the
# article reports; nor is a year a figure is compared with (比2023年, 相当于2019年同期).
_REPORTED_YEAR = re.compile(
    r"(?<![到至争计划比较于由从\d])(\d{4})年(?![^;。]{0,12}?(?:力争|预算草案|预期|目标|预计|计划))"
)
# The period a news lead reports: its first year that dates no single event (于2022年3月开工), nor a
# target, a comparison or a starting level (由2023年的38%).
_LEAD_YEAR = re.compile(r"(?<![到至于比较由从计划争\d])(\d{4})年(?!\d{1,2}月|底前)")
_LEAD = 250  # characters: the headline block and the opening sentence or two
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "明年": 1}
# The dateline of an article ("本报讯 1月18日"): the first date in its opening lines.
_DATELINE = re.compile(r"(?<![\d年])(\d{1,2})月\s*\d{1,2}\s*日")
_OPENING = 300  # characters that hold the headline block and the dateline


def period_forms(span: str) -> set[str]:
    """`span` and the other ways articles write the same period (1-9月: 前三季度, 1至9月, 1~9月)."""
    forms = {span}
    for one, other in _SAME_PERIODS:
        if span.endswith(one) and not span.endswith("前" + one):
            forms.add(span[: -len(one)] + other)
        elif span.endswith(other):
            forms.add(span[: -len(other)] + one)
    for form in list(forms):
        forms.update(_MONTH_RANGE.sub(rf"\1{dash}\2", form) for dash in "至~")
    return forms


@lru_cache(maxsize=256)  # asked of the same few articles for every span the reader proposes
def reported_year(text: str) -> int | None:
    """The year an article reports on: the first year its lead reports (2025年全县完成…), else the
    latest year it names that no plan is for."""
    lead = _LEAD_YEAR.search(text, 0, _LEAD)
    if lead is not None:
        return int(lead.group(1))
    return max((int(year) for year in _REPORTED_YEAR.findall(text)), default=None)


@lru_cache(maxsize=256)
def current_year(text: str) -> int | None:
    """The article's own 今年: the year it reports, or the year after it when the article is dated
    January or February and names no month of that year (a review of 2025 published on 1月18日 says
    去年 of 2025, and its 今年 is 2026, the year its plans are for)."""
    year = reported_year(text)
    dateline = _DATELINE.search(text, 0, _OPENING)
    if year is None or dateline is None or int(dateline.group(1)) > 2:
        return year
    return year if re.search(rf"{year}年\s*[12]月", text) else year + 1


def relative_year(span: str, text: str) -> str | None:
    """The year 去年, 今年 or 明年 stands for in the article `text` (2024年 for 去年 in a report on 2025),
    or None when `span` is no relative year or the article names none."""
    offset = 0 if span == "今年" else _RELATIVE_YEARS.get(span)
    year = current_year(text) if offset is not None else None
    return None if year is None or offset is None else f"{year + offset}年"


def written_forms(span: str, text: str) -> set[str]:
    """How the article `text` may write the period `span`: its `period_forms`, and for 去年 or 明年
    the year itself counted from the article's own 今年 (2023年 in a report on 2024), or 上年."""
    forms = period_forms(span)
    offset = _RELATIVE_YEARS.get(span)
    year = current_year(text) if offset is not None else None
    if year is not None:
        forms |= {f"{year + offset}年", *(word for word, other in _RELATIVE_YEARS.items() if other == offset)}
    return forms
