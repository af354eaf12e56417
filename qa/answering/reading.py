"""Answers read by the span reader, kept honest by general checks.

The reader proposes spans of the best passages with a no-answer margin. A span becomes the answer
when the reader prefers it to "no answer" by `min_margin`, it has the form the question asks for (a
figure for 多少, a date for 何时), it does not merely restate the question, and the question's subject
(places, organisations, periods it names) holds where the span was found. Figures are completed to
their whole number, range and unit (393亿元, 70-80公里), and a number is only stated when its citation
shows it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.answering.candidates import Candidate, Sentence, sentences
from qa.answering.cause import after_cause_marker, is_why
from qa.answering.changes import asks_change, change_of, level_reached
from qa.answering.checks import conflict, rejection
from qa.answering.citations import cite
from qa.answering.confirm import confirming_guess
from qa.answering.context import AnsweringContext
from qa.answering.contrasts import contrast_figure
from qa.answering.dated import compared_figure
from qa.answering.english import is_english
from qa.answering.extract import answer_parsed, refusal
from qa.answering.fuller import fuller_first
from qa.answering.lists import list_first, read_list
from qa.answering.narrow import complete_date, name_end, typed_core
from qa.answering.question import Question, parse
from qa.answering.respectively import respective_figure
from qa.answering.scoring import Scored
from qa.answering.script import to_simplified
from qa.answering.shape import complete_figure, first_sentence_holds, shape
from qa.answering.titled import name_edges, name_start
from qa.clean import CleanText
from qa.reader.decode import SpanGuess
from qa.reader.reader import SpanReader
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class ReadingPolicy:
    """How much is read, and when a span is good enough to state (swept by the eval)."""

    read_depth: int = 2  # passages the reader reads, best first (3 reads worse on CMRC, and slower)
    guesses: int = 12  # spans considered, best first, before refusing
    min_margin: float = 0.0  # span score minus no-answer score
    min_support: float = 0.25  # share of the question's words in the span's sentence and neighbours
    # The rules' typed answer is taken when the reader proposes it too, scoring within this much of
    # its best span: the rules shape figures and names well, the reader tells which one is asked for.
    confirm_gap: float = 3.0
    # ... and when the reader's best span is the rules' answer, down to this margin (it doubted the
    # question is answered: colloquial questions, 离高铁站有多远, get negative margins on right spans)
    confirm_floor: float = -2.0
    # A question whose best span so far beats "no answer" by this much reads no further passage: on
    # CMRC dev (first 400) 6.0 read 41% fewer passages for the same EM (0.418 vs 0.410).
    sure_margin: float = 6.0
    # A span the reader prefers to "no answer" by this much is excused the event word and the share of
    # question words: questions that paraphrase their passage (获选 for 名列, 问世 for 正名) fail those
    # although the span is right. Subject, clause and measured-noun checks still apply.
    trust_margin: float = 4.0
    # a description asked for (为什么, 怎样) is the reader's fullest span this close to its best one
    fuller_gap: float = 0.5


def passages_of(hits: Sequence[Hit], docs: Mapping[str, CleanText], depth: int) -> list[tuple[Hit, str]]:
    """The cleaned text of the hits the reader reads (in Simplified characters, offsets unchanged)."""
    read = [hit for hit in hits[:depth] if hit.chunk.doc in docs]
    return [
        (hit, to_simplified(docs[hit.chunk.doc].text)[hit.chunk.clean_start : hit.chunk.clean_end])
        for hit in read
    ]


def _sentence_at(sents: Sequence[Sentence], doc: str, start: int) -> Sentence | None:
    return next((s for s in sents if s.doc == doc and s.start <= start < s.end), None)


def _candidate(
    question: Question,
    guess: SpanGuess,
    hit: Hit,
    text: str,
    sents: Sequence[Sentence],
    ctx: AnsweringContext,
) -> Candidate | None:
    """The guess in document coordinates, trimmed and completed, with the sentence it sits in."""
    start, end = hit.chunk.clean_start + guess.start, hit.chunk.clean_start + guess.end
    spanned = [s for s in sents if s.doc == hit.chunk.doc and s.start < end and start < s.end]
    if not spanned or spanned[0].start > start or not first_sentence_holds(question, text, spanned):
        return None
    sentence = spanned[0]
    end = min(end, max(sentence.end, start + 1))
    shaped = shape(question, text, start, end, ctx.weights)
    if shaped is None:
        return None
    shaped = shaped[0], name_end(question, text, shaped[1], end)
    if question.qtype == "person":  # 书记仲旭东: the name, without its title
        shaped = name_edges(text, name_start(text, *shaped), shaped[1])
    start, end = complete_date(
        question, text, *complete_figure(text, *typed_core(question, text, sentence, ctx, *shaped))
    )
    start, end = _figure_asked(question, text, sentence, start, end)
    start = after_cause_marker(text, start, end) if is_why(question) else start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Candidate(text[start:end], question.qtype, start, end, sentence)


def _figure_asked(question: Question, text: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The figure the question asks for, when the span read is a figure next to it: another item's of
    a 分别 run; the level a change started from (由82.6%提高到99.2%: the level reached, unless the
    past is asked); a level compared with the period asked (比2024年底的4.96万户), or said of the
    contrary of what is asked (原计划5000本,实际7260本); a level for 涨了多少 (the change after it)."""
    bounds = (sentence.start, sentence.end)
    start, end = respective_figure(question, text, *bounds, start) or (start, end)
    start, end = level_reached(question, text, *bounds, start, end) or (start, end)
    compared = compared_figure(question, text, end) or contrast_figure(question, text, bounds, start, end)
    start, end = complete_figure(text, *compared) if compared else (start, end)
    change = change_of(question, text, bounds, end) if asks_change(question) else None
    return change or (start, end)


