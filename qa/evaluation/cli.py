"""`qa eval`: score retrieval, answers and citations on a Q&A set; write JSON/Markdown/PNG reports."""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from qa.evaluation.aggregate import TABLE_COLUMNS
from qa.evaluation.dataset import dataset_name, load_dataset
from qa.evaluation.harness import DEFAULT_BATCH_SIZE, EvalResult, evaluate
from qa.evaluation.reading import evaluate_reading
from qa.evaluation.report import RunInfo, metrics_json, write_reports
from qa.limits import MAX_TOP_K

if TYPE_CHECKING:
    from qa.config import Settings
    from qa.service import QAService

logger = logging.getLogger(__name__)

MODES = ("hybrid", "rrf", "dense", "bm25")  # qa.retrieval.RETRIEVERS, without importing faiss for --help
ALL_ORDER = ("bm25", "dense", "rrf", "hybrid")
DEFAULT_DATASET = Path("eval/qa.jsonl")
DEFAULT_REPORTS = Path(".cache/eval-reports")  # ad-hoc runs; the committed ones are in eval/reports
EVAL_MODES = ("end-to-end", "reading")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _top_k(text: str) -> int:
    value = _positive(text)
    if value > MAX_TOP_K:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_TOP_K}, not {value}")
    return value


def add_eval_arguments(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help=f"default {DEFAULT_DATASET}")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=settings.corpus_dir,
        help=f"folder of the dataset's articles (default {settings.corpus_dir}); another folder is "
        f"indexed once into {settings.eval_cache}/<content hash>",
    )
    parser.add_argument("--k", type=_top_k, default=5, help="passages per question scored (default 5)")
    parser.add_argument(
        "--retriever",
        choices=[*MODES, "all"],
        default="hybrid",
        help="retriever to score (hybrid: convex fusion of dense and BM25 scores; rrf: reciprocal "
        "rank fusion of the same lists); 'all' compares the four on the same questions",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_SIZE,
        help=f"questions per ask_batch call (default {DEFAULT_BATCH_SIZE}; 1 = one by one)",
    )
    parser.add_argument(
        "--mode",
        choices=EVAL_MODES,
        default="end-to-end",
        help="end-to-end: retrieve, then answer (default); reading: answer from the gold document alone, "
        "its passages best first (scores the reader, or the rules with QA_READER=off, without retrieval "
        "choosing the document)",
    )
    parser.add_argument("--limit", type=_positive, default=None, help="only the first N questions")
    parser.add_argument(
        "--reports-dir",
        type=Path,
        default=DEFAULT_REPORTS,
        help=f"default {DEFAULT_REPORTS}; the README's measured runs use eval/reports",
    )
    parser.add_argument("--no-report", action="store_true", help="write no report files")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")


def _same_folder(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def prepare_service(settings: Settings, corpus: Path, progress: bool) -> tuple[QAService, Path]:
    """A service over an up-to-date index of `corpus` (the configured index, or a cached one keyed by
    the corpus's content hash) and the index folder used. The model is loaded once."""
    from qa.corpus import corpus_fingerprint
    from qa.errors import CorpusError
    from qa.wiring import build_index, load_embedder, load_service

    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist")
    if not _same_folder(corpus, settings.corpus_dir):
        index_dir = settings.eval_cache / corpus_fingerprint(corpus)
        settings = settings.model_copy(update={"corpus_dir": corpus, "index_dir": index_dir})
    embedder = load_embedder(settings)
    report = build_index(settings, embedder, progress=progress)
    logger.info("index %s: %d chunks, %d embedded now", settings.index_dir, report.chunks, report.embedded)
    return load_service(settings, embedder), settings.index_dir


def _print_table(results: list[EvalResult]) -> None:
    columns = {"n": "n", **TABLE_COLUMNS}
    widths = {key: max(len(label), 7) for key, label in columns.items()}
    print("retriever  " + " ".join(label.rjust(widths[key]) for key, label in columns.items()))
    for result in results:
        cells = []
        for key in columns:
            value = result.summary.get(key)
            text = "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
            if key.startswith("latency") and isinstance(value, float):
                text = f"{value:.1f}"
            cells.append(text.rjust(widths[key]))
        print(f"{result.mode:<10} " + " ".join(cells))


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    items = load_dataset(args.dataset, args.limit)
    progress = not args.no_progress
    service, index_dir = prepare_service(settings, args.corpus, progress)
    if args.mode == "reading":
        results = [evaluate_reading(service, items, args.corpus, args.batch_size, progress)]
    else:
        modes = list(ALL_ORDER) if args.retriever == "all" else [args.retriever]
        results = [
            evaluate(service, items, args.corpus, args.k, mode, args.batch_size, progress) for mode in modes
        ]
    info = RunInfo(
        dataset=dataset_name(args.dataset),
        dataset_path=str(args.dataset),
        corpus=str(args.corpus),
        index=str(index_dir),
        k=args.k,
        batch_size=args.batch_size,
        date=datetime.date.today().isoformat(),
        limit=args.limit,
        answerer="reader" if service.reader is not None else "rules",
    )
    written = [] if args.no_report else write_reports(info, results, args.reports_dir)
    if args.json:
        data = metrics_json(info, results) | {"reports": [str(path) for path in written]}
        print(json.dumps(data, ensure_ascii=False))
        return 0
    _print_table(results)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
