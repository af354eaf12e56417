"""Asking glibc's allocator to hold less: the server's RSS is mostly the model, not what requests use.

Both allocator calls are no-ops where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def imports_hidden(names: tuple[str, ...]) -> Iterator[None]:
    """Inside the block, `import name` fails for each of `names` not imported yet, as if it were not
    installed; afterwards it imports normally again.

    For optional imports a library makes "if available": scikit-learn (which sentence-transformers
    imports) imports pandas when it can, ~60 MB of RSS the service never uses; pandas is installed
    because pymilvus needs it, and pymilvus still gets it after the block.
    """
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # the import system's "not found" marker
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]
