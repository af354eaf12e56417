"""People's names in Chinese news text: a surname after a title or byline (书记鲁明哲, 记者 柯远帆).

The surname and title lists are general (qa/vocab); nothing here knows any corpus's people.
"""

from __future__ import annotations

import re

from qa.vocab import HAN, alternation, chars

_HAN = HAN
SURNAMES = chars("surnames")
_TITLES = alternation("titles")
# Surnames that are far more often a function word inside running text (由于, 位于, 和, 从).
_FUNCTION_SURNAMES = chars("function_surnames")
_PERSON = re.compile(rf"(?:{_TITLES})([{_HAN}]{{2,3}})")
_TITLE_AT = re.compile(_TITLES)
# A character that follows a name rather than ends it: 说, 指出, 表示, 告诉, 主持 ... or the next byline.
_AFTER_NAME = set("说指表告介主先来要强鼓坦等参带在对首一向接和与通记摄作任代详认立率围担对分")


def people(text: str) -> set[str]:
    """Names right after a title or byline mark, checked against a surname list."""
    found: set[str] = set()
    for match in _PERSON.finditer(text):
        pos = match.start(1)
        title = _TITLE_AT.match(text, pos)
        if title is not None:  # a byline of two titles: ■通讯员鲁明哲
            pos = title.end()
        while pos < len(text) and text[pos] in SURNAMES:
            name = read_name(text, pos)
            if name is None:
                break
            found.add(name)
            pos += len(name)
            if pos < len(text) and text[pos] == "、":
                pos += 1  # a list of names: 鲁明哲、詹秋白、柯远帆
    return found


def read_name(text: str, pos: int) -> str | None:
    """A 2- or 3-character name starting at `pos` (a surname); the third char decides."""
    two = text[pos : pos + 2]
    if len(two) < 2 or not re.fullmatch(rf"[{_HAN}]{{2}}", two):
        return None
    if two[0] in _FUNCTION_SURNAMES and pos > 0 and re.fullmatch(rf"[{_HAN}]", text[pos - 1]):
        return None  # 由于次兄, 来自于尚恩: after another character 于 is the preposition
    third = text[pos + 2 : pos + 3]
    if third and re.fullmatch(rf"[{_HAN}]", third) and third not in _AFTER_NAME:
        return two + third
    return two
