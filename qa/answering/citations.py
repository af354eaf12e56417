"""Verbatim citations: the clause(s) holding the answer and its focus word, mapped back to raw text."""

from __future__ import annotations

from qa.answering.candidates import clause_of
from qa.answering.scoring import Scored
from qa.clean import CleanText
from qa.types import Citation


def evidence_span(scored: Scored, text: str) -> tuple[int, int]:
    """The whole clause of the candidate, stretched back to the focus word when it stands earlier."""
    cand = scored.candidate
    clause_start, clause_end = clause_of(text, cand.sentence, cand.start, cand.end)
    if cand.kind == "clause":
        return cand.start, cand.end
    start, end = clause_start, clause_end
    if scored.focus is not None:
        focus_start, focus_end = scored.focus
        start = min(focus_start, clause_start)
        if focus_end > cand.end:
            end = max(end, clause_of(text, cand.sentence, focus_start, focus_end)[1])
    while start < end and text[start] in " \n,;:":
        start += 1
    return start, end


def cite(scored: Scored, doc: CleanText) -> Citation:
    """A Citation whose quote is exactly the raw file's text[start:end]."""
    start, end = evidence_span(scored, doc.text)
    raw_start, raw_end, quote = doc.raw_quote(start, end)
    return Citation(doc=scored.candidate.sentence.doc, start=raw_start, end=raw_end, quote=quote)
