"""Micro-batching: questions that arrive together are answered by one `ask_batch` call.

Callers on an event loop `await batcher.ask(question)`. One worker takes the first waiting question,
gathers those that arrive within a few milliseconds (up to `max_batch`), and answers them all in a
worker thread with one embedding call and one reader pass. While a batch runs, the next one gathers,
so under load batches fill up by themselves. The queue is bounded: when it is full a question is
refused at once with `Overloaded` (the caller says "retry later"), never left to time out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.errors import Overloaded
from qa.memory import return_freed_memory
from qa.service import Question, Reply, validate

logger = logging.getLogger(__name__)

AnswerBatch = Callable[[Sequence[Question]], list[Reply]]


@dataclass(frozen=True)
class BatchParams:
    max_queue: int = 64  # questions waiting (beyond the batch being answered) before refusals
    max_batch: int = 16  # questions answered by one call
    window_seconds: float = 0.005  # how long the first question of a batch waits for company
    max_wait_seconds: float = 10.0  # longer in the queue than this: refused (503), not answered late


@dataclass(frozen=True)
class _Waiting:
    question: Question
    future: asyncio.Future[Reply]
    since: float  # time.monotonic() when it was queued


class AskBatcher:
    """Answers questions in batches, one batch at a time, from a bounded queue."""

    def __init__(self, answer_batch: AnswerBatch, params: BatchParams | None = None) -> None:
        self.answer_batch = answer_batch
        self.params = params or BatchParams()
        self._queue: asyncio.Queue[_Waiting] = asyncio.Queue(self.params.max_queue)
        self._worker: asyncio.Task[None] | None = None
        self._seconds_per_question = 0.3  # running estimate, for Retry-After

    @property
    def waiting(self) -> int:
        return self._queue.qsize()

    def start(self) -> None:
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._run(), name="qa-batcher")

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None

    async def ask(self, question: Question) -> Reply:
        """The reply to one question, answered together with the others waiting now."""
        return await self.submit(question)

    def submit(self, question: Question) -> asyncio.Future[Reply]:
        """Queue a question now (or raise `Overloaded` now) and return the future of its reply: a
        streamed reply takes its place in the queue before its first event is sent."""
        validate(question)  # a bad question is refused here and never spoils a batch
        self.start()
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        expected_wait = (self.waiting + 1) * self._seconds_per_question
        if expected_wait > self.params.max_wait_seconds:
            raise self._busy()
        try:
            self._queue.put_nowait(_Waiting(question, future, time.monotonic()))
        except asyncio.QueueFull:
            raise self._busy() from None
        return future

    def _busy(self) -> Overloaded:
        retry = max(1, math.ceil(self.waiting * self._seconds_per_question))
        return Overloaded(f"the server is busy ({self.waiting} questions waiting): retry in {retry} s", retry)

    async def _gather(self) -> list[_Waiting]:
        """The next batch: the first waiting question and those that come within the window; any
        that waited past `max_wait_seconds` are refused instead of being answered too late."""
        batch = [await self._queue.get()]
        deadline = time.monotonic() + self.params.window_seconds
        while len(batch) < self.params.max_batch:
            if not self._queue.empty():
                batch.append(self._queue.get_nowait())
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._queue.get(), left))
            except TimeoutError:
                break
        now = time.monotonic()
        for item in batch:
            if now - item.since > self.params.max_wait_seconds:
                _settle(item.future, error=self._busy())
        return [item for item in batch if not item.future.done()]

    async def _run(self) -> None:
        while True:
            batch = await self._gather()
            if batch:
                await self._answer(batch)

    def _answer_and_return_memory(self, questions: Sequence[Question]) -> list[Reply]:
        """One batch, then the memory it freed goes back to the system (~1.5 ms): without that, glibc
        keeps what a batch's activations freed, and a server under load grows by tens of MB."""
        try:
            return self.answer_batch(questions)
        finally:
            return_freed_memory()

    async def _answer(self, batch: list[_Waiting]) -> None:
        started = time.perf_counter()
        questions = [item.question for item in batch]
        try:
            replies = await asyncio.to_thread(self._answer_and_return_memory, questions)
        except Exception as error:  # one failing question must not fail the others: ask each alone
            if len(batch) == 1:
                _settle(batch[0].future, error=error)
                return
            logger.warning("a batch of %d failed (%r); answering one by one", len(batch), error)
            for item in batch:
                await self._answer([item])
            return
        for item, reply in zip(batch, replies, strict=True):
            _settle(item.future, reply=reply)
        per_question = (time.perf_counter() - started) / len(batch)
        self._seconds_per_question = 0.8 * self._seconds_per_question + 0.2 * per_question


def _settle(future: asyncio.Future[Reply], reply: Reply | None = None, error: BaseException | None = None):
    if future.done():  # the caller went away
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(reply)