def read_answers(
    questions: Sequence[str],
    hit_lists: Sequence[Sequence[Hit]],
    docs: Mapping[str, CleanText],
    ctx: AnsweringContext,
    reader: SpanReader,
    policy: ReadingPolicy,
    english: Sequence[bool] | None = None,
) -> list[Answer]:
    """Answer (already contextualised) questions from their hits, best first: one reader call for all.
    `english` marks the questions asked in English that the caller already rewrote into Chinese
    (None: the questions are as asked, and an English one is rewritten here)."""
    parsed = [parse(to_simplified(question), ctx) for question in questions]
    passages = [passages_of(hits, docs, policy.read_depth) for hits in hit_lists]
    found = _read_rounds(reader, parsed, passages, policy)
    answers = []
    for number, question in enumerate(parsed):
        read, hits = passages[number], hit_lists[number]
        ruled = answer_parsed(question, hits, docs, ctx)  # the same parse, not a second one
        # The reader learned Chinese questions; an English one is rewritten by the rules, which answer it.
        asked_in_english = is_english(questions[number]) if english is None else english[number]
        guesses = list_first(
            question, fuller_first(question, found[number], read, policy.fuller_gap), read, policy.confirm_gap
        )
        # a list the reader read whole is the answer, not the one item the rules took from it
        listed = guesses[:1] != found[number][:1] or read_list(question, guesses, read)
        gap, floor = policy.confirm_gap, policy.confirm_floor
        confirming = None if listed else confirming_guess(ruled, guesses, read, gap, policy.min_margin, floor)
        confirmed = _ruled_answer_holds(question, ruled, confirming, read, docs, ctx)
        if ruled.answerable and asked_in_english or confirmed:
            answers.append(ruled)
        else:
            answers.append(_answer_one(question, guesses, read, hits, docs, ctx, policy))
    return answers


