"""Question-word slot alignment: the answer fills the place of the question word in the sentence that
words the rest of the question the same way ("五羊新城又称什么" ~ "五羊新城(又称五羊邨...)").

The question is cut at its question word into a left and a right context. The piece of the left
context nearest the question word that the sentence also has, and likewise the piece of the right
context, anchor the slot between them. This needs no answer type, so it carries over to encyclopedia
phrases (descriptions, titles, terms) that the typed patterns, built for news figures, do not cover.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.answering.candidates import Candidate, Sentence
from qa.answering.question import Question
from qa.answering.scoring import support
from qa.answering.shape import shape
from qa.answering.weights import DEFAULT_WEIGHTS, Weights

_END_MARKS = re.compile(r"[?？。!！]+$")
_TAIL_WORDS = re.compile(r"(?:呢|吗|啊|呀|么|的呢)+$")
# Words between the anchor and the question word that the sentence often says differently or not at all:
# "X位于哪里" / "X位于Y"; "X是什么" / "X为Y", "X:Y". The anchor is tried with and without them.
_LEFT_GLUE = re.compile(r"(?:是|为|有|在|于|叫做|叫|称为|又称|称|被称为|位于|属于|来自于?|的|了|过|着)+$")
_RIGHT_GLUE = re.compile(r"^(?:的|是|有|在|呢|了|被|所)+")
_FUNCTION_CHARS = set("的了是在有和与及为被把对向从其该这那个一也都就还又将能要会到")
_ALIAS = re.compile(
    r"(?:又|也|还|亦|或)?(?:叫做?|称为?|称作|名为?|译为?|被称为)$|(?:别名|别称|简称|俗称)(?:是|为|叫)?$"
)
_ALIAS_WORDS = ("又称", "亦称", "又名", "别名", "简称", "俗称", "又译", "或称", "也称", "又叫")
# a comma inside a figure (1,430万件) breaks nothing
_BREAK = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[;:。!?]")
# Question words whose answer is a description that may run over several clauses.
_LONG_ANSWER = re.compile(
    r"为什么|为何|怎么|怎样|如何|原因|特点|特征|过程|内容|作用|意义|措施|方法|做法|经历|区别"
)
# Nouns right after 哪/几/第几 that the answer carries itself: 哪国 -> 英国, 第几代 -> 第二代.
_HEAD_CHARS = set("国代年族朝省市县州区镇村届种类级号座世")
# Wikipedia glosses a name in brackets right after it (矢井田瞳(やいだ ひとみ)是...): alignment skips them.
_GLOSS = re.compile(r"\([^()]*\)")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Slot:
    candidate: Candidate
    anchored: int  # characters of question context matched around the slot
    both: bool  # anchored on both sides of the question word
    overlap: float  # share of the question's content words in the sentence
    score: float


@dataclass(frozen=True)
class _Anchor:
    piece: str
    value: float  # its length, less its distance from the question word
    at: tuple[int, ...]  # where it occurs in the sentence view


def _contexts(question: Question) -> tuple[list[str], list[str]]:
    """Left and right contexts of the question word, each as written and without its glue words."""
    text = question.text
    left = text[: question.wh_start]
    right = _TAIL_WORDS.sub("", _END_MARKS.sub("", text[question.wh_end :]))
    lefts = [left, _LEFT_GLUE.sub("", left)]
    alias = _ALIAS.search(left)
    if alias:  # 又叫什么: the article may say 又称, 别名, 简称 ...
        lefts += [left[: alias.start()] + word for word in _ALIAS_WORDS]
    rights = [right, _RIGHT_GLUE.sub("", right)]
    return [w for w in dict.fromkeys(lefts) if w], [w for w in dict.fromkeys(rights) if w]


def _anchor(variants: Sequence[str], view: str, left: bool, w: Weights) -> _Anchor | None:
    """The longest piece of a context found in the sentence right next to the question word (a left
    piece ending at it, a right piece starting at it); failing that, one a few characters off
    (矢井田瞳 of 矢井田瞳的职业, when the sentence never says 职业)."""
    best: _Anchor | None = None
    for gap in range(w.reach + 1 if left else 1):  # a right piece further off is the answer's own noun
        for context in variants:
            shortest = 1 if gap == 0 and left else w.min_anchor  # 字 of 王沈的字是什么 / 王沈,字处道
            for size in range(min(w.max_anchor, len(context) - gap), shortest - 1, -1):
                value = size - gap
                if best is not None and value <= best.value:
                    break
                piece = (
                    context[len(context) - gap - size : len(context) - gap]
                    if left
                    else context[gap : gap + size]
                )
                if piece in view and not (size == 1 and piece in _FUNCTION_CHARS):
                    best = _Anchor(
                        piece, value, tuple(m.start() for m in re.finditer(re.escape(piece), view))
                    )
                    break
        if best is not None:
            return best
    return best


def _view(sentence: str) -> tuple[str, list[int]]:
    """The sentence without bracketed glosses, and each kept character's position in the sentence."""
    keep = [True] * len(sentence)
    for match in _GLOSS.finditer(sentence):
        keep[match.start() : match.end()] = [False] * (match.end() - match.start())
    where = [i for i, kept in enumerate(keep) if kept]
    return "".join(sentence[i] for i in where), where


