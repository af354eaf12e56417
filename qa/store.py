"""Index generations on disk: each build goes to a new folder, switched in by one atomic rename.

    index_dir/CURRENT            name of the generation being served (replaced with os.replace)
    index_dir/generations/<gen>/ one complete index: manifest.json and its data files
    index_dir/generations/.tmp-* a build in progress; never read, removed by the next build (even a no-op)
    index_dir/serving/<pid>      the generation a running server holds; never pruned while it runs

A crash, kill -9 or Ctrl-C before the rename of CURRENT leaves the previous generation whole.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from qa.errors import BuildBusy

logger = logging.getLogger(__name__)

CURRENT_FILE = "CURRENT"
GENERATIONS = "generations"
SERVING = "serving"
KEEP_GENERATIONS = 2


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (the folder's entry, not only the file)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    fsync_dir(folder)


def current_generation(index_dir: Path) -> Path | None:
    """The folder of the generation being served, or None when nothing was ever built."""
    pointer = index_dir / CURRENT_FILE
    if not pointer.is_file():
        return None
    folder = index_dir / GENERATIONS / pointer.read_text(encoding="utf-8").strip()
    return folder if folder.is_dir() else None


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder; readers never wait on it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildBusy(
                f"another build (`qa index`, or a server indexing uploads) is already building {index_dir}"
            ) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_builds(index_dir: Path) -> None:
    """Remove the folders of builds that were interrupted (call with the build lock held)."""
    generations = index_dir / GENERATIONS
    if not generations.is_dir():
        return
    for stale in generations.glob(".tmp-*"):
        logger.info("removing an interrupted build: %s", stale.name)
        shutil.rmtree(stale, ignore_errors=True)


def new_build_folder(index_dir: Path) -> Path:
    """A fresh private folder for a build; leftovers of crashed builds are removed first."""
    generations = index_dir / GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(index_dir)
    folder = generations / f".tmp-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def mark_served(index_dir: Path, generation: Path | None, pid: int | None = None) -> None:
    """Record that this process serves `generation` (None: serves nothing any more), so that no
    build prunes it from under the server, however many builds are published meanwhile."""
    folder = index_dir / SERVING
    marker = folder / str(pid or os.getpid())
    if generation is None:
        marker.unlink(missing_ok=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    pending = folder / f".{marker.name}.tmp"
    pending.write_text(generation.name + "\n", encoding="utf-8")
    os.replace(pending, marker)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def served_generations(index_dir: Path) -> set[str]:
    """Names of the generations running servers hold; markers of exited servers are removed."""
    folder = index_dir / SERVING
    names: set[str] = set()
    for marker in folder.glob("[0-9]*") if folder.is_dir() else ():
        if not marker.name.isdigit() or not _pid_alive(int(marker.name)):
            marker.unlink(missing_ok=True)
            continue
        try:
            names.add(marker.read_text(encoding="utf-8").strip())
        except OSError:
            continue
    return names


def publish(index_dir: Path, build_folder: Path, on_remove: Callable[[Path], None] | None = None) -> Path:
    """Make a finished build the served generation, atomically, then prune old generations."""
    _fsync_tree(build_folder)
    # Microseconds in the name: generations published within one second still sort in order.
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:6]
    final = build_folder.parent / name
    os.replace(build_folder, final)
    fsync_dir(final.parent)
    pointer_tmp = index_dir / f".{CURRENT_FILE}.tmp"
    with pointer_tmp.open("w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT_FILE)
    fsync_dir(index_dir)
    _prune(index_dir, keep=name, on_remove=on_remove)
    return final


def _prune(index_dir: Path, keep: str, on_remove: Callable[[Path], None] | None = None) -> None:
    """Keep the new generation, the one before it (a server may be about to switch from it) and
    every generation a running server still holds."""
    generations = sorted(
        (p for p in (index_dir / GENERATIONS).iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    old = [p for p in generations if p.name != keep][: -(KEEP_GENERATIONS - 1) or None]
    served = served_generations(index_dir)
    for folder in old:
        if folder.name in served:
            logger.info("keeping generation %s: a running server still serves it", folder.name)
            continue
        if on_remove is not None:  # a store frees what the generation holds elsewhere (a collection)
            on_remove(folder)
        shutil.rmtree(folder, ignore_errors=True)


def write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    """One JSON object a line (a generation's chunk and document tables)."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
