"""Shaping an aligned slot into an answer: function words off its edges, quoted titles kept whole, and
for typed questions (哪一年, 多少) the year or figure inside the slot instead of the whole slot."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from qa.answering.candidates import Sentence
    from qa.answering.question import Question
from qa.answering.weights import DEFAULT_WEIGHTS, Weights
from qa.vocab import HAN, NUMERALS, words

_LEAD = re.compile(
    r"^(?:[\s,;:、]|是|为|乃|即|就是|位于|座落于|坐落于|在|于|被|由|叫做|叫|称为|称作|又称|称|有|了|共有|约为"
    r"|又名|又译|又叫|亦称|俗称|简称|别称|原名|名为|译为|意为|意思是"  # what introduces a name or a meaning
    rf"|达到|达(?=[\d{NUMERALS}约近超逾]))+"  # 达 before a figure (达1.4米); 达赖喇嘛 is a name
)
_TRAIL = re.compile(r"(?:[\s,;:、。]|的|了|而|并|及|和|与|之一)+$")
_YEAR_QUESTION = re.compile(r"哪一?年|何年|几几年|什么年份|哪个年份")
_YEAR = re.compile(r"(?:公元前?)?\d{3,4}年(?:代)?")  # 1980年代 is a year asked for, whole
# 哪年到哪年 asks for two years: the range stays whole (475年至477年), as figures' ranges do
_YEAR_RANGE = re.compile(rf"{_YEAR.pattern}\s*[至到~\-—－]\s*(?:公元)?前?\d{{1,4}}年(?:代)?")
_RANGE_QUESTION = re.compile(r"(?:哪一?年|何年)\s*(?:到|至)\s*(?:哪一?年|何年)")
# the figure and its unit: a known one (16个 of 16个大项, not 16个大), else one character
_YI_WAN = r"(?:亿\d+(?=万))?"  # 4亿5000万 is one figure, not 4亿 and another
_CURRENCY = r"(?:[A-Z]{0,3}[$¥￥€£])"  # a currency's sign is part of its figure (NT$25,000, $4.9)
_UNITS = "|".join(re.escape(unit) for unit in sorted(words("units"), key=len, reverse=True))
_COUNT = re.compile(
    rf"(?:约|近|超过|逾|共)?(?:{_CURRENCY}?\d+(?:[.,]\d+)*{_YI_WAN}|[{NUMERALS}]+)(?:多|余)?"
    rf"[万亿]?(?:{_UNITS}|[^\d\s,;:。、(){HAN}]{{1,3}}|大[{HAN}]|[{HAN}])?"
)
_FIGURE = re.compile(
    r"\d+(?:小时|时)\d+分钟?(?:\d+秒)?|\d+分\d+秒|"  # a time in parts is one figure: 2小时12分36秒
    rf"{_CURRENCY}?\d+(?:[.,]\d+)*{_YI_WAN}(?:[-~至到]\d+(?:[.,]\d+)*)?"
    rf"(?:(?:多|余)?(?:[万亿千百]?(?:{_UNITS})|[万亿]|%)(?:以上|左右|多)?)?"
)
_DAY = re.compile(r"\d{1,2}[日号]")
_NUMERAL = re.compile(r"[一二两三四五六七八九十百千]")  # 第147位 keeps its figure: 排名多少 asks for it
_MONTH_BEFORE = re.compile(r"(?:\d{4}年)?\d{1,2}月$")
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百千]+")
_MEASURES = set("届张架代个次位名条部集场期号层批季任座辆艘本首")
_PAIRS = {"《": "》", "“": "”", "「": "」", "(": ")"}


def _balanced(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Keep a quoted title or bracket whole: a slot that opens 《 runs to its 》, one that closes it
    starts at its 《."""
    for open_, close in _PAIRS.items():
        inside = sentence[start:end]
        if inside.count(open_) > inside.count(close):
            stop = sentence.find(close, end)
            if stop >= 0:
                end = stop + 1
        elif inside.count(close) > inside.count(open_):
            begin = sentence.rfind(open_, 0, start)
            if begin >= 0:
                start = begin
    return start, end


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    body = sentence[start:end]
    lead = _LEAD.match(body)
    cut = lead.end() if lead else 0
    trail = _TRAIL.search(body, cut)
    stop = trail.start() if trail else len(body)
    kept = body[cut:stop]
    unpartnered = kept.count('"') % 2  # a straight quote cut from around the span ("修旧如旧)
    if unpartnered and kept.startswith('"'):
        cut += 1
    elif unpartnered and kept.endswith('"'):
        stop -= 1
    return start + cut, start + stop


def _inner(pattern: re.Pattern[str], sentence: str, start: int, end: int) -> tuple[int, int] | None:
    match = pattern.search(sentence, start, end)
    return match.span() if match else None


