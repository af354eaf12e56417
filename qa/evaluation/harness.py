"""Run dataset questions through `QAService.ask_batch` (the `/ask` code path) and score them."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from qa.errors import BadQuestion
from qa.evaluation.aggregate import Miss, by_type, misses, summarise
from qa.evaluation.dataset import EvalItem
from qa.evaluation.scoring import ItemScore, RawCorpus, score_item

if TYPE_CHECKING:
    from qa.service import QAService, Reply

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class EvalResult:
    """One retriever's run over a dataset: the summary, the per-type breakdown, misses and items."""

    mode: str
    k: int
    batch_size: int
    seconds: float
    summary: dict[str, float | int | None]
    by_type: dict[str, dict[str, float | int | None]]
    misses: tuple[Miss, ...]
    items: tuple[ItemScore, ...]

    def as_json(self, with_items: bool = False) -> dict[str, object]:
        data: dict[str, object] = {
            "mode": self.mode,
            "k": self.k,
            "batch_size": self.batch_size,
            "seconds": round(self.seconds, 3),
            "summary": self.summary,
            "by_type": self.by_type,
            "misses": [asdict(miss) for miss in self.misses],
        }
        if with_items:
            data["items"] = [asdict(item) for item in self.items]
        return data


@dataclass(frozen=True)
class _Outcome:
    reply: Reply | None
    wall_seconds: float
    error: str | None = None


def _ask_batch(service: QAService, batch: Sequence[EvalItem], k: int, mode: str) -> list[_Outcome]:
    """One `ask_batch` call; wall time is split evenly. A rejected batch is retried one by one."""
    from qa.service import Question

    questions = [Question(item.question, item.history, k) for item in batch]
    started = time.perf_counter()
    try:
        replies = service.ask_batch(questions, mode)
    except BadQuestion:
        if len(batch) == 1:
            raise
        return [outcome for item in batch for outcome in _ask_one(service, item, k, mode)]
    share = (time.perf_counter() - started) / len(batch)
    return [_Outcome(reply, share) for reply in replies]


def _ask_one(service: QAService, item: EvalItem, k: int, mode: str) -> list[_Outcome]:
    try:
        return _ask_batch(service, [item], k, mode)
    except BadQuestion as error:
        logger.warning("item %s rejected by the service: %s", item.id, error)
        return [_Outcome(None, 0.0, str(error))]


def run_questions(
    service: QAService,
    items: Sequence[EvalItem],
    k: int,
    mode: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
) -> list[_Outcome]:
    """Every item's reply (in order) from batches of `batch_size` questions."""
    outcomes: list[_Outcome] = []
    with tqdm(total=len(items), desc=f"eval {mode}", unit="q", disable=not progress) as bar:
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            outcomes.extend(_ask_batch(service, batch, k, mode))
            bar.update(len(batch))
    return outcomes


def evaluate(
    service: QAService,
    items: Sequence[EvalItem],
    corpus_dir: Path,
    k: int = 5,
    mode: str = "hybrid",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
) -> EvalResult:
    """Ask every item (top `k` passages, retriever `mode`) and score it against the raw files of
    `corpus_dir`. See `qa.evaluation.metrics` and `qa.evaluation.aggregate` for the definitions."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    items = tuple(items)
    started = time.perf_counter()
    outcomes = run_questions(service, items, k, mode, batch_size, progress)
    seconds = time.perf_counter() - started
    corpus = RawCorpus(corpus_dir)
    scores = tuple(
        score_item(item, outcome.reply, outcome.wall_seconds, corpus, outcome.error)
        for item, outcome in zip(items, outcomes, strict=True)
    )
    summary = summarise(scores)
    summary["questions_per_second"] = round(len(items) / seconds, 2) if seconds > 0 else None
    logger.info("eval %s: %d questions in %.1fs", mode, len(items), seconds)
    return EvalResult(
        mode=mode,
        k=k,
        batch_size=batch_size,
        seconds=seconds,
        summary=summary,
        by_type=by_type(scores),
        misses=misses(scores),
        items=scores,
    )
