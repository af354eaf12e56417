"""The conflicts that keep a figure from answering a question, however sure the reader is."""

from __future__ import annotations

import pytest
from test_answering_helpers import context

from qa.answering.candidates import Candidate, Sentence
from qa.answering.checks import conflict
from qa.answering.context import AnsweringContext
from qa.answering.question import parse
from qa.answering.titled import verb_edged
from qa.lexicon import Lexicon

LIST = "其中借书3820册、还书3605册、续借947册。与上年相比,借书量增长9.2%,还书量下降2.7%。"
MEDALS = "东坪镇代表队以14枚金牌、9枚银牌、6枚铜牌位列第一;南岗镇代表队获得8枚金牌。"
PROJECTS = "明确了年度10个民生实事项目、17个政府重点工程项目。"
COVERAGE = "农村自来水普及率由2021年的82.6%提高到99.2%。"
TEACHERS = "今年全县通过公开招聘新录用教师312名,其中研究生学历46名。"
INCOME = "农村居民人均可支配收入23870元,增长7.6%。"
ROADS = "桐坪镇、柳湾乡两地的道路硬化率分别由81.2%和76.5%提高到96.8%和93.3%。"
REQUESTS = "全县共办理群众出行诉求2,418件,办结2,365件,同比分别增长5.3%和8.9%。"
PUPILS = "预计东湖区明年小学入学新生8120人,河西区7960人。"
CARGO = "北岸港区完成货物吞吐量7930万吨,同比增长5.1%;南岸港区完成6850万吨。"
RUNNERS = "共吸引12000名跑者参赛,其中全程马拉松5000人、5公里欢乐跑2000人。"
CLINICS = "县域内就诊率由2021年的82.6%提高到今年前三季度的91.3%,群众外出就医费用下降。"
BUSES = "2024年,全县新开通公交线路12条,公交通达率由2022年的88.3%提高到100%。"
BELTS = "其中,东岭林场建设隔离带26公里,西坡林场建设隔离带18公里。"
SUBSIDY = "60至79周岁老人每餐补贴2元,80周岁以上老人每餐补贴4元。"
POINTS = "120家服务点中,由企业运营的有47家,依托卫生院运营的有39家。"
FUNDS = "全县累计投入防火资金1,850万元,较去年同期增加320万元。"
MONTHS = "9月当月下线整车2.47万辆,比8月的2.15万辆多出3200辆。"
CANTEENS = "今年开出的12家村级助餐点日均接待老人总计约530人次。"
PACE = "总装车间生产节拍由去年的每90秒一辆缩短至每62秒一辆。"
OFFICIALS = (
    "开通仪式由柏岭县人民政府副县长骆文清主持,县交通运输局局长詹立行介绍情况。"
    "评委会主任由理工学院院长严启航担任,创投基金合伙人冼思琪等8名专家担任评委。"
)
BROADBAND = "2025年,全县农村家庭宽带用户达到5.82万户,比2024年底的4.96万户增加8600户。"
DONATION = "2025年全区采血总量达137.6万毫升,比去年同期的121.3万毫升增长13.4%。"
BIRDS = "北汊湿地和红柳滩是水鸟最集中的区域,分别记录到12860只和12790只。"
PASSPORTS = "主办方原计划发放阅读护照5000本,实际发放7260本。"
STATION = "按照设计,南站近期每天停靠列车24对,开通初期实际安排停靠18对。"
OUTPUT = "1-9月全县实现地区生产总值152.3亿元,同比增长6.1%,增速比上半年加快0.4个百分点。"
DONORS = "2025年,全区共有3126人参加无偿献血,献血量同比增长8.2%。"
GAMES = "本届运动会设田径、游泳等14个大项、186个小项。"
INCOMES = "其中城镇居民人均可支配收入52310元,增长4.8%;农村居民人均可支配收入28760元,增长6.9%。"
RETURNS = "全区规模以上工业企业复工率达98.6%,员工复岗率达到92.4%。其中,东溪镇复岗率为95.1%。"
BYLINE = "本报记者 钟航　通讯员 韩若松\n本报讯 柏岭县新建公路112公里。"
REVIEW = "柳河县法院去年审结案件8,214件。其中,审结合同纠纷案件1,032件,执行到位金额3.2亿元。"
YEARS = (
    "鸥湾港2024年度会议透露,鸥湾港今年完成集装箱吞吐量58.2万标箱。"
    "2023年,鸥湾港开通班轮航线42条。到2030年开通航线60条。"
)


