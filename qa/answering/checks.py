"""The checks a reader's span passes before it is stated: its form (what the question asks for) and
its context (the question's subject, focus and words where the span was found)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from qa.answering.candidates import CLAUSE_BREAK, Candidate, clause_of
from qa.answering.changes import asks_change, change_conflict, compared_conflict, former_level, level_conflict
from qa.answering.context import AnsweringContext
from qa.answering.contrasts import contrast_conflict, ordinal_conflict
from qa.answering.dated import month_conflict, past_conflict, year_conflict
from qa.answering.measured import counted_conflict, unit_conflict
from qa.answering.modifiers import modifier_conflict
from qa.answering.narrow import WHOLE_ORG
from qa.answering.parallel import measured_elsewhere, outside_clause, parallel_conflict
from qa.answering.question import Question
from qa.answering.respectively import respective_conflict
from qa.answering.scope import part_conflict, whole_conflict
from qa.answering.scoring import missing_focus, support
from qa.answering.shape import fits_type, restates
from qa.answering.subject import subject_holds
from qa.answering.titled import title_conflict, verb_edged
from qa.vocab import HAN, NUMERALS, pairs

# A question about a rank (排名多少, 名次是多少, 位列第几) is answered by one: 第147位 is an amount there.
_ASKS_RANK = re.compile(r"第几|排名|名次|排行|位次|位列|排在|排第")
# A question about the day (哪天, 几号) is answered by one: 2024年 is no day.
_ASKS_DAY = re.compile(r"哪一?天|几号|几月几[日号]|哪一?日")
_LATIN_WORD = re.compile(r"[A-Za-z]+")  # one character of a name's length (Curtis Stevens: 2)
# A figure, or a public body's ending (人力资源和社会保障局, 县图书馆), is in no person's name (a
# company may be "who": 赞助商是谁 - 索尼公司).
_NOT_A_NAME = re.compile(r"\d|(?:局|委员会|馆|厅|办)$")
# No person's, organisation's or place's name opens with these particles (的企业, 是县里).
_NO_NAME_OPENS = frozenset("的了是把被")
# A measured figure (成绩2小时18分09秒, 12000名) is no name of a person, place or body (108国道 may be)
_MEASURED = re.compile(r"\d(?:\.\d+)?\s*(?:小时|分钟|分|秒|%|元|万|亿|人|名|个|公里|千米|米|岁|吨|家)")
# Two figures with a change between them (由18%下降到9%) are no one figure
_FIGURE_TO_FIGURE = re.compile(r"\d\D{0,4}(?:下降|提高|增长|增加|减少|降低|上升|提升|缩短|延长)[到至为]?\d")
_FIGURE_WORD = re.compile(rf"(?:\d+(?:\.\d+)?|[{NUMERALS}]+)[^\W\d]?")


def _restated_figure(question: Question, answer: str) -> bool:
    """Every figure of the answer, with the word after it, is one the question states itself (三级 for
    几个三级作战单元): the count asked for is not there."""
    figures = _FIGURE_WORD.findall(answer)
    return bool(figures) and all(figure in question.text for figure in figures)


@cache
def _metric_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every metric word, longest first, and the metric each word names."""
    metric_of = {name: metric for metric, names in pairs("metrics") for name in names.split()}
    return re.compile("|".join(re.escape(n) for n in sorted(metric_of, key=len, reverse=True))), metric_of


def _metrics(text: str) -> list[tuple[int, str]]:
    """(position, metric) of every metric word in `text`, in order (总投资 -> investment)."""
    pattern, metric_of = _metric_words()
    return [(match.start(), metric_of[match.group(0)]) for match in pattern.finditer(text)]


def metric_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The metric named last before the figure, in its clause (an amount) or its sentence (a rate:
    "工业投资17.8亿元,同比增长22.4%"), when the question asks about others: "总投资1150万美元" does
    not answer 年产值是多少, however sure the reader is."""
    if question.qtype not in ("number", "percent"):
        return None
    asked = {metric for _, metric in _metrics(question.text)}
    left = clause_of(text, cand.sentence, cand.start, cand.end)[0] if question.qtype == "number" else None
    before = _metrics(text[cand.sentence.start if left is None else left : cand.start])
    if not asked or not before or before[-1][1] in asked:
        return None
    return before[-1][1]


_LEAD_WORDS = "增长|下降|上升|减少|增加|提高|降低|达到|达|为|是|约|共|超过|突破|占"


_RATE = re.compile(rf"[{HAN}]{{2}}率")


def rate_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The rate the figure's clause names (通达率) when the question asks another one (硬化率) that the
    clause does not name: "公交通达率由88.3%提高到100%" does not answer 道路硬化率提高到多少."""
    asked = set(_RATE.findall(question.text))
    if not asked or question.qtype not in ("number", "percent"):
        return None
    left = clause_of(text, cand.sentence, cand.start, cand.end)[0]
    named = _RATE.findall(text, left, cand.start)
    if not named or named[-1] in asked or any(rate in text[left : cand.end] for rate in asked):
        return None
    return named[-1]


