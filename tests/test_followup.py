"""Follow-ups that switch the subject keep the question and swap its subject."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering import contextualise

EARLIER = "苏溪镇1-11月工业总产值是多少"


@pytest.mark.parametrize("follow_up", ["那新仓镇呢？", "新仓镇呢", "那么新仓镇怎么样？"])
def test_a_new_place_takes_the_place_of_the_old_one(follow_up: str) -> None:
    standalone = contextualise(follow_up, [EARLIER], context())
    assert standalone.startswith("新仓镇") and "1-11月工业总产值是多少" in standalone
    assert "苏溪镇" not in standalone


def test_a_place_the_corpus_does_not_know_is_swapped_in_by_its_suffix() -> None:
    standalone = contextualise("那桃花镇呢？", [EARLIER], context())
    assert standalone == "桃花镇1-11月工业总产值是多少"


def test_the_swap_follows_the_latest_subject_of_a_longer_conversation() -> None:
    lexicon = context()
    standalone = contextualise("那桃花镇呢？", [EARLIER, "那新仓镇呢？"], lexicon)
    assert standalone == "桃花镇1-11月工业总产值是多少"


def test_an_elliptical_follow_up_about_another_figure_keeps_the_subject() -> None:
    standalone = contextualise("那规上产值呢？", [EARLIER], context())
    assert "苏溪镇" in standalone and "规上产值" in standalone