def _both_sides(question: Question, view: str, left: _Anchor, right: _Anchor) -> tuple[int, int] | None:
    """The slot between the closest left/right anchor pair, or None when no pair is in order."""
    size = len(left.piece)
    pairs = [(b - a - size, a, b) for a in left.at for b in right.at if b > a + size]
    if not pairs:
        return None
    _, a, b = min(pairs)  # the closest pair: the left context right before the right one
    start, end = a + size, b
    stop = _BREAK.search(view, start + 1, end)
    if stop is not None and not _LONG_ANSWER.search(question.text):
        end = stop.start()  # a name or term ends at the clause break; a description may run on
    after = question.text[question.wh_end :]
    if right.piece[0] in _HEAD_CHARS and after.startswith(right.piece[0]):
        end = b + 1  # 哪国人 / 英国人: the noun after the question word is part of the answer
    return start, end


def _bounds(question: Question, view: str, w: Weights) -> tuple[int, int, float, bool] | None:
    """(start, end, anchor value, anchored on both sides) of the slot in the view, or None."""
    lefts, rights = _contexts(question)
    left, right = _anchor(lefts, view, True, w), _anchor(rights, view, False, w)
    if left and right:
        span = _both_sides(question, view, left, right)
        if span is not None:
            return span[0], span[1], left.value + right.value, True
    if left:
        firsts = [a for a in left.at if not view.startswith(left.piece, a + len(left.piece))]
        start = (firsts or left.at)[0] + len(left.piece)  # 矢井田瞳矢井田瞳是: the title runs into the text
        stop = _BREAK.search(view, start + 1)
        return start, stop.start() if stop else len(view), left.value, False
    if right:
        breaks = [m.end() for m in _BREAK.finditer(view, 0, max(0, right.at[0] - 1))]
        return (breaks[-1] if breaks else 0), right.at[0], right.value, False
    return None


def _raw_bounds(question: Question, sentence: str, w: Weights) -> tuple[int, int, float, bool] | None:
    """The slot in sentence coordinates: aligned without the bracketed glosses, or with them when
    the question's words stand inside one (五羊新城(又称五羊邨) answers 又称什么) and anchor better."""
    view, where = _view(sentence)
    bounds = _bounds(question, view, w)
    if bounds is not None:
        start, end, anchored, both = bounds
        after = where[end - 1] + 1 if end > 0 else 0
        gloss = _GLOSS.match(sentence, after)
        if gloss is not None and _DIGIT.search(gloss.group(0)):
            after = gloss.end()  # 天命六年(1621年): a figure in brackets belongs to the answer
        bounds = (where[start] if start < len(where) else len(sentence)), after, anchored, both
    if view != sentence:
        raw = _bounds(question, sentence, w)
        if raw is not None and (bounds is None or raw[2] > bounds[2]):
            bounds = raw
    return bounds if bounds is not None and bounds[1] > bounds[0] else None


def slot_in(
    question: Question, text: str, s: Sentence, prior: float = 0.0, w: Weights = DEFAULT_WEIGHTS
) -> Slot | None:
    """The slot of the question word in one sentence, shaped to the answer type, or None."""
    sentence = text[s.start : s.end]
    bounds = _raw_bounds(question, sentence, w)
    if bounds is None:
        return None
    start, end, anchored, both = bounds
    span = shape(question, sentence, start, end, w)
    if span is None or span[1] - span[0] > w.max_slot:
        return None
    a, b = s.start + span[0], s.start + span[1]
    cand = Candidate(text[a:b], "slot", a, b, s)
    value = prior + w.slot_anchor_scale * min(anchored, w.slot_anchor_cap)
    value += w.slot_both_sides if both else 0.0
    return Slot(cand, round(anchored), both, support(question, sentence, w), value)


def ranked(
    question: Question,
    text_of: Mapping[str, str],
    sentences: Sequence[Sentence],
    w: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[float, Sentence]]:
    """The sentences that carry the question's content words best (and come from the better hits),
    each with that prior, best first, at most `w.top_sentences` of them."""
    priors = [
        (
            w.slot_prior_support * support(question, text_of[s.doc][s.start : s.end], w)
            - w.slot_prior_rank * s.rank,
            i,
        )
        for i, s in enumerate(sentences)
    ]
    return [(prior, sentences[i]) for prior, i in sorted(priors, reverse=True)[: w.top_sentences]]


def best_slot(
    question: Question,
    text_of: Mapping[str, str],
    sentences: Sequence[Sentence],
    w: Weights = DEFAULT_WEIGHTS,
) -> Slot | None:
    """The best-anchored slot over the sentences that carry the question's words best: those words
    pick the sentence, the anchors only break ties between similar ones."""
    if question.wh_start >= len(question.text):
        return None  # no question word: nothing to align
    best: Slot | None = None
    for prior, s in ranked(question, text_of, sentences, w):
        found = slot_in(question, text_of[s.doc], s, prior, w)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best
