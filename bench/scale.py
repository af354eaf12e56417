"""Dense search at scale: query latency, recall and memory of FAISS flat, FAISS approximate (HNSW,
IVF) and Milvus Lite at 10k, 100k and 1M chunks of synthetic vectors.

    .venv/bin/python bench/scale.py [--sizes 10000 100000 1000000] [--milvus-max 100000] [--json]

The vectors are invented: unit vectors of the model's 384 dimensions around 2,000 topic centres
(real passage embeddings cluster by topic; uniform random vectors have no neighbours worth the name),
and each query is a noisy copy of a random passage. Recall@10 is measured against exact (flat)
search over the same vectors; quality on real questions is `qa eval`'s job. Latency is one query at
a time, as `POST /ask` searches. Memory is the growth of this process's resident set while the
index is built and searched. Milvus Lite runs in this process too (pymilvus starts it in a thread),
so its figures include its gRPC round trip. Sizes above --milvus-max skip Milvus Lite (its inserts
go through gRPC in Python: 7.4 minutes per million dense vectors with its IVF build, on 2 cores),
and above --hnsw-max FAISS HNSW (its build took 12 minutes for 100k vectors on the loaded 2-core
machine: hours for a million).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

from qa.dense import DenseIndex, ivf_shape

DIM = 384
CENTRES = 2000
NOISE = 0.05  # per dimension: noise of norm ~1 around topic centres of norm 1
QUERIES = 200
K = 10


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def synthetic(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`count` passage vectors and QUERIES query vectors, float32, unit length (made in slices)."""
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((CENTRES, DIM)).astype(np.float32))
    vectors = np.empty((count, DIM), dtype=np.float32)
    for start in range(0, count, 100_000):
        size = min(100_000, count - start)
        noise = NOISE * rng.standard_normal((size, DIM), dtype=np.float32)
        rows = centres[rng.integers(0, CENTRES, size)] + noise
        vectors[start : start + size] = _unit(rows)
    picked = vectors[rng.integers(0, count, QUERIES)]
    queries = _unit(picked + NOISE * rng.standard_normal((QUERIES, DIM), dtype=np.float32))
    return vectors, queries


def _rss() -> int:
    return psutil.Process().memory_info().rss


def _latencies(search, queries: np.ndarray) -> tuple[list[float], list[set[int]]]:
    seconds, found = [], []
    for query in queries:
        started = time.perf_counter()
        hits = search(query[None, :])
        seconds.append(time.perf_counter() - started)
        found.append(set(hits))
    return seconds, found


def _row(name: str, count: int, seconds: list[float], found, truth, build: float, memory: int) -> dict:
    recall = float(np.mean([len(f & t) / K for f, t in zip(found, truth, strict=False)]))
    return {
        "index": name,
        "chunks": count,
        "p50_ms": round(1000 * float(np.median(seconds)), 2),
        "p95_ms": round(1000 * float(np.percentile(seconds, 95)), 2),
        "recall_at_10": round(recall, 4),
        "build_s": round(build, 1),
        "memory_mib": round(memory / 2**20),
    }


def bench_faiss(kind: str, vectors: np.ndarray, queries: np.ndarray, truth) -> list[dict]:
    """One row; for IVF one per number of lists visited (the default, then twice and four times
    as many), as that is the knob that trades speed for recall."""
    gc.collect()
    before = _rss()
    started = time.perf_counter()
    index = DenseIndex.build(vectors, kind)
    build = time.perf_counter() - started
    memory = _rss() - before

    def search(query: np.ndarray) -> list[int]:
        return [i for i, _ in index.search_batch(query, K)[0]]

    if kind != "ivf":
        seconds, found = _latencies(search, queries)
        return [_row(f"faiss-{kind}", len(vectors), seconds, found, truth, build, memory)]
    rows = []
    _, probes = ivf_shape(len(vectors))
    for factor in (1, 2, 4):
        index._index.nprobe = probes * factor
        seconds, found = _latencies(search, queries)
        rows.append(_row(f"faiss-ivf/{probes * factor}", len(vectors), seconds, found, truth, build, memory))
    return rows


def bench_milvus(kind: str, vectors: np.ndarray, queries: np.ndarray, truth, folder: Path) -> dict:
    from pymilvus import DataType, MilvusClient

    from qa.stores.milvus_store import _dense_index

    gc.collect()
    before = _rss()
    client = MilvusClient(str(folder / f"bench-{kind}-{len(vectors)}.db"))
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("pk", DataType.INT64, is_primary=True)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
    index, search_params = _dense_index(kind, len(vectors))
    params = client.prepare_index_params()
    params.add_index("dense", metric_type="IP", **index)
    started = time.perf_counter()
    client.create_collection("bench", schema=schema, index_params=params)
    for start in range(0, len(vectors), 5000):
        part = vectors[start : start + 5000]
        client.insert("bench", [{"pk": start + i, "dense": row} for i, row in enumerate(part.tolist())])
    client.flush("bench")
    client.load_collection("bench")
    client.search("bench", data=[queries[0].tolist()], anns_field="dense", limit=K)  # builds lazily
    build = time.perf_counter() - started

    def search(query: np.ndarray) -> list[int]:
        hits = client.search(
            "bench",
            data=query.tolist(),
            anns_field="dense",
            limit=K,
            output_fields=["pk"],
            search_params={"metric_type": "IP", "params": search_params},
        )
        return [int(hit["pk"]) for hit in hits[0]]

    seconds, found = _latencies(search, queries)
    row = _row(f"milvus-lite-{kind}", len(vectors), seconds, found, truth, build, _rss() - before)
    client.drop_collection("bench")
    client.close()
    return row


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--faiss", nargs="*", default=["flat", "hnsw", "ivf"], help="FAISS indexes to time")
    parser.add_argument("--milvus", nargs="*", default=["flat", "ivf"], help="Milvus Lite indexes to time")
    parser.add_argument("--milvus-max", type=int, default=100_000, help="largest size Milvus Lite gets")
    parser.add_argument("--hnsw-max", type=int, default=100_000, help="largest size FAISS HNSW gets")
    parser.add_argument("--queries", type=int, default=QUERIES, help=f"queries timed (at most {QUERIES})")
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in args.sizes:
            vectors, queries = synthetic(count)
            exact = DenseIndex.build(vectors)
            truth = [{i for i, _ in hits} for hits in exact.search_batch(queries, K)]
            del exact
            for kind in args.faiss:
                if kind == "hnsw" and count > args.hnsw_max:
                    continue
                for row in bench_faiss(kind, vectors, queries[: args.queries], truth):
                    rows.append(row)
                    print(json.dumps(row), file=sys.stderr, flush=True)
            for kind in args.milvus if count <= args.milvus_max else ():
                rows.append(bench_milvus(kind, vectors, queries[: args.queries], truth, Path(folder)))
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows))
    else:
        print(f"{platform.machine()}, {psutil.cpu_count()} CPUs, {DIM} dims, {args.queries} single queries")
        print(
            f"{'index':<20}{'chunks':>9}{'p50 ms':>9}{'p95 ms':>9}{'recall@10':>11}{'build s':>9}{'MiB':>7}"
        )
        for row in rows:
            print(
                f"{row['index']:<20}{row['chunks']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}"
                f"{row['recall_at_10']:>11}{row['build_s']:>9}{row['memory_mib']:>7}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
