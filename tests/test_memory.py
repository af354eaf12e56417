"""The allocator settings the server asks for (this machine's C library is glibc, as on CI)."""

from __future__ import annotations

import platform

import pytest

from qa.memory import limit_arenas, return_freed_memory

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")


@glibc
def test_arena_cap_is_accepted():
    assert limit_arenas(8)  # glibc's own default for these machines: the test process is unchanged


@glibc
def test_freed_memory_is_returned_without_error():
    kept = [bytearray(1 << 20) for _ in range(64)]
    del kept
    assert return_freed_memory()
