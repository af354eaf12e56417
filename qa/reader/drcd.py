"""DRCD (SQuAD layout, Traditional Chinese) → Simplified-Chinese training and dev examples."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEV_SHARE = 20  # one article in this many (by a hash of its title) is held out as the dev split


@dataclass(frozen=True)
class Example:
    """One question over one passage, with its first gold answer as a character span."""

    id: str
    question: str
    context: str
    answer_start: int
    answer_text: str
    answers: tuple[str, ...]


def files_sha256(paths: Iterable[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def held_out(title: str) -> bool:
    """Whether an article (by its title) belongs to the dev split: one in DEV_SHARE, by hash."""
    return int(hashlib.sha256(title.encode()).hexdigest(), 16) % DEV_SHARE == 0


def load_examples(paths: Iterable[Path], convert) -> tuple[list[Example], list[Example]]:
    """(train, dev) examples of every file, each text passed through `convert` (e.g. OpenCC t2s).

    An answer whose converted text is not found at its offset is looked up near it, else dropped.
    """
    train, dev = [], []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        for article in data:
            target = dev if held_out(article["title"]) else train
            for paragraph in article["paragraphs"]:
                target.extend(_paragraph_examples(paragraph, convert))
    return train, dev


def _paragraph_examples(paragraph: dict, convert) -> list[Example]:
    context = convert(paragraph["context"])
    examples = []
    for qa in paragraph["qas"]:
        answers = tuple(convert(a["text"]) for a in qa["answers"])
        first = qa["answers"][0]
        text, start = convert(first["text"]), int(first["answer_start"])
        if context[start : start + len(text)] != text:
            found = context.find(text, max(0, start - 20))
            if found < 0:
                continue
            start = found
        examples.append(Example(str(qa["id"]), convert(qa["question"]), context, start, text, answers))
    return examples
