"""Answer extraction: question typing, typed candidates, subject check, refusal, verbatim citations."""

from qa.answering.context import AnsweringContext
from qa.answering.extract import answer
from qa.answering.followup import contextualise

__all__ = ["AnsweringContext", "answer", "contextualise"]
