"""`qa chat` (a conversation that loads the model once) and the answering behind `qa ask`: in this
process, or through a server already running at QA_URL (no model load at all)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence

from qa.config import Settings
from qa.errors import QAError

Answerer = Callable[[str, Sequence[str], int], dict]


class ServerError(QAError):
    """The server at QA_URL refused the question or could not be reached."""


def remote_answerer(url: str, timeout: float = 120.0) -> Answerer:
    """Ask POST {url}/ask; the reply is the same JSON object as `qa ask --json` prints."""

    def ask(question: str, history: Sequence[str], top_k: int) -> dict:
        body = json.dumps({"question": question, "history": list(history), "top_k": top_k}).encode()
        request = urllib.request.Request(
            f"{url.rstrip('/')}/ask", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("detail", error.reason)
            raise ServerError(f"{url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError) as error:
            raise ServerError(f"no server answers at {url} (QA_URL): {error}") from None

    return ask


def local_answerer(settings: Settings) -> Answerer:
    """Load the model and the index once, in this process."""
    from qa.responses import reply_to_json
    from qa.wiring import load_service

    service = load_service(settings)

    def ask(question: str, history: Sequence[str], top_k: int) -> dict:
        return reply_to_json(service.ask(question, history, top_k))

    return ask


def answerer(settings: Settings) -> Answerer:
    return remote_answerer(settings.url) if settings.url else local_answerer(settings)


def format_reply(reply: dict) -> str:
    """The answer, then each citation as [file start-end] and its quote on one line."""
    if not reply["answerable"]:
        return f"(no answer) {reply['answer']}"
    lines = [reply["answer"]]
    for number, citation in enumerate(reply["citations"], 1):
        quote = " ".join(citation["quote"].split())
        lines.append(f"  [{number}] {citation['doc']} {citation['start']}-{citation['end']}: {quote}")
    return "\n".join(lines)


def chat_loop(ask: Answerer, top_k: int, read: Callable[[str], str] = input) -> int:
    """Read questions until end of input; earlier questions are the history of the next one."""
    history: list[str] = []
    print("Ask about the articles (Ctrl-D to quit, /reset to start a new conversation).", file=sys.stderr)
    while True:
        try:
            question = read("问> ").strip()
        except EOFError:
            print(file=sys.stderr)
            return 0
        if question in ("/quit", "/exit"):
            return 0
        if question == "/reset":
            history.clear()
            continue
        if not question:
            continue
        try:
            print(format_reply(ask(question, history, top_k)), flush=True)
        except QAError as error:
            print(f"qa chat: {error}", file=sys.stderr)
            continue
        history.append(question)
