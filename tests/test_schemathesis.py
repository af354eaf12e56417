"""Schemathesis against a live server: every operation fuzzed with all checks, 0 5xx, 0 mismatches.

The run is bounded (QA_SCHEMATHESIS_EXAMPLES test cases per operation, 600 by default: over 1,000
requests in all) and uses the rule-based answerer (QA_READER=off) so that it fits a CI minute budget;
the HTTP layer, validation and schemas it checks are the same with the reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.live import ROOT, live_server

EXAMPLES = int(os.environ.get("QA_SCHEMATHESIS_EXAMPLES", "600"))


def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(settings, seed_index, tmp_path) -> None:
    env = {
        "QA_CORPUS_DIR": str(settings.corpus_dir),
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_MODEL_CACHE": str(settings.model_cache),
        "QA_READER": "off",
        "QA_LOG_LEVEL": "WARNING",
    }
    with live_server(env, tmp_path / "server.log") as server:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(ROOT / "schemathesis.toml"),
                "run",
                f"{server.url}/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                str(EXAMPLES),
                "--seed",
                "11",
                "--request-timeout",
                "60",
                "--report",
                "har",
                "--report-har-path",
                str(tmp_path / "run.har"),
                "--output-truncate",
                "true",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=1200,
            env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"},
        )
        assert server.process.poll() is None, "the server died under fuzzing"
    summary = run.stdout[-4000:]
    assert run.returncode == 0, summary + run.stderr[-2000:]
    entries = json.loads((tmp_path / "run.har").read_text())["log"]["entries"]
    statuses = [entry["response"]["status"] for entry in entries]
    assert len(statuses) >= min(1000, EXAMPLES), (len(statuses), summary)
    assert not [status for status in statuses if status >= 500], summary
    print(f"schemathesis: {len(statuses)} requests, statuses {sorted(set(statuses))}")
