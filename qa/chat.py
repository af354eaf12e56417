"""Chat turns in, a readable answer out: the role messages of a conversation become a question with
its history, and an answer becomes text with numbered citation markers and a sources list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.errors import BadQuestion
from qa.limits import DEFAULT_TOP_K
from qa.service import Question, Reply

QUOTE_CHARS = 120


@dataclass(frozen=True)
class Message:
    """One turn of a conversation: `role` is system, user or assistant."""

    role: str
    content: str


def question_from(messages: Sequence[Message], top_k: int = DEFAULT_TOP_K) -> Question:
    """The last user message is the question; the user messages before it are its history (assistant
    and system turns carry no subject of their own here, the questions do)."""
    if not messages:
        raise BadQuestion("messages is empty: send at least one user message")
    last = messages[-1]
    if last.role != "user":
        raise BadQuestion(f"the last message must be the user's question, not a {last.role!r} message")
    history = tuple(m.content for m in messages[:-1] if m.role == "user" and m.content.strip())
    return Question(last.content, history[-20:], top_k)


def _short(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1] + "…"


def answer_text(reply: Reply) -> str:
    """The answer with a marker per citation: "393亿元 [1]"."""
    result = reply.answer
    if not result.answerable or not result.citations:
        return result.text
    markers = "".join(f"[{number}]" for number in range(1, len(result.citations) + 1))
    return f"{result.text} {markers}"


def sources_text(reply: Reply, headline_of: Callable[[str], str]) -> str:
    """A sources list a person can read: number, headline, document and the quoted characters."""
    result = reply.answer
    if not result.answerable or not result.citations:
        return ""
    lines = ["", "", "来源 / Sources:"]
    for number, citation in enumerate(result.citations, 1):
        headline = headline_of(citation.doc)
        title = f"《{headline}》 " if headline else ""
        lines.append(
            f"[{number}] {title}{citation.doc} {citation.start}–{citation.end}: “{_short(citation.quote)}”"
        )
    return "\n".join(lines)