def ordinal_in_slot(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """第几: the ordinal in the slot, with the measure word the question puts after 第几 (第二代, 第八届)."""
    if not question.text.startswith("第几", question.wh_start):
        return None
    match = _ORDINAL.search(sentence, start, end)
    if match is None:
        return None
    measure = question.text[question.wh_start + 2 : question.wh_start + 3]
    size = 1 if measure in _MEASURES and sentence.startswith(measure, match.end()) else 0
    return match.start(), match.end() + size


_NAME_QUESTION = re.compile(r"叫什么|什么名字|名字是|名称|称号|口号|简称|别称|又称")
_QUOTED = re.compile(r"“([^“”]{1,20})”|「([^「」]{1,20})」|‘([^‘’]{1,20})’")


def quoted_in_slot(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """叫什么名字: the quoted name inside a longer slot ("“河小青”志愿者队伍63支" -> 河小青)."""
    if not _NAME_QUESTION.search(question.text):
        return None
    match = _QUOTED.search(sentence, start, end)
    if match is None or match.span() == (start, end):
        return None
    group = next(index for index in (1, 2, 3) if match.group(index) is not None)
    return match.span(group)


def asks_year(question: Question) -> bool:
    """Whether the question asks for a year (哪一年), not for a date or a time (什么时候)."""
    return _YEAR_QUESTION.search(question.text) is not None


def year_in_slot(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """哪一年: the year inside the slot (哪年到哪年: the two years and what joins them)."""
    if not asks_year(question):
        return None
    ranged = _inner(_YEAR_RANGE, sentence, start, end) if _RANGE_QUESTION.search(question.text) else None
    return ranged or _inner(_YEAR, sentence, start, end)


def count_in_slot(question: Question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """多少: the figure inside a long slot."""
    return _inner(_COUNT, sentence, start, end) if end - start > 8 else None


def shape(
    question: Question, sentence: str, start: int, end: int, w: Weights = DEFAULT_WEIGHTS
) -> tuple[int, int] | None:
    """The answer span inside the slot sentence[start:end], or None when nothing is left of it: its
    edges trimmed, then narrowed by the question type's shapers (the year of 哪一年)."""
    start, end = _trim(sentence, start, end)
    if end <= start:
        return None
    start, end = _balanced(sentence, start, end)
    start, end = _without_head(question, sentence, start, end, w.restate_share)
    for shaper in question.kind.shapers if question.kind else ():
        span = shaper(question, sentence, start, end)
        if span is not None:
            return span
    return start, end


def _without_head(
    question: Question, sentence: str, start: int, end: int, restate_share: float
) -> tuple[int, int]:
    """A slot that restates the question only because it ends with the noun asked for (什么巡查模式:
    "白+黑"巡查模式) answers with what comes before it; a name ending so (青禾机械有限公司 for 什么公司)
    does not restate, and stays whole."""
    head = question.head
    if not head or end - start <= len(head) or not sentence.startswith(head, end - len(head)):
        return start, end
    restated = restates(question, sentence[start:end], share=restate_share)
    return (start, end - len(head)) if restated else (start, end)


def is_typed(question: Question) -> bool:
    """Whether the question asks for an answer of a set form (a figure, a date, a phone number)."""
    return question.kind is not None and question.kind.form is not None


def fits_type(question: Question, answer: str) -> bool:
    """Whether a slot answers in the asked form: a figure for 多少, a date for 何时, a number for 电话."""
    form = question.kind.form_pattern if question.kind else None
    return form is None or form.search(answer) is not None


_BIGRAM_SKIP = re.compile(r"[\W\d_]")


def restates(question: Question, answer: str, share: float = 0.5) -> bool:
    """An answer made mostly of the question's own words restates what is asked instead of answering
    (a name may share a few characters with the subject: 五羊新村 of 五羊新城)."""
    figures = re.findall(r"\d+", answer)
    if any(figure not in question.text for figure in figures):
        return False  # a figure the question does not hold is news (1980年代 for 哪一个年代)
    pairs = [answer[i : i + 2] for i in range(len(answer) - 1) if not _BIGRAM_SKIP.search(answer[i : i + 2])]
    return bool(pairs) and sum(p in question.text for p in pairs) > share * len(pairs)


def complete_figure(text: str, start: int, end: int) -> tuple[int, int]:
    """A span cut inside a figure grows to the whole figure: digits, a range and the unit after it;
    a day without its month (18日 of 4月18日) takes the month (and year) written right before it;
    a Chinese numeral cut from its ordinal (二 of 第二) takes the 第 back: a rank, not an amount."""
    for match in _FIGURE.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() < end and match.end() > start:
            start, end = min(start, match.start()), max(end, match.end())
    if _DAY.match(text, start, end):
        month = _MONTH_BEFORE.search(text[max(0, start - 9) : start])
        start -= len(month.group(0)) if month else 0
    if start > 0 and text[start - 1] == "第" and _NUMERAL.match(text, start):
        start -= 1
    return start, end


FIGURE_TYPES = ("number", "percent", "date")


def first_sentence_holds(question: Question, text: str, spanned: Sequence[Sentence]) -> bool:
    """Whether a span the reader read across sentences may be cut to the sentence it starts in: an
    answer is never two sentences, and a name or phrase is in the one naming more of the question, so
    a span whose later sentence names more ("…一等奖3个。学生唐子豪在…汽车维修项目" for 唐子豪在哪个项目上
    拿的一等奖) is no answer. A figure keeps its first sentence: the reader overshoots a figure's end."""
    if question.qtype in FIGURE_TYPES or len(spanned) < 2:
        return True
    terms = {word for word in (*question.names, *question.keywords) if len(word) >= 2}
    shared = [sum(term in text[s.start : s.end] for term in terms) for s in spanned]
    return shared[0] >= max(shared)
