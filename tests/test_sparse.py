from pathlib import Path

from qa.sparse import BM25
from qa.tokenize import Tokenizer


def test_bm25_ranks_the_passage_with_the_rare_term_first(tmp_path: Path) -> None:
    tokenizer = Tokenizer(["苏溪镇"])
    passages = ["苏溪镇工业总产值393亿元", "慈溪已复工企业28913家", "遂昌县复工率达到百分之九十"]
    bm25 = BM25.build(tokenizer.tokenize_batch(passages))
    ranked = bm25.search(tokenizer.tokenize("苏溪镇的工业总产值是多少"), k=3)
    assert ranked[0][0] == 0
    assert all(score > 0 for _, score in ranked)
    bm25.save(tmp_path)
    loaded = BM25.load(tmp_path)
    assert loaded.search(tokenizer.tokenize("慈溪复工企业"), k=1)[0][0] == 1
    assert not list(tmp_path.glob("*.pkl"))


def test_unknown_words_score_nothing() -> None:
    bm25 = BM25.build([["苏溪"], ["慈溪"]])
    assert bm25.search(["北京"], k=2) == []


def test_tokenizer_keeps_corpus_names_whole_and_drops_question_words() -> None:
    tokens = Tokenizer(["天合光能"]).tokenize("天合光能的产值是多少?")
    assert "天合光能" in tokens
    assert "多少" not in tokens and "的" not in tokens and "?" not in tokens
