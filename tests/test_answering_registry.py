"""Question types through the registry alone, vocabulary from data, and the subject check, on invented
articles (towns, companies and people that are in no seed) answered by the rules, without a model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from qa.answering import AnsweringContext, answer
from qa.answering.candidates import Candidate, Sentence, typed
from qa.answering.checks import conflict, metric_conflict
from qa.answering.english import to_chinese
from qa.answering.kinds import DEFAULT_TYPES
from qa.answering.measured import unit_conflict
from qa.answering.periods import current_year, period_forms, relative_year, reported_year, written_forms
from qa.answering.question import parse
from qa.answering.registry import QuestionType
from qa.answering.shape import shape
from qa.answering.subject import subject_holds
from qa.answering.weights import DEFAULT_WEIGHTS
from qa.chunking import ChunkerParams, chunk_document
from qa.clean import CleanText, clean
from qa.lexicon import Lexicon, extract_names
from qa.types import Hit

ARTICLES = {
    "taoyuan.txt": (
        "桃源镇春季植树造林成效明显\n"
        "本报讯(记者 闵若溪)桃源镇今年春季共种下12万棵树,新增绿地300亩。镇长祁望舒说,全镇将继续推进绿化。\n"
        "桃源镇政务服务中心的邮箱是taoyuan_service@example.cn,群众可来信反映意见。\n"
        "溪口镇与桃源镇相邻,溪口镇今年种下的茶苗达8万株。\n"
    ),
    "chashan.txt": (
        "杏林县茶山上的茶园面积达2.4万亩\n"
        "杏林县茶山上的茶园面积达2.4万亩,茶农3600户。10月9日,杏林县召开秋茶收购会。\n"
        "杏林县工业总产值今年前三季度达到41亿元,同比增长6.5%。\n"
    ),
}


def _corpus() -> tuple[dict[str, CleanText], list[Hit], AnsweringContext]:
    docs = {name: clean(text) for name, text in ARTICLES.items()}
    chunks = [c for name, doc in docs.items() for c in chunk_document(name, doc, ChunkerParams())]
    context = AnsweringContext.build(extract_names(doc.text for doc in docs.values()))
    return docs, [Hit(chunk, 1.0) for chunk in chunks], context


def _hits_for(question: str, hits: list[Hit]) -> list[Hit]:
    """The chunks sharing most character pairs with the question, best first (no model needed)."""
    pairs = {question[i : i + 2] for i in range(len(question) - 1)}
    return sorted(hits, key=lambda hit: -sum(p in hit.chunk.text for p in pairs))[:5]


def _ask(question: str, context: AnsweringContext | None = None):
    docs, hits, built = _corpus()
    return answer(question, _hits_for(question, hits), docs, context or built)


# --- a question type added through the registry alone -------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _emails(text: str, s: Sentence, context: AnsweringContext) -> Iterator[Candidate]:
    for match in _EMAIL.finditer(text, s.start, s.end):
        yield Candidate(match.group(0), "email", match.start(), match.end(), s)


def _email_in_slot(question, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    match = _EMAIL.search(sentence, start, end)
    return match.span() if match else None


EMAIL = QuestionType(
    "email",
    r"(?<=邮箱|邮件)(?:地址)?(?:是|为)?(?:多少|什么)",
    extractors=(_emails,),
    form=r"@",
    shapers=(_email_in_slot,),
    english=r"\bwhat is the e-?mail\b",
    chinese="邮箱是什么",
    followup=r"邮箱是什么",
)


@pytest.fixture(scope="module")
def with_email() -> AnsweringContext:
    return _corpus()[2].with_types(DEFAULT_TYPES.with_type(EMAIL))


def test_a_new_type_is_recognised_only_once_registered(with_email) -> None:
    question = "桃源镇政务服务中心的邮箱是什么？"
    assert parse(question, with_email).qtype == "email"
    assert parse(question, _corpus()[2]).qtype != "email"
    english = parse("What is the email of the Taoyuan town service centre?", with_email)
    assert english.qtype == "email" and "桃源镇" in english.names  # pinyin learned from the corpus
    assert parse("桃源鎮政務服務中心的郵箱是什麼？", with_email).qtype == "email"  # Traditional


def test_a_new_type_extracts_shapes_and_answers(with_email) -> None:
    docs, _, _ = _corpus()
    text = docs["taoyuan.txt"].text
    start = text.index("桃源镇政务")
    sentence = Sentence("taoyuan.txt", start, text.index("。", start) + 1, 0, 0, len(text))
    assert [c.text for c in typed(text, sentence, ["email"], with_email)] == ["taoyuan_service@example.cn"]
    parsed = parse("桃源镇政务服务中心的邮箱是什么？", with_email)
    span = shape(parsed, text, sentence.start, sentence.end)
    assert span is not None and text[span[0] : span[1]] == "taoyuan_service@example.cn"
    result = _ask("桃源镇政务服务中心的邮箱是什么？", with_email)
    assert result.answerable and result.text == "taoyuan_service@example.cn"
    assert "taoyuan_service@example.cn" in result.citations[0].quote
    assert with_email.types.followup_words.search("桃源镇政务服务中心的邮箱是什么")


# --- vocabulary from data -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("全镇今年种了多少棵树？", "12万棵"),
        ("溪口镇今年种下的茶苗有多少株？", "8万株"),
        ("桃源镇镇长是谁？", "祁望舒"),
    ],
)
def test_counters_and_titles_are_known_everywhere(question: str, expected: str) -> None:
    result = _ask(question)
    assert result.answerable, result.text
    assert result.text.endswith(expected) and len(result.text) <= len(expected) + 1  # 达8万株
    assert expected in result.citations[0].quote


def test_place_pinyin_is_learned_from_the_corpus() -> None:
    context = _corpus()[2]
    assert dict(context.places_by_pinyin())["xinglin"] == "杏林"
    assert "杏林" in to_chinese("What was the industrial output of Xinglin county?", context)


# --- the subject check ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["火星上的工业总产值是多少？", "月球上的茶园面积有多少？"])
def test_a_subject_no_article_names_is_refused(question: str) -> None:
    result = _ask(question)
    assert not result.answerable, result.text
    assert not result.citations


def test_a_subject_the_article_names_is_answered() -> None:
    result = _ask("茶山上的茶园面积有多少？")
    assert result.answerable and result.text.endswith("2.4万亩")


def test_a_company_named_earlier_in_the_paragraph_holds_outside_the_chunk() -> None:
    """Where a chunk was cut is an accident of indexing: the paragraph that names the company counts."""
    text = (
        "云岫印刷股份有限公司的400多名员工已全部到岗。厂里的负责人说,物流不畅是最大难题。"
        "其中还有3辆货车持有特殊物资通行证。\n另一段说的是别的事。"
    )
    context = AnsweringContext.build(extract_names([text]))
    question = parse("云岫印刷股份有限公司有几辆货车持有特殊物资通行证？", context)
    assert question.names == ("云岫印刷股份有限公司",)
    start = text.index("其中")
    for chunk_start, expected in ((start, True), (text.index("\n") + 1, False)):
        sentence = Sentence("doc.txt", start, text.index("\n"), 0, chunk_start, text.index("\n"))
        if not expected:  # the candidate in the next paragraph, its chunk that paragraph alone
            sentence = Sentence("doc.txt", chunk_start, len(text), 0, chunk_start, len(text))
        candidate = Candidate("3辆", "count", sentence.start, sentence.start + 2, sentence)
        assert subject_holds(question, candidate, text, context) is expected


def test_weights_are_passed_in() -> None:
    docs, hits, context = _corpus()
    question = "杏林县工业总产值是多少？"
    assert answer(question, _hits_for(question, hits), docs, context).answerable
    strict = AnsweringContext.build(context.lexicon, weights=replace(DEFAULT_WEIGHTS, min_score=99.0))
    assert not answer(question, _hits_for(question, hits), docs, strict).answerable


# --- shaping a reader's span ----------------------------------------------------------------------


def test_a_span_that_repeats_the_asked_noun_answers_with_what_precedes_it() -> None:
    _, _, context = _corpus()
    question = parse("执法队接下来将采取什么巡查模式？", context)
    sentence = '下一步,执法队将继续采取"白+黑"巡查模式,对辖区开展常态化治理'
    start = sentence.index('"白')
    span = shape(question, sentence, start, sentence.index(",对"))
    assert span is not None and sentence[span[0] : span[1]] == '"白+黑"'


def test_a_name_ending_with_the_asked_noun_stays_whole() -> None:
    _, _, context = _corpus()
    question = parse("获奖的是什么公司？", context)
    sentence = "获奖的是青禾机械有限公司。"
    span = shape(question, sentence, sentence.index("青"), sentence.index("。"))
    assert span is not None and sentence[span[0] : span[1]] == "青禾机械有限公司"


def _form_check(asked: str, text: str, said: str) -> str:
    """Why the form checks refuse `said`, a span of the one-sentence passage `text` ("" if they don't)."""
    from qa.answering.checks import _form_rejection

    context = _corpus()[2]
    question = parse(asked, context)
    start = text.index(said)
    sentence = Sentence("a.txt", 0, len(text), 0, 0, len(text))
    candidate = Candidate(said, question.qtype, start, start + len(said), sentence)
    return _form_rejection(question, candidate, context) or ""


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("人力资源和社会保障局", False),
        ("县图书馆", False),
        ("奖金20万元", False),
        ("汤晨阳", True),
        ("索尼公司", True),
    ],
)
def test_an_organisation_or_a_figure_is_no_persons_name(said: str, name: bool) -> None:
    text = "来自桂塘镇的汤晨阳获得奖金20万元,县图书馆、索尼公司和人力资源和社会保障局为其提供支持。"
    assert ("is not a name" not in _form_check("谁获得了一等奖？", text, said)) is name


