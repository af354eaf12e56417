"""Typed library errors; the CLI and the HTTP layer turn them into messages and status codes."""


class QAError(Exception):
    """Base class of every error the library raises on purpose."""


class BadQuestion(QAError):
    """The question cannot be asked as given (empty, too long)."""


class IndexMissing(QAError):
    """No index has been built in the index folder."""


class IndexMismatch(QAError):
    """The index was built with another model or chunker than the settings say."""


class CorpusError(QAError):
    """The corpus folder is missing or holds no readable document."""


class ModelError(QAError):
    """The embedding model cannot be found or loaded."""


class DocumentNotFound(QAError):
    """No indexed document has the id asked for."""


class BadDocument(QAError):
    """An uploaded document or its id cannot be stored (unsafe id, empty, binary, undecodable)."""


class DocumentTooLarge(QAError):
    """An uploaded document is over the size limit."""


class DocumentExists(QAError):
    """A document with this id is already in the corpus (replace it with PUT)."""


class JobNotFound(QAError):
    """No index job has the id asked for."""


class BuildBusy(QAError):
    """Another build holds the index folder's lock."""


class StorageError(QAError):
    """The corpus folder cannot be written (disk full, permissions)."""


class Overloaded(QAError):
    """Too many questions are waiting; the caller should retry after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreUnavailable(StorageError):
    """The vector store cannot be reached (a Milvus server down, a Milvus Lite file another process holds)."""
