"""What a browser loads: the chat page, offline API docs, and CORS only when configured."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app


def test_the_chat_page_and_its_assets_are_served(settings, service) -> None:
    with TestClient(create_app(settings, service=service), base_url="http://localhost") as client:
        page = client.get("/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert '<html lang="zh-CN">' in page.text and "/static/app.js" in page.text
        assert client.get("/static/app.js").status_code == 200
        assert "http" not in client.get("/static/style.css").text  # nothing fetched from elsewhere


def test_the_docs_load_their_assets_from_this_server(settings, service) -> None:
    with TestClient(create_app(settings, service=service), base_url="http://localhost") as client:
        assets = "/docs-assets"
        pages = (("/docs", f"{assets}/swagger-ui-bundle.js"), ("/redoc", f"{assets}/redoc.standalone.js"))
        for path, asset in pages:
            html = client.get(path).text
            assert asset in html and "cdn.jsdelivr" not in html
            assert client.get(asset).status_code == 200


def test_cors_is_off_by_default_and_on_for_the_configured_origins(settings, service) -> None:
    preflight = {"Origin": "http://chat.example", "Access-Control-Request-Method": "POST"}
    with TestClient(create_app(settings, service=service), base_url="http://localhost") as client:
        reply = client.options("/v1/chat/completions", headers=preflight)
        assert "access-control-allow-origin" not in reply.headers
    allowed = settings.model_copy(update={"cors_origins": "http://chat.example, http://other.example"})
    with TestClient(create_app(allowed, service=service), base_url="http://localhost") as client:
        reply = client.options("/v1/chat/completions", headers=preflight)
        assert reply.headers["access-control-allow-origin"] == "http://chat.example"
        other = client.options("/v1/chat/completions", headers={**preflight, "Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
