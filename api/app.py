"""The FastAPI application: the lifespan loads model and index once into app.state."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.auth import log_write_policy
from api.documents import router as documents_router
from api.hosts import HostCheck, allowed_hosts
from api.limits import BodyLimit
from api.openai_compat import openai_error
from api.openai_compat import router as openai_router
from api.pages import add_pages
from api.routes import router
from qa.batching import AskBatcher
from qa.config import Settings, get_settings
from qa.errors import (
    BadDocument,
    BadQuestion,
    BuildBusy,
    DocumentExists,
    DocumentNotFound,
    DocumentTooLarge,
    IndexMismatch,
    IndexMissing,
    JobNotFound,
    ModelError,
    Overloaded,
    QAError,
    StorageError,
)
from qa.jobs import IndexWorker
from qa.service import QAService
from qa.store import current_generation, mark_served
from qa.wiring import batch_params, chunker_params, load_service, worker_paths

logger = logging.getLogger(__name__)

_STATUS_OF = {
    BadQuestion: 422,
    BadDocument: 422,
    DocumentTooLarge: 413,
    DocumentNotFound: 404,
    JobNotFound: 404,
    DocumentExists: 409,
    BuildBusy: 409,
    IndexMissing: 503,
    IndexMismatch: 503,
    ModelError: 503,
    StorageError: 503,
    Overloaded: 503,
}
# Room for a document of QA_MAX_DOCUMENT_BYTES in a request: JSON may escape each CJK character's
# 3 UTF-8 bytes as 6 (\uXXXX), multipart adds its headers.
_UPLOAD_OVERHEAD = 64 * 1024
NOT_JSON = "the request body is not valid JSON"


def _load(app: FastAPI, settings: Settings) -> None:
    app.state.tried = current_generation(settings.index_dir)
    try:
        app.state.service = load_service(settings)
        app.state.status = "ready"
        mark_served(settings.index_dir, app.state.service.index.folder)
        logger.info("serving index generation %s", app.state.service.index.folder.name)
    except QAError as error:
        app.state.status = str(error)
        logger.error("cannot serve: %s", error)
    except Exception as error:  # a broken model folder must still leave /health able to say why
        app.state.status = f"loading failed: {error}"
        logger.exception("cannot serve")


def _watch(app: FastAPI, settings: Settings, stop: threading.Event) -> None:
    """Serve what `qa index` publishes while running: a new generation, or the first one."""
    while not stop.wait(settings.reload_seconds):
        service: QAService | None = app.state.service
        try:
            if service is not None:
                if service.reload_if_changed(settings.index_dir, chunker_params(settings)):
                    mark_served(settings.index_dir, service.index.folder)
                app.state.reload_error = None
            elif not app.state.loader.is_alive():
                # The first index appeared, or a new one after a refused one: try once per generation.
                folder = current_generation(settings.index_dir)
                if folder is not None and folder != app.state.tried:
                    _load(app, settings)
        except QAError as error:
            app.state.reload_error = str(error)
            logger.error("still serving the previous index: %s", error)
        except Exception as error:  # any failure: say so, keep serving, and keep following
            app.state.reload_error = f"reloading failed: {error!r}"
            logger.exception("still serving the previous index after an unexpected error")


def _load_in_background(app: FastAPI, settings: Settings) -> threading.Thread:
    """Load off the event loop, so /health can say 503 "loading" instead of the port being closed."""
    thread = threading.Thread(target=_load, args=(app, settings), name="qa-loader", daemon=True)
    thread.start()
    return thread


def _index_worker(app: FastAPI, settings: Settings) -> IndexWorker:
    return IndexWorker(worker_paths(settings), lambda: app.state.service)


def _served(app: FastAPI) -> QAService:
    service = app.state.service
    if service is None:
        raise IndexMissing(app.state.status)
    return service


def _retry_after(error: QAError) -> int:
    """Seconds a client should wait: the queue's estimate when busy, a few while loading."""
    return error.retry_after if isinstance(error, Overloaded) else 5


def _not_json(error: RequestValidationError) -> bool:
    """The body could not be parsed at all (400), rather than parsed JSON breaking the schema (422)."""
    return any(item.get("type") == "json_invalid" for item in error.errors())


