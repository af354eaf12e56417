"""English questions about the Chinese articles: rewritten into a Chinese question before typing.

Only what the answer extractor needs survives the rewrite: the question word (as 多少/谁/哪天...),
the subject (place names through a pinyin table built from the lexicon, periods like "January to
November") and the content words through a small glossary of the corpus's common terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.lexicon import Lexicon

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Pinyin of the characters that occur in the corpus's place names (no tones, as English text spells them).
_PINYIN = dict(
    pair.split(":")
    for pair in (
        "苏:su 溪:xi 慈:ci 平:ping 湖:hu 瓜:gua 沥:li 遂:sui 昌:chang 新:xin 仓:cang 义:yi 乌:wu 独:du "
        "山:shan 港:gang 萧:xiao 杭:hang 州:zhou 嘉:jia 兴:xing 宁:ning 波:bo 长:chang 河:he 横:heng "
        "浦:pu 观:guan 海:hai 卫:wei 深:shen 圳:zhen 广:guang 浙:zhe 江:jiang 北:bei 黄:huang 冈:gang "
        "上:shang 友:you 联:lian 垫:dian 桥:qiao 畈:fan 田:tian 胡:hu 宅:zhai 周:zhou 巷:xiang 余:yu "
        "姚:yao 松:song 阳:yang 丽:li 水:shui 金:jin 华:hua 温:wen 台:tai 绍:shao 衢:qu 舟:zhou 安:an"
    ).split()
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTH = "|".join(_MONTHS)
_WH = (
    (r"\bwhat (?:percentage|proportion|share|rate)\b|\bwhat is the [\w\- ]*rate\b", "比例是多少"),
    (r"\bhow (?:many|much)\b|\bwhat (?:was|is) the (?:total )?(?:number|amount|value)\b", "多少"),
    (r"\bon what date\b|\bwhat date\b|\bwhich day\b|\bwhen\b", "哪天"),
    (r"\bwho\b|\bwhose\b", "是谁"),
    (r"\bwhich (?:company|enterprise|firm|group)\b", "哪家公司"),
    (r"\bwhere\b|\bwhich (?:town|city|county|place|village)\b", "哪里"),
)
# English term -> the corpus's Chinese term; longest phrases first so "industrial output" beats "output".
_GLOSSARY = (
    ("total industrial output", "工业总产值"),
    ("industrial output", "工业总产值"),
    ("output value", "产值"),
    ("above-designated-size", "规上"),
    ("above designated size", "规上"),
    ("r&d", "研发"),
    ("research and development", "研发"),
    ("work-resumption rate", "复工率"),
    ("resumption rate", "复工率"),
    ("resumed work", "复工"),
    ("returned to work", "到岗"),
    ("resumed", "复工"),
    ("resumption", "复工"),
    ("party secretary", "党委书记"),
    ("secretary", "书记"),
    ("mayor", "市长"),
    ("red cross", "红十字会"),
    ("donate", "捐"),
    ("discharge", "出院"),
    ("confirmed", "确诊"),
    ("patient", "患者"),
    ("employees", "员工"),
    ("workers", "工人"),
    ("enterprises", "企业"),
    ("companies", "企业"),
    ("growth", "增长"),
    ("grew", "增长"),
    ("investment", "投资"),
    ("projects", "项目"),
    ("output", "产值"),
    ("capacity", "产能"),
    ("spending", "费用"),
    ("expenses", "费用"),
    ("year-on-year", "同比"),
    ("first half", "上半年"),
    ("first quarter", "一季度"),
    ("this year", "今年"),
    ("last year", "去年"),
)
_PLACE_SUFFIX = {"town": "镇", "city": "市", "county": "县", "district": "区", "village": "村"}


def is_english(question: str) -> bool:
    """Mostly Latin letters: a few Chinese names in brackets do not make it Chinese."""
    return len(_LATIN.findall(question)) > 2 * len(_HAN.findall(question))


def pinyin_of(name: str) -> str | None:
    """ "青禾" -> "qinghe"; None when a character is not in the table."""
    parts = [_PINYIN.get(char) for char in name]
    return None if any(p is None for p in parts) else "".join(parts)  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def _pinyin_places(names: frozenset[str]) -> tuple[tuple[str, str], ...]:
    table = {}
    for name in sorted(names, key=len):
        spelled = pinyin_of(name)
        if spelled and len(name) <= 3:
            table.setdefault(spelled, name)  # shortest name: 青禾 rather than 青禾镇
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _places(text: str, lexicon: Lexicon) -> list[str]:
    """Place names spelled in pinyin ("Qinghe town" -> 青禾镇, "Lanshan" -> 岚山)."""
    found = []
    table = _pinyin_places(frozenset(lexicon.of_kind("place")))
    for spelled, name in table:
        match = re.search(rf"\b{spelled}(?:'s)?\b(?: (town|city|county|district|village)\b)?", text)
        if match is None:
            continue
        suffix = _PLACE_SUFFIX.get(match.group(1) or "", "")
        found.append(name + suffix if name + suffix in lexicon.names else name)
        text = text.replace(spelled, " ")
    return found


def _times(text: str) -> list[str]:
    out = []
    for a, b in re.findall(rf"\bfrom ({_MONTH}) to ({_MONTH})\b", text):
        out.append(f"{_MONTHS[a]}-{_MONTHS[b]}月")
    for month, day in re.findall(rf"\b({_MONTH}) (\d{{1,2}})\b", text):
        out.append(f"{_MONTHS[month]}月{day}日")
    out.extend(f"{year}年" for year in re.findall(r"\b((?:19|20)\d\d)\b", text))
    return out


def to_chinese(question: str, lexicon: Lexicon) -> str:
    """A Chinese rendering of an English question: subject + content words + question word."""
    text = question.lower()
    han = "".join(_HAN.findall(question))  # names the asker wrote in Chinese, e.g. (公牛集团)
    kept: list[str] = []
    for en, zh in _GLOSSARY:
        if en in text:
            text = text.replace(en, " ")
            if zh not in kept and not any(zh in k for k in kept):
                kept.append(zh)
    wh = next((zh for pattern, zh in _WH if re.search(pattern, question.lower())), "什么")
    subject = _places(question.lower(), lexicon) + _times(question.lower())
    return "".join(subject) + han + "".join(kept) + wh


def retrieval_query(question: str, lexicon: Lexicon) -> str:
    """What the retrievers search for: an English question gets its Chinese keywords appended.

    The multilingual model matches English to Chinese on its own, but BM25 over Chinese text has no
    English term to match; the keywords give it one (青禾镇, 复工率) and steady the dense side too.
    """
    if is_english(question):
        return f"{question} {to_chinese(question, lexicon)}"
    return question
