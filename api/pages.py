"""What a browser gets: the chat page at `/`, and `/docs`, `/redoc` with their assets served locally
(the default pages load them from a CDN and render blank offline)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

PAGE_ASSETS = Path(__file__).parent / "static"
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"


def add_pages(app: FastAPI) -> None:
    """Mount the chat page and the offline API docs on `app` (created with docs_url=None)."""
    app.mount("/static", StaticFiles(directory=PAGE_ASSETS), name="static")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/", include_in_schema=False)
    def chat_page() -> FileResponse:
        return FileResponse(PAGE_ASSETS / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="qa: API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="qa: API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )
