"""Document writes and the one background worker that indexes them.

A write (create, replace, delete) changes the corpus folder at once, atomically, and queues a job.
One worker thread builds the index incrementally, one build at a time; the writes that arrive while a
build runs are folded into the next one. A job is done only once the service serves the generation
that holds it, so a question asked after "done" sees the article.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from qa.chunking import ChunkerParams
from qa.corpus import load_corpus
from qa.errors import (
    BuildBusy,
    DocumentExists,
    DocumentNotFound,
    IndexMissing,
    JobNotFound,
    QAError,
    StorageError,
)
from qa.index import BuildReport, build_index
from qa.uploads import (
    check_text,
    decode_upload,
    delete_document,
    document_exists,
    validate_doc_id,
    write_document,
)

if TYPE_CHECKING:  # the worker builds indexes; it only hands the service the generation to load
    from qa.service import QAService

logger = logging.getLogger(__name__)

KEEP_JOBS = 1000
BUSY_RETRY_SECONDS = 1.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Job:
    """One write and its indexing: queued, running, done (served) or failed (with the reason)."""

    id: str
    doc: str
    action: str
    state: str
    submitted_at: str
    started_at: str | None = None
    finished_at: str | None = None
    embedded: int = 0
    total: int = 0
    generation: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class WorkerPaths:
    """Where the worker writes articles and builds the index, and with which chunker."""

    corpus_dir: Path
    index_dir: Path
    params: ChunkerParams
    max_document_bytes: int


class IndexWorker:
    """Accepts document writes and keeps the served index up to date with them."""

    def __init__(self, paths: WorkerPaths, service_of: Callable[[], QAService | None]) -> None:
        self.paths = paths
        self._service_of = service_of
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._pending: list[str] = []
        self._catch_up = True  # files written before a crash or restart, never indexed
        self._stopping = False
        self._state = threading.Condition()
        self._writing = threading.Lock()  # an existence check and its write are one step
        self._thread = threading.Thread(target=self._run, name="qa-index-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._state:
            self._stopping = True
            self._state.notify_all()
        self._thread.join(timeout)

    # --- writes (called from request threads) ---

    def create(self, doc_id: str, content: bytes | str) -> Job:
        """A new article; DocumentExists when the id is taken."""
        return self._write(doc_id, content, must_be_new=True)

    def replace(self, doc_id: str, content: bytes | str) -> Job:
        """A new or replaced article."""
        return self._write(doc_id, content, must_be_new=False)

    def delete(self, doc_id: str) -> Job:
        self._require_service()
        validate_doc_id(doc_id)
        with self._writing:
            try:
                deleted = delete_document(self.paths.corpus_dir, doc_id)
            except OSError as error:
                raise StorageError(f"cannot delete {doc_id}: {error.strerror or error}") from error
            if not deleted:
                raise DocumentNotFound(f"no document has the id {doc_id!r}")
            return self._enqueue(doc_id, "delete")

    def get(self, job_id: str) -> Job:
        with self._state:
            job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFound(f"no job has the id {job_id!r} (jobs are kept until the server restarts)")
        return job

    def _write(self, doc_id: str, content: bytes | str, must_be_new: bool) -> Job:
        self._require_service()
        validate_doc_id(doc_id)
        limit = self.paths.max_document_bytes
        text = check_text(content, limit) if isinstance(content, str) else decode_upload(content, limit)
        with self._writing:
            existed = document_exists(self.paths.corpus_dir, doc_id)
            if existed and must_be_new:
                raise DocumentExists(f"a document {doc_id!r} exists already: replace it with PUT")
            try:
                write_document(self.paths.corpus_dir, doc_id, text)
            except OSError as error:
                raise StorageError(f"cannot write {doc_id}: {error.strerror or error}") from error
            return self._enqueue(doc_id, "replace" if existed else "create")

    def _require_service(self) -> None:
        if self._service_of() is None:
            raise IndexMissing(
                "no index is served yet, so writes wait (GET /health says why: still loading, or no index: "
                "build the first one with `qa index`)"
            )

    def _enqueue(self, doc_id: str, action: str) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], doc=doc_id, action=action, state="queued", submitted_at=_now())
        with self._state:
            self._jobs[job.id] = job
            self._pending.append(job.id)
            self._forget_old()
            self._state.notify_all()
        logger.info("job %s: %s %s", job.id, action, doc_id)
        return job

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.state in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - KEEP_JOBS)]:
            del self._jobs[key]

    def _update(self, job_ids: list[str], **changes: object) -> None:
        with self._state:
            for job_id in job_ids:
                self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    # --- the worker thread ---

    def _run(self) -> None:
        while True:
            with self._state:
                while not (self._pending or self._catch_up or self._stopping):
                    self._state.wait()
            service = self._wait_for_service()
            if service is None:
                return
            with self._state:
                catch_up, self._catch_up = self._catch_up, False
            # compared before the writes are taken: a write that makes the corpus differ is then
            # built as its own job (with progress), not by the catch-up build while it waits
            differs = catch_up and _corpus_differs(self.paths, service)
            with self._state:  # taken once the service is up: the writes made until now are built
                batch, self._pending = self._pending, []
            if batch or differs:
                self._build(batch, service)

    def _wait_for_service(self) -> QAService | None:
        with self._state:
            while (service := self._service_of()) is None and not self._stopping:
                self._state.wait(0.5)
            return None if self._stopping else service

    def _build(self, batch: list[str], service: QAService) -> None:
        if not batch:
            logger.info("indexing corpus files the served index does not hold yet")
        self._update(batch, state="running", started_at=_now())
        try:
            report = self._build_when_free(
                service, lambda done, total: self._update(batch, embedded=done, total=total)
            )
            service.reload_if_changed(self.paths.index_dir, self.paths.params)
        except QAError as error:
            logger.error("index build failed: %s", error)
            self._update(batch, state="failed", finished_at=_now(), error=str(error))
            return
        except Exception as error:  # the worker must outlive any one build
            logger.exception("index build failed")
            self._update(batch, state="failed", finished_at=_now(), error=f"the build failed: {error!r}")
            return
        self._finish(batch, service, {item.path: item.reason for item in report.skipped})

    def _build_when_free(self, service: QAService, progress: Callable[[int, int], None]) -> BuildReport:
        """Build, waiting while a `qa index` in a shell holds the lock."""
        while True:
            try:
                return build_index(
                    self.paths.corpus_dir,
                    self.paths.index_dir,
                    service.embedder,
                    self.paths.params,
                    on_progress=progress,
                    max_document_bytes=self.paths.max_document_bytes,
                    store=service.store,
                )
            except BuildBusy as error:
                logger.info("waiting to build: %s", error)
                with self._state:
                    if self._stopping or self._state.wait_for(lambda: self._stopping, BUSY_RETRY_SECONDS):
                        raise

    def _finish(self, batch: list[str], service: QAService, skipped: dict[str, str]) -> None:
        index = service.index
        generation = index.folder.name
        with self._state:
            for job_id in batch:
                job = self._jobs[job_id]
                refused = job.action != "delete" and job.doc not in index.manifest.documents
                reason = skipped.get(job.doc, "the index ignores files of this kind")
                self._jobs[job_id] = replace(
                    job,
                    state="failed" if refused else "done",
                    finished_at=_now(),
                    generation=generation,
                    error=f"the index refused {job.doc}: {reason}" if refused else None,
                )
        logger.info("index generation %s serves %d new writes", generation, len(batch))


def _corpus_differs(paths: WorkerPaths, service: QAService) -> bool:
    """Whether the corpus folder holds other contents than the served index (a write accepted just
    before a crash): then the worker indexes it at start. Files over the size limit are not
    contents: `qa index` skipped them too."""
    try:
        documents, _ = load_corpus(paths.corpus_dir, paths.max_document_bytes)
    except Exception as error:  # an unreadable corpus must not stop the worker: writes will say why
        logger.warning("cannot compare the corpus folder with the served index: %s", error)
        return False
    served = {doc: entry.sha256 for doc, entry in service.index.manifest.documents.items()}
    return {doc.id: doc.sha256 for doc in documents} != served
