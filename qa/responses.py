"""The JSON shape of a reply, shared by `qa ask --json`, `POST /ask` and the eval harness."""

from __future__ import annotations

from qa.service import Reply


def reply_to_json(reply: Reply) -> dict:
    """`{"answer", "answerable", "citations", "passages", ...}` exactly as the /ask contract says."""
    result = reply.answer
    return {
        "answer": result.text,
        "answerable": result.answerable,
        "citations": [
            {"doc": c.doc, "start": c.start, "end": c.end, "quote": c.quote} for c in result.citations
        ],
        "passages": [
            {
                "doc": hit.chunk.doc,
                "start": hit.chunk.start,
                "end": hit.chunk.end,
                "text": hit.chunk.text,
                "score": round(hit.score, 6),
            }
            for hit in result.hits
        ],
        "question_type": result.question_type,
        "standalone_question": reply.standalone_question,
        "timings_ms": {name: round(value * 1000, 2) for name, value in reply.timings.items()},
    }
