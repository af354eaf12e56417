"""Logging set-up: one handler, the chosen level and format, uvicorn's messages through it."""

from __future__ import annotations

import json
import logging

import pytest

from qa.logs import configure_logging


@pytest.fixture(autouse=True)
def _restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_level_logger_and_message(capsys) -> None:
    configure_logging("info", "json")
    logging.getLogger("qa.service").info("now serving index generation %s", "g1")
    logging.getLogger("uvicorn.access").info("GET /health 200")
    logging.getLogger("qa.service").debug("not shown at INFO")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(e["level"], e["logger"], e["message"]) for e in lines] == [
        ("INFO", "qa.service", "now serving index generation g1"),
        ("INFO", "uvicorn.access", "GET /health 200"),
    ]
    assert lines[0]["time"].endswith("Z")


def test_text_format_and_an_unknown_format_is_refused(capsys) -> None:
    configure_logging("WARNING", "text")
    logging.getLogger("qa.corpus").warning("skipped %s: %s", "a.bin", "binary")
    logging.getLogger("qa.corpus").info("hidden")
    err = capsys.readouterr().err
    assert err.count("WARNING qa.corpus: skipped a.bin: binary") == 1 and "hidden" not in err
    with pytest.raises(ValueError, match="log format"):
        configure_logging("INFO", "xml")
