"""What a figure measures and counts: the unit it is given in (200万元 for 多少台, 2860立方米 for 多少米)
and the noun it counts (19枚金牌 for 多少枚银牌)."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.question import Question, leading_noun
from qa.vocab import HAN, pairs

_HAN_RUN = re.compile(rf"[{HAN}]+")
_POWERS = ("平方", "立方")
_BARE_COUNT = re.compile(rf"(?:多少|几)([{HAN}]{{2,4}})")  # 多少老人 (a measure word makes a unit_hint)


def unit_conflict(question: Question, answer: str) -> bool:
    """A figure in another unit than the one asked for (多少元 answered in 瓦, 多少家 in 人)."""
    hint = question.unit_hint
    if hint is None or hint == "个" or _in_unit(hint, answer):  # 个 is the generic counter: 多少个 fits 3家
        return False
    families = [units.split() for _, units in pairs("measures")]
    if any(_in_unit(unit, answer) for family in families if hint in family for unit in family):
        return False  # the same measure in another unit (80千米 for 多少公里)
    # a figure in 万 or 亿 with no unit of its own (150万 for 多少人, 393亿 for 多少钱) contradicts none
    # asked, nor money written with its currency's sign (NT$25,000); bare digits (1260 of 1260列) do
    money = hint == "元" and re.search(r"[$¥￥€£]\s*\d", answer)
    return not money and not re.search(r"\d个?[万亿](?:以上|左右|多|余)?$", answer)


def _in_unit(unit: str, answer: str) -> bool:
    """The answer is given in `unit`, not in its square or cube (2860立方米 is no length in 米)."""
    at = answer.rfind(unit)
    return at >= 0 and (unit.startswith(_POWERS) or not answer[:at].endswith(_POWERS))


def counted_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The noun the figure counts, named right after it, when it is not what the question counts:
    "19枚金牌" does not answer 多少枚银牌, nor "9个乡镇" 多少个行政村 (but "153个行政村" answers
    多少个村, and "12个重点项目" 多少个项目); nor "12家村级助餐点" 多少老人, asked with no measure word."""
    unit = question.unit_hint
    if question.qtype != "number":
        return None
    if unit is None:  # 多少老人: the noun itself is what is counted
        bare = _BARE_COUNT.search(question.text)
        counted = leading_noun(bare.group(1)) if bare else None
        after = _HAN_RUN.match(text, cand.end)
        return _other_noun(counted, after.group(0)[:8] if after else "")
    if question.counted is None:
        return None
    at = text.find(unit, cand.start, cand.end + len(unit))
    after = _HAN_RUN.match(text, at + len(unit)) if at >= 0 else None
    return _other_noun(question.counted, after.group(0)[:8] if after else "")


def _other_noun(counted: str | None, after: str) -> str | None:
    """The noun `after` opens with, when it is not the one counted (nor counted is in `after`)."""
    if counted is None:
        return None
    named, asked = leading_noun(after), leading_noun(counted)
    if named is None or named in counted or (asked is not None and asked in after):
        return None
    return named
