"""Concurrent load on `POST /ask` over loopback: throughput, latency percentiles, /health and RSS.

    .venv/bin/python bench/load.py [--levels 1 8 32 64] [--seconds 20] [--max-requests 2000] [--json]

Starts `qa serve` on a free loopback port (the configured index must exist: `qa index`; the server
inherits this environment, so `QA_READER=off` measures the rules), then for each concurrency level
keeps that many clients asking eval/qa.jsonl's questions for `--seconds` (or `--max-requests`), while
one more client probes /health every 50 ms from a process of its own (in the askers' event loop its
timings would include the load generator's own queueing). A final overload phase (`--overload`, default 4x the
queue) shows that excess requests are answered 503 with Retry-After, never left to time out.

Goals on 2 cores: at 32, throughput >= 3x that at 1 and p95 <= 1 s; /health p99 <= 50 ms at 64;
RSS <= 1.2 GB at 64; 503s and no timeouts under overload.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.live import live_server  # noqa: E402  (one server launcher for tests and benches)

CLIENT_TIMEOUT = 60.0


@dataclass
class Phase:
    concurrency: int
    seconds: float
    requests: int
    ok: int
    busy_503: int
    other: int
    timeouts: int
    throughput_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    health_p99_ms: float
    health_max_ms: float
    health_errors: int
    rss_max_mb: float


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] * 1000, 1)


class _Load:
    """One phase: `level` clients asking in a loop, their counters and timings."""

    def __init__(self, pid: int, questions: list[str], level: int, seconds: float, cap: int) -> None:
        self.pid, self.questions, self.level, self.cap = pid, questions, level, cap
        self.deadline = time.monotonic() + seconds
        self.latencies: list[float] = []
        self.rss_at_start = psutil.Process(pid).memory_info().rss
        self.counts = {"ok": 0, "busy": 0, "other": 0, "timeouts": 0, "sent": 0}

    def running(self) -> bool:
        return time.monotonic() < self.deadline and self.counts["sent"] < self.cap

    async def asker(self, client: httpx.AsyncClient, turn: int) -> None:
        counts = self.counts
        while self.running():
            counts["sent"] += 1
            started = time.perf_counter()
            try:
                question = self.questions[turn % len(self.questions)]
                reply = await client.post("/ask", json={"question": question})
            except httpx.TimeoutException:
                counts["timeouts"] += 1
                continue
            except httpx.HTTPError:  # a dropped connection is an error, not a figure to skip
                counts["other"] += 1
                continue
            turn += self.level
            if reply.status_code == 200:
                counts["ok"] += 1
                self.latencies.append(time.perf_counter() - started)
            elif reply.status_code == 503:
                counts["busy"] += 1
                await asyncio.sleep(0.2)  # a polite client backs off (the header says >= 1 s)
            else:
                counts["other"] += 1

    def result(self, elapsed: float, health: _Health) -> Phase:
        counts, asks = self.counts, self.latencies
        return Phase(
            self.level,
            round(elapsed, 1),
            counts["sent"],
            counts["ok"],
            counts["busy"],
            counts["other"],
            counts["timeouts"],
            round(counts["ok"] / elapsed, 2),
            _pct(asks, 0.5),
            _pct(asks, 0.95),
            _pct(asks, 0.99),
            _pct(health.seconds, 0.99),
            _pct(health.seconds, 1.0),
            health.errors,
            round(max([self.rss_at_start, *health.rss]) / 2**20, 1),
        )


async def _phase(url: str, pid: int, questions: list[str], level: int, seconds: float, cap: int) -> Phase:
    load = _Load(pid, questions, level, seconds, cap)
    limits = httpx.Limits(max_connections=level + 4, max_keepalive_connections=level + 4)
    spawn = multiprocessing.get_context("spawn")
    stop, results = spawn.Event(), spawn.Queue()
    prober = spawn.Process(target=_probe_health, args=(url, pid, stop, results), daemon=True)
    prober.start()
    began = time.monotonic()
    async with httpx.AsyncClient(base_url=url, timeout=CLIENT_TIMEOUT, limits=limits) as client:
        await asyncio.gather(*(load.asker(client, i) for i in range(level)))
    elapsed = time.monotonic() - began
    stop.set()
    probed = results.get(timeout=CLIENT_TIMEOUT + 10)
    prober.join()
    return load.result(elapsed, probed)


@dataclass
class _Health:
    """What the /health prober saw: each probe's time, failed probes, the server's RSS per probe."""

    seconds: list[float]
    errors: int
    rss: list[int]


def _probe_health(url: str, pid: int, stop, results) -> None:
    """GET /health every 50 ms until `stop` is set (in its own process), then hand back the timings
    and the server's RSS at each probe."""
    health = _Health([], 0, [])
    server = psutil.Process(pid)
    with httpx.Client(base_url=url, timeout=CLIENT_TIMEOUT) as client:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                client.get("/health")
            except httpx.HTTPError:
                health.errors += 1
            else:
                health.seconds.append(time.perf_counter() - started)
            health.rss.append(server.memory_info().rss)
            stop.wait(0.05)
    results.put(health)


def _questions(dataset: Path) -> list[str]:
    rows = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["question"] for row in rows if not row.get("history")]


def _print(phases: list[Phase], reader: str) -> None:
    print(f"reader={reader} cores={os.cpu_count()} load average={os.getloadavg()[0]:.1f} at the end")
    print(" conc  req   ok  503 other t/o  ask/s  p50 ms  p95 ms  p99 ms  health p99/max ms err  RSS MB")
    for p in phases:
        print(
            f"{p.concurrency:5d} {p.requests:4d} {p.ok:4d} {p.busy_503:4d} {p.other:5d} {p.timeouts:3d} "
            f"{p.throughput_per_s:6.2f} {p.p50_ms:7.0f} {p.p95_ms:7.0f} {p.p99_ms:7.0f} "
            f"{p.health_p99_ms:9.1f}/{p.health_max_ms:<7.1f} {p.health_errors:3d} {p.rss_max_mb:7.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32, 64])
    parser.add_argument("--seconds", type=float, default=20.0, help="per level (bounded run)")
    parser.add_argument("--max-requests", type=int, default=2000, help="per level")
    parser.add_argument("--overload", type=int, default=256, help="clients of the overload phase (0: none)")
    parser.add_argument("--dataset", type=Path, default=Path("eval/qa.jsonl"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    questions = _questions(args.dataset)
    env = {"QA_HOST": "127.0.0.1", "QA_LOG_LEVEL": os.environ.get("QA_LOG_LEVEL", "WARNING")}
    with tempfile.TemporaryDirectory() as scratch, live_server(env, Path(scratch) / "server.log") as server:
        phases = []
        levels = args.levels + ([args.overload] if args.overload else [])
        for level in levels:
            phase = asyncio.run(
                _phase(server.url, server.process.pid, questions, level, args.seconds, args.max_requests)
            )
            phases.append(phase)
            print(f"done: {phase}", file=sys.stderr, flush=True)
    reader = os.environ.get("QA_READER", "on")
    if args.json:
        print(json.dumps({"reader": reader, "cores": os.cpu_count(), "phases": [asdict(p) for p in phases]}))
    else:
        _print(phases, reader)
    return 0


if __name__ == "__main__":
    sys.exit(main())
