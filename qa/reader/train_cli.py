"""`qa train-reader`: reproduce the shipped reader weights from DRCD (converted to Simplified Chinese)."""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from qa.config import Settings
from qa.errors import QAError
from qa.reader.paths import WEIGHTS_DIR

logger = logging.getLogger(__name__)

DRCD_FILES = ("DRCD_dev.json", "DRCD_test.json")
# The settings the shipped weights were trained with (the rest are TrainParams' defaults).
EPOCHS, LEARNING_RATE, BATCH_SIZE, SEED = 1, 8e-4, 32, 13
RANK, FIRST_ADAPTED, MAX_LENGTH, OVERLAP, NEGATIVE_SHARE = 16, 4, 256, 96, 0.2


def add_train_arguments(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=settings.reader_train_data,
        help=f"folder with {' and '.join(DRCD_FILES)} (default {settings.reader_train_data})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=WEIGHTS_DIR,
        help="where reader.safetensors and its model card go (default: the shipped ones)",
    )
    parser.add_argument(
        "--checkpoint",
        type=Path,
        default=Path(".cache/reader-train/checkpoint.pt"),
        help="resumable progress (a run with the same settings continues from it)",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"default {EPOCHS}")
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE, help=f"default {LEARNING_RATE}")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"default {BATCH_SIZE}")
    parser.add_argument("--seed", type=int, default=SEED, help=f"default {SEED}")
    _add_model_arguments(parser)
    _add_budget_arguments(parser)


def _add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """The settings that change the trained weights beyond the optimiser's."""
    parser.add_argument("--rank", type=int, default=RANK, help=f"LoRA rank (default {RANK})")
    parser.add_argument(
        "--first-adapted",
        type=int,
        default=FIRST_ADAPTED,
        help=f"layers below this stay frozen and cached (default {FIRST_ADAPTED}; 0 adapts all)",
    )
    parser.add_argument(
        "--max-length", type=int, default=MAX_LENGTH, help=f"window tokens (default {MAX_LENGTH})"
    )
    parser.add_argument(
        "--overlap", type=int, default=OVERLAP, help=f"tokens shared by windows (default {OVERLAP})"
    )
    parser.add_argument(
        "--negative-share",
        type=float,
        default=NEGATIVE_SHARE,
        help=f"share of answerless windows kept to teach 'no answer' (default {NEGATIVE_SHARE})",
    )


def _add_budget_arguments(parser: argparse.ArgumentParser) -> None:
    """How long a run may take and where it runs (none of these change the weights)."""
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=None,
        help="stop after this many minutes of training (checkpointed; run again to resume)",
    )
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

    from qa.reader.drcd import load_examples

    paths = [data / name for name in DRCD_FILES]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise QAError(f"training data not found: {', '.join(missing)} (set --data)")
    return paths, *load_examples(paths, opencc.OpenCC("t2s").convert)


def _checkpoint_done(path: Path) -> int | None:
    import torch

    if not path.is_file():
        return None
    return int(torch.load(path, map_location="cpu", weights_only=True)["step"])


def _device(choice: str) -> str:
    import torch

    if choice == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return choice


def run_train_reader(args: argparse.Namespace, settings: Settings) -> int:
    """Train (or resume) until done or out of budget; when done, export the weights and the card."""
    import torch

    from qa.reader.card import export
    from qa.reader.model import SpanReaderNet
    from qa.reader.training import Budget, cache_lower, train, training_windows

    started, device = time.monotonic(), _device(args.device)
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    params = _params(args)
    tokenizer, encoder, backbone = _load_backbone(settings)
    paths, train_set, dev_set = _examples(args.data)
    net = SpanReaderNet.for_training(encoder, params.adapters, params.dropout).to(device)
    data = training_windows(tokenizer, train_set, params)
    planned = -(-len(data.starts) // params.batch_size) * params.epochs
    done = (_checkpoint_done(args.checkpoint) or 0) >= planned
    budget = Budget(args.max_minutes, args.max_steps)
    if not done and not train(net, data, cache_lower(net, data), params, budget, args.checkpoint):
        _add_seconds(args.checkpoint, time.monotonic() - started)
        print(f"stopped by the budget; progress saved in {args.checkpoint}: run again to resume")
        return 0
    _add_seconds(args.checkpoint, time.monotonic() - started)
    net.load_trained_state(torch.load(args.checkpoint, map_location="cpu", weights_only=True)["trained"])
    info = {
        "files": {p.name: p for p in paths}, "train_questions": len(train_set),
        "train_windows": len(data.starts), "steps": planned, "device": device,
        "wall_seconds": _seconds(args.checkpoint),
    }  # fmt: skip
    card = export(net.cpu(), params, args.out, backbone, tokenizer, dev_set, info)
    print(json.dumps(card["dev"], ensure_ascii=False))
    return 0


def _params(args: argparse.Namespace):
    from qa.reader.model import AdapterConfig
    from qa.reader.training import TrainParams
    from qa.reader.windows import WindowParams

    return TrainParams(
        epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.learning_rate, seed=args.seed,
        negative_share=args.negative_share,
        windows=WindowParams(max_length=args.max_length, overlap=args.overlap),
        # alpha = 2 x rank: the adapters' scale stays 2 whatever the rank
        adapters=AdapterConfig(first_adapted=args.first_adapted, rank=args.rank, alpha=2.0 * args.rank),
    )  # fmt: skip


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
