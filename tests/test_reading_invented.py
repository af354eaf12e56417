"""Articles nobody tuned anything for: invented towns, companies and people, written here.

Each question type is answered from them and cited verbatim; questions they do not answer are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import STORES, in_store

ARTICLES = {
    "qinghe.txt": (
        "青禾镇前三季度经济稳中有进\n"
        "本报讯(记者 柯远帆)青禾镇前三季度实现工业总产值86.4亿元,同比增长12.7%。其中,规上企业完成产值"
        "61亿元。今年以来,青禾镇新引进项目23个,总投资45亿元。\n"
        "10月18日,青禾镇召开三季度经济形势分析会。镇党委书记鲁明哲在会上表示,要全力冲刺全年目标。\n"
        "位于青禾镇的星河织造有限公司是当地最大的纺织企业,今年投入3000万元新建智能车间,"
        "年产高档面料1200万米。\n"
    ),
    "lanshan.txt": (
        "岚山县春茶开采 茶农喜迎丰收\n"
        '岚山县地处山区,气候湿润,被誉为"江南茶仓"。全县茶园面积达5.6万亩,茶农1.2万户。\n'
        "3月12日,岚山县春茶开采仪式在白鹭村举行。县长詹秋白说,今年春茶产量有望增长一成。\n"
        "今年,云溪茶业有限公司牵头建设了茶叶加工中心,可带动周边农户每户增收8000元。\n"
    ),
    # towns whose names are common nouns (桃源, 溪口): the miner must still take them as places
    "taoyuan.txt": (
        "桃源镇春季植树造林成效明显\n"
        "本报讯(通讯员 闵若溪)桃源镇今年春季共种下12万棵树,新增绿地300亩。镇长祁望舒说,全镇将继续推进绿化。\n"
        "绿禾苗木有限公司为桃源镇提供了全部苗木。溪口镇与桃源镇相邻,溪口镇今年种下的茶苗达8万株。\n"
    ),
    # questions that say it otherwise than the article (问世 for 建成, 哪个年代 for 1980年代)
    "shiliang.txt": (
        "石梁古桥修缮完工\n"
        "石梁古桥横跨柳溪,全长46米。古桥始建于1472年,1980年代曾经历一次大修。"
        "2009年,石梁古桥被列为省级文物保护单位。今年的修缮由县文物局主持,耗时8个月。\n"
    ),
    # a company's full name around a short one the corpus also uses (鼎泰); figures of other metrics
    "xiuchuan.txt": (
        "岫川快速通道开工建设\n"
        "鼎泰精密机械有限公司的智能化改造项目已完成设备安装。总投资12亿元的岫川快速通道昨日开工,"
        "工程由岫川鼎泰建设集团有限公司牵头承建,计划工期36个月。\n"
        "国庆期间,县市场监管局检查旅游经营单位218家,受理游客投诉12起,全部办结。\n"
    ),
    # the same figure for two years, the other year named in the clause
    "yujiang.txt": (
        "萸川县早稻喜获丰收\n"
        "萸川县今年早稻种植面积达到31.6万亩。2024年全县早稻总产量达到13.9万吨,同比增长4.5%;"
        "其中,2023年全县早稻总产量为13.3万吨。丰收节于2024年7月18日举行。\n"
    ),
    # labelled figures in a list, and counted nouns after their figures: each figure is its own item's
    "wutong.txt": (
        "梧桐县图书馆全年借阅持续增长\n"
        "本报讯 梧桐县图书馆全年接待读者18.6万人次。其中借书3820册、还书3605册、续借947册。"
        "与上年相比,借书量增长9.2%,还书量下降2.7%。\n"
        "在县中学生运动会上,东坪镇代表队以14枚金牌、9枚银牌、6枚铜牌位列第一;南岗镇代表队获得8枚金牌,"
        "位列第二。\n"
    ),
    # a figure of an earlier year, dated by the sentence it opens, next to this year's
    "ouwan.txt": (
        "鸥湾港集装箱吞吐量再创新高\n"
        "鸥湾港2024年度工作会议透露,鸥湾港今年完成集装箱吞吐量58.2万标箱,同比增长17.3%,"
        "开行海铁联运班列860列。2023年,鸥湾港全年集装箱吞吐量为49.6万标箱,开通班轮航线42条。\n"
    ),
    # a level with its change right after it: a question about the change is answered by the change
    "qiaoxi.txt": (
        "桥溪县居民收入稳步增长\n"
        "桥溪县全体居民人均可支配收入达到31200元,其中农村居民人均可支配收入21850元,增长8.1%,"
        "城乡收入差距继续缩小。\n"
    ),
    # a review of 2025 dated January (its 去年 is 2025); figures given 分别 to items in order; a
    # level a change started from in a named year; a total before its breakdown by town
    "bailing.txt": (
        "柏岭县交通建设提速 公交通达率达100%\n"
        "本报讯 1月12日,记者从柏岭县交通运输局获悉,2025年全县完成农村公路建设投资3.12亿元,"
        "同比增长9.4%。截至去年底,全县农村公路总里程达到2,460公里。\n"
        "桐坪镇、柳湾乡两地的道路硬化率分别由81.2%和76.5%提高到96.8%和93.3%。"
        "全县共办理群众出行诉求2,418件,办结2,365件,同比分别增长5.3%和8.9%。"
        "建制村公交通达率由2023年的88.3%提高到100%。\n"
        "依托公交线路,全年农村快递投递量达1,260万件。其中,桐坪镇投递量241万件;柳湾乡173万件。\n"
    ),
    # a town named where the county is asked about is inside it, not a rival place
    "baixi.txt": (
        "柏溪县举行森林防火演练\n"
        "本报讯 柏溪县森林防火综合演练在青松镇举行。此次演练由县应急管理局、青松镇人民政府承办,"
        "副县长庞思远担任演练总指挥。\n"
    ),
}

ANSWERABLE = [
    ("青禾镇前三季度工业总产值是多少？", "86.4亿元"),
    ("青禾镇前三季度工业总产值同比增长多少？", "12.7%"),
    ("青禾镇三季度经济形势分析会是哪天召开的？", "10月18日"),
    ("青禾镇党委书记是谁？", "鲁明哲"),
    ("星河织造有限公司新建智能车间投入了多少钱？", "3000万元"),
    ("岚山县被誉为什么？", "江南茶仓"),
    ("岚山县茶园面积有多少？", "5.6万亩"),
    ("岚山县春茶开采仪式在哪个村举行？", "白鹭村"),
    ("岚山县县长是谁？", "詹秋白"),
    ("哪家公司牵头建设了茶叶加工中心？", "云溪茶业"),
    ("桃源镇今年种了多少棵树？", "12万棵"),
    ("溪口镇今年种下的茶苗有多少株？", "8万株"),
    ("桃源镇镇长是谁？", "祁望舒"),
    ("哪家公司为桃源镇提供了全部苗木？", "绿禾苗木"),
    ("How many trees did Taoyuan town plant this spring?", "12万棵"),
    ("石梁古桥是在哪一年问世的？", "1472年"),
    ("石梁古桥在哪个年代经历了大修？", "1980年代"),
    ("石梁古桥是哪一年成为省级文物保护单位的？", "2009年"),
    ("岫川快速通道是哪家公司牵头承建的？", "岫川鼎泰建设集团有限公司"),
    ("国庆期间县市场监管局受理了几起游客投诉？", "12起"),
    ("萸川县2024年早稻一共产了多少？", "13.9万吨"),
    ("萸川县丰收节是哪天举行的？", "7月18日"),
    ("梧桐县图书馆续借了多少册？", "947册"),
    ("梧桐县图书馆还书量比上年少了多少？", "2.7%"),
    ("东坪镇代表队铜牌几枚？", "6枚"),
    ("鸥湾港今年的集装箱吞吐量是多少？", "58.2万标箱"),
    ("鸥湾港去年的集装箱吞吐量是多少？", "49.6万标箱"),  # 2023年 in a report on 2024
    ("鸥湾港集装箱吞吐量比上年涨了多少？", "17.3%"),
    ("鸥湾港今年开了多少趟海铁联运班列？", "860列"),
    ("桥溪县农村居民人均可支配收入涨了多少？", "8.1%"),
    ("柏溪县森林防火演练的总指挥是谁？", "庞思远"),
    ("柏岭县去年农村公路建设投资是多少？", "3.12亿元"),
    ("柳湾乡的道路硬化率现在提高到多少了？", "93.3%"),
    ("桐坪镇的道路硬化率现在是多少？", "96.8%"),
    ("柏岭县办结的出行诉求同比增长了多少？", "8.9%"),
    ("2023年柏岭县建制村的公交通达率是多少？", "88.3%"),
]
UNANSWERABLE = [
    "白沙镇前三季度工业总产值是多少？",
    "青禾镇2019年的工业总产值是多少？",
    "星河织造有限公司有多少名员工？",
    "岚山县的地区生产总值是多少？",
    "火星上的工业总产值是多少？",
    "火星上的茶园面积有多少？",
    "溪口镇今年种了多少棵树？",
    "岫川快速通道建成后的年产值是多少？",  # 12亿元 is its investment
    "国庆期间县市场监管局收到了多少台投诉设备？",  # 218家 and 12起 count other things
    "南岗镇代表队获得了多少枚银牌？",  # 8枚 counts its gold medals
    "鸥湾港今年开通了多少条班轮航线？",  # 42条 is 2023's
]


@pytest.fixture(scope="module", params=STORES)
def invented(request, tmp_path_factory, embedder, settings):
    """A service over the invented articles, once per store: answers must not depend on it."""
    from qa.wiring import build_index, load_service

    corpus = tmp_path_factory.mktemp("invented")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    local = in_store(
        settings, tmp_path_factory.mktemp(f"invented-{request.param}"), request.param, corpus_dir=corpus
    )
    build_index(local, embedder)
    return load_service(local, embedder)


@pytest.mark.parametrize(("question", "expected"), ANSWERABLE)
def test_invented_articles_are_answered_and_cited(invented, question, expected):
    result = invented.ask(question).answer
    assert result.answerable, result.text
    assert expected in result.text and len(result.text) <= len(expected) + 6, result.text
    citation = result.citations[0]
    raw = invented.index.docs[citation.doc].raw
    assert raw[citation.start : citation.end] == citation.quote
    assert expected in re.sub(r"\s+", "", citation.quote)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_the_invented_articles_do_not_answer_are_refused(invented, question):
    result = invented.ask(question).answer
    assert not result.answerable, result.text
    assert not result.citations


def test_a_towns_figure_is_not_the_total_given_before_its_breakdown(invented):
    result = invented.ask("柳湾乡去年的快递投递量是多少？").answer
    assert "1,260" not in result.text, result.text


def test_traditional_chinese_question_is_answered_like_simplified(invented):
    simplified = invented.ask("青禾镇党委书记是谁？").answer
    traditional = invented.ask("青禾鎮黨委書記是誰？").answer
    assert traditional.answerable and traditional.text == simplified.text


@pytest.mark.parametrize("store", STORES)
def test_traditional_chinese_article_is_answered_in_its_own_characters(
    tmp_path: Path, embedder, settings, store
):
    from qa.wiring import build_index, load_service

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tw.txt").write_text(
        "松濤鎮舉辦農產品展銷會\n松濤鎮於5月20日舉辦農產品展銷會,共有86家企業參展,成交額達2.3億元。\n"
        "鎮長呂定邦表示,展銷會將每年舉辦一次。\n",
        encoding="utf-8",
    )
    local = in_store(settings, tmp_path, store, corpus_dir=corpus)
    build_index(local, embedder)
    service = load_service(local, embedder)
    result = service.ask("松濤鎮的農產品展銷會成交額是多少？").answer
    assert result.answerable and result.text == "2.3億元", result.text
    assert "2.3億元" in result.citations[0].quote


def _rounds(service, questions, articles, sure_margin):
    from dataclasses import replace

    from qa.answering.question import parse
    from qa.answering.reading import _read_rounds

    context = service.answering(service.index)
    parsed = [parse(question, context) for question in questions]
    passages = [[(None, ARTICLES[name]) for name in articles] for _ in questions]
    return _read_rounds(service.reader, parsed, passages, replace(service.policy, sure_margin=sure_margin))


def test_a_sure_span_in_the_first_passage_reads_no_further_and_an_unsure_one_reads_on(invented):
    questions = ["青禾镇党委书记是谁？", "岚山县茶园面积有多少？"]  # answered by the 1st / the 2nd article
    read_all = _rounds(invented, questions, ["qinghe.txt", "lanshan.txt"], float("inf"))
    assert [{position for _, position in found} for found in read_all] == [{0, 1}, {0, 1}]
    sure = _rounds(invented, questions, ["qinghe.txt", "lanshan.txt"], 6.0)
    assert max(guess.margin for guess, _ in sure[0]) >= 6.0
    assert {position for _, position in sure[0]} == {0}
    assert {position for _, position in sure[1]} == {0, 1}
    assert sure[1][0][1] == 1  # the best span of the unsure question is in the article that answers it
