"""Indexing throughput of the whole pipeline against the bare `model.encode` on the same chunks.

    .venv/bin/python bench/index_throughput.py [--corpus seeds] [--repeat 2] [--json]

Runs each `--repeat` times, alternated, and keeps the fastest run of each. Prints chunks/s for both,
their ratio (goal >= 0.9: the pipeline adds almost nothing to the model's own cost) and the peak
resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from qa.chunking import chunk_document, document_title, passage_text
from qa.clean import clean
from qa.config import get_settings
from qa.corpus import load_corpus
from qa.index import build_index
from qa.wiring import chunker_params, load_embedder


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    settings = get_settings()
    parser.add_argument("--corpus", type=Path, default=settings.corpus_dir)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    embedder = load_embedder(settings)
    params = chunker_params(settings)
    documents, _ = load_corpus(args.corpus)
    texts = []  # exactly what the pipeline embeds: each chunk with its document's headline
    for doc in documents:
        cleaned = clean(doc.raw_text)
        title = document_title(cleaned.text)
        texts.extend(passage_text(c, title) for c in chunk_document(doc.id, cleaned, params))
    embedder.embed_passages(texts[:8])  # warm-up: first calls pay for allocations

    bare_runs, pipeline_runs = [], []
    for _ in range(args.repeat):  # alternated, so drift in the machine's speed hits both alike
        started = time.perf_counter()
        embedder.model.encode(
            texts, prompt=settings.passage_prompt, batch_size=settings.batch_size, normalize_embeddings=True
        )
        bare_runs.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as index_dir:
            report = build_index(args.corpus, Path(index_dir), embedder, params, rebuild=True)
        pipeline_runs.append(report.seconds)
    bare, pipeline = min(bare_runs), min(pipeline_runs)
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, python {platform.python_version()}",
        "corpus": str(args.corpus),
        "chunks": len(texts),
        "bare_encode_seconds": round(bare, 2),
        "bare_chunks_per_s": round(len(texts) / bare, 2),
        "runs": args.repeat,
        "pipeline_seconds": round(pipeline, 2),
        "pipeline_chunks_per_s": round(report.embedded / pipeline, 2),
        "ratio": round(bare / pipeline, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>24}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
