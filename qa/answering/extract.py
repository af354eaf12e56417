"""answer(): the shortest supported span from the retrieved passages, cited verbatim, or a refusal."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from qa.answering.candidates import Candidate, Sentence, sentences, typed
from qa.answering.cause import best_cause, is_why
from qa.answering.citations import cite
from qa.answering.question import Question, parse
from qa.answering.scoring import Scored, score, subject_holds
from qa.answering.shape import TYPED, fits_type, restates
from qa.answering.slot import Slot, best_slot
from qa.clean import CleanText
from qa.lexicon import Lexicon, without_verb_places
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

MIN_SUPPORT = 0.5  # share of the question's words the answering sentence must carry
MIN_SCORE = 4.0
# An aligned slot answering a 什么 question sits where the question's own wording does, so it may stand
# on less of the question's words than a typed candidate found anywhere (encyclopedia questions
# paraphrase; the unanswerable questions we refuse are about figures, names and dates).
MIN_PHRASE_SUPPORT = 0.35
MIN_PHRASE_SCORE = 2.0
MIN_TYPED_ANCHOR = 4  # question characters a one-sided slot must match to answer a 多少/何时 question
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
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], lexicon: Lexicon
) -> list[Scored]:
    kinds = _kinds(question)
    out: list[Scored] = []
    for sentence in sents:
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


def _weakness(best: Scored, min_support: float = MIN_SUPPORT, min_score: float = MIN_SCORE) -> str | None:
    """Why the best candidate is not good enough to state, or None when it is."""
    if best.missing:  # the word next to the question word is what is asked about: 增加值 is not 产值
        return f"focus word {best.missing} not in the passage"
    if best.support < min_support or best.score < min_score:
        return f"weak support {best.support:.2f} score {best.score:.2f}"
    return None


def _slot_answer(
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], lexicon: Lexicon
) -> Scored | None:
    """The stated cause (why-questions) or else the aligned slot of the question word, when the
    question's subject holds there and the answer is of the asked form (a figure for 多少)."""
    text_of = {doc: docs[doc].text for doc in {s.doc for s in sents}}
    found = [best_cause(question, text_of, sents) if is_why(question) else None]
    found.append(best_slot(question, text_of, sents))
    for slot in found:
        scored = _accepted(question, slot, docs, lexicon) if slot is not None else None
        if scored is not None:
            return scored
    return None


def _accepted(
    question: Question, found: Slot, docs: Mapping[str, CleanText], lexicon: Lexicon
) -> Scored | None:
    """The slot scored, if it is of the asked form, holds the subject and is well supported."""
    if not fits_type(question, found.candidate.text):
        return None
    if question.qtype in TYPED and not (found.both or found.anchored >= MIN_TYPED_ANCHOR):
        return None  # the typed candidates were weak: a figure needs a firmer match to stand instead
    cand, text = found.candidate, docs[found.candidate.sentence.doc].text
    if restates(question, cand.text, share=0.8) or not subject_holds(question, cand, text, lexicon):
        return None
    scored = score(question, cand, text)
    if question.qtype == "phrase":  # an aligned phrase is evidence of its own: it may carry fewer words
        return scored if _weakness(scored, MIN_PHRASE_SUPPORT, MIN_PHRASE_SCORE) is None else None
    return scored if _weakness(scored) is None else None


def _choose(
    question: Question, sents: Sequence[Sentence], docs: Mapping[str, CleanText], lexicon: Lexicon
) -> tuple[Scored | None, str]:
    """A typed candidate that holds wins (news figures, names); otherwise the aligned slot, which
    reads descriptions and encyclopedia phrases better than a whole clause; otherwise the clause."""
    ranked = _candidates(question, sents, docs, lexicon)
    best = ranked[0] if ranked else None
    why = _weakness(best) if best else "no candidate where the subject holds"
    if best is not None and why is None and best.candidate.kind != "clause":
        return best, ""
    slot = _slot_answer(question, sents, docs, lexicon)
    if slot is not None:
        return slot, ""
    return (best, "") if why is None else (None, why or "")


def answer(question: str, hits: Sequence[Hit], docs: Mapping[str, CleanText], lexicon: Lexicon) -> Answer:
    """Answer an (already contextualised) question from its hits, best first."""
    lexicon = without_verb_places(lexicon)  # a rival "place" like 告知书村 must not veto an answer
    return answer_parsed(parse(question, lexicon), hits, docs, lexicon)


def answer_parsed(
    parsed: Question, hits: Sequence[Hit], docs: Mapping[str, CleanText], lexicon: Lexicon
) -> Answer:
    """The rules' answer to a question already parsed with `lexicon` (verb places already dropped)."""
    if parsed.unknown_places:
        return refusal(parsed, hits, f"unknown place {parsed.unknown_places}")
    best, why = _choose(parsed, sentences(hits, docs), docs, lexicon)
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
