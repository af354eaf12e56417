"""`qa train-reader`: reproduce the shipped reader weights from DRCD (converted to Simplified Chinese)."""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import torch

from qa.config import Settings
from qa.errors import QAError
from qa.reader.card import export
from qa.reader.drcd import load_examples
from qa.reader.model import SpanReaderNet
from qa.reader.paths import WEIGHTS_DIR
from qa.reader.training import Budget, TrainParams, cache_lower, train, training_windows

logger = logging.getLogger(__name__)

DRCD_FILES = ("DRCD_dev.json", "DRCD_test.json")
DEFAULTS = TrainParams(epochs=2, learning_rate=6e-4)


def add_train_arguments(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--data", type=Path, default=settings.reader_train_data,
                        help=f"folder with {' and '.join(DRCD_FILES)} (default {settings.reader_train_data})")
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR,
                        help="where reader.safetensors and its model card go (default: the shipped ones)")
    parser.add_argument("--checkpoint", type=Path, default=Path(".cache/reader-train/checkpoint.pt"),
                        help="resumable progress (a run with the same settings continues from it)")
    parser.add_argument("--epochs", type=int, default=DEFAULTS.epochs)
    parser.add_argument("--learning-rate", type=float, default=DEFAULTS.learning_rate)
    parser.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    parser.add_argument("--seed", type=int, default=DEFAULTS.seed)
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="stop after this many minutes of training (checkpointed; run again to resume)")
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many optimiser steps")
    parser.add_argument("--device", default="auto", help="auto (CUDA when there is one), cpu or cuda")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: torch's choice)")
    # fmt: skip


def _load_backbone(settings: Settings):
    from transformers import AutoModel, AutoTokenizer

    from qa.models import resolve_model

    folder = resolve_model(settings.embed_model, settings.model_cache)
    return AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval(), folder


def _examples(data: Path):
    import opencc

    paths = [data / name for name in DRCD_FILES]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise QAError(f"training data not found: {', '.join(missing)} (set --data)")
    return paths, *load_examples(paths, opencc.OpenCC("t2s").convert)


def _checkpoint_done(path: Path) -> int | None:
    if not path.is_file():
        return None
    return int(torch.load(path, map_location="cpu", weights_only=True)["step"])


def run_train_reader(args: argparse.Namespace, settings: Settings) -> int:
    started = time.monotonic()
    if args.threads:
        torch.set_num_threads(args.threads)
    device = "cuda" if args.device == "auto" and torch.cuda.is_available() else args.device
    device = "cpu" if device == "auto" else device
    torch.manual_seed(args.seed)
    params = TrainParams(
        epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.learning_rate, seed=args.seed
    )
    tokenizer, encoder, backbone = _load_backbone(settings)
    paths, train_set, dev_set = _examples(args.data)
    net = SpanReaderNet.for_training(encoder, params.adapters, params.dropout).to(device)
    data = training_windows(tokenizer, train_set, params)
    planned = -(-len(data.starts) // params.batch_size) * params.epochs
    if (_checkpoint_done(args.checkpoint) or 0) < planned:
        hidden = cache_lower(net, data)
        if not train(net, data, hidden, params, Budget(args.max_minutes, args.max_steps), args.checkpoint):
            _add_seconds(args.checkpoint, time.monotonic() - started)
            print(f"stopped by the budget; progress saved in {args.checkpoint}: run again to resume")
            return 0
    _add_seconds(args.checkpoint, time.monotonic() - started)
    saved = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    net.load_trained_state(saved["trained"])
    card = export(
        net.cpu(), params, args.out, backbone, tokenizer, dev_set,
        {"files": {p.name: p for p in paths}, "train_questions": len(train_set),
         "train_windows": len(data.starts), "steps": planned, "device": device,
         "wall_seconds": _seconds(args.checkpoint)},
    )  # fmt: skip
    print(json.dumps(card["dev"], ensure_ascii=False))
    return 0


def _time_file(checkpoint: Path) -> Path:
    return checkpoint.with_suffix(".seconds.json")


def _seconds(checkpoint: Path) -> float:
    try:
        return float(json.loads(_time_file(checkpoint).read_text())["seconds"])
    except (OSError, ValueError, KeyError):
        return 0.0


def _add_seconds(checkpoint: Path, seconds: float) -> None:
    """Wall time summed over the runs that made one checkpoint (a resumed run adds its own)."""
    if checkpoint.is_file():
        total = _seconds(checkpoint) + seconds
        _time_file(checkpoint).write_text(json.dumps({"seconds": round(total, 1)}))