@pytest.mark.parametrize("said", ['"', "——", "、"])
def test_a_span_without_a_word_is_never_stated(said: str) -> None:
    assert "no word" in _form_check("执法队采取了什么措施？", f"执法队采取了{said}措施。", said)


@pytest.mark.parametrize(("said", "percent"), [("0.6个百分点", True), ("7.4%", True), ("286.4亿元", False)])
def test_percentage_points_are_a_percent(said: str, percent: bool) -> None:
    text = "地区生产总值286.4亿元,同比增长7.4%,增速比上半年加快0.6个百分点。"
    assert ("is not a percent" not in _form_check("增速比上半年快了多少？", text, said)) is percent


def test_a_numeral_cut_from_its_ordinal_takes_it_back() -> None:
    from qa.answering.shape import complete_figure

    text = "出货量排名行业第二。"
    start = text.index("二")
    assert complete_figure(text, start, start + 1) == (text.index("第"), start + 1)


@pytest.mark.parametrize(("said", "stated"), [("党建三级", True), ("5172个", False), ("11家", False)])
def test_a_count_that_only_repeats_the_questions_figure_is_refused(said: str, stated: bool) -> None:
    why = _form_check("1-11月苏溪建了几个三级作战单元？", f"苏溪建了{said}。", said)
    assert ("repeats the question's figure" in why) is stated


