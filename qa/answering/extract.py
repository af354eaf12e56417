"""answer(): the shortest supported span from the retrieved passages, cited verbatim, or a refusal."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from qa.answering.candidates import Candidate, sentences, typed
from qa.answering.citations import cite
from qa.answering.question import Question, parse
from qa.answering.scoring import Scored, score, subject_holds
from qa.clean import CleanText
from qa.lexicon import Lexicon, without_verb_places
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

MIN_SUPPORT = 0.5  # share of the question's words the answering sentence must carry
MIN_SCORE = 4.0
_LEADING = re.compile(r"^(?:是|为|称为|被称为|叫做|叫|即|有|包括|达到|达|在)")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _kinds(question: Question) -> tuple[str, ...]:
    return (question.qtype, *question.alt_types)


def _trim_clause(question: Question, cand: Candidate, text: str) -> Candidate:
    """A clause answer without the question's own words in front: "...称为锣鼓点" -> "锣鼓点"."""
    body = cand.text
    head = re.match(r"^(.{2,12}?)(?:是|为)", body)
    if (
        head
        and question.qtype in ("org", "person", "place")
        and any(t in body for t in question.focus_before)
    ):
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
    question: Question, hits: Sequence[Hit], docs: Mapping[str, CleanText], lexicon: Lexicon
) -> list[Scored]:
    kinds = _kinds(question)
    out: list[Scored] = []
    for sentence in sentences(hits, docs):
        text = docs[sentence.doc].text
        for cand in typed(text, sentence, kinds, lexicon):
            if any(word == cand.text for word in question.names) or cand.text in question.text:
                continue  # the question's own subject is not its answer
            if not subject_holds(question, cand, text, lexicon):
                continue
            if cand.kind == "clause":
                cand = _trim_clause(question, cand, text)
            out.append(score(question, cand, text))
    out.sort(key=lambda s: s.score, reverse=True)
    return out


def _refusal(question: Question, hits: Sequence[Hit], why: str) -> Answer:
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


def answer(question: str, hits: Sequence[Hit], docs: Mapping[str, CleanText], lexicon: Lexicon) -> Answer:
    """Answer an (already contextualised) question from its hits, best first."""
    lexicon = without_verb_places(lexicon)  # a rival "place" like 告知书村 must not veto an answer
    parsed = parse(question, lexicon)
    if parsed.unknown_places:
        return _refusal(parsed, hits, f"unknown place {parsed.unknown_places}")
    ranked = _candidates(parsed, hits, docs, lexicon)
    if not ranked:
        return _refusal(parsed, hits, "no candidate where the subject holds")
    best = ranked[0]
    if best.missing:  # the word next to the question word is what is asked about: 增加值 is not 产值
        return _refusal(parsed, hits, f"focus word {best.missing} not in the passage")
    if best.support < MIN_SUPPORT or best.score < MIN_SCORE:
        return _refusal(parsed, hits, f"weak support {best.support:.2f} score {best.score:.2f}")
    doc = docs[best.candidate.sentence.doc]
    citation = cite(best, doc)
    quote = re.sub(r"\s+", "", citation.quote)
    if any(n not in quote for n in _DIGITS.findall(best.candidate.text)):  # never state an uncited number
        return _refusal(parsed, hits, "answer not in citation")
    return Answer(
        text=best.candidate.text,
        answerable=True,
        citations=(citation,),
        hits=tuple(hits),
        question_type=parsed.qtype,
        subject=parsed.subject,
    )
