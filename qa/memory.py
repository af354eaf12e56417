"""Asking glibc's allocator to hold less: the server's RSS is mostly the model, not what requests use.

Both calls are no-ops where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import logging

logger = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # mallopt parameter number, from glibc's malloc.h
SERVER_ARENAS = 2  # one per core here; glibc's default (8 per core) kept ~30 MB more at 64 clients


def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has both calls), else None."""
    try:
        library = ctypes.CDLL("libc.so.6")
    except OSError:
        library = None
    if library is None or not all(hasattr(library, name) for name in ("malloc_trim", "mallopt")):
        logger.debug("not glibc: allocator left as it is")
        return None
    return library


def limit_arenas(arenas: int = SERVER_ARENAS) -> bool:
    """Cap the allocator's per-thread arenas before a server starts its worker threads: each
    arena keeps its own freed memory, so many threads answering at once grow the RSS. True if set."""
    library = _glibc()
    return library is not None and library.mallopt(_M_ARENA_MAX, arenas) == 1


def return_freed_memory() -> bool:
    """Give freed heap memory back to the system (loading frees about 100 MB that glibc would keep
    for reuse and count in the RSS: the reader's float32 layer copies, once merged and halved)."""
    library = _glibc()
    return library is not None and library.malloc_trim(0) in (0, 1)
