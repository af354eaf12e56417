"""`POST /ask` latency over HTTP on localhost against the bare query embedding of the model.

    .venv/bin/python bench/ask_latency.py [--dataset eval/qa.jsonl] [--rounds 3] [--json]

Starts `qa serve` on a free port (the configured index must exist: `qa index`), asks every question of
the dataset `--rounds` times, one at a time, and reports p50/p95 of the HTTP round trip, p50/p95 of the
bare `embed_queries` on the same questions in this process, their ratio and the server's resident memory.

Goals on 2 cores: with the span reader (the default), p50 <= 250 ms, p95 <= 400 ms and RSS <= 1.4 GB;
with `QA_READER=off`, p50 within 1.5x of the bare embedding and RSS under 1.2 GB. The server inherits
this process's environment, so `QA_READER=off .venv/bin/python bench/ask_latency.py` measures the rules.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from qa.config import get_settings
from qa.wiring import load_embedder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _start_server(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "api", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not become healthy in 180 s (is the index built? run `qa index`)")


def _http_latencies(port: int, questions: list[dict], rounds: int) -> list[float]:
    latencies = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        client.post("/ask", json={"question": questions[0]["question"]})  # warm-up
        for _ in range(rounds):
            for item in questions:
                body = {"question": item["question"], "history": item.get("history") or []}
                started = time.perf_counter()
                client.post("/ask", json=body).raise_for_status()
                latencies.append(time.perf_counter() - started)
    return latencies


def _bare_latencies(questions: list[dict], rounds: int) -> list[float]:
    embedder = load_embedder(get_settings())
    embedder.embed_queries([questions[0]["question"]])
    latencies = []
    for _ in range(rounds):
        for item in questions:
            started = time.perf_counter()
            embedder.embed_queries([item["question"]])
            latencies.append(time.perf_counter() - started)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", type=Path, default=Path("eval/qa.jsonl"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    questions = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines() if line]

    port = _free_port()
    server = _start_server(port)
    try:
        http = _http_latencies(port, questions, args.rounds)
        rss_mb = psutil.Process(server.pid).memory_info().rss / 2**20
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = _bare_latencies(questions, args.rounds)
    figures = {
        "reader": get_settings().reader,
        "questions": len(http),
        "http_p50_ms": round(statistics.median(http) * 1000, 2),
        "http_p95_ms": round(_percentile(http, 0.95) * 1000, 2),
        "bare_embed_p50_ms": round(statistics.median(bare) * 1000, 2),
        "bare_embed_p95_ms": round(_percentile(bare, 0.95) * 1000, 2),
        "ratio_p50": round(statistics.median(http) / statistics.median(bare), 3),
        "server_rss_mb": round(rss_mb, 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
