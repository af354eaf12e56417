"""Question types as one registry: each type owns everything that knows about it.

A type names its question words (Simplified; a Traditional question is read through its Simplified
view, qa.answering.script), the English words that ask for it and the Chinese question word they are
rewritten to, the question words a follow-up may borrow, the extractors that find its candidates in a
sentence, the form an answer must have, and how a slot is shaped into its answer. Adding a type is one
`QuestionType` added to a registry (`TypeRegistry.with_type`); nothing else names the types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.answering.candidates import Candidate, Sentence
    from qa.answering.context import AnsweringContext
    from qa.answering.question import Question

# (text, sentence, context) -> candidates of the type in that sentence
Extractor = Callable[[str, "Sentence", "AnsweringContext"], Iterator["Candidate"]]
# (question, sentence text, slot start, slot end) -> the answer's span inside the slot, or None to keep it
Shaper = Callable[["Question", str, int, int], "tuple[int, int] | None"]
# (question text, the question word's match) -> (type, alternative types): a type may hand over to
# another one (多少 + 率 asks for a percentage)
Refiner = Callable[[str, "re.Match[str]"], "tuple[str, tuple[str, ...]]"]

# 多少 or 几 asking how many; 哪几 (哪几所) asks which ones
HOW_MANY = r"(?:多少|(?<!哪)几)"


@dataclass(frozen=True)
class QuestionType:
    name: str
    words: str  # regex of the question words (Simplified) that ask for this type
    extractors: tuple[Extractor, ...] = ()
    alts: tuple[str, ...] = ()  # types whose candidates may answer too, a little less trusted
    form: str | None = None  # regex an answer must match (a figure for 多少); None: any text
    strict_form: str | None = None  # what the reader's span must show on top (a % for a rate)
    core: str | None = None  # the part of a longer span that is the answer (90% of 提升到了90%)
    named: bool = False  # answered by a name: a clause answer ends before its 是/为
    shapers: tuple[Shaper, ...] = ()  # tried in order on an aligned slot; the first span found wins
    refine: Refiner | None = None
    english: str | None = None  # regex of English question words asking for this type
    chinese: str = "什么"  # the Chinese question word an English question is rewritten to
    followup: str | None = None  # regex of question words a follow-up borrows ("那规上产值呢" + 是多少)
    units: tuple[str, ...] = ()  # measure words that may follow the answer (and the question word)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.words)

    @cached_property
    def form_pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.form) if self.form else None


@dataclass(frozen=True)
class TypeRegistry:
    """Question types in priority order: the first whose question words a question holds is its type
    ("哪天" is a date before it is a 哪; "多少" is the weakest typed cue)."""

    types: tuple[QuestionType, ...]
    fallback: str = "phrase"  # the type of a question no type's words match
    _by_name: dict[str, QuestionType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {t.name: t for t in self.types})

    def get(self, name: str) -> QuestionType | None:
        return self._by_name.get(name)

    def __getitem__(self, name: str) -> QuestionType:
        return self._by_name[name]

    def __iter__(self) -> Iterator[QuestionType]:
        return iter(self.types)

    def with_type(self, added: QuestionType, before: str | None = None) -> TypeRegistry:
        """A registry with `added` (replacing a type of the same name), placed before type `before`
        (default: before the fallback type, so it is tried before the generic 什么)."""
        kept = [t for t in self.types if t.name != added.name]
        anchor = before or self.fallback
        at = next((i for i, t in enumerate(kept) if t.name == anchor), len(kept))
        return TypeRegistry((*kept[:at], added, *kept[at:]), self.fallback)

    @cached_property
    def followup_words(self) -> re.Pattern[str]:
        """The question word a question ends with that a follow-up can borrow."""
        words = "|".join(t.followup for t in self.types if t.followup)
        return re.compile(rf"({words})[?？]?$")

    @cached_property
    def unit_after_wh(self) -> re.Pattern[str]:
        """多少 / 几 with the measure word a question puts after it (多少万元, 几棵; 钱 asks for 元)."""
        units = {unit for t in self.types for unit in t.units} | {"钱"}
        counted = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        return re.compile(rf"{HOW_MANY}(万|亿)?({counted})")

    @cached_property
    def english_words(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(t.english), t.chinese) for t in self.types if t.english)
