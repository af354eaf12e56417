"""The Host header check: a server on loopback answers only requests addressed to loopback names, so
a web page in a browser cannot reach it through a DNS name rebound to 127.0.0.1."""

from __future__ import annotations

import ipaddress
import json

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(setting: str, bound_to: str) -> frozenset[str] | None:
    """The Host names served (lower case, no port); None: any. `setting` is QA_ALLOWED_HOSTS."""
    names = {name.strip().lower().strip("[]").rstrip(".") for name in setting.split(",") if name.strip()}
    if "*" in names:
        return None
    if names:
        return frozenset(names)
    return LOOPBACK_NAMES if _is_loopback(bound_to) else None


def host_name(header: bytes) -> str:
    """The name part of a Host header, without the port: `[::1]:8000` -> `::1`."""
    host = header.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0].rstrip(".") if host.count(":") == 1 else host.rstrip(".")


class HostCheck:
    """400 for a request whose Host header names no allowed host (the header is not echoed)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.hosts is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"host", b"")
        if host_name(header) in self.hosts:
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            {"detail": "this Host header is not served here (allowed: QA_ALLOWED_HOSTS)"}
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
