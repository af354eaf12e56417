"""Write DRCD's held-out dev split (the articles `qa train-reader` never trains on) as a corpus and a
question file, so the answering path (reader + checks) can be tuned on it without touching CMRC, our
benchmark. Articles stay in Traditional characters: that path is exercised too.

    .venv/bin/python eval/drcd_dev.py            # → .cache/drcd-dev/{corpus/,qa.jsonl}
    .venv/bin/qa eval --mode reading --dataset .cache/drcd-dev/qa.jsonl --corpus .cache/drcd-dev/corpus
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from qa.reader.drcd import held_out

FILES = ("DRCD_dev.json", "DRCD_test.json")


def write_dev_split(data: Path, out: Path) -> tuple[int, int]:
    """One file per paragraph of a held-out article; returns (paragraphs, questions)."""
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    rows, paragraphs = [], 0
    for name in FILES:
        for article in json.loads((data / name).read_text(encoding="utf-8"))["data"]:
            if not held_out(article["title"]):
                continue
            for paragraph in article["paragraphs"]:
                paragraphs += 1
                doc = f"d{paragraphs:04d}.txt"
                (corpus / doc).write_text(paragraph["context"] + "\n", encoding="utf-8")
                rows.extend(_row(qa, doc) for qa in paragraph["qas"])
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (out / "qa.jsonl").write_text(lines, encoding="utf-8")
    return paragraphs, len(rows)


def _row(qa: dict, doc: str) -> dict:
    answers = [answer["text"] for answer in qa["answers"]]
    return {"id": str(qa["id"]), "question": qa["question"], "answers": answers, "doc": doc}


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--data", type=Path, default=Path("../shared/training/drcd"), help="DRCD folder")
    parser.add_argument("--out", type=Path, default=Path(".cache/drcd-dev"), help="output folder")
    args = parser.parse_args()
    paragraphs, questions = write_dev_split(args.data, args.out)
    print(f"wrote {paragraphs} passages and {questions} questions to {args.out}")


if __name__ == "__main__":
    main()
