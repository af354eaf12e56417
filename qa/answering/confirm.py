"""When the rules' answer is stated: the reader proposes it too, scoring near its best span.

The rules shape figures and names well; the reader tells which one is asked for. A reader span that is
the rules' answer, that answer and a word more, or that answer and another clause confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answering.candidates import CLAUSE_BREAK
from qa.reader.decode import SpanGuess
from qa.types import Answer, Hit

_NAMED = ("place", "org", "person")
_SENTENCE_END = re.compile(r"[。!?]")


def confirming_guess(
    ruled: Answer,
    guesses: Sequence[tuple[SpanGuess, int]],
    passages: Sequence[tuple[Hit, str]],
    confirm_gap: float,
    min_margin: float,
    best_floor: float | None = None,
) -> tuple[SpanGuess, int] | None:
    """The reader's guess (and its passage's position) that proposes the rules' answer, near its best
    score, in the cited document; None when the reader proposes it nowhere near. The reader's best span
    confirms it down to a margin of `best_floor` (default `min_margin`): the reader may doubt that a
    colloquial question is answered at all, while the span it would give is the rules' answer."""
    if not ruled.answerable or not ruled.citations or not guesses:
        return None
    best, doc, said = guesses[0][0].score, ruled.citations[0].doc, re.sub(r"\s+", "", ruled.text)
    spans = [re.sub(r"\s+", "", passages[position][1][g.start : g.end]) for g, position in guesses]
    if said != spans[0] and _a_word_more(spans[0], said):
        return None  # the reader's best is the rules' answer and a word more (1980年代, 香港人)
    if ruled.question_type in _NAMED and said != spans[0] and _whole_around(spans[0], said):
        return None  # ... or a longer name around it (美国得克萨斯州 around 美国, 乔治·温哥华 around 乔治)
    for (guess, position), span in zip(guesses, spans, strict=True):
        if best - guess.score > confirm_gap:
            break
        same = span and (
            span == said or _a_word_more(said, span) or _longer_by_a_clause(span, said, spans[0])
        )
        floor = min_margin if best_floor is None or guess.score < best else best_floor
        if same and guess.margin >= floor and passages[position][0].chunk.doc == doc:
            return guess, position
    return None


def _around(longer: str, shorter: str) -> tuple[str, str] | None:
    """What `longer` holds before and after `shorter`, or None when it does not hold it."""
    first = longer.find(shorter)
    return None if first < 0 else (longer[:first], longer[first + len(shorter) :])


def _longer_by_a_clause(span: str, said: str, best: str) -> bool:
    """The reader's span runs past the rules' answer into another clause (393亿元，同比增长…): the rules'
    shorter answer is the one asked for. Within one clause (1980年代, 朝鲜平壤) the span is whole. A
    span that reaches the rules' answer from an earlier sentence, or that runs on to the reader's own
    best span (…射击游戏,台湾俗称这部为「乌兹冲锋枪), is the reader reading to its answer, not the rules'."""
    rest = _around(span, said)
    if rest is None or _SENTENCE_END.search(rest[0]) or _reads_on_to(best, said, rest[1]):
        return False
    return any(CLAUSE_BREAK.search(part) for part in rest)


def _reads_on_to(best: str, said: str, after: str) -> bool:
    """Whether the reader's best span lies in a later clause of what a span holds after the rules'
    answer (its own answer, read on to), not in the rules' answer's clause (比8月的2.15万辆多出3200)."""
    at = after.find(best) if best and best != said else -1
    return at >= 0 and CLAUSE_BREAK.search(after, 0, at) is not None


def _whole_around(longer: str, shorter: str) -> bool:
    """`longer` holds `shorter` inside one clause, with no figure: one name, read whole."""
    rest = _around(longer, shorter)
    return rest is not None and not any(CLAUSE_BREAK.search(part) or re.search(r"\d", part) for part in rest)


def _a_word_more(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with at most a short word of no digits on (朝鲜平壤 for 朝鲜)."""
    rest = _around(longer, shorter)
    extra = "".join(rest) if rest else ""
    return 0 < len(extra) <= 3 and not re.search(r"[\d,;:!?]", extra)
