"""Words that contradict each other (实际 / 计划, 开幕 / 闭幕, 男子 / 女子, vocab/contrasts.tsv): an
answer written under the contrary of what the question asks is not its answer."""

from __future__ import annotations

import re
from functools import cache

from qa.answering.candidates import Candidate
from qa.answering.question import Question
from qa.vocab import pairs

# An ordinal of an event or a stage: 第三届, 首届, 第2期, 一期工程 (without 第 only before 工程/项目)
_ORDINAL = re.compile(
    r"(?:第([一二三四五六七八九十\d]+)|(首)|(?<!第)([一二三四五六七八九十])(?=期(?:工程|项目)))(届|期|批|轮|次|阶段)"
)
_DIGIT = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


@cache
def _contrasts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each word with one pattern for it and its contraries, longest first."""
    table = []
    for word, contraries in pairs("contrasts"):
        both = sorted([word, *contraries.split()], key=len, reverse=True)
        table.append((word, re.compile("|".join(re.escape(w) for w in both))))
    return tuple(table)


def contrast_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The contrary of a word the question asks by, when it is what the answer's sentence says of the
    answer: the last of the word and its contraries before the answer, else the first after it."""
    found = _contrary(question, text, (cand.sentence.start, cand.sentence.end), cand.start, cand.end)
    return None if found is None else found[1]


def contrast_figure(
    question: Question, text: str, sentence: tuple[int, int], start: int, end: int
) -> tuple[int, int] | None:
    """For a figure text[start:end] said of the contrary of what is asked ("原计划发放5000本"), where
    the figure said of it right after starts and ends ("实际发放7260本": 7260), else None."""
    found = _contrary(question, text, sentence, start, end)
    if found is None or question.qtype not in ("number", "percent"):
        return None
    asked = re.compile(rf"{re.escape(found[0])}[^\d,;。]{{0,8}}?(\d+(?:[.,]\d+)*)")
    figure = asked.search(text, end, sentence[1])
    return None if figure is None else figure.span(1)


def _contrary(
    question: Question, text: str, sentence: tuple[int, int], start: int, end: int
) -> tuple[str, str] | None:
    """(the word asked by, its contrary) when the contrary is what the sentence says of text[start:end]."""
    for word, pattern in _contrasts():
        if word not in question.text or len(set(pattern.findall(question.text))) > 1:
            continue  # a question naming both (蓝色时期结束后开始了什么时期) says nothing by them
        before = pattern.findall(text, sentence[0], start)
        after = pattern.findall(text, end, sentence[1])
        said = before[-1] if before else after[0] if after else None
        if said is not None and word not in said:
            return word, said
    return None


def ordinal_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """Another ordinal of what the question numbers (第二届 for 第一届 asked): the figure of another
    edition. The answer's sentence names it and not the one asked."""
    asked = {(_value(m), m.group(4)) for m in _ORDINAL.finditer(question.text)}
    if not asked:
        return None
    said = [(_value(m), m.group(4), m.group(0)) for m in _ORDINAL.finditer(text, *_sentence(cand))]
    if any((value, measure) in asked for value, measure, _ in said):
        return None
    measures = {measure for _, measure in asked}
    return next((word for _, measure, word in said if measure in measures), None)


def _sentence(cand: Candidate) -> tuple[int, int]:
    return cand.sentence.start, cand.sentence.end


def _value(match: re.Match[str]) -> int:
    """The number an ordinal says: 首 is 1; 十二 12; 2 2."""
    written = match.group(1) or match.group(3) or "一"
    if written.isdigit():
        return int(written)
    tens, _, ones = written.rpartition("十")
    if "十" not in written:
        return _DIGIT.get(written, 0)
    return (_DIGIT.get(tens, 1)) * 10 + _DIGIT.get(ones, 0)