@pytest.mark.parametrize(
    ("asked", "rank"),
    [("该厂的出货量是多少？", False), ("该厂的出货量排名多少？", True), ("该厂出货量的名次是多少？", True)],
)
def test_a_rank_answers_only_a_question_about_rank(asked: str, rank: bool) -> None:
    why = _form_check(asked, "该厂的出货量排名全国第147位。", "第147位")
    assert ("is a rank" not in why) is rank


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("文周王是哪年到哪年在位的？", "475年至477年"), ("文周王是哪一年即位的？", "475年")],
)
def test_a_year_range_asked_for_stays_whole(asked: str, expected: str) -> None:
    from qa.answering.shape import shape

    question = parse(asked, _corpus()[2])
    text = "文周王于475年至477年在位,共三年。"
    start = text.index("475")
    assert text[slice(*shape(question, text, start, text.index("在位")))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("设田径、游泳等16个大项、218个小项。", "16个"),
        ("共有143家助餐点中心。", "143家"),
        ("确定了三大项任务和二十条具体措施。", "三大项"),
    ],
)
def test_a_count_in_a_long_span_keeps_its_unit_not_the_word_after_it(text: str, expected: str) -> None:
    from qa.answering.shape import shape

    question = parse("一共设了多少项？", _corpus()[2])
    start = next(i for i, c in enumerate(text) if c.isdigit() or c == "三")
    assert text[slice(*shape(question, text, start, len(text) - 1))] == expected


