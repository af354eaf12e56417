"""answer(): the shortest supported span from the retrieved passages, cited verbatim, or a refusal."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from qa.answering.candidates import Candidate, Sentence, sentences, typed
from qa.answering.cause import best_cause, is_why
from qa.answering.checks import conflict
from qa.answering.citations import cite
from qa.answering.context import AnsweringContext
from qa.answering.question import Question, parse
from qa.answering.scoring import Scored, score
from qa.answering.shape import fits_type, is_typed, restates
from qa.answering.slot import Slot, best_slot
from qa.answering.subject import subject_holds
from qa.answering.weights import Weights
from qa.clean import CleanText
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

_LEADING = re.compile(r"^(?:是|为|称为|被称为|叫做|叫|即|有|包括|达到|达|在)")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _kinds(question: Question) -> tuple[str, ...]:
    return (question.qtype, *question.alt_types)


def _trim_clause(question: Question, cand: Candidate, text: str) -> Candidate:
    """A clause answer without the question's own words in front: "...称为锣鼓点" -> "锣鼓点"."""
    body = cand.text
    head = re.match(r"^(.{2,12}?)(?:是|为)", body)
    named = question.kind is not None and question.kind.named
    if head and named and any(t in body for t in question.focus_before):
        return Candidate(head.group(1), cand.kind, cand.start, cand.start + len(head.group(1)), cand.sentence)
    cut = 0
    for term in question.focus_before:
        pos = body.rfind(term)
        if pos >= 0:
            cut = max(cut, pos + len(term))
    rest = _LEADING.sub("", body[cut:])
    if len(rest) >= 2 and cut > 0:
        start = cand.end - len(rest)
        return Candidate(rest, cand.kind, start, cand.end, cand.sentence)
    return cand


def _candidates(
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> list[Scored]:
    kinds = _kinds(question)
    out: list[Scored] = []
    for sentence in sents:
        text = docs[sentence.doc].text
        for cand in typed(text, sentence, kinds, ctx):
            if any(word == cand.text for word in question.names) or cand.text in question.text:
                continue  # the question's own subject is not its answer
            if not subject_holds(question, cand, text, ctx) or conflict(question, cand, text) is not None:
                continue  # about something else, or in another unit, metric or year than asked
            if cand.kind == "clause":
                cand = _trim_clause(question, cand, text)
            out.append(score(question, cand, text, ctx.weights))
    out.sort(key=lambda s: s.score, reverse=True)
    return out


def refusal(question: Question, hits: Sequence[Hit], why: str) -> Answer:
    """The answer that says the articles do not answer the question (with the closest passages)."""
    logger.info("refused (%s): %s", why, question.text)
    topic = "".join(question.subject) + "".join(question.keywords[:3])
    return Answer(
        text=f"资料中没有找到{topic or '这个问题'}的答案。",
        answerable=False,
        citations=(),
        hits=tuple(hits),
        question_type=question.qtype,
        subject=question.subject,
    )


def _weakness(best: Scored, min_support: float, min_score: float) -> str | None:
    """Why the best candidate is not good enough to state, or None when it is."""
    if best.missing:  # the word next to the question word is what is asked about: 增加值 is not 产值
        return f"focus word {best.missing} not in the passage"
    if best.support < min_support or best.score < min_score:
        return f"weak support {best.support:.2f} score {best.score:.2f}"
    return None


def _slot_answer(
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> Scored | None:
    """The stated cause (why-questions) or else the aligned slot of the question word, when the
    question's subject holds there and the answer is of the asked form (a figure for 多少)."""
    text_of = {doc: docs[doc].text for doc in {s.doc for s in sents}}
    found = [best_cause(question, text_of, sents, ctx.weights) if is_why(question) else None]
    found.append(best_slot(question, text_of, sents, ctx.weights))
    for slot in found:
        scored = _accepted(question, slot, docs, ctx) if slot is not None else None
        if scored is not None:
            return scored
    return None


def _accepted(
    question: Question, found: Slot, docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> Scored | None:
    """The slot scored, if it is of the asked form, holds the subject and is well supported."""
    w = ctx.weights
    if not fits_type(question, found.candidate.text):
        return None
    if is_typed(question) and not (found.both or found.anchored >= w.min_typed_anchor):
        return None  # the typed candidates were weak: a figure needs a firmer match to stand instead
    cand, text = found.candidate, docs[found.candidate.sentence.doc].text
    if restates(question, cand.text, share=w.restate_share) or not subject_holds(question, cand, text, ctx):
        return None
    scored = score(question, cand, text, w)
    # An aligned slot answering a 什么 question sits where the question's own wording does, so it may
    # stand on less of the question's words than a typed candidate found anywhere (encyclopedia
    # questions paraphrase; the unanswerable questions we refuse are about figures, names and dates).
    if question.qtype == ctx.types.fallback:
        return scored if _weakness(scored, w.min_phrase_support, w.min_phrase_score) is None else None
    return scored if _strong(scored, w) else None


def _strong(scored: Scored, w: Weights) -> bool:
    return _weakness(scored, w.min_support, w.min_score) is None


def _choose(
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> tuple[Scored | None, str]:
    """A typed candidate that holds wins (news figures, names); otherwise the aligned slot, which
    reads descriptions and encyclopedia phrases better than a whole clause; otherwise the clause."""
    ranked = _candidates(question, sents, docs, ctx)
    best = ranked[0] if ranked else None
    w = ctx.weights
    why = _weakness(best, w.min_support, w.min_score) if best else "no candidate where the subject holds"
    if best is not None and why is None and best.candidate.kind != "clause":
        return best, ""
    slot = _slot_answer(question, sents, docs, ctx)
    if slot is not None:
        return slot, ""
    return (best, "") if why is None else (None, why or "")


def answer(
    question: str, hits: Sequence[Hit], docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> Answer:
    """Answer an (already contextualised) question from its hits, best first."""
    return answer_parsed(parse(question, ctx), hits, docs, ctx)


def answer_parsed(
    parsed: Question, hits: Sequence[Hit], docs: Mapping[str, CleanText], ctx: AnsweringContext
) -> Answer:
    """The rules' answer to a question already parsed with `ctx`."""
    if parsed.unknown_places:
        return refusal(parsed, hits, f"unknown place {parsed.unknown_places}")
    best, why = _choose(parsed, sentences(hits, docs), docs, ctx)
    if best is None:
        return refusal(parsed, hits, why)
    doc = docs[best.candidate.sentence.doc]
    citation = cite(best, doc)
    quote = re.sub(r"\s+", "", citation.quote)
    if any(n not in quote for n in _DIGITS.findall(best.candidate.text)):  # never state an uncited number
        return refusal(parsed, hits, "answer not in citation")
    return Answer(
        text=best.candidate.text,
        answerable=True,
        citations=(citation,),
        hits=tuple(hits),
        question_type=parsed.qtype,
        subject=parsed.subject,
    )
