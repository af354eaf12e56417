"""Evaluation of the QA service: retrieval, answers, citations, refusals and latency on a Q&A set."""

from qa.evaluation.aggregate import SUMMARY_KEYS
from qa.evaluation.dataset import DatasetError, EvalItem, load_dataset
from qa.evaluation.harness import EvalResult, evaluate

__all__ = ["SUMMARY_KEYS", "DatasetError", "EvalItem", "EvalResult", "evaluate", "load_dataset"]
