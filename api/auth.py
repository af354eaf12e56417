"""Who may change the articles: a bearer key when QA_API_KEY is set; without one, loopback only."""

from __future__ import annotations

import hmac
import ipaddress
import logging

from fastapi import HTTPException, Request

from qa.config import Settings

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything, so it is not trusted as local
        return False


def _key(settings: Settings) -> str:
    return settings.api_key.get_secret_value() if settings.api_key else ""


def writes_refused_because(settings: Settings) -> str | None:
    """Why every write is refused (an open port with no key), or None when writes may be allowed."""
    if _key(settings) or is_loopback(settings.host):
        return None
    return (
        f"document writes are disabled: the server listens on {settings.host} and QA_API_KEY is not set "
        "(set QA_API_KEY, or listen on 127.0.0.1)"
    )


def log_write_policy(settings: Settings) -> None:
    reason = writes_refused_because(settings)
    if reason:
        logger.warning(reason)
    elif _key(settings):
        logger.info("document writes need the bearer key QA_API_KEY")
    else:
        logger.info("document writes are open to this machine only (loopback, no QA_API_KEY)")


def require_writer(request: Request) -> None:
    """FastAPI dependency of the write routes: 401 without the right key, 403 when writes are off."""
    settings: Settings = request.app.state.settings
    reason = writes_refused_because(settings)
    if reason:
        raise HTTPException(status_code=403, detail=reason)
    key = _key(settings)
    if not key:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), key.encode()):
        raise HTTPException(
            status_code=401,
            detail="document writes need the header Authorization: Bearer <QA_API_KEY>",
            headers={"WWW-Authenticate": "Bearer"},
        )