def _conflict(question: str, text: str, figure: str) -> str | None:
    """The conflict of the figure `figure` (its first occurrence) of `text` with `question`."""
    start = text.index(figure)
    end = start + len(figure)
    left = max(text.rfind(mark, 0, start) for mark in "。;") + 1
    right = min(p for p in (text.find(mark, end) for mark in "。;") if p >= 0) + 1
    sentence = Sentence("doc.txt", left, right, 0, 0, len(text))
    return conflict(parse(question, context()), Candidate(figure, "number", start, end, sentence), text)


@pytest.mark.parametrize(
    ("question", "text", "figure", "fits"),
    [
        ("图书馆续借了多少册？", LIST, "947册", True),
        ("图书馆续借了多少册？", LIST, "3605册", False),  # 还书's, and the question names 续借
        ("还书量比上年少了多少？", LIST, "2.7%", True),
        ("还书量比上年少了多少？", LIST, "9.2%", False),  # 借书量's
        ("东坪镇代表队铜牌几枚？", MEDALS, "6枚", True),
        ("东坪镇代表队铜牌几枚？", MEDALS, "9枚", False),  # counts 银牌
        ("南岗镇代表队获得了多少枚银牌？", MEDALS, "8枚", False),  # counts 金牌
        ("今年明确了多少个年度民生实事项目？", PROJECTS, "10个", True),  # 民生 is part of what is counted
        ("明确了多少个政府重点工程项目？", PROJECTS, "10个", False),
        ("农村居民人均可支配收入涨了多少？", INCOME, "23870元", False),  # a level, not its change
        ("农村居民人均可支配收入涨了多少？", INCOME, "7.6%", True),
        ("预计今年产值增长多少？", "预计今年产值将保持20%左右的增长。", "20%", True),
        ("新教师里有几名研究生？", TEACHERS, "312名", False),  # its clause counts no 研究生
        ("新教师里有几名研究生？", TEACHERS, "46名", True),
        ("其中规上工业企业有多少家？", "已复工企业28913家,其中规上(限上)工业企业1766家。", "1766家", True),
        ("现在自来水普及率达到多少了？", COVERAGE, "82.6%", False),  # where it rose from
        ("现在自来水普及率达到多少了？", COVERAGE, "99.2%", True),
        ("自来水普及率原来是多少？", COVERAGE, "82.6%", True),
        ("鸥湾港今年的集装箱吞吐量是多少？", YEARS, "58.2万标箱", True),
        ("鸥湾港今年开通了多少条班轮航线？", YEARS, "42条", False),  # 2023's: the article reports 2024
        # figures given 分别 belong to the items in order
        ("柳湾乡的道路硬化率现在是多少？", ROADS, "93.3%", True),
        ("柳湾乡的道路硬化率现在是多少？", ROADS, "96.8%", False),  # 桐坪镇's
        ("桐坪镇的道路硬化率现在是多少？", ROADS, "96.8%", True),
        ("柳湾乡的道路硬化率原来是多少？", ROADS, "76.5%", True),
        ("柳湾乡的道路硬化率现在是多少？", ROADS, "76.5%", False),  # where it rose from
        ("办结的出行诉求同比增长了多少？", REQUESTS, "8.9%", True),
        ("办结的出行诉求同比增长了多少？", REQUESTS, "5.3%", False),  # 办理's
        ("公交通达率现在是多少？", ROADS.replace("道路硬化率", "公交通达率"), "93.3%", True),
        ("道路硬化率现在是多少？", BUSES, "100%", False),  # another rate
        # a level a change started from is dated by its year, the level it reached is not
        ("2022年的公交通达率是多少？", BUSES, "88.3%", True),
        ("2022年的公交通达率是多少？", BUSES, "100%", False),
        ("今年前三季度的就诊率到了多少？", CLINICS, "91.3%", True),  # the period it rose to dates it
        ("2021年的就诊率是多少？", CLINICS, "91.3%", False),
        # parallel clauses: the one naming more of the question has its figure
        ("西坡林场建了多长的隔离带？", BELTS, "18公里", True),
        ("西坡林场建了多长的隔离带？", BELTS, "26公里", False),
        ("80岁以上的老人每餐补贴多少钱？", SUBSIDY, "4元", True),
        ("80岁以上的老人每餐补贴多少钱？", SUBSIDY, "2元", False),
        ("依托卫生院运营的服务点有几家？", POINTS, "39家", True),
        ("依托卫生院运营的服务点有几家？", POINTS, "120家", False),  # the list's total
        # 比去年多了多少 asks for the change, an amount
        ("今年防火资金比去年同期多了多少？", FUNDS, "320万元", True),
        ("今年防火资金比去年同期多了多少？", FUNDS, "1,850万元", False),
        ("8月份下线了多少辆整车？", MONTHS, "2.47万辆", False),  # 9月's
        ("8月份下线了多少辆整车？", MONTHS, "2.15万辆", True),
        ("村级助餐点每天接待多少老人？", CANTEENS, "12家", False),  # counts 助餐点
        ("村级助餐点每天接待多少老人？", CANTEENS, "530人次", True),
        ("现在的生产节拍是多少？", PACE, "90秒", False),  # where it was cut from
        ("去年的生产节拍原来是多少？", PACE, "90秒", True),
        # a person asked for by title holds it where the article gives one
        ("柏岭县县长是谁？", OFFICIALS, "骆文清", False),  # the 副县长
        ("柏岭县副县长是谁？", OFFICIALS, "骆文清", True),
        ("交通运输局局长是谁？", OFFICIALS, "詹立行", True),
        ("哪位合伙人担任了评委？", OFFICIALS, "严启航", False),  # a 院长 (and the panel's 主任)
        ("哪位合伙人担任了评委？", OFFICIALS, "冼思琪", True),
        ("评委会主任是谁？", OFFICIALS, "严启航", True),
        ("开通仪式由谁主持？", OFFICIALS, "骆文清", True),  # no title asked
        ("期刊的主编是谁？", "教授孙大文担任期刊主编。", "孙大文", True),  # the title after the name
        ("蓝色时期结束后开始了什么时期？", "1904年蓝色时期结束,玫瑰时期开始。", "玫瑰时期", True),
        # a level compared with another period's ("比2024年底的4.96万户") is no figure of that period
        ("2024年底农村家庭宽带用户有多少户？", BROADBAND, "5.82万户", False),
        ("2024年底农村家庭宽带用户有多少户？", BROADBAND, "4.96万户", True),
        ("去年同期的采血总量是多少？", DONATION, "137.6万毫升", False),
        ("去年同期的采血总量是多少？", DONATION, "121.3万毫升", True),
        ("红柳滩记录到多少只水鸟？", BIRDS, "12790只", True),  # the list is in the clause before 分别
        ("红柳滩记录到多少只水鸟？", BIRDS, "12860只", False),
        # what is said of the contrary of the question's word (计划 for 实际, 设计 for 实际)
        ("阅读护照实际发了多少本？", PASSPORTS, "5000本", False),
        ("阅读护照实际发了多少本？", PASSPORTS, "7260本", True),
        ("阅读护照原计划发多少本？", PASSPORTS, "5000本", True),
        ("开通初期每天实际停靠多少对列车？", STATION, "24对", False),
        ("开通初期每天实际停靠多少对列车？", STATION, "18对", True),
        # a change is no level, a level no change
        ("全县的地区生产总值是多少？", OUTPUT, "6.1%", False),
        ("全县的地区生产总值是多少？", OUTPUT, "152.3亿元", True),
        ("地区生产总值的增速是多少？", OUTPUT, "6.1%", True),
        ("地区生产总值同比增长了多少？", OUTPUT, "6.1%", True),
        # a comparison asked about is answered after the article makes it
        ("地区生产总值增速比上半年快了多少？", OUTPUT, "6.1%", False),
        ("地区生产总值增速比上半年快了多少？", OUTPUT, "0.4个百分点", True),
        # a figure nothing dates to a past period is none of the past period asked
        ("去年同期全区有多少人参加了无偿献血？", DONORS, "3126人", False),
        ("全区有多少人参加了无偿献血？", DONORS, "3126人", True),
        ("上一届运动会设了多少个小项？", GAMES, "186个", False),
        ("去年审结了多少件合同纠纷案件？", REVIEW, "1,032件", True),  # the article reports 去年
        ("去年执行到位的金额是多少？", REVIEW, "3.2亿元", True),
        # a change is of the level before it, and so of what that level's clause names
        ("农村居民人均可支配收入涨了多少？", INCOMES, "4.8%", False),
        ("农村居民人均可支配收入涨了多少？", INCOMES, "6.9%", True),
        ("柏岭县县长是谁？", BYLINE, "韩若松", False),  # the byline's 通讯员
        ("谁介绍了新建公路的情况？", BYLINE, "钟航", False),  # who wrote the story did not do it
        ("这篇报道的记者是谁？", BYLINE, "钟航", True),
        ("那张照片是谁拍的？", "本报讯(摄影 章建辉)车间内工人正在作业。", "章建辉", True),
        # the whole's figure is none of its parts'
        ("西岭乡员工复岗率是多少？", RETURNS, "92.4%", False),
        ("东溪镇员工复岗率是多少？", RETURNS, "95.1%", True),
        ("某某区员工复岗率是多少？", RETURNS, "92.4%", True),  # the whole asked by its own level
        ("新建公路的企业是哪家企业？", "这是一家新建公路的企业。", "的企业", False),
        # a part of a breakdown is no total asked for, unless the question names the part
        ("一共有多少人参赛？", RUNNERS, "5000人", False),
        ("一共有多少人参赛？", RUNNERS, "12000名", True),
        ("全程马拉松一共有多少人参赛？", RUNNERS, "5000人", True),
        ("新教师里一共有几名研究生？", TEACHERS, "46名", True),  # 研究生 is named
    ],
)
def test_a_figure_of_another_item_count_or_year_conflicts(question, text, figure, fits):
    found = _conflict(question, text, figure)
    assert (found is None) is fits, found


