"""`qa index | ask | serve | eval`: the command line edge. Library errors become one-line messages.

The library knows nothing of HTTP: `serve` runs the server that `main` is given. The `qa` command
(api.main) gives it the FastAPI app; `python -m qa.cli` alone has every command but `serve`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from functools import partial

from qa.config import Settings, get_settings
from qa.errors import QAError
from qa.logs import configure_logging

# Runs the HTTP server with these settings (host and port included) until it is stopped.
Server = Callable[[Settings], None]


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from qa.wiring import build_index, load_embedder

    progress = not args.json and sys.stderr.isatty() or args.progress
    # skipped files are logged once, by name, as the corpus is read
    report = build_index(settings, load_embedder(settings), rebuild=args.rebuild, progress=progress)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(
            f"index {settings.index_dir}: {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged documents; "
            f"{report.chunks} chunks, {report.embedded} embedded in {report.seconds:.1f}s"
        )
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from qa.chat_cli import answerer, format_reply

    reply = answerer(settings)(args.question, args.history or (), args.top_k or settings.top_k)
    print(json.dumps(reply, ensure_ascii=False, indent=2) if args.json else format_reply(reply))
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from qa.chat_cli import answerer, chat_loop

    return chat_loop(answerer(settings), args.top_k or settings.top_k)


def _cmd_serve(args: argparse.Namespace, settings: Settings, server: Server | None = None) -> int:
    if server is None:
        raise QAError("this entry point has no HTTP server: run `qa serve` (or `python -m api serve`)")
    server(settings.model_copy(update={"host": args.host, "port": args.port}))
    return 0


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from qa.evaluation.cli import run_eval

    return run_eval(args, settings)


def _cmd_train_reader(args: argparse.Namespace, settings: Settings) -> int:
    from qa.reader.train_cli import run_train_reader

    return run_train_reader(args, settings)


def _add_serve(commands: argparse._SubParsersAction, settings: Settings) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API (POST /ask, GET /health, /docs)")
    serve.add_argument("--host", default=settings.host, help=f"default {settings.host}")
    serve.add_argument("--port", type=int, default=settings.port, help=f"default {settings.port}")
    serve.set_defaults(handler=_cmd_serve)


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qa",
        description="Answer questions about a folder of Chinese articles, citing the exact source text. "
        "Settings come from QA_* environment variables (QA_CORPUS_DIR, QA_INDEX_DIR, QA_EMBED_MODEL, ...).",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    _add_index(commands, settings)
    ask = commands.add_parser(
        "ask",
        help="answer one question from the index",
        description="Print the answer and the verbatim passages it is quoted from "
        "([file start-end] offsets into the raw file). With QA_URL set (e.g. http://127.0.0.1:8000), "
        "a running `qa serve` answers: no model is loaded here.",
    )
    ask.add_argument("question", help="the question, e.g. 1-11月全镇工业总产值是多少？")
    ask.add_argument("--history", nargs="*", help="earlier questions of the conversation, oldest first")
    ask.add_argument("--top-k", type=int, default=None, help=f"passages to return (default {settings.top_k})")
    ask.add_argument("--json", action="store_true", help="print the same JSON object as POST /ask")
    ask.set_defaults(handler=_cmd_ask)

    chat = commands.add_parser(
        "chat",
        help="a conversation in the terminal: the model is loaded once, follow-ups work",
        description="Read questions from the terminal (or stdin) until Ctrl-D; each earlier question "
        "is the history of the next, so '那规上产值呢？' follows up. With QA_URL set, a running "
        "`qa serve` answers instead of a model loaded here.",
    )
    chat.add_argument("--top-k", type=int, default=None, help=f"passages (default {settings.top_k})")
    chat.set_defaults(handler=_cmd_chat)

    _add_serve(commands, settings)
    _add_eval(commands, settings)
    _add_train_reader(commands, settings)
    return parser


def _add_index(commands: argparse._SubParsersAction, settings: Settings) -> None:
    index = commands.add_parser(
        "index",
        help="build or update the index of the corpus folder",
        description=f"Index the .txt files of {settings.corpus_dir} (QA_CORPUS_DIR) into "
        f"{settings.index_dir} (QA_INDEX_DIR). Only new or changed documents are embedded again; "
        "deleted ones drop out. Each build goes to a new generation folder switched in atomically, "
        "so an interrupted build leaves the previous index served.",
    )
    index.add_argument("--rebuild", action="store_true", help="start over instead of reusing vectors")
    index.add_argument("--json", action="store_true", help="print the report as one JSON object")
    index.add_argument("--progress", action="store_true", help="show the progress bar even with --json")
    index.set_defaults(handler=_cmd_index)


def _add_eval(commands: argparse._SubParsersAction, settings: Settings) -> None:
    from qa.evaluation.cli import add_eval_arguments

    evaluate = commands.add_parser("eval", help="score answers, citations and retrieval on a Q&A set")
    add_eval_arguments(evaluate, settings)
    evaluate.set_defaults(handler=_cmd_eval)


def _add_train_reader(commands: argparse._SubParsersAction, settings: Settings) -> None:
    from qa.reader.train_cli import add_train_arguments

    trainer = commands.add_parser(
        "train-reader",
        help="train the span reader (reproduces the shipped weights)",
        description="Train the answer reader (LoRA adapters and a start/end head on the embedding "
        "model) on DRCD converted to Simplified Chinese, then write reader.safetensors, its dev "
        "score and a model card. Resumable: progress is checkpointed and a rerun continues it.",
    )
    add_train_arguments(trainer, settings)
    trainer.set_defaults(handler=_cmd_train_reader)


def main(argv: Sequence[str] | None = None, server: Server | None = None) -> int:
    """Run one command; `server` is what `qa serve` runs (the HTTP edge passes it in)."""
    settings = get_settings()
    args = build_parser(settings).parse_args(argv)
    default_level = "INFO" if args.verbose or args.command == "serve" else "WARNING"
    configure_logging(settings.log_level or default_level, settings.log_format)
    handler = partial(_cmd_serve, server=server) if args.command == "serve" else args.handler
    try:
        return handler(args, settings)
    except QAError as error:
        print(f"qa {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"qa {args.command}: interrupted; the previous index is untouched", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
