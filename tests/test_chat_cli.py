"""`qa chat` loads once and follows up; `qa ask` with QA_URL asks a running server instead."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.live import ROOT

QUESTION = "苏溪镇1-11月工业总产值是多少"


def _qa(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=300,
    )


def test_qa_chat_answers_a_conversation_with_one_model_load(settings, seed_index) -> None:
    env = {"QA_INDEX_DIR": str(settings.index_dir), "QA_CORPUS_DIR": str(settings.corpus_dir)}
    done = _qa(["chat"], env, stdin=f"{QUESTION}\n那规上产值呢？\n你好\n")
    assert done.returncode == 0, done.stderr
    answers = done.stdout.split("\n")
    assert "393亿元" in answers[0]
    follow_up = [line for line in answers if line and not line.startswith("  ")][1]
    assert "(no answer)" not in follow_up and any(char.isdigit() for char in follow_up)
    assert done.stdout.count("[1]") >= 2  # each answer cites


def test_qa_ask_uses_the_server_at_qa_url_without_loading_a_model(live_seed_server) -> None:
    env = {"QA_URL": live_seed_server.url, "QA_EMBED_MODEL": "/nonexistent/model"}
    done = _qa(["ask", QUESTION, "--json"], env)
    assert done.returncode == 0, done.stderr
    assert "393亿元" in done.stdout and '"citations"' in done.stdout


def test_qa_ask_says_when_no_server_answers_at_qa_url() -> None:
    done = _qa(["ask", QUESTION], {"QA_URL": "http://127.0.0.1:9"})
    assert done.returncode == 2 and "no server answers at http://127.0.0.1:9" in done.stderr
