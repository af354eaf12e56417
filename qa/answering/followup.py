"""Follow-up questions: carry the subject of the conversation into a question that lacks one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answering.english import is_english
from qa.answering.question import TIME_SPAN, find_names, normalise
from qa.lexicon import Lexicon

# "那规上产值呢？", "那么复工率呢": an elliptical question that borrows its question word from history.
_ELLIPSIS = re.compile(r"^(?:那么?|那个|还有|另外|而)?(.*?)(?:呢|又如何|怎么样|如何)?[?？。!！]*$")
_WH = re.compile(r"(是多少|有多少|多少\w?|是谁|谁|哪天|哪一天|什么时候|哪里|哪家\w*|几\w?)[?？]?$")
_PRONOUN = re.compile(r"^(?:他们|她们|他|她|该|这家|那家|这个|那个|其)(?:公司|企业|单位|镇|县|市)?(?:的)?")
_REFERS_BACK = re.compile(r"^(?:他|她|其|这家|那家|该|他们|她们)")


def _subject(question: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    return find_names(question, lexicon), [m.group(0) for m in TIME_SPAN.finditer(question)]


def _answer_names(question: str, lexicon: Lexicon) -> list[str]:
    """Names (places, orgs) of a history question, used when a pronoun points back to them."""
    return [n for n in find_names(question, lexicon) if lexicon.kind_of(n) in ("org", "place", "person")]


def _standalone(question: str, history: Sequence[str], lexicon: Lexicon) -> str:
    """The question with the last subject of the history where it has none of its own."""
    text = normalise(question)
    if not history or is_english(text):
        return _prefix_english(text, history, lexicon) if history else text
    names, times = _subject(text, lexicon)
    previous = history[-1]
    prev_names, prev_times = _subject(previous, lexicon)
    refers_back = _REFERS_BACK.match(text) is not None
    if names and not refers_back:
        if times or not prev_times:
            return text
        return "".join(prev_times) + text  # a new place keeps the period under discussion
    body = _PRONOUN.sub("", text)
    ellipsis = _ELLIPSIS.match(body)
    core = ellipsis.group(1) if ellipsis else body
    if not _WH.search(core) and not re.search(r"多少|谁|哪|几|什么|如何|怎么", core):
        wh = _WH.search(previous)
        core = core + (wh.group(1) if wh else "是什么")
    carried = [n for n in prev_names if n not in core] + [
        t for t in prev_times if t not in core and not times
    ]
    return "".join(carried) + core + ("" if core.endswith(("?", "？")) else "？")


def _prefix_english(text: str, history: Sequence[str], lexicon: Lexicon) -> str:
    if find_names(text, lexicon) or not history:
        return text
    names, times = _subject(history[-1], lexicon)
    return " ".join([*names, *times, text]) if names or times else text


def contextualise(question: str, history: Sequence[str], lexicon: Lexicon) -> str:
    """The standalone question (history oldest first); unchanged when it names its own subject."""
    if not history:
        return question
    resolved: list[str] = []
    for earlier in history:
        resolved.append(_standalone(earlier, resolved, lexicon))
    names, _ = _subject(normalise(question), lexicon)
    if names and not _REFERS_BACK.match(normalise(question)) and not is_english(question):
        return (
            question if not _subject(resolved[-1], lexicon)[1] else _standalone(question, resolved, lexicon)
        )
    return _standalone(question, resolved, lexicon)
