"""Question analysis: expected answer type, unit hint, content words, focus words and subject."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

import jieba

from qa.answering.english import is_english, to_chinese
from qa.lexicon import Lexicon
from qa.tokenize import new_jieba

logger = logging.getLogger(__name__)

_COUNTED = (
    "元|钱|家|个|人|名|条|户|项|辆|支|次|台|套|份|处|天|片|吨|亩|倍|块|只|艘|车次|小时"
    "|座|所|位|间|张|件|批|例|篇|部|层|棵|株|箱|盒|场|届|期"
    "|首|册|种|班|队|球|面|组|枚|颗|头|匹|轮|级|节|章|集|路|岁|秒|分钟"
)
# (type, pattern) in priority order: "哪天" is a date before it is a 哪; "多少" is the weakest typed cue.
_WH_PATTERNS = (
    # the noun stays in the question's words: it is the focus word right before the number/address
    ("phone", r"(?<=电话|手机|热线|传真)(?:号码?)?(?:是|为)?(?:多少|什么)"),
    ("address", r"(?<=地址)(?:是|为|在)?(?:哪里?|哪儿|什么)"),
    ("percent", r"百分之几|百分比|占比|比例|比重|几成|多少成"),
    ("date", r"哪一?天|哪几天|哪一?年|哪个月|几月几[日号]|几月份?|几号|什么时候|何时|什么时间|哪个时间|日期"),
    ("person", r"是谁|由谁|谁|哪位|什么人|何人"),
    ("org", r"哪[家个一]?(?:公司|企业|集团|单位|部门|机构|学校)|什么(?:公司|企业|集团|单位|部门|机构)|哪家"),
    (
        "place",
        r"哪里|哪儿|在哪(?![个一]?(?:镇|市|县|区|省|村|乡|社区|街道|地方|城市|地区|国家))|什么地方|何地|何处"
        r"|哪个?(?:镇|市|县|区|省|村|乡|社区|街道|地方|城市|地区|国家)",
    ),
    (
        "number",
        rf"(?:多少|几)(?:万|亿)?(?:{_COUNTED})?"
        r"|多大|多高|多长|多久|多重|多远|第几",
    ),
    ("phrase", r"什么|哪些|哪个|哪项|哪|怎么|怎样|如何|为什么|为何|叫"),
)
_WH = [(kind, re.compile(pattern)) for kind, pattern in _WH_PATTERNS]
_UNIT_AFTER_WH = re.compile(rf"(?:多少|几)(万|亿)?({_COUNTED})")
_RATE_WORD = re.compile(r"(?<![功频])率|增长|增幅|同比|下降|提升到|恢复到")
# Words the articles write differently from the questions: 增幅 is reported as 增长 ("同比增长128%").
_SYNONYMS = (("增幅", "增长"), ("增速", "增长"), ("涨幅", "增长"))
_MONEY_WORD = re.compile(r"产值|费用|投资|金额|捐|多少钱|价值|收入|营收|利润|资金")
TIME_SPAN = re.compile(
    r"(?<![\d-])(?:\d{4}年(?:\d{1,2}(?:-\d{1,2})?月(?:\d{1,2}日)?)?|\d{1,2}-\d{1,2}月|\d{1,2}月(?:\d{1,2}[日号])?)"
    r"|[上下]半年|[一二三四1-4]季度|前三季度|去年|明年"
)
_UNKNOWN_PLACE = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff]|[在的是和与到从]))([\u4e00-\u9fff]{2})(?:镇|市|县)")
_NOT_PLACE_HEAD = set("全该本我各每这那其此哪个一城乡小大上下副委几第")
_STOP = set(
    "的 了 是 在 有 和 与 及 呢 吗 啊 吧 为 被 把 对 向 从 其 该 这 那 那么 这个 那个 "
    "他们 他 她 它 一共 共 总共 "
    "约 大约 大概 目前 已经 已 都 就 还 又 将 能 要 会 可以 到 达到 达 里 中 上 之 以来 截至 其中 什么 多少 "
    '哪 哪个 哪家 谁 是谁 几 ？ ? ， , 。 、 “ ” " ( ) （ ） 《 》'.split()
)
_tokenizer_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_known_words: set[str] = set()


@dataclass(frozen=True)
class Question:
    text: str
    qtype: str
    alt_types: tuple[str, ...]
    unit_hint: str | None
    keywords: tuple[str, ...]
    focus_before: tuple[str, ...]
    focus_after: tuple[str, ...]
    names: tuple[str, ...]
    times: tuple[str, ...]
    unknown_places: tuple[str, ...]
    head: str | None = None  # the noun the question word asks for: 什么“第一镇” -> 第一镇
    wh_start: int = 0  # where the question word sits in `text`: slot alignment cuts the question there
    wh_end: int = 0

    @property
    def subject(self) -> tuple[str, ...]:
        return self.names + self.times


def _tokens(text: str, lexicon: Lexicon) -> list[str]:
    """jieba with the corpus's names as user words (added once per name, on first use)."""
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            _tokenizer = new_jieba()
        for name in lexicon.names.keys() - _known_words:
            _tokenizer.add_word(name, freq=100000)
            _known_words.add(name)
    return _tokenizer.lcut(text)