def test_this_year_is_the_latest_year_the_article_reports():
    only_2023 = YEARS.replace("鸥湾港2024年度会议透露,", "")
    assert _conflict("鸥湾港今年开通了多少条班轮航线？", only_2023, "42条") is None


def test_money_is_an_amount_not_a_count_of_the_noun_after_it():
    assert _conflict("新建的体育中心花了多少钱？", "投资1.86亿元新建县体育中心。", "1.86亿元") is None


def test_more_after_a_figure_is_a_verb_when_a_figure_follows():
    from qa.answering.candidates import _NUMBER

    assert [m.group(0) for m in _NUMBER.finditer(MONTHS)] == ["2.47万辆", "2.15万辆", "3200辆"]
    assert _NUMBER.search("接待游客12万多人次。").group(0) == "12万多"  # 多 of an approximate figure


def test_a_name_read_with_its_title_is_the_name_alone():
    from qa.answering.titled import name_start

    text = "市委书记仲旭东主持召开市委常委会。"
    assert text[name_start(text, 2, 7) : 7] == "仲旭东"
    assert name_start(text, 2, 4) == 2  # a title alone stays what it is
    text = "中心血站站长宁振东介绍"
    assert text[name_start(text, 5, 9) : 9] == "宁振东"  # read from inside its title (长宁振东)


