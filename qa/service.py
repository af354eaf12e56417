"""The question-answering service: validate, contextualise, retrieve, extract. Knows nothing of HTTP."""

from __future__ import annotations

import logging
import threading
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from qa.answering import AnsweringContext, answer, contextualise
from qa.answering.english import is_english, to_chinese
from qa.answering.reading import ReadingPolicy, read_answers
from qa.answering.script import to_simplified
from qa.answering.smalltalk import small_talk_reply
from qa.chunking import ChunkerParams
from qa.embedding import Embedder
from qa.errors import BadQuestion
from qa.index import LoadedIndex, load_index
from qa.limits import DEFAULT_TOP_K, MAX_HISTORY, MAX_QUESTION_CHARS, MAX_TOP_K
from qa.reader.reader import SpanReader
from qa.retrieval import RetrievalParams, Retriever
from qa.store import current_generation
from qa.stores import Store
from qa.types import Answer, Citation, Hit

logger = logging.getLogger(__name__)

# Extraction always looks at this many passages, even when the caller wants fewer shown.
ANSWER_DEPTH = 5


@dataclass(frozen=True)
class Question:
    """One question with the conversation before it (oldest first)."""

    text: str
    history: tuple[str, ...] = ()
    top_k: int = DEFAULT_TOP_K


@dataclass(frozen=True)
class Reply:
    """An answer, the question it was extracted for, and how long it took."""

    answer: Answer
    standalone_question: str
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


def _has_content(text: str) -> bool:
    """Whether any letter or digit is left once the text is NFKC-normalised (zero-width spaces,
    control characters and punctuation alone ask nothing)."""
    return any(unicodedata.category(char)[0] in "LN" for char in unicodedata.normalize("NFKC", text))


def validate(question: Question) -> None:
    if not question.text or not question.text.strip():
        raise BadQuestion("the question is empty: ask something about the articles")
    texts = (question.text, *question.history)
    if any(0xD800 <= ord(char) <= 0xDFFF for text in texts for char in text):
        raise BadQuestion("the question is not valid Unicode text (it holds a lone surrogate)")
    if not _has_content(question.text):
        raise BadQuestion("the question has no letters or digits: ask something about the articles")
    if len(question.text) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"the question has {len(question.text)} characters; the limit is {MAX_QUESTION_CHARS}"
        )
    if len(question.history) > MAX_HISTORY:
        raise BadQuestion(f"history holds {len(question.history)} questions; the limit is {MAX_HISTORY}")
    if any(len(earlier) > MAX_QUESTION_CHARS for earlier in question.history):
        raise BadQuestion(f"a question in history is over {MAX_QUESTION_CHARS} characters")
    if not 1 <= question.top_k <= MAX_TOP_K:
        raise BadQuestion(f"top_k must be between 1 and {MAX_TOP_K}, not {question.top_k}")


