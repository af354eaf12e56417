"""OpenAI-compatible chat: `GET /v1/models`, `POST /v1/chat/completions` (plain or streamed as
server-sent events). The structured evidence travels in an extra `qa` field that OpenAI clients ignore."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from api.openai_schemas import MODEL_ID, ChatRequest, OpenAIErrorResponse
from api.routes import service_of
from api.schemas import ErrorResponse
from qa.chat import Message, answer_text, question_from, sources_text
from qa.documents import headline_of
from qa.errors import Overloaded, QAError
from qa.service import QAService, Question, Reply, validate

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])
# 413 comes from the body limit in front of every route, in its own {"detail"} shape.
_ERRORS = {
    400: {"model": OpenAIErrorResponse},
    413: {"model": ErrorResponse},
    503: {"model": OpenAIErrorResponse},
}
STREAM_PIECE_CHARS = 8  # small deltas, so a client shows the answer growing as it arrives
STARTED = int(time.time())


def openai_error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    """The error shape OpenAI clients parse: `{"error": {"message", "type", "param", "code"}}`."""
    body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return JSONResponse(status_code=status, content=body)


@router.get("/models")
def models() -> dict:
    """The one model this service answers as."""
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": STARTED, "owned_by": "qa"}],
    }


def _evidence(reply: Reply, service: QAService) -> dict:
    """The `qa` extension: what /ask returns as structure, for clients that want the citations."""
    result = reply.answer
    return {
        "answer": result.text,
        "answerable": result.answerable,
        "citations": [
            {
                "doc": c.doc,
                "start": c.start,
                "end": c.end,
                "quote": c.quote,
                "headline": headline_of(service.index, c.doc),
            }
            for c in result.citations
        ],
        "question_type": result.question_type,
        "standalone_question": reply.standalone_question,
    }


def _content(reply: Reply, service: QAService) -> str:
    return answer_text(reply) + sources_text(reply, lambda doc: headline_of(service.index, doc))


def _question(body: ChatRequest) -> Question:
    messages = [Message(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant", "system")]
    question = question_from(messages, body.top_k)
    validate(question)
    return question


_STREAMED = {
    200: {
        "description": "The completion; with `stream: true`, server-sent events of completion chunks",
        "content": {"text/event-stream": {"schema": {}}},  # chunks as JSON, then "[DONE]"
    }
}


@router.post("/chat/completions", responses={**_ERRORS, **_STREAMED})
async def chat_completions(body: ChatRequest, request: Request) -> object:
    """Answer the last user message; earlier user messages are the conversation's history."""
    service = service_of(request)
    question = _question(body)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        pending = request.app.state.batcher.submit(question)  # queued, or 503, before any event is sent
        events = _stream(service, pending, completion_id, body.model)
        headers = {"Cache-Control": "no-cache"}
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)
    reply = await request.app.state.batcher.ask(question)  # batched with /ask's questions
    content = _content(reply, service)
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "qa": _evidence(reply, service),
    }


def _chunk(completion_id: str, model: str, delta: dict, finish: str | None = None, **extra: object) -> str:
    payload = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


async def _stream(
    service: QAService, pending: asyncio.Future[Reply], completion_id: str, model: str
) -> AsyncIterator[str]:
    """The role at once, then the answer in small pieces, then the sources, then the evidence. A
    question that fails once the stream has begun ends it with an OpenAI error event."""
    yield _chunk(completion_id, model, {"role": "assistant", "content": ""})
    try:
        reply = await pending
    except Exception as error:  # the status line is sent: the error can only travel as an event
        known = isinstance(error, QAError)
        if not known:
            logger.exception("streamed answer failed")
        message = str(error) if known else "internal error: see the server's log"
        kind = "server_busy" if isinstance(error, Overloaded) else "server_error"
        payload = {"error": {"message": message, "type": kind, "code": None}}
        yield f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"
        return
    text = answer_text(reply)
    for start in range(0, len(text), STREAM_PIECE_CHARS):
        yield _chunk(completion_id, model, {"content": text[start : start + STREAM_PIECE_CHARS]})
    sources = sources_text(reply, lambda doc: headline_of(service.index, doc))
    if sources:
        yield _chunk(completion_id, model, {"content": sources})
    yield _chunk(completion_id, model, {}, "stop", qa=_evidence(reply, service))
    yield "data: [DONE]\n\n"
