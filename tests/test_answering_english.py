"""English questions rewritten into Chinese ones (qa.answering.english), through the glossary."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.english import to_chinese


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much were the total retail sales of consumer goods?", "社会消费品零售总额多少"),  # not 零售额
        ("How many patients were discharged?", "出院患者多少"),  # plurals and past forms
        ("How much rice was harvested?", "收获多少"),  # no 亩 (mu) in "much"
        ("By what year will the forest coverage reach 65%?", "森林覆盖率65%哪一年"),
    ],
)
def test_english_words_become_the_chinese_terms_of_the_glossary(question: str, expected: str) -> None:
    assert to_chinese(question, context()) == expected
