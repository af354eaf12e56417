"""HTTP request and response models (the wire contract of POST /ask; add fields, never rename)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator

from qa.limits import DEFAULT_TOP_K, MAX_HISTORY, MAX_QUESTION_CHARS, MAX_TOP_K


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: StrictStr = Field(
        ...,
        max_length=MAX_QUESTION_CHARS,
        examples=["1-11月全镇工业总产值是多少？"],
        # Enforced by question_not_blank with a clearer message. "At least one letter or digit" is
        # not a pattern: no Unicode letter class reads the same in every JSON Schema tool.
        json_schema_extra={"minLength": 1},
        description="The question, in Chinese or English: at least one letter or digit",
    )
    history: list[Annotated[StrictStr, Field(max_length=MAX_QUESTION_CHARS)]] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="Earlier questions of the conversation, oldest first (for follow-ups)",
    )
    top_k: StrictInt = Field(DEFAULT_TOP_K, ge=1, le=MAX_TOP_K, description="How many passages to return")

    @field_validator("top_k", mode="before")
    @classmethod
    def integral_number(cls, value: object) -> object:
        """JSON does not tell 5 from 5.0: a whole number written as a float is that integer."""
        return int(value) if isinstance(value, float) and value.is_integer() else value

    @field_validator("question")
    @classmethod
    def question_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty: ask something about the articles")
        return value


class CitationOut(BaseModel):
    doc: str
    start: int = Field(description="Offset of the quote in the raw file, in characters")
    end: int
    quote: str = Field(description="Exactly raw_file[start:end]")


class PassageOut(BaseModel):
    doc: str
    start: int
    end: int
    text: str = Field(description="The passage, cleaned of OCR line wraps and stray spaces")
    score: float


class AskResponse(BaseModel):
    answer: str
    answerable: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    question_type: str
    standalone_question: str = Field(description="The question with the subject carried over from history")
    timings_ms: dict[str, float]


class HealthResponse(BaseModel):
    status: str = Field(description='"ok", or "degraded" while the newest index could not be loaded')
    reason: str | None = Field(None, description="Why the status is degraded")
    model: str
    documents: int
    chunks: int
    built_at: str
    generation: str


class ReadyResponse(BaseModel):
    status: str = Field(description='"ready"')
    generation: str = Field(description="The index generation being served")


class DocumentOut(BaseModel):
    doc: str
    headline: str = Field(description="The article's first line")
    sha256: str
    chunks: int
    chars: int
    indexed_at: str = Field(description="When this content was indexed (ISO 8601, UTC)")


class DocumentDetail(DocumentOut):
    text: str = Field(description="The raw article: citations' start/end are offsets into it")


class ErrorResponse(BaseModel):
    detail: str


class DocumentReplacement(BaseModel):
    """A replaced article as JSON; `id`, when given, must be the one of the URL."""

    model_config = ConfigDict(extra="forbid")

    id: StrictStr | None = Field(None, max_length=1000)
    text: StrictStr = Field(..., description="The article")


class DocumentUpload(DocumentReplacement):
    """A new article as JSON (the multipart way sends the file itself): the same body, id required."""

    id: StrictStr = Field(
        ...,
        max_length=1000,
        examples=["qinghe-news.txt"],
        description="File name in the corpus: ends in .txt or .md, no folder part",
    )


class JobProgress(BaseModel):
    embedded: int = Field(description="Chunks embedded so far by the build")
    total: int = Field(description="Chunks the build embeds (new or changed content only)")


class JobOut(BaseModel):
    id: str
    doc: str
    action: str = Field(description='"create", "replace" or "delete"')
    state: str = Field(description='"queued", "running", "done" (the new index is served) or "failed"')
    progress: JobProgress
    generation: str | None = Field(None, description="The index generation that holds the write")
    error: str | None = Field(None, description="Why the write was not indexed")
    submitted_at: str
    started_at: str | None = None
    finished_at: str | None = None
