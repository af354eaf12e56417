"""Routes: schemas in, one library call, schemas out."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from api.schemas import (
    AskRequest,
    AskResponse,
    DocumentDetail,
    DocumentOut,
    ErrorResponse,
    HealthResponse,
    ReadyResponse,
)
from qa.documents import get_document, list_documents
from qa.errors import IndexMissing
from qa.responses import reply_to_json
from qa.service import QAService, Question

router = APIRouter()


def service_of(request: Request) -> QAService:
    """The service loaded in the lifespan, or IndexMissing (503) with why it is not there yet."""
    service = request.app.state.service
    if service is None:
        raise IndexMissing(request.app.state.status)
    return service


# Every route: 400 for a Host header not served (or a body that is not JSON), 503 until loaded.
_UNAVAILABLE = {503: {"model": ErrorResponse, "headers": {"Retry-After": {"schema": {"type": "integer"}}}}}
_GET_ERRORS = {400: {"model": ErrorResponse}, **_UNAVAILABLE}
_POST_ERRORS = {**_GET_ERRORS, 413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}


@router.post(
    "/ask",
    response_model=AskResponse,
    responses=_POST_ERRORS,
)
async def ask(body: AskRequest, request: Request) -> dict:
    """Answer a question from the articles, citing the exact raw text it came from. Questions that
    arrive together are answered in one batch; 503 with Retry-After when too many are waiting."""
    service_of(request)  # 503 at once while loading
    question = Question(body.question, tuple(body.history), body.top_k)
    reply = await request.app.state.batcher.ask(question)
    return reply_to_json(reply)


@router.get("/ready", response_model=ReadyResponse, responses=_GET_ERRORS)
async def ready(request: Request) -> dict:
    """Readiness: 200 once the model and an index are loaded and questions can be answered; 503 with
    the reason before that."""
    service = service_of(request)
    return {"status": "ready", "generation": service.index.folder.name}


@router.get("/health", response_model=HealthResponse, responses=_GET_ERRORS)
async def health(request: Request) -> dict:
    """Liveness and a summary: answered on the event loop (never queued behind questions); 200 once
    the index is loaded, with its manifest's summary; 503 with the reason before that.
    `status` is "degraded", with the `reason`, while the newest index generation could not be loaded
    (the previous one is still served)."""
    index = service_of(request).index
    manifest = index.manifest
    reload_error = getattr(request.app.state, "reload_error", None)
    return {
        "status": "degraded" if reload_error else "ok",
        "reason": reload_error,
        "model": manifest.model_id,
        "documents": len(manifest.documents),
        "chunks": manifest.chunks,
        "built_at": manifest.built_at,
        "generation": index.folder.name,
    }


@router.get("/documents", response_model=list[DocumentOut], responses=_GET_ERRORS)
def documents(request: Request) -> list[dict]:
    """The indexed documents: headline, chunk count, content hash, when indexed."""
    return [asdict(info) for info in list_documents(service_of(request).index)]


@router.get(
    "/documents/{doc_id:path}",
    response_model=DocumentDetail,
    responses={**_GET_ERRORS, 404: {"model": ErrorResponse}},
)
def document(doc_id: str, request: Request) -> dict:
    """One indexed document with its raw text: a citation's `start`/`end` index into `text`."""
    return asdict(get_document(service_of(request).index, doc_id))
