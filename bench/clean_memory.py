"""Peak extra RSS of cleaning and chunking one huge invented article (default 50 MB of UTF-8).

python bench/clean_memory.py [--mb 50]
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import psutil

from qa.chunking import ChunkerParams, chunk_document
from qa.clean import clean


def invented_article(megabytes: int) -> str:
    """OCR-like lines of random common Han characters, digits and punctuation (not seeds text)."""
    rng = random.Random(7)
    han = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
    line = "".join(rng.choice(han) for _ in range(30)) + "１２,３%。"
    lines = [line[rng.randrange(10) :] for _ in range(200)]
    target = megabytes * 1_000_000
    parts, size = [], 0
    while size < target:
        chosen = rng.choice(lines)
        parts.append(chosen + ("\n\n" if rng.random() < 0.1 else "\n"))
        size += len(chosen.encode()) + 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    raw = invented_article(args.mb)
    before = psutil.Process().memory_info().rss
    started = time.perf_counter()
    cleaned = clean(raw)
    cleaned_at = time.perf_counter()
    chunks = chunk_document("huge.txt", cleaned, ChunkerParams(300, 400, 100, 1))
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"{len(raw.encode()) / 1e6:.0f} MB article ({len(raw):,} chars): clean {cleaned_at - started:.1f} s, "
        f"chunk {done - cleaned_at:.1f} s, {len(chunks):,} chunks; "
        f"peak RSS {peak / 1e6:.0f} MB, {(peak - before) / 1e6:.0f} MB above the article itself"
    )


if __name__ == "__main__":
    main()
