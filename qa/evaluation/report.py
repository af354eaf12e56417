"""Write an evaluation run as JSON, Markdown and (several retrievers) a PNG bar chart."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from qa.evaluation.aggregate import TABLE_COLUMNS, Miss
from qa.evaluation.harness import EvalResult
from qa.evaluation.metrics import EVIDENCE_SLACK, SHORT_FACTOR, SHORT_SLACK

logger = logging.getLogger(__name__)

CHART_METRICS = {"hit_at_1": "hit@1", "hit_at_k": "hit@k", "mrr": "MRR", "answer_accuracy": "answer acc"}
MARKDOWN_MISSES = 200

DEFINITIONS = f"""\
- **hit@1 / hit@k / MRR** (answerable items): a returned passage is a hit when it is in the gold document
  and its raw span `[start, end)` overlaps the gold evidence (located in the raw file with `str.find`);
  when the dataset gives no evidence, any passage of the gold document is a hit. MRR over the top k.
- **normalisation**: NFKC, lower case, whitespace and punctuation removed (kept: `%`, `‰`, a `.` between
  digits).
- **EM / F1** (CMRC 2018): exact equality after normalisation; character F1 using the longest common
  substring, max over golds. Refusals on answerable items score 0.
- **short containing**: a normalised gold occurs in the normalised answer and
  `len(answer) <= {SHORT_FACTOR} * len(gold) + {SHORT_SLACK}`. **answer acc** = EM or short containing.
- **cite verbatim**: share of all returned citations whose `quote` equals the raw file slice `[start:end]`.
- **cite in evidence** (answerable items the service answered): some citation overlaps the evidence span in
  the gold doc and is at most `max(2 * len(evidence), len(evidence) + {EVIDENCE_SLACK})` raw characters
  long; without evidence in the dataset, some citation of the gold doc contains a gold answer.
- **refusal acc**: unanswerable items refused; **false refusal**: answerable items refused.
- **p50 / p95 ms**: `Reply.seconds` per question; **wall** columns: wall clock of each `ask_batch` call
  divided by its batch size.
"""


@dataclass(frozen=True)
class RunInfo:
    """What was evaluated, for the report header."""

    dataset: str
    dataset_path: str
    corpus: str
    index: str
    k: int
    batch_size: int
    date: str
    limit: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    answerer: str = "reader"  # "reader" or "rules" (QA_READER=off)


def report_stem(info: RunInfo, modes: Sequence[str]) -> str:
    """`<dataset>-<date>-<answerer>`; a single retriever other than hybrid (or reading mode) adds
    `-<mode>`, so one run never overwrites another's report."""
    stem = f"{info.dataset}-{info.date}-{info.answerer}"
    if len(modes) == 1 and modes[0] != "hybrid":
        stem += f"-{modes[0]}"
    return stem


def metrics_json(info: RunInfo, results: Sequence[EvalResult]) -> dict[str, object]:
    """The one JSON object `--json` prints: run info, `retrievers: {mode: summary}` and `summary`."""
    main = next((r for r in results if r.mode == "hybrid"), results[0])
    return {
        "dataset": info.dataset,
        "corpus": info.corpus,
        "k": info.k,
        "batch_size": info.batch_size,
        "answerer": info.answerer,
        "date": info.date,
        "summary": main.summary,
        "retrievers": {r.mode: r.summary for r in results},
    }


