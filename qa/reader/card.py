"""Writing the trained reader: weights as safetensors, the dev score, and a model card beside them."""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import torch
from tqdm import tqdm

from qa.evaluation.metrics import exact_match, f1_score, mean
from qa.reader.drcd import Example
from qa.reader.model import SpanReaderNet
from qa.reader.paths import WEIGHTS_FILE
from qa.reader.reader import SpanReader
from qa.reader.training import TrainParams

CARD_JSON = "model_card.json"
CARD_MD = "MODEL_CARD.md"


def score_reading(reader: SpanReader, examples: Sequence[Example], batch: int = 8) -> dict[str, float]:
    """EM / F1 (CMRC character metrics, in %) of the best span given the gold passage."""
    em, f1 = [], []
    for first in tqdm(range(0, len(examples), batch), desc="dev", unit="batch"):
        chunk = examples[first : first + batch]
        guesses = reader.read_batch([(e.question, e.context) for e in chunk])
        best: dict[int, str] = {}
        for guess in guesses:  # sorted best first
            best.setdefault(guess.pair, chunk[guess.pair].context[guess.start : guess.end])
        for index, example in enumerate(chunk):
            em.append(exact_match(best.get(index, ""), example.answers))
            f1.append(f1_score(best.get(index, ""), example.answers))
    return {"questions": len(examples), "em": round(100 * mean(em), 1), "f1": round(100 * mean(f1), 1)}


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


MAX_WEIGHTS_BYTES = 10_000_000  # the repository's cap on the shipped reader file


def save_weights(
    state: dict[str, torch.Tensor], params: TrainParams, path: Path, max_bytes: int = MAX_WEIGHTS_BYTES
) -> None:
    """The adapters and head as safetensors, with what loading needs in its metadata (atomic).
    float32, or float16 where float32 would pass `max_bytes` (rank 32 on all 12 layers: 10.6 MB ->
    5.3 MB); loading casts back to float32 either way."""
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = params.adapters.to_metadata()
    metadata["windows"] = json.dumps(params.to_dict()["windows"])
    temp = path.with_name(f".{path.name}.tmp")
    full = sum(value.numel() * 4 for value in state.values())
    dtype = torch.float32 if full <= max_bytes else torch.float16
    tensors = {key: value.detach().cpu().to(dtype).contiguous() for key, value in state.items()}
    save_file(tensors, str(temp), metadata=metadata)
    temp.chmod(0o644)
    temp.replace(path)


def export(
    net: SpanReaderNet, params: TrainParams, out: Path, backbone: str, tokenizer,
    dev: Sequence[Example], info: dict,
) -> dict:  # fmt: skip
    """Save the weights, score them on the dev split, and write the card; returns the card."""
    from transformers import AutoModel

    save_weights(net.trained_state(), params, out / WEIGHTS_FILE)
    reader = SpanReader.load(out / WEIGHTS_FILE, AutoModel.from_pretrained(backbone).eval(), tokenizer)
    card = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "weights_sha256": _sha256(out / WEIGHTS_FILE),
        "weights_bytes": (out / WEIGHTS_FILE).stat().st_size,
        "data_sha256": {name: _sha256(path) for name, path in info["files"].items()},
        "conversion": "OpenCC t2s (PyPI opencc)",
        "settings": params.to_dict(),
        "commit": _commit(),
        "device": info["device"]
        if info["device"] != "cpu"
        else f"cpu ({platform.processor() or 'x86_64'}, {torch.get_num_threads()} threads)",
        "torch": torch.__version__,
        "train_questions": info["train_questions"],
        "train_windows": info["train_windows"],
        "steps": info["steps"],
        "wall_seconds": info["wall_seconds"],
        "dev": score_reading(reader, dev),
    }
    (out / CARD_JSON).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / CARD_MD).write_text(_markdown(card), encoding="utf-8")
    return card


def _markdown(card: dict) -> str:
    settings = card["settings"]
    return "\n".join([
        "# Span reader — model card", "",
        "The multilingual-e5-small encoder (the embedder's own weights, shared in memory) with LoRA "
        f"adapters (rank {settings['adapters']['rank']}) on layers {settings['adapters']['first_adapted']}"
        "–11 and a start/end head. Reproduce with `qa train-reader`.", "",
        f"- Training data: DRCD dev + test (CC BY-SA 3.0), converted with {card['conversion']}; "
        "one article in 20 held out as dev. Never CMRC, never `eval/qa.jsonl`.",
        *[f"  - `{name}` sha256 `{digest}`" for name, digest in card["data_sha256"].items()],
        f"- {card['train_questions']} questions, {card['train_windows']} windows, {card['steps']} steps.",
        f"- Settings: `{json.dumps(settings)}`",
        f"- Commit `{card['commit']}`, device {card['device']}, torch {card['torch']}, "
        f"wall time {card['wall_seconds'] / 60:.1f} min.",
        f"- Dev (held-out DRCD, gold passage, {card['dev']['questions']} questions): "
        f"EM {card['dev']['em']} / F1 {card['dev']['f1']}.",
        f"- Weights: `{WEIGHTS_FILE}`, {card['weights_bytes']} bytes, sha256 `{card['weights_sha256']}`.", "",
    ])  # fmt: skip
