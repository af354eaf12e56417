"""The allocator settings the server asks for (this machine's C library is glibc, as on CI)."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from qa.memory import limit_arenas, return_freed_memory

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


@glibc
def test_arena_cap_is_accepted():
    assert limit_arenas(8)  # glibc's own default for these machines: the test process is unchanged


@glibc
def test_freed_heap_memory_goes_back_to_the_system():
    """Blocks below glibc's mmap threshold live in the heap; freed below a block still in use, they
    stay in the RSS until trimmed."""
    blocks = [b"x" * 100_000 for _ in range(2_000)]  # ~200 MB, every page written
    kept = b"y" * 100_000  # allocated last: pins the top of the heap
    del blocks
    before = _rss_mb()
    assert return_freed_memory()
    assert before - _rss_mb() > 100
    assert kept[0] == ord("y")