# What a figure of a list is of: the words between the last break and the figure, without what
# opens the list (其中) or the verb and change word that lead to the figure (投诉量增长14.3%).
_LABEL = re.compile(rf"(?:^|(?<=[、,;:。]))(?:其中)?([{HAN}]{{2,8}}?)(?:{_LEAD_WORDS})*(?=\d)")


def _labels(text: str, start: int, end: int) -> dict[int, str]:
    """The label of every labelled figure in text[start:end], by where the figure starts."""
    return {start + match.end(): match.group(1) for match in _LABEL.finditer(text[start:end])}


def label_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """In a list of labelled figures ("投诉4862件、举报1296件、咨询4879件"), the figure labelled
    otherwise than the question asks: the question names another item's label and not this one's."""
    if question.qtype not in ("number", "percent"):
        return None
    labels = _labels(text, cand.sentence.start, cand.sentence.end)
    own = labels.get(cand.start)
    counted = question.counted or ""  # 新教师里有几名研究生: 研究生学历46名, not 教师312名
    if counted and counted not in text[clause_of(text, cand.sentence, cand.start, cand.end)[0] : cand.end]:
        named = [label for at, label in labels.items() if at != cand.start and counted in label]
        if named:
            return named[0]
    if own is None or own in question.text or own.startswith(("比", "较")):
        return None  # 比去年同期的121.3万毫升 is no item of a list: the same measure, another period
    unit = _unit_after(text, cand.start)  # items of one list share their unit (件, %), dates do not count
    named = [
        label
        for at, label in labels.items()
        if at != cand.start and label != own and label in question.text and _unit_after(text, at) == unit
    ]
    return named[0] if named else None


def _unit_after(text: str, start: int) -> str:
    """The first character after the figure starting at `start` (件 of 1296件, % of 6.8%)."""
    figure = re.match(r"\d+(?:[.,]\d+)*", text[start : start + 24])
    end = start + (figure.end() if figure else 0)
    return text[end : end + 1]


def conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """What the span contradicts in the question, or None: the figure of another item of a list
    (举报1296件 for 咨询有多少件), another unit (200万元 for 多少台), another counted noun (19枚金牌 for
    多少枚银牌), no day for 哪天, another metric (总投资 for 年产值) or another year named in its clause
    or opening its sentence. Checked on every answer, the rules' too: no confidence excuses it."""
    rate_of_change = asks_change(question) and cand.text.endswith(
        ("%", "个百分点", "倍")
    )  # 收入涨了多少: 7.6%
    if question.qtype == "number" and unit_conflict(question, cand.text) and not rate_of_change:
        return f"{cand.text!r} is not in {question.unit_hint}"
    if question.kind is not None and question.kind.named and cand.text[:1] in _NO_NAME_OPENS:
        return f"{cand.text!r} is no name"  # 的企业: the end of a noun phrase
    named = question.qtype in ("person", "place", "org") and cand.kind == question.qtype  # not a clause
    if named and _MEASURED.search(cand.text):
        return f"{cand.text!r} is a measured figure, not a name"
    if question.qtype == "date" and _ASKS_DAY.search(question.text) and not re.search(r"\d[日号]", cand.text):
        return f"{cand.text!r} is not a day"
    for check, message in _CONFLICTS:
        found = check(question, cand, text)
        if found is not None:
            return f"{cand.text!r} " + message.format(
                found=found, counted=question.counted or "what is asked"
            )
    return None


def _former_level(question: Question, cand: Candidate, text: str) -> str | None:
    return "" if former_level(question, cand, text) else None


def _no_change(question: Question, cand: Candidate, text: str) -> str | None:
    return "" if change_conflict(question, cand, text) else None


def _a_change(question: Question, cand: Candidate, text: str) -> str | None:
    return "" if level_conflict(question, cand, text) else None


