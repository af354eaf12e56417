"""Questions that ask for a description (为什么, 怎样, 有什么特点): the reader's fuller span.

The reader's best span for such a question is often the opening of the statement asked for (无色液体
of 无色液体,有类似于大蒜的刺激性气味,不溶于水), while a span that holds it and goes on scores close to
it: where the reader hesitates between the two, the statement is the answer, not its first words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answering.cause import is_why
from qa.answering.question import Question
from qa.reader.decode import SpanGuess, holding_best
from qa.types import Hit

# a manner, a quality or a content asked for (a cause is `is_why`'s), not a name, a figure or a date
_DESCRIPTION_ASKED = re.compile(
    r"怎样|如何|怎么|什么样|特点|特征|作用|意义|影响|内容|目的|方法|方式|理由|过程"
)


def asks_description(question: Question) -> bool:
    """Whether the question asks for a statement (why, how, what it is like), not for one thing: 称为什么
    asks for a name (is_why knows that), not a cause."""
    asked = is_why(question) or _DESCRIPTION_ASKED.search(question.text) is not None
    return question.qtype == "phrase" and asked


def _restates(question: Question, added: str) -> bool:
    """What a fuller span adds names a word of the question (亩产 … 下降 for 为什么亩产下降): it runs on
    into what is explained, not into more of the explanation."""
    return any(word in added for word in question.keywords if len(word) >= 2)


def fuller_first(
    question: Question,
    guesses: Sequence[tuple[SpanGuess, int]],
    passages: Sequence[tuple[Hit, str]],
    gap: float,
) -> list[tuple[SpanGuess, int]]:
    """The guesses with the longest one that holds the best span, in its passage, within `gap` of its
    score and adding nothing the question says, first, when the question asks for a description;
    else the guesses as they were."""
    ranked = list(guesses)
    if not ranked or not asks_description(question):
        return ranked
    best, position = ranked[0]
    text = passages[position][1]
    holding = [
        (guess, where)
        for guess, where in holding_best(ranked, gap)
        if not _restates(question, text[guess.start : best.start] + text[best.end : guess.end])
    ]
    fullest = max(holding, key=lambda item: item[0].end - item[0].start, default=ranked[0])
    return [fullest] + [item for item in ranked if item is not fullest]