def _validation_message(error: RequestValidationError) -> str:
    if _not_json(error):
        return NOT_JSON
    parts = []
    for item in error.errors()[:20]:
        where = ".".join(str(p)[:100] for p in item.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    message = "; ".join(parts)[:1000] or "invalid request"
    return message.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate in a key must not 500


def _safe_errors(error: RequestValidationError) -> list[dict]:
    """Where and why, never the input itself: it may be huge, NaN or not encodable as UTF-8."""
    return [
        {
            "loc": [str(part)[:100] for part in item.get("loc", ())][:10],
            "msg": str(item.get("msg", "invalid"))[:300].encode("utf-8", "replace").decode("utf-8"),
            "type": str(item.get("type", ""))[:100],
        }
        for item in error.errors()[:20]
    ]


def _lifespan(settings: Settings, service: QAService | None):
    """Start the loader (unless a service is given), the index worker, the batcher and the watcher."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The answering thread runs long Python stretches (tokenising, scoring); a shorter GIL
        # switch interval than the default 5 ms keeps /health and 503s prompt on the event loop.
        sys.setswitchinterval(0.001)
        app.state.service = service
        app.state.status = "ready" if service else "loading the model and the index"
        app.state.loader = _load_in_background(app, settings) if service is None else None
        app.state.reload_error = None
        app.state.settings = settings
        app.state.worker = _index_worker(app, settings)
        app.state.worker.start()
        log_write_policy(settings)
        app.state.batcher = AskBatcher(lambda batch: _served(app).ask_batch(batch), batch_params(settings))
        app.state.batcher.start()
        stop = threading.Event()
        if settings.reload_seconds > 0:
            watcher = threading.Thread(target=_watch, args=(app, settings, stop), daemon=True)
            watcher.start()
        yield
        stop.set()
        await app.state.batcher.stop()
        app.state.worker.stop()
        if app.state.service is not None and service is None:
            mark_served(settings.index_dir, None)

    return lifespan


def create_app(settings: Settings | None = None, service: QAService | None = None) -> FastAPI:
    """The app; pass `service` to serve an already loaded index (tests, embedding in another app)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="qa",
        version="0.1.0",
        lifespan=_lifespan(settings, service),
        docs_url=None,
        redoc_url=None,
        description="Questions about Chinese news articles, answered with verbatim citations.",
    )
    upload_limit = max(settings.max_body_bytes, 2 * settings.max_document_bytes + _UPLOAD_OVERHEAD)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, paths={"/documents": upload_limit})
    if settings.cors_origin_list():
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list(),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    # Added last, so outermost: a request for a Host not served gets nothing else, not even CORS.
    app.add_middleware(HostCheck, hosts=allowed_hosts(settings.allowed_hosts, settings.host))
    app.include_router(router)
    app.include_router(documents_router)
    app.include_router(openai_router)
    add_pages(app)
    _add_error_handlers(app)
    return app


def _is_openai(request: Request) -> bool:
    """OpenAI clients parse `{"error": {...}}`; everything else gets `{"detail": ...}`."""
    return request.url.path.startswith("/v1/")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        message = _validation_message(error)
        if _is_openai(request):
            return openai_error(400, message)
        status = 400 if _not_json(error) else 422
        return JSONResponse(status_code=status, content={"detail": message, "errors": _safe_errors(error)})

    @app.exception_handler(QAError)
    async def library_error(request: Request, error: QAError) -> JSONResponse:
        status = next((code for kind, code in _STATUS_OF.items() if isinstance(error, kind)), 400)
        headers = {"Retry-After": str(_retry_after(error))} if status == 503 else None
        if _is_openai(request):
            reply = openai_error(400 if status == 422 else status, str(error), _openai_kind(status))
            reply.headers.update(headers or {})
            return reply
        return JSONResponse(status_code=status, content={"detail": str(error)}, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        if _is_openai(request):
            reply = openai_error(error.status_code, str(error.detail), _openai_kind(error.status_code))
            reply.headers.update(headers)
            return reply
        content = {"detail": error.detail}
        return JSONResponse(status_code=error.status_code, content=content, headers=headers or None)


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path: Starlette names only the first route's, and
    /documents/{id} is served by three (GET, PUT, DELETE)."""
    path = request.url.path
    methods = {
        method
        for route in request.app.routes
        if getattr(route, "methods", None) and route.path_regex.match(path)
        for method in route.methods
    }
    return ", ".join(sorted(methods))


def _openai_kind(status: int) -> str:
    return {404: "not_found_error", 503: "service_unavailable"}.get(status, "invalid_request_error")