# Each check names what the span is instead of what is asked (None: nothing), in this order.
_CONFLICTS: tuple[tuple[Callable[[Question, Candidate, str], str | None], str], ...] = (
    (contrast_conflict, "is what is {found}, not what is asked"),
    (ordinal_conflict, "is the figure of {found}, not of the one asked"),
    (title_conflict, "is the {found}, not the one asked for"),
    (label_conflict, "is not the figure of {found}"),
    (parallel_conflict, "is not the figure of {found!r}"),
    (respective_conflict, "is the figure of another item than {found}"),
    (_former_level, "is the level before a change"),
    (_no_change, "is no change"),
    (_a_change, "is a change, not the level asked"),
    (compared_conflict, "comes before the comparison with {found} asked about"),
    (counted_conflict, "counts {found}, not {counted}"),
    (modifier_conflict, "is the figure of {found}, another kind than asked"),
    (rate_conflict, "is the {found}, not what is asked"),
    (metric_conflict, "measures {found}, not what is asked"),
    (year_conflict, "is the figure of {found}"),
    (month_conflict, "is the figure of {found}"),
    (past_conflict, "is the figure of {found}, not of the past period asked"),
    (whole_conflict, "is the figure of {found}, not of the place asked"),
    (part_conflict, "is the figure of {found}, a part of the total asked"),
)


def rejection(
    question: Question, cand: Candidate, text: str, ctx: AnsweringContext, min_support: float, trusted: bool
) -> str | None:
    """Why the reader's span may not be stated, or None. A span the reader trusts is excused the checks
    that paraphrase defeats (the event word, the share of question words), never the others."""
    return (
        conflict(question, cand, text)
        or _form_rejection(question, cand, ctx)
        or _context_rejection(question, cand, text, ctx, min_support, trusted)
    )


def _form_rejection(question: Question, cand: Candidate, ctx: AnsweringContext) -> str | None:
    """Whether the span has the form asked for: what no reader confidence can excuse."""
    if not re.search(r"\w", cand.text):
        return f"{cand.text!r} holds no word"  # a lone quote mark or dash
    # A rate is written as one; a count is a figure (the rules' forms are looser: they read slots).
    strict = question.kind.strict_form if question.kind else None
    if not fits_type(question, cand.text) or (strict is not None and not re.search(strict, cand.text)):
        return f"{cand.text!r} is not a {question.qtype}"
    if question.qtype == "number" and cand.text.startswith("第") and not _ASKS_RANK.search(question.text):
        return f"{cand.text!r} is a rank, not an amount"
    if question.qtype in ("number", "percent") and _FIGURE_TO_FIGURE.search(cand.text):
        return f"{cand.text!r} is a change from one figure to another"
    if question.qtype == "number" and _restated_figure(question, cand.text):
        return f"{cand.text!r} only repeats the question's figure"
    # a Latin word counts as one character: Curtis Stevens is a name as short as 乔治·温哥华; who runs
    # a thing may be a body, named whole (神州天地体育传媒(北京)有限公司)
    too_long = len(_LATIN_WORD.sub("A", cand.text)) > 12 and not WHOLE_ORG.search(cand.text)
    if question.qtype == "person" and (
        too_long or CLAUSE_BREAK.search(cand.text) or _NOT_A_NAME.search(cand.text)
    ):
        return f"{cand.text!r} is not a name"
    if question.qtype in ("person", "org") and verb_edged(cand.text, ctx, question.qtype == "person"):
        return f"{cand.text!r} opens or ends with a verb: no name"
    if cand.text in question.text or restates(question, cand.text, share=ctx.weights.restate_share):
        return f"{cand.text!r} restates the question"
    return None


def _context_rejection(
    question: Question, cand: Candidate, text: str, ctx: AnsweringContext, min_support: float, trusted: bool
) -> str | None:
    """Whether the span's surroundings show it answers this question (subject, focus, support)."""
    if outside_clause(question, cand, text):
        return f"the clause of {cand.text!r} does not name {question.focus_before[:1]}"
    elsewhere = measured_elsewhere(question, cand, text)
    if elsewhere:
        return f"what is measured is named elsewhere: {elsewhere[:30]!r}"
    if not subject_holds(question, cand, text, ctx):
        return f"subject {question.subject} not where {cand.text!r} is"
    missing = missing_focus(question, cand, text, events=not trusted)
    if missing:
        return f"focus {missing} missing"
    if trusted:
        return None
    s = cand.sentence
    window = text[max(s.chunk_start, s.start - 120) : min(s.chunk_end, s.end + 120)]
    if support(question, window, ctx.weights) < min_support:
        return "the passage carries too few of the question's words"
    return None
