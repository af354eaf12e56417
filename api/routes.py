"""Routes: schemas in, one library call, schemas out."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from api.schemas import AskRequest, AskResponse, DocumentDetail, DocumentOut, ErrorResponse, HealthResponse
from qa.documents import get_document, list_documents
from qa.errors import IndexMissing
from qa.responses import reply_to_json
from qa.service import QAService

router = APIRouter()


def service_of(request: Request) -> QAService:
    """The service loaded in the lifespan, or IndexMissing (503) with why it is not there yet."""
    service = request.app.state.service
    if service is None:
        raise IndexMissing(request.app.state.status)
    return service


@router.post(
    "/ask", response_model=AskResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
def ask(body: AskRequest, request: Request) -> dict:
    """Answer a question from the articles, citing the exact raw text it came from."""
    reply = service_of(request).ask(body.question, body.history, body.top_k)
    return reply_to_json(reply)


@router.get("/health", response_model=HealthResponse, responses={503: {"model": ErrorResponse}})
def health(request: Request) -> dict:
    """200 once the index is loaded, with its manifest's summary; 503 with the reason before that.
    `status` is "degraded", with the `reason`, while the newest index generation could not be loaded
    (the previous one is still served)."""
    index = service_of(request).index
    manifest = index.manifest
    reload_error = getattr(request.app.state, "reload_error", None)
    return {
        "status": "degraded" if reload_error else "ok",
        "reason": reload_error,
        "model": manifest["model"]["id"],
        "documents": len(manifest["documents"]),
        "chunks": manifest["chunks"],
        "built_at": manifest["built_at"],
        "generation": index.folder.name,
    }


@router.get("/documents", response_model=list[DocumentOut], responses={503: {"model": ErrorResponse}})
def documents(request: Request) -> list[dict]:
    """The indexed documents: headline, chunk count, content hash, when indexed."""
    return [asdict(info) for info in list_documents(service_of(request).index)]


@router.get(
    "/documents/{doc_id:path}", response_model=DocumentDetail,
    responses={404: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
def document(doc_id: str, request: Request) -> dict:
    """One indexed document with its raw text: a citation's `start`/`end` index into `text`."""
    return asdict(get_document(service_of(request).index, doc_id))