def normalise(question: str) -> str:
    return unicodedata.normalize("NFKC", question).strip()


def find_names(text: str, lexicon: Lexicon) -> list[str]:
    """Lexicon names in the text, longest first and not overlapping (青禾镇 hides 青禾)."""
    found: list[str] = []
    taken = [False] * len(text)
    for name in sorted(lexicon.names, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            if not any(taken[start : start + len(name)]):
                taken[start : start + len(name)] = [True] * len(name)
                found.append(name)
            start = text.find(name, start + 1)
    return found


def _types(text: str) -> tuple[str, tuple[str, ...], int, int]:
    """Expected type, acceptable alternatives, and where the question word sits."""
    for kind, pattern in _WH:
        match = pattern.search(text)
        if match is None:
            continue
        alts: tuple[str, ...] = ()
        if kind == "number" and match.group(0).startswith("第几"):
            kind = "phrase"
        elif kind == "number" and _UNIT_AFTER_WH.search(text):
            alts = ()  # 多少块, 几条: an explicit measure word asks for a count, whatever else is said
        elif kind == "number" and re.search(r"(?<![功频])率|比例", text):
            kind = "percent"  # a rate is a percentage, never a count
        elif kind == "number" and _RATE_WORD.search(text):
            kind, alts = "percent", ("number",)
        elif kind == "number":
            alts = ("percent",)
        elif kind in ("org", "place"):
            alts = ("place", "org", "phrase")
        return kind, alts, match.start(), match.end()
    return "phrase", (), len(text), len(text)


def _unit_hint(text: str) -> str | None:
    match = _UNIT_AFTER_WH.search(text)
    if match:
        return "元" if match.group(2) == "钱" else match.group(2)
    if _MONEY_WORD.search(text) and re.search(r"多少|几", text) and not _RATE_WORD.search(text):
        return "元"
    return None


def _unknown_places(text: str, lexicon: Lexicon) -> list[str]:
    """Place-like words (余姚市, 松阳县) the corpus never names: the question is about somewhere else."""
    out = []
    for match in _UNKNOWN_PLACE.finditer(text):
        name = match.group(1)
        if name[0] in _NOT_PLACE_HEAD or lexicon.kind_of(name) or lexicon.kind_of(match.group(0)):
            continue
        if any(name in known for known in lexicon.names):
            continue
        out.append(match.group(0))
    return out


def parse(question: str, lexicon: Lexicon) -> Question:
    """Analyse a (contextualised) question; English is first rewritten into Chinese."""
    text = normalise(question)
    if is_english(text):
        text = to_chinese(text, lexicon)
        logger.debug("english question rewritten as %s", text)
    for word, usual in _SYNONYMS:
        text = text.replace(word, usual)
    qtype, alts, wh_start, wh_end = _types(text)
    names = find_names(text, lexicon)
    times = [m.group(0) for m in TIME_SPAN.finditer(text)]
    before, after = text[:wh_start], text[wh_end:]
    focus_before = tuple(reversed(_content(before, lexicon, names, times)))[:3]
    focus_after = tuple(_content(after, lexicon, names, times))[:3]
    keywords = tuple(dict.fromkeys(_content(text, lexicon, names, times)))
    return Question(
        text=text,
        qtype=qtype,
        alt_types=alts,
        unit_hint=_unit_hint(text),
        keywords=keywords,
        focus_before=focus_before,
        focus_after=focus_after,
        names=tuple(names),
        times=tuple(times),
        unknown_places=tuple(_unknown_places(text, lexicon)),
        head=_head(after) if qtype == "phrase" else None,
        wh_start=wh_start,
        wh_end=wh_end,
    )


def _head(after: str) -> str | None:
    """The short noun that ends the question right after its question word (什么“第一镇”？, 什么码？):
    the answer is a longer name ending with it (产业数字化第一镇)."""
    match = re.fullmatch(r"[“\"《]?([\u4e00-\u9fff]{1,6})[”\"》]?[?？。]?", after.strip())
    return match.group(1) if match else None


def _content(text: str, lexicon: Lexicon, names: list[str], times: list[str]) -> list[str]:
    """Content words of a question part: no stop words, question words, subject names or periods."""
    for word in sorted([*names, *times], key=len, reverse=True):
        text = text.replace(word, " ")
    for _, pattern in _WH:
        text = pattern.sub(" ", text)
    return [
        token
        for token in _tokens(text, lexicon)
        if token.strip() and token not in _STOP and not re.fullmatch(r"[\W_]+", token)
    ]
