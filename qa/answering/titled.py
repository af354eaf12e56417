"""A person asked for by title (县长是谁, 哪位馆长): the name holds that title where the article gives
it one. "副局长蒋慧芸" does not answer 局长是谁, nor "院长严启航" 哪位合伙人; a name the article gives
no title keeps its chance."""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.context import AnsweringContext
from qa.answering.question import Question
from qa.lexicon import word_tag
from qa.persons import SURNAMES
from qa.vocab import alternation, words

_TITLE = re.compile(alternation("titles"))  # longest first: 副局长 before 局长
# a title the question asks by, not part of a body's name (常委会, 委员会)
_ASKED_TITLE = re.compile(rf"(?:{alternation('titles')})(?![会团组室处])")
_BYLINE = {"记者", "通讯员", "摄影", "■", "编辑"}  # who wrote or photographed the story
_NOT_ROLES = _BYLINE | {"村民"}  # bylines and residents hold no office
_ASKS_WRITER = re.compile(r"记者|通讯员|摄影|编辑|报道|撰写|撰稿|写|作者|采访|发稿|拍|摄|照片|图片|供图")
_CLAUSE_BREAK = re.compile(r"[,;:。!?\n]")
_SENTENCE_BREAK = re.compile(r"[。!?\n]")
_LONGEST_TITLE = max(map(len, words("titles")))
_REACH = 60  # characters before a name where its titles are written


def title_conflict(question: Question, cand: Candidate, text: str) -> str | None:
    """The titles the article gives the name, when the question asks for a person by another title."""
    if question.qtype != "person" or not cand.text:
        return None
    asked = {match.group(0) for match in _ASKED_TITLE.finditer(question.text)} - _NOT_ROLES
    if not asked:  # who did something: not whoever wrote the story (记者 陈思远), unless that is asked
        held = _titles_before(cand.text, text)
        byline = held and held <= _BYLINE and not _ASKS_WRITER.search(question.text)
        return "、".join(sorted(held)) if byline else None
    for mention in re.finditer(re.escape(cand.text), text):
        after = _CLAUSE_BREAK.search(text, mention.end())
        if any(title in text[mention.end() : after.start() if after else len(text)] for title in asked):
            return None  # the title may follow the name in its clause (孙大文担任期刊主编)
    held = _titles_before(cand.text, text)
    if held and held <= _NOT_ROLES:
        return "、".join(sorted(held))  # 通讯员 覃若溪 wrote the story: no 县长
    held -= _NOT_ROLES
    return None if not held or held & asked else "、".join(sorted(held))


def _titles_before(name: str, text: str) -> set[str]:
    """The titles written before the name in its sentences, wherever the article names it: "主编为…
    专家,…大学教授孙大文" gives 孙大文 the title 主编 too."""
    held: set[str] = set()
    for mention in re.finditer(re.escape(name), text):
        before = text[max(0, mention.start() - _REACH) : mention.start()]
        breaks = list(_SENTENCE_BREAK.finditer(before))
        own = before[breaks[-1].end() :] if breaks else before
        held |= {match.group(0) for match in _TITLE.finditer(own)}
    return held


def name_start(text: str, start: int, end: int) -> int:
    """Where a name read with its title before it (书记仲旭东), or with the end of one (长宁振东 of
    站长宁振东), starts: after the title."""
    for title in _TITLE.finditer(text, max(0, start - _LONGEST_TITLE), end):
        if title.start() <= start < title.end() and end - title.end() >= 2:
            return title.end()
    return start


# what a span read around a person's name may hold besides it: the end of a calling before it (作家,
# 运动员, 学者), and an honorific or a title, or the particle of the clause, after it
_CALLING_TAIL = re.compile(r"^.{0,3}?[家员者](?=.{2})")
_AFTER_NAME = re.compile(rf"(?:{alternation('titles')}|女士|先生|博士|总统)?[在于所]?$")


def name_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name read with the end of the calling before it (家法兰克·薛庆 of 作家法兰克·薛庆) or an
    honorific or the clause's particle after it (葛洪义教授, 徐根宝所): the name alone, where what is
    left opens with a surname or is a transliteration, two characters at least."""
    after = _AFTER_NAME.search(text, start, end)
    if after is not None and after.start() - start >= 2:
        end = after.start()
    tail = _CALLING_TAIL.match(text, start, end)
    if tail is not None and (text[tail.end()] in SURNAMES or "·" in text[tail.end() : end]):
        start = tail.end()
    return start, end


_FOREIGN = re.compile(r"[·•A-Za-z]")  # 查理·义律, Beyond: transliterations jieba splits at random


def verb_edged(answer: str, ctx: AnsweringContext, person: bool = False) -> bool:
    """Whether a name answered (who, which company) opens or ends with a verb: "青年创新创业中心举行"
    and "千兆网络改造" are a clause's words, not a name. A short name led by a surname is a name
    whatever its last word is in the dictionary (严启航: 启航 is a verb)."""
    if _FOREIGN.search(answer) or (answer[:1] in SURNAMES and len(answer) <= 4):
        return False
    words = [word for word in ctx.tokens(answer) if word.strip()]
    if not words:
        return False
    first, last = words[0], words[-1]
    # a person's name ends in no action either (邬春晖分析); an organisation's may (索尼电脑娱乐)
    last_verbs = ("v", "vn") if person else ("v",)
    return word_tag(last) in last_verbs or (len(first) >= 2 and word_tag(first) == "v")
