"""How well a candidate answers: type, words around it, distance to the question's focus word, unit and
hit rank. Whether the question's subject holds where it was found is `qa.answering.subject`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answering.candidates import CLAUSE_BREAK, Candidate
from qa.answering.parallel import outside_clause
from qa.answering.question import Question
from qa.answering.weights import DEFAULT_WEIGHTS, Weights


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    support: float
    focus: tuple[int, int] | None
    missing: tuple[str, ...] = ()


def support(question: Question, sentence_text: str, w: Weights = DEFAULT_WEIGHTS) -> float:
    """Share of the question's content words found in the sentence (partly, char by char, for words
    the sentence words differently: 研发上投入 vs 研发费用)."""
    total = found = 0.0
    for word in question.keywords:
        weight = float(min(len(word), w.word_weight_cap))
        total += weight
        if word in sentence_text:
            found += weight
        else:
            found += w.partial_word * weight * sum(ch in sentence_text for ch in word) / len(word)
    return found / total if total else w.no_keywords_support


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence around [start, end) and the one before it: chunks and OCR line breaks cut
    sentences ("...手持小喇" | "叭,穿行在白鹭村..."), and a sentence often leans on its predecessor
    for its subject ("...平台..." | "120万条检测数据")."""
    left = start
    for _ in range(2):
        left = max(text.rfind(mark, 0, max(0, left - 1)) for mark in "。!?") + 1
    right = min((p for p in (text.find(mark, end) for mark in "。!?") if p >= 0), default=len(text))
    return left, right + 1


def sentence_support(question: Question, text: str, cand: Candidate, w: Weights = DEFAULT_WEIGHTS) -> float:
    """Support of the sentence, or (a little discounted) of the sentence with its neighbour."""
    s = cand.sentence
    own = support(question, text[s.start : s.end], w)
    left, right = _context(text, s.start, s.end)
    return max(own, w.neighbour_support * support(question, text[left:right], w))


def _best_focus(
    question: Question, cand: Candidate, text: str, w: Weights
) -> tuple[float, tuple[int, int] | None]:
    """Bonus for focus words right before (question word last) or after (question word first) the
    candidate in the same clause: "工业总产值393亿元" answers "工业总产值是多少". Each focus word
    adds its best occurrence, so 规上 + 产值 beat 产值 alone."""
    s = cand.sentence
    total, where, top = 0.0, None, 0.0
    for terms, after in ((question.focus_before, False), (question.focus_after, True)):
        for weight, term in zip(w.focus_weights, terms, strict=False):
            best = 0.0
            pos = text.find(term, s.start, s.end)
            while pos >= 0:
                bonus = weight * _proximity(question, cand, text, (pos, pos + len(term)), after, w)
                if bonus > best:
                    best = bonus
                    if bonus > top:
                        top, where = bonus, (pos, pos + len(term))
                pos = text.find(term, pos + 1, s.end)
            total += best
    return total, where


def _proximity(
    question: Question, cand: Candidate, text: str, span: tuple[int, int], after: bool, w: Weights
) -> float:
    start, end = span
    expect_after = after
    if end <= cand.start:
        gap, natural = cand.start - end, not expect_after
        between = text[end : cand.start]
    elif start >= cand.end:
        gap, natural = start - cand.end, expect_after
        between = text[cand.end : start]
    else:
        return 0.0  # the candidate contains the focus word: it is the question, not the answer
    closeness = 1.0 / (1.0 + gap / w.focus_gap)
    deputy = start > 0 and text[start - 1] == "副" and "副" + text[start:end] not in question.text
    if deputy and cand.kind == "person":
        # 副市长 is not the 市长 asked about (a question on the deputy says 副 itself)
        closeness *= w.deputy_person
    if CLAUSE_BREAK.search(between):
        closeness *= w.focus_across_clause
    return w.focus_scale * closeness * (1.0 if natural else w.focus_wrong_side)


def _absent(term: str, sentence: str, chunk: str) -> bool:
    """A long focus word (增加值) the sentence lacks, not even as a two-character piece, and the chunk
    lacks too (a company may be named in the sentence before: 星河织造 ... 该企业)."""
    return term not in chunk and not any(term[i : i + 2] in sentence for i in range(len(term) - 1))


def missing_focus(question: Question, cand: Candidate, text: str, events: bool = True) -> tuple[str, ...]:
    """The words right next to the question word (what is asked about) that the passage lacks. A short
    word after the question word (什么时候竣工) is the event asked about: the article must use it
    somewhere; short words before it (共有, 那天, 简称) are too often said differently to count."""
    s = cand.sentence
    sentence, chunk = text[s.start : s.end], text[s.chunk_start : s.chunk_end]
    long_terms = (*question.focus_before[:1], *question.focus_after[:1])
    missing = [t for t in long_terms if len(t) >= 3 and _absent(t, sentence, chunk)]
    # after 什么 (a phrase question) comes the category asked for (什么功能), not an event
    event = question.focus_after[:1] if question.qtype != "phrase" and events else ()
    missing += [t for t in event if len(t) == 2 and t not in text]
    return tuple(missing)


def _unit_score(question: Question, cand: Candidate, w: Weights) -> float:
    hint = question.unit_hint
    if hint is None or cand.kind != "number":
        return 0.0
    if hint == "元" and re.search(r"[元亿万]", cand.text):
        return w.unit_match
    if hint in cand.text:
        return w.unit_match
    return w.unit_mismatch


def _base(question: Question, cand: Candidate, w: Weights) -> float:
    if cand.kind == question.qtype or (question.qtype == "phrase" and cand.kind == "clause"):
        return w.typed_base if cand.kind != "clause" else w.clause_base
    return w.alt_base if cand.kind in question.alt_types else 0.0


def score(question: Question, cand: Candidate, text: str, w: Weights = DEFAULT_WEIGHTS) -> Scored:
    s = cand.sentence
    # the sentence carries most of the question's words, its chunk may carry the rest (a company
    # named in the previous sentence); the neighbour sentence only counts against refusal, not in
    # the ranking, where it would lift every sentence next to a well-matching one
    chunk_sup = w.chunk_share * support(question, text[s.chunk_start : s.chunk_end], w)
    sup = w.sentence_share * support(question, text[s.start : s.end], w) + chunk_sup
    context_sup = w.sentence_share * sentence_support(question, text, cand, w) + chunk_sup
    focus, where = _best_focus(question, cand, text, w)
    value = _base(question, cand, w) + w.support_scale * sup + focus + _unit_score(question, cand, w)
    value += w.rank_bonus / (1 + s.rank)
    if cand.kind == "number" and not cand.text[0].isdigit() and not cand.text[1:2].isdigit():
        value += w.spelled_count  # 两家, 四个: spelled-out counts are more often figures of speech
    if cand.kind == "clause":  # the shortest clause that carries the words
        value -= w.clause_length_cost * max(0, len(cand.text) - w.clause_length_free)
    head = question.head
    if head and cand.text.endswith(head) and len(cand.text) > len(head):
        value += w.head_bonus  # 什么“第一镇” -> "江南茶叶第一镇": a name ending with the noun asked for
    missing = missing_focus(question, cand, text)
    value -= w.missing_focus * len(missing)
    if outside_clause(question, cand, text):
        value -= w.outside_clause
    return Scored(cand, value, context_sup, where, missing)
