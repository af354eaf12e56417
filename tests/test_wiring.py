"""One composition root: the library never imports the HTTP edge, and indexing needs no query service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    return set(done.stdout.split())


def test_no_library_module_imports_the_http_layer() -> None:
    loaded = _modules_after(
        "import pkgutil, importlib, qa\n"
        "for info in pkgutil.walk_packages(qa.__path__, 'qa.'):\n"
        "    importlib.import_module(info.name)"
    )
    assert "qa.service" in loaded and "qa.reader.reader" in loaded  # everything was imported
    assert not {name for name in loaded if name == "api" or name.startswith("api.")}


def test_indexing_wiring_does_not_load_the_query_service() -> None:
    loaded = _modules_after("import qa.cli, qa.wiring, qa.index, qa.jobs")
    assert "qa.index" in loaded
    assert not {"qa.service", "qa.answering", "qa.batching", "qa.reader.reader"} & loaded


def test_the_library_cli_alone_says_serve_needs_the_qa_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qa.cli", "serve", "--port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "qa serve" in done.stderr and "Traceback" not in done.stderr
