"""Document writes over HTTP: upload, replace, delete; each answers 202 with a job to follow."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.auth import require_writer
from api.schemas import DocumentReplacement, DocumentUpload, ErrorResponse, JobOut
from qa.errors import BadDocument
from qa.jobs import IndexWorker, Job

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 415, 422, 503)
}
_FILE_FORM = {
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {
                    "type": "string",
                    "format": "binary",
                    "description": ".txt or .md, UTF-8, GB18030/GBK or Big5",
                },
                "id": {
                    "type": "string",
                    "description": "File name to store it under (default: the upload's name)",
                },
            },
        }
    }
}
_RAW_TYPES = ("text/plain", "text/markdown", "application/octet-stream")  # PUT's body is the file itself


def _worker(request: Request) -> IndexWorker:
    return request.app.state.worker


def _accepted(job: Job, response: Response) -> dict:
    response.headers["Location"] = f"/jobs/{job.id}"
    return job_to_json(job)


def job_to_json(job: Job) -> dict:
    return {
        "id": job.id,
        "doc": job.doc,
        "action": job.action,
        "state": job.state,
        "progress": {"embedded": job.embedded, "total": job.total},
        "generation": job.generation,
        "error": job.error,
        "submitted_at": job.submitted_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


async def _file_part(request: Request, limit: int) -> tuple[str | None, str | None, bytes]:
    """(id field, file name, first limit+1 bytes of the file) of a multipart upload."""
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise BadDocument("the multipart upload has no file part named 'file'")
    data = await upload.read(limit + 1)  # one byte over is enough to say 413
    given = form.get("id")
    return (given if isinstance(given, str) else None), upload.filename, data


def _json(model: type[DocumentUpload] | type[DocumentReplacement], body: bytes):
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        if first.get("type") == "json_invalid":
            raise HTTPException(status_code=400, detail="the request body is not valid JSON") from None
        where = ".".join(str(part) for part in first.get("loc", ())) or "body"
        raise BadDocument(f"{where}: {first.get('msg', 'invalid')}") from None


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _article(request: Request, url_id: str | None = None) -> tuple[str, bytes | str]:
    """(id, content) of a write: a multipart `file`, JSON, or (with the id in the URL: PUT) the raw
    file. A POST names the id in its body; a PUT's body may repeat the URL's id, never another."""
    kind = _content_type(request)
    if kind == "multipart/form-data":
        given, filename, content = await _file_part(request, _worker(request).paths.max_document_bytes)
        return (given or filename or "") if url_id is None else url_id, content
    if kind == "application/json":
        body = _json(DocumentUpload if url_id is None else DocumentReplacement, await request.body())
        if url_id is not None and body.id is not None and body.id != url_id:
            raise BadDocument(f"the body's id {body.id!r} is not the URL's {url_id!r}")
        return body.id if url_id is None else url_id, body.text
    if url_id is not None and kind in _RAW_TYPES:
        return url_id, await request.body()
    raise _unsupported(kind)


@router.post(
    "/documents",
    status_code=202,
    response_model=JobOut,
    responses=_ERRORS,
    dependencies=[Depends(require_writer)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                **_FILE_FORM,
                "application/json": {"schema": DocumentUpload.model_json_schema()},
            },
        }
    },
)
async def create_document(request: Request, response: Response) -> dict:
    """Add an article (multipart `file`, or JSON `{"id", "text"}`); 409 if the id exists. It is indexed
    in the background: follow the job at `Location` until its state is "done"."""
    doc_id, content = await _article(request)
    return _accepted(await run_in_threadpool(_worker(request).create, doc_id, content), response)


@router.put(
    "/documents/{doc_id:path}",
    status_code=202,
    response_model=JobOut,
    responses=_ERRORS,
    dependencies=[Depends(require_writer)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                **_FILE_FORM,
                "application/json": {"schema": DocumentReplacement.model_json_schema()},
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    },
)
async def replace_document(doc_id: str, request: Request, response: Response) -> dict:
    """Add or replace the article `doc_id` (multipart `file`, JSON `{"text"}`, or the raw file as
    text/plain or application/octet-stream); indexed in the background like POST."""
    doc_id, content = await _article(request, doc_id)
    return _accepted(await run_in_threadpool(_worker(request).replace, doc_id, content), response)


@router.delete(
    "/documents/{doc_id:path}",
    status_code=202,
    response_model=JobOut,
    responses=_ERRORS,
    dependencies=[Depends(require_writer)],
)
async def delete_document(doc_id: str, request: Request, response: Response) -> dict:
    """Remove the article; it leaves the served index when the job is done."""
    return _accepted(await run_in_threadpool(_worker(request).delete, doc_id), response)


@router.get("/jobs/{job_id}", response_model=JobOut, responses={404: {"model": ErrorResponse}})
def job(job_id: str, request: Request) -> dict:
    """A write's indexing: state, chunks embedded out of the total, and the generation it produced."""
    return job_to_json(_worker(request).get(job_id))


def _unsupported(kind: str) -> HTTPException:
    return HTTPException(
        status_code=415,
        detail=f"cannot read a {kind or 'typeless'} body: send the article as "
        "multipart/form-data (field 'file') or JSON",
    )
