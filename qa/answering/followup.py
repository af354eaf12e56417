"""Follow-up questions: carry the subject of the conversation into a question that lacks one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa.answering.english import is_english
from qa.answering.question import TIME_SPAN, find_names, normalise
from qa.vocab import HAN, alternation

if TYPE_CHECKING:
    from qa.answering.context import AnsweringContext

# "那规上产值呢？", "那么复工率呢": an elliptical question that borrows its question word from history.
_ELLIPSIS = re.compile(r"^(?:那么?|那个|还有|另外|而)?(.*?)(?:呢|又如何|怎么样|如何)?[?？。!！]*$")
_PRONOUN = re.compile(r"^(?:他们|她们|他|她|该|这家|那家|这个|那个|其)(?:公司|企业|单位|镇|县|市)?(?:的)?")
_REFERS_BACK = re.compile(r"^(?:他|她|其|这家|那家|该|他们|她们)")
# A name the lexicon may not know yet, recognised by its ending: "那桃花镇呢？" asks about a place.
_NAMED_BY_SUFFIX = re.compile(
    rf"^[{HAN}]{{1,10}}(?:{alternation('place_suffixes')}|州|公司|集团|银行|医院|学校|大学)$"
)
_ORG_SUFFIX = re.compile(r"(?:公司|集团|银行|医院|学校|大学)$")


def _subject(question: str, ctx: AnsweringContext) -> tuple[list[str], list[str]]:
    return find_names(question, ctx), [m.group(0) for m in TIME_SPAN.finditer(question)]


def _answer_names(question: str, ctx: AnsweringContext) -> list[str]:
    """Names (places, orgs) of a history question, used when a pronoun points back to them."""
    return [n for n in find_names(question, ctx) if ctx.lexicon.kind_of(n) in ("org", "place", "person")]


def _kind(name: str, ctx: AnsweringContext) -> str:
    known = ctx.lexicon.kind_of(name)
    if known:
        return known
    return "org" if _ORG_SUFFIX.search(name) else "place"


def _new_subject(text: str, ctx: AnsweringContext) -> str | None:
    """The name an elliptical follow-up switches to ("那青禾镇呢？" → 青禾镇), or None."""
    if _REFERS_BACK.match(text):
        return None
    ellipsis = _ELLIPSIS.match(text)
    core = ellipsis.group(1).strip() if ellipsis else ""
    if not core or ctx.types.followup_words.search(core) or re.search(r"多少|谁|哪|几|什么|如何|怎么", core):
        return None
    if find_names(core, ctx) == [core] or _NAMED_BY_SUFFIX.match(core):
        return core
    return None


def _swap_subject(subject: str, previous: str, ctx: AnsweringContext) -> str:
    """The previous question asked again of another subject: its name of the same kind is replaced
    (the first name when none is of that kind); with no name at all, the subject is put in front."""
    names = find_names(previous, ctx)
    if not names:
        return subject + previous
    kind = _kind(subject, ctx)
    replaced = next((name for name in names if _kind(name, ctx) == kind), names[0])
    return previous.replace(replaced, subject)


def _standalone(question: str, history: Sequence[str], ctx: AnsweringContext) -> str:
    """The question with the last subject of the history where it has none of its own."""
    text = normalise(question)
    if not history or is_english(text):
        return _prefix_english(text, history, ctx) if history else text
    previous = history[-1]
    subject = _new_subject(text, ctx)
    if subject is not None:
        return _swap_subject(subject, previous, ctx)
    names, times = _subject(text, ctx)
    prev_names, prev_times = _subject(previous, ctx)
    refers_back = _REFERS_BACK.match(text) is not None
    if names and not refers_back:
        if times or not prev_times:
            return text
        return "".join(prev_times) + text  # a new place keeps the period under discussion
    body = _PRONOUN.sub("", text)
    ellipsis = _ELLIPSIS.match(body)
    core = ellipsis.group(1) if ellipsis else body
    if not ctx.types.followup_words.search(core) and not re.search(r"多少|谁|哪|几|什么|如何|怎么", core):
        wh = ctx.types.followup_words.search(previous)
        core = core + (wh.group(1) if wh else "是什么")
    carried = [n for n in prev_names if n not in core] + [
        t for t in prev_times if t not in core and not times
    ]
    return "".join(carried) + core + ("" if core.endswith(("?", "？")) else "？")


def _prefix_english(text: str, history: Sequence[str], ctx: AnsweringContext) -> str:
    if find_names(text, ctx) or not history:
        return text
    names, times = _subject(history[-1], ctx)
    return " ".join([*names, *times, text]) if names or times else text


def contextualise(question: str, history: Sequence[str], ctx: AnsweringContext) -> str:
    """The standalone question (history oldest first); unchanged when it names its own subject."""
    if not history:
        return question
    resolved: list[str] = []
    for earlier in history:
        resolved.append(_standalone(earlier, resolved, ctx))
    names, _ = _subject(normalise(question), ctx)
    switches = _new_subject(normalise(question), ctx) is not None
    if names and not switches and not _REFERS_BACK.match(normalise(question)) and not is_english(question):
        return question if not _subject(resolved[-1], ctx)[1] else _standalone(question, resolved, ctx)
    return _standalone(question, resolved, ctx)
