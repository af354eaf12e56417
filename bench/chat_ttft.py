"""Time to the first streamed character of `POST /v1/chat/completions` (stream: true) on localhost.

    .venv/bin/python bench/chat_ttft.py [--dataset eval/qa.jsonl] [--limit 40] [--rounds 2] [--json]

Starts `qa serve` on a free port (the configured index must exist: `qa index`), streams every question
of the dataset `--rounds` times, one at a time, and reports p50/p95 of: the first event (the assistant
role, sent before any work), the first character of the answer, and the whole stream. The server
inherits this process's environment: `QA_READER=off` measures the rule-based answerer.
Goal on 2 cores: the first streamed character under 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ask_latency import _free_port, _percentile, _start_server  # noqa: E402


def _stream_once(client: httpx.Client, url: str, question: str) -> tuple[float, float, float]:
    body = {"model": "qa", "stream": True, "messages": [{"role": "user", "content": question}]}
    started = time.perf_counter()
    first_event = first_char = 0.0
    with client.stream("POST", f"{url}/v1/chat/completions", json=body) as response:
        for line in response.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            now = time.perf_counter() - started
            first_event = first_event or now
            delta = json.loads(line[6:])["choices"][0]["delta"]
            if delta.get("content") and not first_char:
                first_char = now
    return first_event, first_char, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=Path("eval/qa.jsonl"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=40, help="the first N questions of the dataset")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lines = [line for line in args.dataset.read_text().splitlines() if line][: args.limit]
    questions = [json.loads(line)["question"] for line in lines]
    port = _free_port()
    server = _start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=60) as client:
            _stream_once(client, url, questions[0])  # connection and first-request costs
            samples = [_stream_once(client, url, q) for _ in range(args.rounds) for q in questions]
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {"requests": len(samples), "reader": os.environ.get("QA_READER", "on"), "cpus": os.cpu_count()}
    for name, column in (("first_event", 0), ("first_char", 1), ("total", 2)):
        values = [sample[column] * 1000 for sample in samples]
        report[f"{name}_p50_ms"] = round(statistics.median(values), 1)
        report[f"{name}_p95_ms"] = round(_percentile(values, 0.95), 1)
    print(json.dumps(report) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
