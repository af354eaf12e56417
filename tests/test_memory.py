"""The allocator settings the server asks for (this machine's C library is glibc, as on CI)."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from qa.memory import imports_hidden, limit_arenas, return_freed_memory

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


def test_hidden_import_fails_inside_the_block_and_works_after(tmp_path, monkeypatch):
    (tmp_path / "probe_module.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with imports_hidden(("probe_module", "json")):
        with pytest.raises(ImportError):
            import probe_module  # noqa: F401
        import json  # already imported: left alone

        assert json.dumps([1]) == "[1]"
    import probe_module

    assert probe_module.VALUE == 1
    del sys.modules["probe_module"]
