"""The FastAPI application: the lifespan loads model and index once into app.state."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.routes import router
from qa.config import Settings, get_settings
from qa.errors import BadQuestion, IndexMismatch, IndexMissing, ModelError, QAError
from qa.service import QAService

logger = logging.getLogger(__name__)

_STATUS_OF = {BadQuestion: 422, IndexMissing: 503, IndexMismatch: 503, ModelError: 503}


def _load_in_background(app: FastAPI, settings: Settings) -> threading.Thread:
    """Load off the event loop, so /health can say 503 "loading" instead of the port being closed."""

    def load() -> None:
        try:
            app.state.service = QAService.from_settings(settings)
            app.state.status = "ready"
            logger.info("index loaded: %s", app.state.service.index.folder)
        except QAError as error:
            app.state.status = str(error)
            logger.error("cannot serve: %s", error)
        except Exception as error:  # a broken model folder must still leave /health able to say why
            app.state.status = f"loading failed: {error}"
            logger.exception("cannot serve")

    thread = threading.Thread(target=load, name="qa-loader", daemon=True)
    thread.start()
    return thread


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        if item.get("type") == "json_invalid":
            return "the request body is not valid JSON"
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(settings: Settings | None = None, service: QAService | None = None) -> FastAPI:
    """The app; pass `service` to serve an already loaded index (tests, embedding in another app)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = service
        app.state.status = "ready" if service else "loading the model and the index"
        if service is None:
            app.state.loader = _load_in_background(app, settings)
        yield

    app = FastAPI(
        title="qa", version="0.1.0", lifespan=lifespan,
        description="Questions about Chinese news articles, answered with verbatim citations.",
    )
    app.include_router(router)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        message = _validation_message(error)
        status = 400 if message.startswith("the request body is not valid JSON") else 422
        errors = json.loads(json.dumps(error.errors(), default=str))
        return JSONResponse(status_code=status, content={"detail": message, "errors": errors})

    @app.exception_handler(QAError)
    async def library_error(request: Request, error: QAError) -> JSONResponse:
        status = next((code for kind, code in _STATUS_OF.items() if isinstance(error, kind)), 400)
        return JSONResponse(status_code=status, content={"detail": str(error)})

    return app
