"""A figure of the whole (全区, 全县) for a question about one of its parts (a town, a village), and a
part's figure (其中…5000人) for a question about the whole (一共有多少人)."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.parallel import whole_sentence
from qa.answering.question import Question
from qa.vocab import HAN

# The whole an article's figure is of: 全区, 全县, 全市, 全镇 ... (a unit of that level)
_WHOLE = re.compile(r"全(省|市|县|区|镇|乡|村)")
# A place the question names, and the level of unit it is (栖蓉乡: 乡; 枫汐街道: 街道)
_PLACE = re.compile(rf"[{HAN}]{{2,8}}?(省|市|县|区|镇|乡|村|街道|社区)$")


_UNIT = re.compile(r"省|市|县|区|镇|乡|村|街道|社区")  # a unit jieba cut from its name (西岭 乡)


def asked_places(question: Question) -> list[tuple[str, str]]:
    """(place, its unit) for every place the question names by an administrative unit."""
    found = []
    words = question.keywords
    joined = [word + unit for word, unit in zip(words, words[1:], strict=False) if _UNIT.fullmatch(unit)]
    for word in dict.fromkeys((*question.names, *question.unknown_places, *question.locatives, *joined)):
        match = _PLACE.fullmatch(word)
        if match is not None:
            found.append((word, match.group(1)))
    return found


def whole_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The whole ("全区…员工复岗率达到91.3%") the figure's sentence gives it to, when the question asks
    about a place of another level that the sentence does not name (栖蓉乡, a 乡 of the 区): the
    figure of the whole is none of its parts'. A place of the same level is the whole itself (澜溪县
    and 全县)."""
    if question.qtype not in ("number", "percent"):
        return None
    places = asked_places(question)
    first, last = whole_sentence(text, cand.sentence.start, cand.sentence.end)  # ";" joins its parts
    sentence = text[first:last]
    wholes = _WHOLE.findall(text, first, cand.start)
    if not places or not wholes or any(place in sentence for place, _ in places):
        return None
    whole = wholes[-1]
    return None if any(unit == whole for _, unit in places) else f"全{whole}"


_ASKS_TOTAL = re.compile(r"一共|总共|共计|合计|总计|总数")
_PART_OF = re.compile(r"其中")
_FIGURE = re.compile(r"\d")
_ITEM_BREAK = re.compile(r"[,;、:]|其中")


def part_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The item of a breakdown ("共吸引12000名跑者参赛,其中全程马拉松5000人") the figure counts, when the
    question asks for the total (一共有多少人参赛) and names no such item: a part is no total."""
    if question.qtype not in ("number", "percent") or not _ASKS_TOTAL.search(question.text):
        return None
    first = cand.sentence.start
    parts = [match.end() for match in _PART_OF.finditer(text, first, cand.start)]
    opens_with_part = text.startswith("其中", first)
    if not parts or not (opens_with_part or _FIGURE.search(text, first, parts[-1] - 2)):
        return None
    breaks = [match.end() for match in _ITEM_BREAK.finditer(text, parts[-1], cand.start)]
    item = text[breaks[-1] if breaks else parts[-1] : cand.start].strip()
    return None if not item or item[:2] in question.text else item  # 研究生学历: 研究生 is asked