def test_the_figure_of_the_period_or_the_word_asked_stands_for_a_figure_next_to_it():
    from qa.answering.contrasts import contrast_figure
    from qa.answering.dated import compared_figure

    question = parse("2024年底农村家庭宽带用户有多少户？", context())
    end = BROADBAND.index("5.82万户") + len("5.82万户")
    start, stop = compared_figure(question, BROADBAND, end)
    assert BROADBAND[start:stop] == "4.96"
    question = parse("阅读护照实际发了多少本？", context())
    start = PASSPORTS.index("5000本")
    found = contrast_figure(question, PASSPORTS, (0, len(PASSPORTS)), start, start + 5)
    assert PASSPORTS[slice(*found)] == "7260"


@pytest.mark.parametrize(
    ("question", "text", "figure", "outside"),
    [
        (
            "到2030年旅客发送量能达到多少？",
            "年旅客发送量可达186万人次,到2030年将达到245万人次。",
            "245万人次",
            False,
        ),
        ("已经完工了多少个小区？", "截至11月20日,186个小区已全部开工,完工152个。", "186个", True),
        ("销量是多少？", "产值超50亿元,销量排名第二。", "50亿元", True),
        ("税收收入同比增长了多少？", "全县财政收入同比增长9.2%,其中税收收入8.1亿元。", "9.2%", True),
        ("工业总产值同比增长了多少？", "1-11月,全镇工业总产值412亿元,同比增长23.5%。", "23.5%", False),
        ("税收收入同比增长了多少？", "财政收入12.4亿元,同比增长9.2%,其中税收收入8.1亿元。", "9.2%", True),
        ("办结的诉求同比增长了多少？", REQUESTS, "8.9%", False),  # a respective run names its nouns before
    ],
)
def test_a_clause_of_a_period_and_a_verb_alone_carries_the_noun_before_it_on(question, text, figure, outside):
    from qa.answering.parallel import outside_clause

    start = text.index(figure)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    cand = Candidate(figure, "number", start, start + len(figure), sentence)
    assert outside_clause(parse(question, context()), cand, text) is outside