def _ruled_answer_holds(
    question: Question,
    ruled: Answer,
    confirming: tuple[SpanGuess, int] | None,
    passages: Sequence[tuple[Hit, str]],
    docs: Mapping[str, CleanText],
    ctx: AnsweringContext,
) -> bool:
    """Whether the rules' answer, confirmed by the reader, contradicts nothing the question asks (its
    unit, metric, year, day): the rules weigh those softly, and no confirmation excuses them."""
    if confirming is None:
        return False
    guess, position = confirming
    hit = passages[position][0]
    text = to_simplified(docs[hit.chunk.doc].text)
    start, end = hit.chunk.clean_start + guess.start, hit.chunk.clean_start + guess.end
    inside = text.find(to_simplified(ruled.text), start, end)  # the rules' answer in the reader's span
    start, end = (inside, inside + len(ruled.text)) if inside >= 0 else (start, end)
    sentence = _sentence_at(sentences([hit], docs), hit.chunk.doc, start)
    if sentence is None:
        return True
    found = conflict(question, Candidate(text[start:end], question.qtype, start, end, sentence), text)
    if found is not None:
        logger.debug("the rules' answer %r set aside: %s", ruled.text, found)
    return found is None


def _read_rounds(
    reader: SpanReader,
    parsed: Sequence[Question],
    passages: Sequence[Sequence[tuple[Hit, str]]],
    policy: ReadingPolicy,
) -> list[list[tuple[SpanGuess, int]]]:
    """The reader's guesses per question, best first, each with the position of its passage.

    Passages are read in rounds, best first, one reader call per round for every question still
    waiting; a question stops waiting once a span beats "no answer" by `sure_margin`, so a sure
    answer from the top passage costs one passage, not `read_depth`.
    """
    found: list[list[tuple[SpanGuess, int]]] = [[] for _ in parsed]
    # about a place the articles never name: nothing to read
    waiting = [n for n, question in enumerate(parsed) if not _unknown_places(question, passages[n])]
    for position in range(policy.read_depth):
        owners = [n for n in waiting if position < len(passages[n])]
        pairs = [(parsed[n].text, passages[n][position][1]) for n in owners]
        for guess in reader.read_batch(pairs):
            found[owners[guess.pair]].append((guess, position))
        waiting = [n for n in owners if _best_margin(found[n]) < policy.sure_margin]
    return [sorted(guesses, key=lambda item: item[0].score, reverse=True) for guesses in found]


def _best_margin(guesses: Sequence[tuple[SpanGuess, int]]) -> float:
    return max((guess.margin for guess, _ in guesses), default=float("-inf"))


def _unknown_places(question: Question, passages: Sequence[tuple[Hit, str]]) -> tuple[str, ...]:
    """Places the question names that neither the corpus's names nor the passages read know (a
    Traditional article's names are mined in its own characters, so its passages are asked too)."""
    return tuple(p for p in question.unknown_places if not any(p in text for _, text in passages))


def _answer_one(
    question: Question,
    guesses: Sequence[tuple[SpanGuess, int]],
    passages: Sequence[tuple[Hit, str]],
    hits: Sequence[Hit],
    docs: Mapping[str, CleanText],
    ctx: AnsweringContext,
    policy: ReadingPolicy,
) -> Answer:
    """The best span that passes every check, cited; else a refusal that says why."""
    if _unknown_places(question, passages):
        return refusal(question, hits, f"unknown place {question.unknown_places}")
    sents = sentences([hit for hit, _ in passages], docs)
    why = "the reader found no span"
    for guess, position in guesses[: policy.guesses]:
        if guess.margin < policy.min_margin:
            why = f"no-answer preferred (margin {guess.margin:.2f})"
            continue
        hit = passages[position][0]
        doc = docs[hit.chunk.doc]
        text = to_simplified(doc.text)  # checks read Simplified; the answer keeps the article's characters
        cand = _candidate(question, guess, hit, text, sents, ctx)
        rejected = (
            "span outside a sentence"
            if cand is None
            else rejection(question, cand, text, ctx, policy.min_support, guess.margin >= policy.trust_margin)
        )
        if cand is not None and rejected is None:
            citation = cite(Scored(cand, guess.margin, 1.0, None), doc)
            quote = re.sub(r"\s+", "", citation.quote)
            said = doc.text[cand.start : cand.end]
            if all(n in quote for n in _DIGITS.findall(said)):  # never state an uncited number
                return Answer(said, True, (citation,), tuple(hits), question.qtype, question.subject)
            rejected = "answer not in citation"
        logger.debug("span %d-%d rejected: %s", guess.start, guess.end, rejected)
        why = rejected
    return refusal(question, hits, why)