def _fmt(value: object, key: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if key.endswith("_ms") or key == "questions_per_second" else f"{value:.3f}"
    return str(value)


def _table(rows: dict[str, dict], columns: dict[str, str], first: str) -> list[str]:
    lines = [
        "| " + " | ".join([first, *columns.values()]) + " |",
        "|" + "---|" * (len(columns) + 1),
    ]
    for name, row in rows.items():
        lines.append("| " + " | ".join([name, *(_fmt(row.get(key), key) for key in columns)]) + " |")
    return lines


def _cell(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _misses_section(result: EvalResult) -> list[str]:
    lines = [f"### Misses: {result.mode} ({len(result.misses)})", ""]
    if not result.misses:
        return [*lines, "None.", ""]
    lines += ["| id | type | question | gold | answer | first passage | rank | why |", "|---" * 8 + "|"]
    for miss in result.misses[:MARKDOWN_MISSES]:
        lines.append(_miss_row(miss))
    if len(result.misses) > MARKDOWN_MISSES:
        lines.append(f"\n{len(result.misses) - MARKDOWN_MISSES} more in the JSON report.")
    return [*lines, ""]


def _miss_row(miss: Miss) -> str:
    answer = miss.answer if miss.answered else f"(refused) {miss.answer}"
    cells = [
        miss.id,
        miss.type,
        _cell(miss.question),
        _cell(" / ".join(miss.gold) or "(unanswerable)", 40),
        _cell(answer),
        miss.first_doc or "–",
        _fmt(miss.hit_rank),
        miss.reason,
    ]
    return "| " + " | ".join(cells) + " |"


def markdown(info: RunInfo, results: Sequence[EvalResult], chart: Path | None) -> str:
    lines = [
        f"# Evaluation: {info.dataset} ({info.date})",
        "",
        f"- dataset: `{info.dataset_path}`" + (f" (first {info.limit} items)" if info.limit else ""),
        f"- corpus: `{info.corpus}`; index: `{info.index}`",
        f"- k = {info.k}; batch size = {info.batch_size}; "
        f"{results[0].summary['n']} questions ({results[0].summary['n_answerable']} answerable, "
        f"{results[0].summary['n_unanswerable']} unanswerable)",
        *(f"- {note}" for note in info.notes),
        "",
        "## Results",
        "",
    ]
    columns = {**TABLE_COLUMNS, "wall_per_question_p50_ms": "wall p50 ms", "questions_per_second": "q/s"}
    lines += _table({r.mode: r.summary for r in results}, columns, "retriever")
    if chart is not None:
        lines += ["", f"![retrievers compared]({chart.name})"]
    lines += ["", "## Definitions", "", DEFINITIONS]
    for result in results:
        lines += [f"## By question type: {result.mode}", ""]
        type_columns = {"n": "n", **{k: v for k, v in TABLE_COLUMNS.items() if not k.startswith("lat")}}
        lines += [*_table(result.by_type, type_columns, "type"), ""]
    lines += ["## Misses", ""]
    for result in results:
        lines += _misses_section(result)
    return "\n".join(lines)


def write_chart(results: Sequence[EvalResult], path: Path) -> Path:
    """Grouped bars, one colour per run, the legend beside the plot (never over the bars) and a
    y axis that starts just under the lowest bar, so differences of a few points show."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(results)
    lowest = 1.0
    for position, result in enumerate(results):
        values = [result.summary.get(key) or 0.0 for key in CHART_METRICS]
        lowest = min(lowest, *values)
        xs = [i + (position - (len(results) - 1) / 2) * width for i in range(len(CHART_METRICS))]
        bars = axes.bar(xs, values, width, label=result.mode)
        axes.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=7)
    axes.set_xticks(range(len(CHART_METRICS)), list(CHART_METRICS.values()))
    axes.set_ylim(max(0.0, round(lowest - 0.1, 1)), 1.04)
    axes.set_ylabel("score (axis does not start at 0)" if lowest > 0.1 else "score")
    k = results[0].k
    axes.set_title(f"{'reading mode' if k == 0 else f'k = {k}'}, n = {results[0].summary['n']}")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def write_reports(info: RunInfo, results: Sequence[EvalResult], folder: Path) -> list[Path]:
    """`<stem>.json`, `<stem>.md` and `<stem>.png` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = report_stem(info, [r.mode for r in results])
    chart = write_chart(results, folder / f"{stem}.png")
    data = {
        "run": asdict(info),
        **metrics_json(info, results),
        "results": [result.as_json() for result in results],
    }
    json_path = folder / f"{stem}.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path = folder / f"{stem}.md"
    md_path.write_text(markdown(info, results, chart), encoding="utf-8")
    written = [json_path, md_path, *([chart] if chart else [])]
    logger.info("wrote %s", ", ".join(map(str, written)))
    return written