@pytest.mark.parametrize(
    ("answer", "edged"),
    [
        ("青年创新创业中心举行", True),  # a place and the verb after it
        ("千兆网络改造", True),
        ("化解城区学校大班额", True),
        ("严启航", False),  # a name led by a surname, whatever its last word is (启航)
        ("邬春晖分析", True),  # a name and what its person did
        ("县人力资源和社会保障局", False),
        ("索尼电脑娱乐", False),  # a company (asked as one) may end in what it does
        ("查理·义律", False),
    ],
)
def test_a_name_answered_does_not_open_or_end_with_a_verb(answer, edged):
    assert verb_edged(answer, context(), person=answer != "索尼电脑娱乐") is edged


def test_a_figure_whose_sentence_lacks_what_is_measured_is_not_its_figure_where_another_sentence_has_it():
    from qa.answering.parallel import measured_elsewhere

    text = "公司今年产值超92亿元,出货量排名行业第二。基地的月产能达到7亿瓦,产值在11亿元左右。"
    start = text.index("7亿瓦")
    sentence = Sentence("doc.txt", text.index("基地"), len(text), 0, 0, len(text))
    cand = Candidate("7亿瓦", "number", start, start + 3, sentence)
    assert measured_elsewhere(parse("基地的出货量是多少？", context()), cand, text)
    assert measured_elsewhere(parse("基地的月产能是多少？", context()), cand, text) is None


def test_two_figures_and_a_change_between_them_are_no_one_figure():
    from qa.answering.checks import rejection

    text = "管网漏损率由18%下降到9%。"
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    cand = Candidate("18%下降到9%", "percent", 4, 12, sentence)
    found = rejection(parse("管网漏损率是多少？", context()), cand, text, context(), 0.25, True)
    assert found is not None and "change" in found


