"""Whether the question's place holds where a figure was found, when the corpus names a rival once."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Candidate, Sentence
from qa.answering.question import parse
from qa.answering.subject import subject_holds

# The streets are named in no list the lexicon mines: it knows none of them
RATES = (
    "新城街道、城南街道和城北街道开展消防检查。据介绍,今年全区共排查火灾隐患1260处。"
    "目前,城南街道隐患整改率为91.8%,城北街道为95.6%。"
)


def _holds(question: str, figure: str, text: str = RATES) -> bool:
    first = text.index("目前")
    sentence = Sentence("doc.txt", first, len(text), 0, 0, len(text))
    start = text.index(figure)
    cand = Candidate(figure, "percent", start, start + len(figure), sentence)
    return subject_holds(parse(question, context()), cand, text, context())


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("新城街道的火灾隐患整改率是多少？", False),  # the sentence gives other 街道's rates only
        ("城南街道的火灾隐患整改率是多少？", True),
    ],
)
def test_a_street_the_sentence_does_not_name_has_none_of_its_streets_figures(question, holds):
    assert _holds(question, "91.8%") is holds


# 苏溪镇 is a town of the seeds, known to the lexicon; the article is about it (its first line names it)
@pytest.mark.parametrize(
    ("sentence_text", "holds"),
    [
        # 推进镇区: a unit of one character opens a word here (the town itself), it names no town
        ("四是抓民生保障,加快推进镇区污水管网改造工程,改造管网12.6公里。", True),
        # a street is a town's peer: the figure is the street's
        ("四是抓民生保障,城南街道加快污水管网改造工程,改造管网12.6公里。", False),
    ],
)
def test_a_peer_of_the_asked_town_in_a_unit_of_two_characters_is_a_rival(sentence_text, holds):
    text = "苏溪镇全力推进民生工程。\n" + sentence_text
    first = text.index("四是")
    sentence = Sentence("doc.txt", first, len(text), 0, 0, len(text))
    start = text.index("12.6公里")
    cand = Candidate("12.6公里", "number", start, start + len("12.6公里"), sentence)
    question = parse("苏溪镇要改造多长的污水管网？", context())
    assert subject_holds(question, cand, text, context()) is holds