class QAService:
    """Answers questions over one loaded index generation, and can switch to a newer one."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        params: RetrievalParams | None = None,
        reader: SpanReader | None = None,
        policy: ReadingPolicy | None = None,
        store: Store | None = None,
    ) -> None:
        self.embedder = embedder
        self.store = store  # where reloads read generations from (None: FAISS files)
        self.params = params or RetrievalParams()
        self.reader = reader  # None: the rule-based extractor answers
        self.policy = policy or ReadingPolicy()
        # One reference swapped whole: a request holds its own and never mixes two generations.
        self._retriever = Retriever(index, embedder, self.params)
        # The answering state of the served generation (its names, tokenizer, patterns), dropped with it.
        self._answering = (index, AnsweringContext.build(index.lexicon))
        # The reload watcher and the index worker may both see a new generation: load it once.
        self._reloading = threading.Lock()

    @property
    def index(self) -> LoadedIndex:
        return self._retriever.index

    @property
    def retriever(self) -> Retriever:
        return self._retriever

    def reload_if_changed(self, index_dir: Path, params: ChunkerParams) -> bool:
        """Switch to the generation `qa index` published since this one was loaded, if any.

        The new generation is loaded completely before the switch; requests under way finish on the
        old one. An index that does not fit the settings raises and the old one stays served.
        """
        with self._reloading:
            folder = current_generation(index_dir)
            if folder is None or folder == self.index.folder:
                return False
            index = load_index(index_dir, self.embedder, params, self.store)
            self._answering = (index, AnsweringContext.build(index.lexicon))
            self._retriever = Retriever(index, self.embedder, self.params)
        logger.info("now serving index generation %s", index.folder.name)
        return True

    def answering(self, index: LoadedIndex) -> AnsweringContext:
        """The answering state of `index` (the served one, or the one a request began on)."""
        loaded, context = self._answering
        if loaded is not index:  # a request that began just before a reload finishes on its own index
            context = AnsweringContext.build(index.lexicon)
        return context

    def ask(
        self, text: str, history: Sequence[str] = (), top_k: int = DEFAULT_TOP_K, mode: str = "hybrid"
    ) -> Reply:
        return self.ask_batch([Question(text, tuple(history), top_k)], mode)[0]

    def ask_batch(self, questions: Sequence[Question], mode: str = "hybrid") -> list[Reply]:
        """Answer several questions; retrieval runs as one batch (one model call for all). Greetings
        and chit-chat get a short reply of their own, never a passage that happens to match."""
        for question in questions:
            validate(question)
        talk = [small_talk_reply(question.text) for question in questions]
        to_read = [question for question, reply in zip(questions, talk, strict=True) if reply is None]
        asked = iter(self._retrieve_and_read(to_read, mode))
        return [
            next(asked) if reply is None else _small_talk(question, reply)
            for question, reply in zip(questions, talk, strict=True)
        ]

    def _retrieve_and_read(self, questions: Sequence[Question], mode: str) -> list[Reply]:
        if not questions:
            return []
        started = time.perf_counter()
        retriever = self._retriever
        index = retriever.index
        context = self.answering(index)
        standalone = [contextualise(q.text.strip(), q.history, context) for q in questions]
        english = [is_english(text) for text in standalone]
        # An English question is rewritten into Chinese once, here: retrieval searches the question
        # and its rewrite (BM25 has no English term to match), the answering reads the rewrite.
        chinese = [to_chinese(t, context) if en else t for t, en in zip(standalone, english, strict=True)]
        depth = max([ANSWER_DEPTH, *(q.top_k for q in questions)])
        queries = [_query(asked, read) for asked, read in zip(standalone, chinese, strict=True)]
        hit_lists = retriever.search_batch(queries, depth, mode)
        retrieved = time.perf_counter()
        answers = self._answers(chinese, [hits[:ANSWER_DEPTH] for hits in hit_lists], index, english=english)
        extract = (time.perf_counter() - retrieved) / len(questions)
        per_question_retrieval = (retrieved - started) / len(questions)
        replies = []
        for question, text, hits, result in zip(questions, standalone, hit_lists, answers, strict=True):
            shown = promote_cited(hits, result.citations)[: question.top_k]
            result = replace(result, hits=tuple(shown))
            replies.append(
                Reply(
                    answer=result,
                    standalone_question=text,
                    seconds=per_question_retrieval + extract,
                    timings={"retrieval": per_question_retrieval, "extraction": extract},
                )
            )
        return replies

    def answer_from(self, questions: Sequence[str], hit_lists: Sequence[Sequence[Hit]]) -> list[Answer]:
        """Answer each question from the passages given (all of them read), not from retrieval: the
        eval's reading mode hands it the gold passage."""
        depth = max((len(hits) for hits in hit_lists), default=1)
        return self._answers(questions, hit_lists, self.index, replace(self.policy, read_depth=depth))

    def _answers(
        self,
        questions: Sequence[str],
        hit_lists: Sequence[Sequence[Hit]],
        index: LoadedIndex,
        policy: ReadingPolicy | None = None,
        english: Sequence[bool] | None = None,
    ) -> list[Answer]:
        """The reader reads all questions' passages in one batch; without it, the rules answer.
        `english`: which questions were asked in English and are given here rewritten."""
        context = self.answering(index)
        if self.reader is not None:
            policy = policy or self.policy
            return read_answers(questions, hit_lists, index.docs, context, self.reader, policy, english)
        pairs = zip(questions, hit_lists, strict=True)
        return [answer(text, hits, index.docs, context) for text, hits in pairs]

    def warm_up(self) -> None:
        """One throw-away question, so the first user does not pay for jieba's dictionary and torch."""
        self.ask("今年的总产值是多少？")


def _small_talk(question: Question, reply: str) -> Reply:
    answer = Answer(text=reply, answerable=False, citations=(), hits=(), question_type="chitchat")
    return Reply(answer=answer, standalone_question=question.text.strip(), seconds=0.0, timings={})


def _query(asked: str, chinese: str) -> str:
    """What retrieval searches: the question, its Chinese rewrite when it was asked in English, and
    the Simplified form of both."""
    return _with_simplified(asked if chinese == asked else f"{asked} {chinese}")


def _with_simplified(query: str) -> str:
    """A Traditional-Chinese question also searches its Simplified form (and the reverse corpus works
    too: the original words stay in the query)."""
    simplified = to_simplified(query)
    return query if simplified == query else f"{query} {simplified}"


def promote_cited(hits: Sequence[Hit], citations: Sequence[Citation]) -> list[Hit]:
    """The passage holding the answer's evidence first, when it is of the best passage's document.

    The extractor reads the top passages together; within the document retrieval put first, the
    passage it quotes from is the one that answers. It does not overrule retrieval's choice of
    document: on CMRC 2018 a wrong answer from another document would then push a wrong passage up.
    """
    if not citations or not hits:
        return list(hits)
    first = citations[0]

    def holds(hit: Hit) -> bool:
        chunk = hit.chunk
        return chunk.doc == first.doc and chunk.start <= first.start and first.end <= chunk.end

    if first.doc != hits[0].chunk.doc:
        return list(hits)
    return [hit for hit in hits if holds(hit)] + [hit for hit in hits if not holds(hit)]