def test_days_of_the_week_answer_which_days():
    from qa.answering.shape import fits_type

    question = parse("远程专科门诊一周哪几天开？", context())
    assert question.qtype == "date"
    assert fits_type(question, "每周二、周四下午")
    assert not fits_type(question, "专家门诊")


@pytest.mark.parametrize(
    ("question", "figure", "measured"),
    [
        ("杨建华是哪里的选手？", "成绩2小时18分09秒", True),
        ("哪家企业中标了？", "12家", True),
        ("车队停在哪里？", "108国道", False),  # a road's number is part of its name
    ],
)
def test_a_measured_figure_is_no_name(question, figure, measured):
    text = f"国内第一名为云南选手杨建华,{figure}。"
    parsed, start = parse(question, context()), text.index(figure)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    found = conflict(parsed, Candidate(figure, parsed.qtype, start, start + len(figure), sentence), text)
    assert (found is not None and "measured" in found) is measured


def test_a_clause_the_rules_cut_a_name_from_may_hold_a_figure():
    text = "白鹭湾镇依托滨湖露营地接待游客14.7万人次。"
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    clause = Candidate(text[:-1], "clause", 0, len(text) - 1, sentence)
    assert conflict(parse("依托露营地吸引游客的是哪个镇？", context()), clause, text) is None


@pytest.mark.parametrize(("asked", "holds"), [("苏溪镇", False), ("长河镇", True)])
def test_a_figure_whose_own_part_of_the_sentence_names_another_place_is_not_the_asked_places(asked, holds):
    from qa.answering.subject import subject_holds
    from qa.chunking import split_sentences

    text = "苏溪镇实现规上工业产值126.8亿元,位列全市第一;长河镇农村居民人均可支配收入达到21836元,增长7.2%。"
    start = text.index("21836元")
    # the sentences the service reads: a semicolon ends one
    first, last = next((s, e) for s, e in split_sentences(text) if s <= start < e)
    sentence = Sentence("doc.txt", first, last, 0, 0, len(text))
    assert text[sentence.start : sentence.end].startswith("长河镇")
    cand = Candidate("21836元", "number", start, start + 6, sentence)
    question = parse(f"{asked}农村居民人均可支配收入是多少？", context())
    assert subject_holds(question, cand, text, context()) is holds


def test_a_class_of_a_year_is_a_time_the_question_names():
    assert "2023届" in parse("职业中专2023届一共有多少名毕业生？", context()).times


@pytest.mark.parametrize(
    ("question", "text", "part", "figure", "elsewhere"),
    [
        # a count asked with its noun (多少名毕业生) measures that noun, not whoever has them
        (
            "职业中专今年一共有多少名毕业生？",
            "职业中专毕业生就业率达98.4%。今年全校共有毕业生1286人。",
            "今年全校共有毕业生1286人。",
            "1286人",
            False,
        ),
        # a clause joined by a semicolon that names the place asked leaves the measure to its sentence
        (
            "石门镇一共借阅了多少册图书？",
            "桐溪镇借阅图书2.37万册,居首;石门镇以2.31万册紧随其后。",
            "石门镇以2.31万册紧随其后。",
            "2.31万册",
            False,
        ),
        # ... one that names nothing asked measures something else
        (
            "苏溪镇税收收入同比增长了多少？",
            "一般公共预算收入12.37亿元,同比增长9.2%;其中税收收入9.05亿元。",
            "一般公共预算收入12.37亿元,同比增长9.2%;",
            "9.2%",
            True,
        ),
    ],
)
def test_what_a_figure_measures_is_named_in_its_sentence_or_its_own_clause(
    question, text, part, figure, elsewhere
):
    """`part` is the sentence (or the clause of a semicolon-joined one) the reader's figure sits in."""
    from qa.answering.parallel import measured_elsewhere

    start, first = text.index(figure), text.index(part)
    sentence = Sentence("doc.txt", first, first + len(part), 0, 0, len(text))
    cand = Candidate(figure, "number", start, start + len(figure), sentence)
    assert bool(measured_elsewhere(parse(question, context()), cand, text)) is elsewhere


