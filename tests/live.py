"""A real `qa serve` process on a free loopback port, for tests that must cross a real socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class LiveServer:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wait_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = 180.0) -> None:
    """Until /health says 200 (model and index loaded), or fail with the server's own output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server was not ready after {timeout:.0f} s:\n{log.read_text()}")


@contextmanager
def live_server(env: Mapping[str, str], log: Path, ready: bool = True) -> Iterator[LiveServer]:
    """`python -m api serve` with the given QA_ settings; stopped (SIGTERM, then SIGKILL) after."""
    port = free_port()
    full_env = {**os.environ, "QA_HOST": "127.0.0.1", "QA_PORT": str(port), **env}
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "api", "serve"],
            env=full_env,
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    try:
        if ready:
            wait_ready(server.url, process, log)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