# --- periods written two ways ---------------------------------------------------------------------

_QUARTERS = (
    "岚川镇经济稳中有进\n"
    "会议通报,今年1-9月,岚川镇完成一般公共预算收入3.27亿元,同比增长14.5%;\n"
    "规模以上工业总产值126.4亿元,同比增长19.8%。\n"
    "今年上半年,岚川镇新签约项目12个。\n"
)


def _ask_one_article(question: str, raw: str):
    """The rules' answer to `question` from one invented article, every chunk a hit."""
    docs = {"article.txt": clean(raw)}
    chunks = chunk_document("article.txt", docs["article.txt"], ChunkerParams())
    context = AnsweringContext.build(extract_names([docs["article.txt"].text]))
    return answer(question, [Hit(chunk, 1.0) for chunk in chunks], docs, context)


def test_period_forms_know_the_usual_ways_of_writing_a_period() -> None:
    assert {"1-9月", "1至9月", "前三季度"} <= period_forms("前三季度")
    assert "2021年前三季度" in period_forms("2021年1-9月")
    assert "三季度" not in period_forms("前三季度") and period_forms("去年") == {"去年"}


def test_last_year_is_written_as_the_year_before_the_one_an_article_reports() -> None:
    report = "2024年工作会议透露…2023年全年…到2030年…"
    assert {"去年", "上年", "2023年"} <= written_forms("去年", report)
    assert "2029年" not in written_forms("去年", report)  # 2030 is a plan's year, not the report's
    assert written_forms("去年", "没有年份") == {"去年"}


def test_an_articles_own_this_year_follows_its_lead_and_dateline() -> None:
    review = "柏岭县交通建设提速\n本报讯 1月12日,记者获悉,2025年全县完成投资3.12亿元。截至去年底……"
    assert reported_year(review) == 2025 and current_year(review) == 2026  # a review dated January
    assert relative_year("去年", review) == "2025年" and relative_year("今年", review) == "2026年"
    late = review.replace("1月12日", "11月3日")
    assert current_year(late) == 2025 and relative_year("去年", late) == "2024年"
    # a plan's year (力争, 预算草案), a comparison's and a starting level's are no year reported
    plans = "鸥湾港2024年度会议透露……2025年,全港力争完成6000万吨。比2019年增长……由2018年的3%提高到"
    assert reported_year(plans) == 2024
    budget = "本报讯 1月9日,会议审议2023年预算执行情况和2024年预算草案。"
    assert reported_year(budget) == 2023 and current_year(budget) == 2024
    january = "本报讯 1月9日,2026年1月起全市实施新规。"
    assert current_year(january) == 2026  # a month of the year named: it is this year


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("岚川镇前三季度的一般公共预算收入是多少？", "3.27亿元"),  # written 1-9月
        ("岚川镇1-6月新签约了几个项目？", "12个"),  # written 上半年
        # 去年 is the base of the comparison, not the period; a semicolon does not end the paragraph
        ("岚川镇今年1-9月规上工业总产值比去年同期增长了多少？", "19.8%"),
    ],
)
def test_a_period_holds_however_it_is_written(question: str, expected: str) -> None:
    result = _ask_one_article(question, _QUARTERS)
    assert result.answerable and result.text == expected, result.text


# --- units and metrics a figure must fit ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("受理了几起游客投诉？", "起"),
        ("捐赠了多少台红外测温仪？", "台"),
        ("独山港镇有多少家规上企业完成复工？", "家"),  # 家规 is a rare word: 家 is the measure word
        ("项目带动了多少周边农户就业？", None),  # 周边, not a number of weeks
        ("有多少家庭受益？", None),
    ],
)
def test_the_unit_a_question_asks_for(question: str, unit: str | None) -> None:
    assert parse(question, _corpus()[2]).unit_hint == unit


