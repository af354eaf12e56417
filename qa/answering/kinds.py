"""The question types the service knows, in priority order (see qa.answering.registry)."""

from __future__ import annotations

import re

from qa.answering import candidates as c
from qa.answering.registry import HOW_MANY, QuestionType, TypeRegistry
from qa.answering.shape import count_in_slot, ordinal_in_slot, quoted_in_slot, year_in_slot
from qa.vocab import words

_PLACE_NOUNS = "镇|市|县|区|省|村|乡|社区|街道|地方|城市|地区|国家|国"  # 哪国人: a country
# what a 多少 question may put after its question word: 多少钱, 多少家, 几棵
COUNTED = "|".join(re.escape(u) for u in sorted({*words("units"), "钱"}, key=len, reverse=True))
UNIT_AFTER_WH = re.compile(rf"(?:多少|几)(万|亿)?({COUNTED})")
_RATE = re.compile(r"(?<![功频])率|比例")
# 比去年多了多少 asks how much more: an amount first (410万元), not a rate
_MORE_OR_LESS = re.compile(r"(?<![增减])[多少]了?(?:多少|几)")
RATE_WORD = re.compile(r"(?<![功频])率|增长|增幅|同比|下降|提升到|恢复到")


def _refine_number(text: str, match: re.Match[str]) -> tuple[str, tuple[str, ...]]:
    """第几 asks for an ordinal phrase; a rate is a percentage; an explicit measure word asks for a count."""
    if match.group(0).startswith("第几"):
        return "phrase", ()
    if UNIT_AFTER_WH.search(text):
        return "number", ()  # 多少块, 几条: whatever else is said
    if _RATE.search(text):
        return "percent", ()  # a rate is a percentage, never a count
    if RATE_WORD.search(text) and not _MORE_OR_LESS.search(text):
        return "percent", ("number",)
    return "number", ("percent",)


_NAMED_ALTS = ("place", "org", "phrase")

DEFAULT_TYPES = TypeRegistry(
    (
        # the noun stays in the question's words: it is the focus word right before the number/address
        QuestionType(
            "phone",
            r"(?<=电话|手机|热线|传真)(?:号码?)?(?:是|为)?(?:多少|什么)",
            extractors=(c.phones,),
            form=r"\d{5}",
        ),
        QuestionType(
            "address",
            r"(?<=地址)(?:是|为|在)?(?:哪里?|哪儿|什么)",
            extractors=(c.addresses,),
            form=r"\d|[路街道巷号]",
        ),
        QuestionType(
            "percent",
            r"百分之几|百分之多少|百分比|占比|比例|比重|几成|多少成",
            extractors=(c.percents,),
            form=r"\d|百分|成",
            strict_form=r"\d%|百分之|百分点|[一二三四五六七八九十]成|倍",
            core=r"\d+(?:\.\d+)?%",
            english=r"\bwhat (?:percentage|proportion|share|rate)\b|\bwhat is the [\w\- ]*rate\b",
            chinese="比例是多少",
        ),
        QuestionType(
            "date",
            r"哪一?天|哪几天|哪一?年|哪个月|几月几[日号](?:几点钟?)?|几月份?|几号|几点钟?|几时(?!候)|什么时候|何时|什么时间|哪个时间|日期",
            extractors=(c.dates,),
            form=r"\d|[年月日]|世纪|朝|代|周[一二三四五六日天末]|星期|礼拜",
            # the date inside a longer span (龙舟赛于9月18日在 -> 9月18日)
            core=r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?(?:[至到-](?:\d{1,2}月)?\d{1,2}[日号])?|\d{4}年代?|\d{1,2}[日号]",
            shapers=(year_in_slot,),
            english=r"\bon what date\b|\bwhat date\b|\bwhich day\b|\bwhen\b",
            chinese="哪天",
            followup=r"哪天|哪一天|什么时候",
        ),
        QuestionType(
            "person",
            # 村医叫什么: what a person (a noun of one) is called is a name
            r"是谁|由谁|谁|哪位|什么人|何人|(?<=[人者员医师长手生官])叫什么(?:名字)?",
            extractors=c.PERSON_EXTRACTORS,
            named=True,
            english=r"\bwho\b|\bwhose\b",
            chinese="是谁",
            followup=r"是谁|谁",
        ),
        QuestionType(
            "org",
            r"哪[家个一]?(?:公司|企业|集团|单位|部门|机构|学校)|什么(?:公司|企业|集团|单位|部门|机构)|哪家",
            extractors=(c.extended_orgs, c.org_nouns),
            alts=_NAMED_ALTS,
            named=True,
            english=r"\bwhich (?:company|enterprise|firm|group)\b",
            chinese="哪家公司",
            followup=r"哪家\w*",
        ),
        QuestionType(
            "place",
            rf"哪里|哪儿|在哪(?![个一]?(?:{_PLACE_NOUNS}))|什么地方|何地|何处|哪个?(?:{_PLACE_NOUNS})",
            extractors=(c.extended_places,),
            alts=_NAMED_ALTS,
            named=True,
            english=r"\bwhere\b|\bwhich (?:town|city|county|place|village)\b",
            chinese="哪里",
            followup=r"哪里",
        ),
        QuestionType(
            "number",
            rf"{HOW_MANY}(?:万|亿)?(?:{COUNTED})?|多大|多高|多长|多久|多重|多远|第几",
            extractors=(c.numbers,),
            form=r"\d|[一二两三四五六七八九十百千万亿]",
            strict_form=r"\d|[一二两三四五六七八九十百千万亿]",
            shapers=(count_in_slot,),
            refine=_refine_number,
            english=r"\bhow (?:many|much)\b|\bwhat (?:was|is) the (?:total )?(?:number|amount|value)\b",
            chinese="多少",
            followup=r"是多少|有多少|多少\w?|几\w?",
            units=words("units"),
        ),
        QuestionType(
            "phrase",
            r"什么|哪些|哪个|哪项|哪|怎么|怎样|如何|为什么|为何|叫",
            extractors=(c.quoted, c.clauses),
            shapers=(ordinal_in_slot, quoted_in_slot),
        ),
    )
)
