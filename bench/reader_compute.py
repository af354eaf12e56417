"""How close one question's reader pass already runs to what this machine's cores can compute.

    .venv/bin/python bench/reader_compute.py [--windows 32] [--batches 1 8 32] [--json]

Builds real full-length reader windows (the questions of eval/qa.jsonl, each with a passage of the
configured index: `qa index` first), counts the arithmetic of one forward pass (every linear map it
calls, float16-packed ones included, plus attention's two products), and times the
pass one window at a time and in batches, with 1 thread and with all of them. It also times a large
float32 matrix product, the best rate the cores reach at all (a ceiling for any batching).

Why: micro-batching raises throughput only where a lone request leaves the cores idle. If one window
already runs at a large share of that ceiling, no batching of concurrent questions can multiply
throughput by much more than ceiling / lone rate; this script prints that bound.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from qa.config import get_settings
from qa.index import load_index
from qa.reader.windows import make_windows
from qa.stores import store_from_settings
from qa.wiring import chunker_params, load_embedder, load_reader


def _seconds(run, repeats: int, tries: int = 3) -> float:
    """Best of `tries` timings of `repeats` calls, per call (after one warm-up call): this machine's
    neighbours make single timings vary by a third."""
    run()
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        for _ in range(repeats):
            run()
        best = min(best, (time.perf_counter() - started) / repeats)
    return best


def matmul_ceiling(sizes: tuple[int, ...] = (1024, 1536, 2048)) -> float:
    """GFLOP/s of the fastest square float32 matrix product: about the best these cores do."""
    rates = []
    for size in sizes:
        a, b = torch.randn(size, size), torch.randn(size, size)
        rates.append(2 * size**3 / _seconds(lambda a=a, b=b: a @ b, 3, tries=5) / 1e9)
    return max(rates)


def forward_flops(net: torch.nn.Module, ids: torch.Tensor, mask: torch.Tensor) -> float:
    """Multiply-adds x 2 of one forward pass: each linear map's calls, from the shapes it sees, plus
    attention's scores and weighted sum (4 x tokens² x width per layer)."""
    total = 0.0

    def count(module, inputs, _output) -> None:
        nonlocal total
        rows = inputs[0].numel() / module.in_features
        total += 2 * rows * module.in_features * module.out_features

    linears = [m for m in net.modules() if hasattr(m, "in_features") and hasattr(m, "out_features")]
    handles = [m.register_forward_hook(count) for m in linears]
    try:
        net(ids, mask)
    finally:
        for handle in handles:
            handle.remove()
    tokens, width = ids.shape[1], net.head.in_features
    return total + len(net.layers) * ids.shape[0] * 4 * tokens**2 * width


def reader_windows(count: int) -> tuple[object, torch.Tensor, torch.Tensor]:
    """`count` windows with no padding (three chunks joined fill one), so a batch pads nothing."""
    settings = get_settings()
    embedder = load_embedder(settings)
    reader = load_reader(settings, embedder)
    if reader is None:
        raise SystemExit("QA_READER is off: nothing to measure")
    index = load_index(settings.index_dir, embedder, chunker_params(settings), store_from_settings(settings))
    questions = [json.loads(line)["question"] for line in Path("eval/qa.jsonl").read_text().splitlines()]
    chunks = index.chunks
    passages = ["".join(c.text for c in chunks[n : n + 3]) for n in range(0, len(chunks) - 2)]
    pairs = [(questions[n % len(questions)], passages[(7 * n) % len(passages)]) for n in range(count)]
    windows = make_windows(reader.tokenizer, [q for q, _ in pairs], [p for _, p in pairs], reader.windows)
    full = windows.attention_mask.all(axis=1).nonzero()[0][:count]
    if len(full) < count:
        raise SystemExit(f"only {len(full)} full-length windows in this corpus; ask for fewer")
    ids, mask = windows.input_ids[full], windows.attention_mask[full]
    return reader.net, torch.from_numpy(ids), torch.from_numpy(mask)


def measure(count: int, batches: list[int]) -> dict[str, float]:
    net, ids, mask = reader_windows(count)
    figures: dict[str, float] = {"tokens_per_window": float(ids.shape[1])}
    with torch.inference_mode():
        figures["gflop_per_window"] = forward_flops(net, ids[:1], mask[:1]) / 1e9
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        figures["ms_per_window_batch1_one_thread"] = 1000 * _seconds(lambda: net(ids[:1], mask[:1]), 8)
        torch.set_num_threads(threads)
        for batch in sorted({1, *batches}):
            per_call = _seconds(lambda b=batch: net(ids[:b], mask[:b]), max(1, 16 // batch), tries=5)
            figures[f"ms_per_window_batch{batch}"] = 1000 * per_call / batch
    figures["ceiling_gflops"] = matmul_ceiling()
    lone = figures["ms_per_window_batch1"]
    figures["lone_gflops"] = figures["gflop_per_window"] / (lone / 1000)
    figures["lone_share_of_ceiling"] = figures["lone_gflops"] / figures["ceiling_gflops"]
    figures["best_batching_gain_bound"] = 1 / figures["lone_share_of_ceiling"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=32, help="real windows built (the largest batch)")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(max(args.windows, *args.batches), args.batches)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        print(f"{name:34s} {value:10.2f}")
    print(
        f"one window alone runs at {figures['lone_share_of_ceiling']:.0%} of the cores' matmul rate: "
        f"batching concurrent questions can raise reader throughput at most "
        f"{figures['best_batching_gain_bound']:.1f}x"
    )


if __name__ == "__main__":
    main()