def test_a_figure_of_another_metric_or_unit_does_not_answer() -> None:
    text = "其中总投资1150万美元的冲浪板项目,达产后年产值可达3亿元。新海集团捐赠200万元。"
    context = AnsweringContext.build(extract_names([text]))
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))

    def candidate(figure: str) -> Candidate:
        start = text.index(figure)
        return Candidate(figure, "number", start, start + len(figure), sentence)

    output = parse("冲浪板项目的年产值是多少？", context)
    assert metric_conflict(output, candidate("1150万美元"), text) == "investment"
    assert metric_conflict(output, candidate("3亿元"), text) is None
    assert metric_conflict(parse("冲浪板项目总投资是多少？", context), candidate("1150万美元"), text) is None
    assert unit_conflict(parse("新海集团捐赠了多少台测温仪？", context), "200万元")
    assert not unit_conflict(parse("新海集团捐赠了多少钱？", context), "200万元")
    assert not unit_conflict(parse("年产值是多少？", context), "2个亿")


_ROAD = (
    "岚溪快速通道开工\n"
    "国庆假期前,岚溪快速通道开工建设,建成后两地车程缩短至40分钟。设计速度为每小时70-80公里,路基宽度25.5米。\n"
    "为了缓解企业融资难题,岚溪镇联合县农商银行推出“岚溪贷”产品。国庆假期,岚溪镇接待游客12.6万人次。\n"
    "今年,岚溪镇工业投资17.8亿元,同比增长22.4%。\n"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("岚溪快速通道的设计时速是多少？", "70-80公里"),  # a speed, not the 40分钟 nearby; the range whole
        ("岚溪镇为什么要推出“岚溪贷”？", "缓解企业融资难题"),  # the purpose is the reason
        ("岚溪镇国庆假期接待游客多少人次？", "12.6万人次"),
        ("岚溪镇五一假期接待游客多少人次？", None),  # another holiday's figure
    ],
)
def test_measures_ranges_purposes_and_holidays(question: str, expected: str | None) -> None:
    result = _ask_one_article(question, _ROAD)
    assert result.answerable == (expected is not None), result.text
    assert expected is None or result.text == expected, result.text


def test_a_rate_follows_the_metric_named_before_it_in_its_sentence() -> None:
    text = "今年,工业投资17.8亿元,同比增长22.4%。"
    context = AnsweringContext.build(extract_names([text]))
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    start = text.index("22.4%")
    rate = Candidate("22.4%", "percent", start, start + 5, sentence)
    assert metric_conflict(parse("工业用电量同比增长了多少？", context), rate, text) == "investment"
    assert metric_conflict(parse("工业投资同比增长了多少？", context), rate, text) is None


def test_a_why_answer_leaves_its_cause_marker_out() -> None:
    from qa.answering.cause import after_cause_marker

    text = "主要原因是疫情防控形势总体平稳"
    assert text[after_cause_marker(text, 0, len(text)) :] == "疫情防控形势总体平稳"
    assert after_cause_marker("原因是", 0, 3) == 0  # nothing would be left


def test_a_figure_dated_to_another_year_or_no_day_conflicts_with_the_question() -> None:
    text = "全县早稻总产量达到13.9万吨,比2023年的13.3万吨增长4.5%。演练于2024年6月6日举行。"
    context = AnsweringContext.build(extract_names([text]))
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))

    def candidate(span: str, kind: str) -> Candidate:
        start = text.index(span)
        return Candidate(span, kind, start, start + len(span), sentence)

    asked = parse("2024年早稻一共产了多少？", context)
    assert conflict(asked, candidate("13.3万吨", "number"), text) == "'13.3万吨' is the figure of 2023年"
    assert conflict(asked, candidate("13.9万吨", "number"), text) is None
    day = parse("演练是哪天举行的？", context)
    assert conflict(day, candidate("2024年", "date"), text) == "'2024年' is not a day"
    assert conflict(day, candidate("2024年6月6日", "date"), text) is None


