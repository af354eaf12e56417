"""Evaluation datasets: one JSON object per line, loaded into frozen items with line-numbered errors.

A line looks like `{"id", "question", "answers": [...], "doc": file name or null,
"evidence": exact raw substring or null, "type": ..., "history": [...]}`; `evidence`, `type` and
`history` are optional (CMRC 2018 has none of them). `doc` null means the question is unanswerable.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError

logger = logging.getLogger(__name__)

DEFAULT_TYPE = "all"
REFERENCE_NAME = "reference"
# A `qa.jsonl` in one of these folders is the project's own reference set.
_REFERENCE_FOLDERS = {"eval"}


class DatasetError(QAError):
    """The evaluation dataset cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class EvalItem:
    """One question with its gold answers, gold document and (optionally) the gold evidence."""

    id: str
    question: str
    answers: tuple[str, ...]
    doc: str | None
    evidence: str | None = None
    type: str = DEFAULT_TYPE
    history: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.doc is not None


def _strings(value: object, field_name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{field_name!r} must be a list of strings")
    return tuple(value)


def _optional_string(row: dict, field_name: str) -> str | None:
    value = row.get(field_name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{field_name!r} must be a string or null")
    return value or None


def parse_item(row: object) -> EvalItem:
    """One dataset row as an item; raises ValueError saying which field is wrong."""
    if not isinstance(row, dict):
        raise ValueError("a line must be a JSON object")
    missing = [name for name in ("id", "question", "answers") if name not in row]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    question = row["question"]
    if not isinstance(question, str) or not question.strip():
        raise ValueError("'question' must be a non-empty string")
    answers = tuple(a for a in _strings(row["answers"], "answers") if a.strip())
    doc = _optional_string(row, "doc")
    if doc is not None and not answers:
        raise ValueError(f"answerable item (doc {doc!r}) has no gold answer")
    item_type = _optional_string(row, "type") or DEFAULT_TYPE
    return EvalItem(
        id=str(row["id"]),
        question=question,
        answers=answers,
        doc=doc,
        evidence=_optional_string(row, "evidence") if doc is not None else None,
        type=item_type,
        history=_strings(row.get("history") or [], "history"),
    )


def load_dataset(path: Path, limit: int | None = None) -> tuple[EvalItem, ...]:
    """The items of a `.jsonl` file in file order (the first `limit` if given); blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DatasetError(f"cannot read dataset {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise DatasetError(f"dataset {path} is not UTF-8: {error}") from error
    items: list[EvalItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = parse_item(json.loads(line))
        except json.JSONDecodeError as error:
            raise DatasetError(f"{path}:{number}: not valid JSON ({error.msg})") from error
        except ValueError as error:
            raise DatasetError(f"{path}:{number}: {error}") from error
        if item.id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
        if limit is not None and len(items) >= limit:
            break
    if not items:
        raise DatasetError(f"dataset {path} holds no question")
    logger.info("loaded %d items from %s", len(items), path)
    return tuple(items)


def dataset_name(path: Path) -> str:
    """The report name: `eval/qa.jsonl` is "reference", `<folder>/qa.jsonl` is the folder, else the stem."""
    if path.name == "qa.jsonl":
        folder = path.resolve().parent.name
        return REFERENCE_NAME if folder in _REFERENCE_FOLDERS else folder
    return path.stem
