"""The ways articles write one period: 前三季度 as 1-9月, 去年 as the year before the one reported."""

from __future__ import annotations

import re

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
# A year a plan runs to (到2030年) is no year the article reports.
_REPORTED_YEAR = re.compile(r"(?<![到至争计划\d])(\d{4})年")
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "明年": 1}


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


def reported_year(text: str) -> int | None:
    """The year an article reports on, its 今年: the latest year it names that no plan runs to."""
    return max((int(year) for year in _REPORTED_YEAR.findall(text)), default=None)


def written_forms(span: str, text: str) -> set[str]:
    """How the article `text` may write the period `span`: its `period_forms`, and for 去年 or 明年
    the year itself counted from the one the article reports (2023年 in a report on 2024), or 上年."""
    forms = period_forms(span)
    offset = _RELATIVE_YEARS.get(span)
    year = reported_year(text) if offset is not None else None
    if year is not None:
        forms |= {f"{year + offset}年", *(word for word, other in _RELATIVE_YEARS.items() if other == offset)}
    return forms