def test_the_rules_do_not_state_a_figure_in_another_unit_or_year() -> None:
    text = "捐赠情况\n新海集团捐赠200万元。2024年全县早稻总产量达到13.9万吨,比2023年的13.3万吨增长4.5%。\n"
    assert not _ask_one_article("新海集团捐赠了多少台测温仪？", text).answerable
    assert _ask_one_article("新海集团捐赠了多少钱？", text).text == "200万元"
    assert _ask_one_article("2024年全县早稻总产量是多少？", text).text == "13.9万吨"
    assert not unit_conflict(parse("产值大约是多少？", _corpus()[2]), "11个亿左右")


@pytest.mark.parametrize(
    ("span", "date"),
    [
        ("传统项目龙舟赛于9月18日在", "9月18日"),
        ("于2022年3月开工建设", "2022年3月"),
        ("活动在10月2日至4日举行", "10月2日至4日"),
    ],
)
def test_a_date_question_s_answer_is_the_date_inside_a_longer_span(span: str, date: str) -> None:
    core = DEFAULT_TYPES.get("date").core
    assert core is not None and re.search(core, span).group(0) == date


def _in_its_sentence(text: str, answer: str, kind: str) -> Candidate:
    """`answer` (its first occurrence) as a candidate in its sentence, its chunk the rest of the text."""
    start = text.index(answer)
    line = text.rindex("\n", 0, start) + 1
    sentence = Sentence("doc.txt", line, text.index("。", start) + 1, 0, line, len(text))
    return Candidate(answer, kind, start, start + len(answer), sentence)


_VILLAGE = (
    "云溪县梓桥古村旅游复兴见闻\n"
    "云溪县梓桥镇梓桥村始建于南宋。梓桥村村支书周德全回忆往事。白沙村也在修缮古宅。\n"
    "{sentence}修缮坚持“修旧如旧”原则,方案均经过审核。\n"
)


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("云溪梓桥文旅发展有限公司董事长方志诚表示,", True),  # 梓桥, a place 梓桥古村 opens with
        ("白沙村村委表示,", False),  # another village named instead
    ],
)
def test_a_place_is_named_by_the_shorter_place_its_name_opens_with(sentence: str, holds: bool) -> None:
    text = _VILLAGE.format(sentence=sentence)
    places = (
        "梓桥古村",
        "梓桥镇",
        "梓桥村",
        "梓桥",
        "云溪县",
        "云溪",
        "白沙村",
    )  # as the corpus's miner learns them
    context = AnsweringContext.build(Lexicon(dict.fromkeys(places, "place")))
    question = parse("梓桥古村修缮老房子坚持的是什么原则？", context)
    assert subject_holds(question, _in_its_sentence(text, "修旧如旧", "phrase"), text, context) is holds


@pytest.mark.parametrize(
    ("paragraph", "holds"), [("9所新校中,小学5所。", True), ("今年新校中,小学5所。", False)]
)
def test_a_period_the_headline_names_holds_where_the_paragraph_names_no_other(
    paragraph: str, holds: bool
) -> None:
    text = f"临湖市公布明年秋季招生计划\n临湖市计划招收小学新生2.86万人,比今年多700人。\n{paragraph}\n"
    context = AnsweringContext.build(extract_names([text]))
    question = parse("临湖市明年新开几所小学？", context)
    assert subject_holds(question, _in_its_sentence(text, "5所", "number"), text, context) is holds


def test_a_figure_with_no_unit_of_its_own_contradicts_no_unit_asked() -> None:
    context = AnsweringContext.build(extract_names(["说勉语的人约有150万。"]))
    asked = parse("说勉语的人大约有多少人？", context)
    assert not unit_conflict(asked, "150万")
    assert not unit_conflict(asked, "150万左右")
    assert unit_conflict(asked, "150万元")  # a unit of its own, another one


@pytest.mark.parametrize(("question", "qtype"), [("佩特里是哪国人？", "place"), ("他去过哪国？", "place")])
def test_which_country_asks_for_a_place(question: str, qtype: str) -> None:
    assert parse(question, _corpus()[2]).qtype == qtype
