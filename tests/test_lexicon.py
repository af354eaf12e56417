"""Lexicon mining on the real seeds: towns, companies and people, and the TSV round trip."""

from __future__ import annotations

from pathlib import Path

from test_answering_helpers import corpus

from qa.lexicon import Lexicon, extract_names, load_lexicon, save_lexicon


def lexicon() -> Lexicon:
    return corpus()[2]


def test_places_with_and_without_suffix() -> None:
    lex = lexicon()
    for name in ("苏溪镇", "苏溪", "慈溪", "瓜沥镇", "新仓镇", "遂昌", "独山港", "义乌"):
        assert lex.kind_of(name) == "place", name


def test_verbs_before_a_place_suffix_are_not_places() -> None:
    names = lexicon().names
    for fragment in ("召开", "代表", "协调", "结合", "往辖", "书记、"):
        assert fragment not in names, fragment


def test_companies_and_their_short_names() -> None:
    lex = lexicon()
    for name in ("天合光能", "公牛集团", "浙江茉织华印刷股份有限公司", "新诚达"):
        assert lex.kind_of(name) == "org", name
    assert lex.kind_of("新仓浙江大洪包装科技有限公司") is None  # the town in front is not the name


def test_people_after_titles() -> None:
    lex = lexicon()
    for name in ("仲旭东", "姚鉴", "杨小军", "吴金华", "何健", "田国明"):
        assert lex.kind_of(name) == "person", name
    assert lex.kind_of("吴金") is None and lex.kind_of("姚鉴指") is None


def test_small_text() -> None:
    lex = extract_names(["县委书记张壮雄主持会议。遂昌县企业复工,浙江佳禾竹业有限公司在遂昌。"])
    assert lex.kind_of("张壮雄") == "person"
    assert lex.kind_of("遂昌") == "place"
    assert lex.kind_of("浙江佳禾竹业有限公司") == "org"


def test_tsv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "names.tsv"
    save_lexicon(lexicon(), path)
    assert load_lexicon(path) == lexicon()
    assert path.read_text(encoding="utf-8").splitlines()[0].count("\t") == 1


def test_answering_drops_verb_led_places_and_common_words() -> None:
    from qa.lexicon import Lexicon, for_answering

    lexicon = Lexicon(
        names={
            **{"告知书村": "place", "完成整": "place", "独山港镇": "place", "瓜沥镇": "place"},
            **{"公司": "place", "建设": "org", "企业": "org", "北京": "place", "星河": "org"},
        }
    )
    assert set(for_answering(lexicon).names) == {"独山港镇", "瓜沥镇", "北京", "星河"}


def test_yu_after_another_character_is_the_preposition() -> None:
    from qa.persons import read_name

    assert read_name("由于次兄出家", 1) is None  # 由于, not a Mr 于
    assert read_name("于乐说", 0) == "于乐"