@pytest.mark.parametrize(
    ("question", "text", "figure", "fits"),
    [
        ("河西区明年会有多少小学新生？", PUPILS, "8120人", False),
        ("河西区明年会有多少小学新生？", PUPILS, "7960人", True),
        ("东湖区明年会有多少小学新生？", PUPILS, "8120人", True),
        ("南岸港区完成了多少货物吞吐量？", CARGO, "7930万吨", False),
        ("北岸港区完成了多少货物吞吐量？", CARGO, "7930万吨", True),
        ("北岸港区完成了多少货物吞吐量？", CARGO, "6850万吨", False),
    ],
)
def test_a_clause_of_a_name_and_a_figure_says_the_same_of_what_it_names(question, text, figure, fits):
    """河西区7960人 after 预计东湖区明年小学入学新生8120人: the figure of 河西区 is 7960人."""
    places = AnsweringContext.build(
        Lexicon(dict.fromkeys(("东湖区", "河西区", "北岸港区", "南岸港区"), "place"))
    )
    start = text.index(figure)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    candidate = Candidate(figure, "number", start, start + len(figure), sentence)
    assert (conflict(parse(question, places), candidate, text) is None) is fits


@pytest.mark.parametrize("name", ["Curtis Stevens", "Daniel Batson", "乔治·温哥华"])
def test_a_name_in_latin_letters_is_as_short_as_its_words(name):
    from qa.answering.checks import rejection

    text = f"该规范由凤凰科技的{name}主导设计。"
    parsed, start = parse("该规范由谁主导设计？", context()), text.index(name)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    cand = Candidate(name, parsed.qtype, start, start + len(name), sentence)
    assert rejection(parsed, cand, text, context(), 0.0, True) is None
    long_clause = "凤凰科技的工程师与他的同事们一同"
    text = f"该规范由{long_clause}主导设计。"
    cand = Candidate(long_clause, parsed.qtype, 4, 4 + len(long_clause), sentence)
    assert rejection(parsed, cand, text, context(), 0.0, True) is not None


def test_who_runs_a_thing_may_be_answered_by_a_body_named_whole():
    from qa.answering.checks import rejection

    body = "神州天地体育传媒(北京)有限公司"
    text = f"平台由{body}担任总运营商。"
    parsed, start = parse("平台的总运营商是谁？", context()), text.index(body)
    sentence = Sentence("doc.txt", 0, len(text), 0, 0, len(text))
    cand = Candidate(body, parsed.qtype, start, start + len(body), sentence)
    assert rejection(parsed, cand, text, context(), 0.0, True) is None


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("葛洪义教授", "葛洪义"),  # an honorific after the name
        ("张姚宏影女士", "张姚宏影"),
        ("徐根宝所", "徐根宝"),  # the clause's particle (由徐根宝所创立)
        ("家法兰克·薛庆", "法兰克·薛庆"),  # the end of a calling (作家) before it
        ("动员罗德·拉沃", "罗德·拉沃"),
        ("家莫言", "莫言"),
        ("罗家英", "罗家英"),  # 家 inside a name: nothing left but one character after it
        ("王者", "王者"),
    ],
)
def test_a_persons_name_is_read_without_the_words_around_it(read, name):
    from qa.answering.titled import name_edges

    assert read[slice(*name_edges(read, 0, len(read)))] == name


@pytest.mark.parametrize(("answer", "conflicts"), [("NT$25,000", False), ("$4.9", False), ("25,000", True)])
def test_money_written_with_its_currencys_sign_is_in_yuan(answer, conflicts):
    from qa.answering.measured import unit_conflict

    assert unit_conflict(parse("该奖项的奖金是多少钱？", context()), answer) is conflicts
