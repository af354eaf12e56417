"""The answering state of one index: built once when its generation loads, dropped with it.

It holds the index's lexicon (without verb-led places), a jieba tokenizer of its own that knows the
lexicon's names, the compiled patterns of those names, the question types and the scoring weights.
Nothing here is process-wide: two indexes (an eval corpus and the served one) never share names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jieba

from qa.answering.kinds import DEFAULT_TYPES
from qa.answering.registry import TypeRegistry
from qa.answering.weights import DEFAULT_WEIGHTS, Weights
from qa.lexicon import KINDS, Lexicon, for_answering, place_pinyin
from qa.tokenize import new_jieba


def _alternation(names: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(map(re.escape, names))) if names else None


@dataclass(frozen=True)
class AnsweringContext:
    lexicon: Lexicon
    types: TypeRegistry = DEFAULT_TYPES
    weights: Weights = DEFAULT_WEIGHTS
    _tokenizer: jieba.Tokenizer = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict, repr=False, compare=False)
    _places_by_pinyin: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    _longest_first: tuple[str, ...] = field(default=(), repr=False, compare=False)
    _of_kind: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls, lexicon: Lexicon, types: TypeRegistry = DEFAULT_TYPES, weights: Weights = DEFAULT_WEIGHTS
    ) -> AnsweringContext:
        """The state for one index's lexicon (a rival "place" like 告知书村 or a "name" like 公司 must
        not veto an answer, so those are dropped first)."""
        lexicon = for_answering(lexicon)
        of_kind = {kind: tuple(lexicon.of_kind(kind)) for kind in KINDS}
        patterns = {kind: _alternation(list(names)) for kind, names in of_kind.items()}
        pinyin = lexicon.pinyin or place_pinyin(lexicon.names)  # a lexicon made by hand has none
        spelled: dict[str, str] = {}
        for name in sorted(pinyin, key=len):
            spelled.setdefault(pinyin[name], name)  # shortest name: 青禾 rather than 青禾镇
        by_pinyin = tuple(sorted(spelled.items(), key=lambda kv: -len(kv[0])))
        tokenizer = new_jieba(lexicon.names)
        longest_first = tuple(sorted(lexicon.names, key=len, reverse=True))
        return cls(lexicon, types, weights, tokenizer, patterns, by_pinyin, longest_first, of_kind)

    def with_types(self, types: TypeRegistry) -> AnsweringContext:
        return AnsweringContext.build(self.lexicon, types, self.weights)

    def name_pattern(self, kind: str) -> re.Pattern[str] | None:
        """The lexicon's names of one kind as one pattern, longest first."""
        return self._patterns.get(kind)

    def places_by_pinyin(self) -> tuple[tuple[str, str], ...]:
        """(pinyin, place name) pairs, longest spelling first: how English questions name places."""
        return self._places_by_pinyin

    def names_of(self, kind: str) -> tuple[str, ...]:
        """The lexicon's names of one kind, longest first."""
        return self._of_kind.get(kind, ())

    def names_longest_first(self) -> tuple[str, ...]:
        return self._longest_first

    def tokens(self, text: str) -> list[str]:
        """jieba's words of the text, the lexicon's names kept whole."""
        return self._tokenizer.lcut(text)
