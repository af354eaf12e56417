"""A request body limit enforced while the body arrives, before anything parses it."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """413 for a body over `max_bytes`: at once from Content-Length, else as soon as the streamed
    chunks pass it (so a huge body is never read whole into memory). `paths` gives other limits to
    the paths under a prefix (uploads of articles)."""

    def __init__(self, app: ASGIApp, max_bytes: int, paths: dict[str, int] | None = None) -> None:
        self.app, self.max_bytes, self.paths = app, max_bytes, paths or {}

    def _limit(self, path: str) -> int:
        for prefix, limit in self.paths.items():
            if path == prefix or path.startswith(prefix + "/"):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self._limit(scope.get("path", ""))
        declared = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > max_bytes:
            await self._refuse(send, max_bytes)
            return
        received, started, refused = 0, False, False

        async def limited() -> Message:
            # Past the limit the app is told the client left (whatever it then answers is dropped):
            # frameworks turn errors raised while reading the body into their own 400s.
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            received += len(message.get("body", b""))
            if received > max_bytes:
                refused = True
                if not started:
                    await self._refuse(send, max_bytes)
                return {"type": "http.disconnect"}
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except Exception:
            if not refused:  # the app failing after the 413 went out (a client-gone error) is expected
                raise

    async def _refuse(self, send: Send, max_bytes: int) -> None:
        body = json.dumps({"detail": f"the request body is over {max_bytes} bytes"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
