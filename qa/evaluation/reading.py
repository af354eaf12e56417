"""Reading mode: each question is answered from its gold passage alone, so the score is the reader's
(or the rules') and not retrieval's. CMRC 2018's EM/F1 are reported this way."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from qa.evaluation.aggregate import by_type, misses, summarise
from qa.evaluation.dataset import EvalItem
from qa.evaluation.harness import EvalResult
from qa.evaluation.scoring import RawCorpus, score_item
from qa.types import Hit

if TYPE_CHECKING:
    from qa.service import QAService

READING = "reading"


def gold_hits(service: QAService, questions: Sequence[str], docs: Sequence[str]) -> list[list[Hit]]:
    """Every passage of each question's gold document, the passage retrieval ranks best for it first
    (then the rest in reading order). The reader stops at a sure span, as it does on retrieved
    passages, so in reading order a sure wrong span in a long article's first passage hid the answer
    in its third."""
    chunks = service.index.chunks
    ranked = service.retriever.search_batch(questions, len(chunks))
    hit_lists = []
    for doc, hits in zip(docs, ranked, strict=True):
        first = [hit for hit in hits if hit.chunk.doc == doc]
        seen = {hit.chunk.id for hit in first}
        hit_lists.append(first + [Hit(c, 0.0) for c in chunks if c.doc == doc and c.id not in seen])
    return hit_lists


def evaluate_reading(
    service: QAService, items: Sequence[EvalItem], corpus_dir: Path, batch_size: int, progress: bool
) -> EvalResult:
    """Score the answers given the gold passage (answerable items only: the others have none)."""
    from qa.service import Reply

    items = tuple(item for item in items if item.answerable)
    started = time.perf_counter()
    replies = []
    for first in tqdm(range(0, len(items), batch_size), desc="eval reading", disable=not progress):
        batch = items[first : first + batch_size]
        began = time.perf_counter()
        questions = [i.question for i in batch]
        answers = service.answer_from(questions, gold_hits(service, questions, [i.doc for i in batch]))
        share = (time.perf_counter() - began) / len(batch)
        replies.extend(Reply(a, i.question, share) for a, i in zip(answers, batch, strict=True))
    seconds = time.perf_counter() - started
    corpus = RawCorpus(corpus_dir)
    scores = tuple(
        score_item(item, reply, reply.seconds, corpus) for item, reply in zip(items, replies, strict=True)
    )
    summary = summarise(scores)
    summary["questions_per_second"] = round(len(items) / seconds, 2) if seconds > 0 else None
    return EvalResult(
        mode=READING, k=0, batch_size=batch_size, seconds=seconds, summary=summary,
        by_type=by_type(scores), misses=misses(scores), items=scores,
    )  # fmt: skip
