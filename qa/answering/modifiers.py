"""The kind of a measured noun: 小学新生 are not 初一新生, 货物吞吐量 is not 液化天然气吞吐量.

A figure's label ends in the noun the question measures (新生, 吞吐量) but qualifies it otherwise than
the question does, which its sentence never says: the figure is of another kind of that noun.
"""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.question import Question
from qa.lexicon import word_tag
from qa.vocab import HAN

# The Han characters right before a figure, and the verbs and adverbs that lead to it (为, 达到, 约)
_LABELLED = re.compile(
    rf"([{HAN}]{{2,12}}?)(?:为|是|达到|达|约|共|仅为|仅|超过|突破|增至|增加到|提高到|累计|共计)*$"
)
_CHANGE = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌|增幅|降幅")
_DETERMINERS = set("每各该本其此这那")
_VERB_TAGS = ("v", "vd", "vn", "d", "p", "c", "u", "m", "q", "r", "f", "t")


def modifier_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The label of the figure ("预计小学新生为3450人") when it qualifies the noun the question measures
    (多少初一新生) with a word the question lacks, and the sentence never says the question's own."""
    if question.qtype not in ("number", "percent"):
        return None
    label = _label(text, cand)
    found = _measured(question, label) if label else None
    if found is None:
        return None
    noun, asked = found
    theirs = label[: -len(noun)][-2:]
    sentence = text[cand.sentence.start : cand.sentence.end]
    if len(theirs) < 2 or not re.fullmatch(rf"[{HAN}]+", theirs) or theirs in question.text:
        return None
    if set(theirs) & _DETERMINERS or not re.fullmatch(rf"[{HAN}]+", asked):
        return None  # 每名奖金 is the prize of each, not a kind of prize; 95M线 no word to compare
    if asked in sentence or set(asked) & set(theirs) or word_tag(theirs) in _VERB_TAGS:
        return None  # 农民 for 农村居民: the same people, said shorter
    return theirs + noun


def _label(text: str, cand: Candidate) -> str | None:
    before = text[max(cand.sentence.start, cand.start - 16) : cand.start]
    match = _LABELLED.search(before)
    return match.group(1) if match else None


def _measured(question: Question, label: str) -> tuple[str, str] | None:
    """(the noun: a question word that ends the label, the question word qualifying it right before it).
    One word only: a longer run (快速通道估算总投资) holds the subject, which the sentence may call
    otherwise (项目估算总投资); a change (比前年增长) is no noun."""
    words = question.keywords
    for asked, noun in zip(words, words[1:], strict=False):
        if len(noun) < 2 or len(asked) < 2 or _CHANGE.fullmatch(noun) or not label.endswith(noun):
            continue
        if asked + noun in question.text and asked not in (*question.names, *question.times):
            return noun, asked  # a place or a period qualifying it is the subject checks' matter
    return None
