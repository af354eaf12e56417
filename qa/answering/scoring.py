"""How well a candidate answers: type, words around it, distance to the question's focus word, unit,
hit rank, and whether the question's subject (place, company, period) holds where it was found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.answering.candidates import CLAUSE_BREAK, Candidate
from qa.answering.dated import YEAR
from qa.answering.parallel import outside_clause
from qa.answering.periods import reported_year, written_forms
from qa.answering.question import HOLIDAY, Question
from qa.answering.weights import DEFAULT_WEIGHTS, Weights
from qa.vocab import alternation, words

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

_PLACE_SUFFIX = re.compile(f"(?:{alternation('place_suffixes')})$")
_SUFFIX_CHARS = "".join(suffix for suffix in words("place_suffixes") if len(suffix) == 1)  # 镇, 县 ...
_YEARS = re.compile(rf"{YEAR.pattern}|[今去明前上本]年(?![级轻])")  # 年级, 年轻: no year


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    support: float
    focus: tuple[int, int] | None
    missing: tuple[str, ...] = ()


def _stem(name: str) -> str:
    stem = _PLACE_SUFFIX.sub("", name)
    return stem if len(stem) >= 2 else name


def _named_in(name: str, sentence: str, ctx: AnsweringContext) -> bool:
    """Whether the sentence names the place: its stem, or a shorter place the lexicon knows that it
    opens with, not as another place's (梓桥 of 梓桥古村 in 云溪梓桥文旅发展有限公司, not in 梓桥镇)."""
    if _stem(name) in sentence:
        return True
    known = [name[:end] for end in range(2, len(name)) if ctx.lexicon.kind_of(name[:end]) == "place"]
    return any(re.search(rf"{re.escape(short)}(?![{_SUFFIX_CHARS}])", sentence) for short in known)


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


def subject_holds(question: Question, cand: Candidate, text: str, ctx: AnsweringContext) -> bool:
    """Every subject term of the question is named in the candidate's sentence, its chunk or paragraph
    (where the chunk was cut is an accident of indexing), or (places) its document's lead; and the
    sentence does not name a rival of the same kind instead. A place the question opens with that the
    lexicon does not know ("火星上的...") must be in the document; a place-like word it does not know
    (石门镇, named once in the corpus) in the candidate's paragraph."""
    if any(place not in text for place in question.locatives):
        return False
    s = cand.sentence
    sentence = text[s.start : s.end]
    paragraph_end = text.find("\n", s.end)
    paragraph = (text.rfind("\n", 0, s.start) + 1, len(text) if paragraph_end < 0 else paragraph_end)
    chunk = text[min(s.chunk_start, paragraph[0]) : max(s.chunk_end, paragraph[1])]
    lead = text[: ctx.weights.lead_chars]
    lexicon = ctx.lexicon
    for name in question.names:
        kind = lexicon.kind_of(name)
        stem = _stem(name)
        if stem in sentence or name in sentence:
            continue
        if kind == "org" and any(short in chunk for short in _short_forms(name, ctx)):
            continue
        if kind == "person" and stem in chunk:
            continue
        if (
            kind == "place"
            and (stem in lead or stem in chunk)
            and not _figured_elsewhere(stem, cand, text, paragraph)
        ):
            continue
        if kind == "org" and stem in chunk and not _rival_named(question, sentence, ctx, kind):
            continue
        return False
    # a place the lexicon missed (named once, in a list) that the passages name: where it is named
    if any(place not in text[paragraph[0] : paragraph[1]] for place in question.unknown_places):
        return False
    if _rival_named(question, sentence.replace(cand.text, ""), ctx, "place"):
        return False
    return all(_time_holds(t, text, s.start, s.end, lead) for t in question.times)


def _figured_elsewhere(place: str, cand: Candidate, text: str, paragraph: tuple[int, int]) -> bool:
    """A later sentence of the paragraph names the place with a figure in the candidate's unit ("石岭乡
    197万件" after "全年投递量达1,430万件"): the breakdown after a total; that figure is the place's.
    (A place that opens the paragraph is its subject, and the sentences after it are about it.)"""
    unit = cand.text[-1:]
    if not unit or unit.isdigit():
        return False
    # the place, a few characters of what it measures (投递量), the figure
    figure = re.compile(rf"{re.escape(place)}[^\d,;:。]{{0,6}}\d[\d.,]*[万亿]?{re.escape(unit)}")
    return figure.search(text, cand.sentence.end, paragraph[1]) is not None


def _short_forms(name: str, ctx: AnsweringContext) -> list[str]:
    """Shorter lexicon names of the same company inside its full name (星河 in 云州星河织造科技有限公司)."""
    return [other for other in ctx.names_of("org") if len(other) >= 2 and other in name]


# Administrative levels: a town named where a county is asked about is inside it, not a rival.
_LEVELS = {
    **dict.fromkeys(("省",), 0),
    **dict.fromkeys(("市", "州"), 1),
    **dict.fromkeys(("县", "区", "旗"), 2),
    **dict.fromkeys(("镇", "乡", "街道"), 3),
    **dict.fromkeys(("村", "社区"), 4),
}


def _level(name: str) -> int | None:
    return next((level for suffix, level in _LEVELS.items() if name.endswith(suffix)), None)


def _rival_named(question: Question, sentence: str, ctx: AnsweringContext, kind: str) -> bool:
    """The sentence names another place (org) and none of the question's places (orgs); a place of
    another administrative level (河湾镇 for a question about 蔺河县) is no rival."""
    asked = [n for n in question.names if ctx.lexicon.kind_of(n) == kind]
    wanted = [_stem(n) for n in asked]
    if not wanted or any(_named_in(n, sentence, ctx) for n in asked):
        return False
    levels = {_level(n) for n in asked}
    named = [name for name in ctx.names_of(kind) if len(name) >= 2 and name in sentence]
    named = [name for name in named if not any(name in other and name != other for other in named)]
    return any(
        not any(w in name or name in w for w in wanted)
        and (None in levels or _level(name) is None or _level(name) in levels)
        for name in named
    )


def _time_holds(span: str, text: str, start: int, end: int, lead: str) -> bool:
    """A period holds in the sentence or earlier in its paragraph (the date opens the paragraph); a
    holiday also holds when the article's lead names it (the whole article is about it); 去年 also
    holds as the year before the article's own 今年 (2023年 in a report on 2024), or as 上年. The year
    the article reports holds wherever its paragraph names no other year (a review of 2025 says it once),
    and so does a period the headline names (2025年 of a report on next year's enrolment, asked as 明年)."""
    para_start = text.rfind("\n", 0, start) + 1
    if HOLIDAY.fullmatch(span) and span in lead:
        return True
    forms = written_forms(span, text)
    if any(form in text[para_start:end] for form in forms):
        return True
    title = text.split("\n", 1)[0]
    others = {year for year in _YEARS.findall(text, para_start, end) if year not in forms}
    if any(form in title for form in forms) and not others:
        return True
    year = reported_year(text)
    named = set(YEAR.findall(text, para_start, end))
    return year is not None and f"{year}年" in forms and named <= {f"{year}年"}


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
