"""Unit tests of `qa.evaluation`: metrics, the dataset loader, scoring, aggregation and reports (no model)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from qa.evaluation import SUMMARY_KEYS, DatasetError, EvalItem, load_dataset
from qa.evaluation.aggregate import misses, summarise
from qa.evaluation.dataset import dataset_name
from qa.evaluation.metrics import (
    Span,
    exact_match,
    f1_score,
    first_hit_rank,
    inside_evidence,
    is_verbatim,
    lcs_length,
    normalize,
    overlaps,
    reciprocal_rank,
    short_containing,
)
from qa.evaluation.scoring import RawCorpus, score_item
from qa.types import Answer, Chunk, Citation, Hit

RAW = "标题\n\n1-11月,苏溪镇工业总产值393亿元,同比增长 91.3%,其中规上产值305亿元。" + "后文。" * 40
EVIDENCE = "苏溪镇工业总产值393亿元"


# --- normalisation, EM, F1, short containing ---------------------------------------------------


def test_normalize_nfkc_punctuation_spaces_and_case() -> None:
    assert normalize("１－１１月，苏溪 镇\n工业“总产值”！") == "111月苏溪镇工业总产值"
    assert normalize("ＧＤＰ Growth") == "gdpgrowth"
    assert normalize("９１．３％") == "91.3%"


def test_normalize_keeps_decimal_points_and_percent() -> None:
    assert normalize("8.8亿") != normalize("88亿")
    assert normalize("91.3%") != normalize("913")
    assert normalize("完成。") == "完成"


def test_exact_match_any_gold() -> None:
    assert exact_match(" 393亿元。", ["393亿", "393亿元"]) == 1.0
    assert exact_match("393", ["393亿元"]) == 0.0


def test_lcs_is_a_contiguous_substring() -> None:
    assert lcs_length("张三丰李四", "张李") == 1
    assert lcs_length("工业总产值393亿元", "393亿元左右") == 5
    assert lcs_length("", "abc") == 0


def test_f1_longest_common_substring_chinese() -> None:
    # pred 7 chars, gold 5, common substring 5: P = 5/7, R = 1
    assert f1_score("393亿元左右", ["393亿元"]) == pytest.approx(2 * (5 / 7) / (1 + 5 / 7))
    # scattered common characters do not count: LCS 1, P = 1/5, R = 1/2
    assert f1_score("张三丰李四", ["张李"]) == pytest.approx(2 * 0.2 * 0.5 / 0.7)
    assert f1_score("393亿元", ["91.3%", "393亿元"]) == 1.0
    assert f1_score("", ["393亿元"]) == 0.0
    assert f1_score("393亿元", []) == 0.0


def test_short_containing_length_rule() -> None:
    assert short_containing("工业总产值393亿元", ["393亿元"]) == 1.0  # 10 <= 2*5+2
    assert short_containing("一二三四五六七", ["一二三四五"]) == 1.0
    assert short_containing("a" * 12, ["aaaaa"]) == 1.0  # exactly 2*5+2
    assert short_containing("a" * 13, ["aaaaa"]) == 0.0
    assert short_containing("苏溪镇工业总产值是三百九十三亿元", ["393亿元"]) == 0.0
    assert short_containing("anything", [""]) == 0.0


# --- retrieval: hits and MRR with raw offsets ----------------------------------------------------


def test_overlap_needs_same_doc_and_intersecting_spans() -> None:
    gold = Span("a.txt", 100, 120)
    assert overlaps(Span("a.txt", 110, 300), gold)
    assert overlaps(Span("a.txt", 0, 101), gold)
    assert not overlaps(Span("a.txt", 0, 100), gold)  # half-open: touching is not overlapping
    assert not overlaps(Span("a.txt", 120, 200), gold)
    assert not overlaps(Span("b.txt", 100, 120), gold)
    assert overlaps(Span("a.txt", 0, 5), Span("a.txt"))  # whole-doc gold


def test_first_hit_rank_and_mrr() -> None:
    passages = [Span("b.txt", 100, 200), Span("a.txt", 0, 100), Span("a.txt", 110, 300)]
    assert first_hit_rank(passages, Span("a.txt", 100, 120)) == 3
    assert first_hit_rank(passages, Span("a.txt")) == 2
    assert first_hit_rank(passages, Span("c.txt")) is None
    assert reciprocal_rank(3) == pytest.approx(1 / 3)
    assert reciprocal_rank(None) == 0.0


# --- citations ---------------------------------------------------------------------------------


def test_inside_evidence_overlap_and_length_bound() -> None:
    evidence = Span("a.txt", 100, 120)  # 20 chars: citations up to max(40, 120) = 120 chars
    assert inside_evidence(Span("a.txt", 105, 110), evidence)
    assert inside_evidence(Span("a.txt", 50, 170), evidence)  # 120 chars
    assert not inside_evidence(Span("a.txt", 50, 171), evidence)  # 121 chars
    assert not inside_evidence(Span("a.txt", 0, 100), evidence)
    assert not inside_evidence(Span("b.txt", 105, 110), evidence)
    long_evidence = Span("a.txt", 0, 200)  # 200 chars: up to max(400, 300) = 400
    assert inside_evidence(Span("a.txt", 0, 400), long_evidence)
    assert not inside_evidence(Span("a.txt", 0, 401), long_evidence)


def test_is_verbatim() -> None:
    assert is_verbatim("苏溪镇", RAW, RAW.index("苏溪镇"), RAW.index("苏溪镇") + 3)
    assert not is_verbatim("苏溪", RAW, RAW.index("苏溪镇"), RAW.index("苏溪镇") + 3)
    assert not is_verbatim("", RAW, 5, 3)
    assert not is_verbatim("x", None, 0, 1)


# --- dataset loader ----------------------------------------------------------------------------


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps(
    {
        "id": "q1",
        "question": "产值多少？",
        "answers": ["393亿元"],
        "doc": "a.txt",
        "evidence": EVIDENCE,
        "type": "number",
        "history": ["上一问"],
    },
    ensure_ascii=False,
)
UNANSWERABLE = json.dumps({"id": "q2", "question": "员工多少？", "answers": [], "doc": None})


def test_load_dataset_items(tmp_path: Path) -> None:
    items = load_dataset(_write(tmp_path / "set.jsonl", [GOOD, "", UNANSWERABLE]))
    assert items[0] == EvalItem("q1", "产值多少？", ("393亿元",), "a.txt", EVIDENCE, "number", ("上一问",))
    assert items[1].type == "all" and not items[1].answerable and items[1].evidence is None
    assert len(load_dataset(tmp_path / "set.jsonl", limit=1)) == 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x", "question": "q"}', "missing field(s) answers"),
        ('{"id": "x", "question": " ", "answers": []}', "'question' must be a non-empty string"),
        ('{"id": "x", "question": "q", "answers": "a", "doc": "a.txt"}', "'answers' must be a list"),
        ('{"id": "x", "question": "q", "answers": [], "doc": "a.txt"}', "has no gold answer"),
        ('{"id": "q1", "question": "q", "answers": []}', "duplicate id"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_bad_line_names_the_line(tmp_path: Path, bad: str, message: str) -> None:
    path = _write(tmp_path / "set.jsonl", [GOOD, UNANSWERABLE, bad])
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert "set.jsonl:3: " in str(caught.value)
    assert message in str(caught.value)


def test_empty_or_missing_dataset(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no question"):
        load_dataset(_write(tmp_path / "empty.jsonl", [""]))
    with pytest.raises(DatasetError, match="cannot read"):
        load_dataset(tmp_path / "absent.jsonl")


def test_dataset_name(tmp_path: Path) -> None:
    assert dataset_name(Path("eval/qa.jsonl")) == "reference"
    assert dataset_name(Path("../shared/benchmarks/cmrc2018_dev/qa.jsonl")) == "cmrc2018_dev"
    assert dataset_name(Path("eval/hard.jsonl")) == "hard"


# --- scoring one reply and aggregating ----------------------------------------------------------


@dataclass(frozen=True)
class FakeReply:
    answer: Answer
    seconds: float = 0.01


def _corpus(tmp_path: Path) -> RawCorpus:
    (tmp_path / "a.txt").write_text("\ufeff" + RAW, encoding="utf-8")  # the BOM is not counted
    (tmp_path / "b.txt").write_text("另一篇文章。" * 30, encoding="utf-8")
    return RawCorpus(tmp_path)


def _hit(doc: str, start: int, end: int) -> Hit:
    return Hit(Chunk(f"{doc}:{start}", doc, start, end, "text", start, end), 1.0)


def _reply(text: str, answerable: bool, cite: tuple[int, int] | None, hits: list[Hit]) -> FakeReply:
    citations = () if cite is None else (Citation("a.txt", cite[0], cite[1], RAW[cite[0] : cite[1]]),)
    return FakeReply(Answer(text, answerable, citations, tuple(hits)))


ITEM = EvalItem("q1", "产值多少？", ("393亿元", "393亿"), "a.txt", EVIDENCE, "number")
NO_ANSWER = EvalItem("q2", "员工多少？", (), None, type="unanswerable")


def test_score_item_answer_retrieval_and_citation(tmp_path: Path) -> None:
    start = RAW.index(EVIDENCE)
    hits = [_hit("b.txt", 0, 50), _hit("a.txt", start - 10, start + 5)]
    score = score_item(ITEM, _reply("393亿元", True, (start, start + 20), hits), 0.02, _corpus(tmp_path))
    assert score.hit_rank == 2 and score.exact == 1.0 and score.correct == 1.0
    assert score.citations == score.citations_verbatim == 1 and score.cited_evidence == 1.0
    assert score.first_doc == "b.txt" and not score.miss


def test_refusal_on_answerable_scores_zero(tmp_path: Path) -> None:
    score = score_item(ITEM, _reply("393亿元", False, None, []), 0.02, _corpus(tmp_path))
    assert (score.exact, score.f1, score.correct) == (0.0, 0.0, 0.0)
    assert score.cited_evidence is None and score.hit_rank is None and score.miss


def test_without_evidence_citation_must_contain_the_answer(tmp_path: Path) -> None:
    item = EvalItem("q3", "产值多少？", ("393亿元",), "a.txt")
    start = RAW.index("393亿元")
    corpus = _corpus(tmp_path)
    good = score_item(
        item, _reply("393亿元", True, (start - 3, start + 5), [_hit("a.txt", 900, 950)]), 0.0, corpus
    )
    assert good.cited_evidence == 1.0 and good.hit_rank == 1  # whole-doc gold: any passage of a.txt
    bad = score_item(item, _reply("393亿元", True, (0, 2), []), 0.0, corpus)
    assert bad.cited_evidence == 0.0 and bad.hit_rank is None


def test_summary_keys_and_refusals(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    start = RAW.index(EVIDENCE)
    scores = [
        score_item(
            ITEM, _reply("393亿元", True, (start, start + 5), [_hit("a.txt", start, start + 9)]), 0.1, corpus
        ),
        score_item(ITEM, _reply("不知道", False, None, []), 0.1, corpus),
        score_item(NO_ANSWER, _reply("", False, None, []), 0.1, corpus),
        score_item(NO_ANSWER, _reply("100人", True, None, []), 0.1, corpus),
    ]
    summary = summarise(scores)
    assert set(SUMMARY_KEYS) <= set(summary)
    assert (summary["n"], summary["n_answerable"], summary["n_unanswerable"]) == (4, 2, 2)
    assert summary["hit_at_1"] == summary["mrr"] == summary["answer_accuracy"] == 0.5
    assert summary["refusal_accuracy"] == 0.5 and summary["false_refusal_rate"] == 0.5
    assert summary["citation_verbatim"] == 1.0 and summary["citation_in_evidence"] == 1.0
    assert summary["latency_p50_ms"] == pytest.approx(10.0)
    assert [m.reason for m in misses(scores)] == [
        "refused; gold not retrieved",
        "answered an unanswerable question",
    ]


# --- the harness (with a stand-in service) and the reports --------------------------------------


class CannedService:
    """Answers "393亿元" citing the evidence, except questions containing 员工 which it refuses."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    def ask_batch(self, questions: list, mode: str = "hybrid") -> list[FakeReply]:
        self.calls.append((len(questions), mode))
        start = RAW.index(EVIDENCE)
        hit = [_hit("a.txt", start, start + 30)] if mode != "bm25" else [_hit("b.txt", 0, 9)]
        cite = (start, start + 9)
        return [
            _reply("", False, None, hit) if "员工" in q.text else _reply("393亿元", True, cite, hit)
            for q in questions
        ]


def test_evaluate_batches_and_scores(tmp_path: Path) -> None:
    pytest.importorskip("qa.service")
    from qa.evaluation import evaluate

    _corpus(tmp_path)
    service = CannedService()
    items = [ITEM, NO_ANSWER, EvalItem("q4", "再问产值？", ("393亿元",), "a.txt", EVIDENCE, "number")]
    result = evaluate(service, items, tmp_path, k=3, mode="dense", batch_size=2)
    assert service.calls == [(2, "dense"), (1, "dense")]
    assert result.summary["hit_at_1"] == 1.0 and result.summary["answer_accuracy"] == 1.0
    assert result.summary["refusal_accuracy"] == 1.0 and result.misses == ()
    assert set(result.by_type) == {"number", "unanswerable"}


def test_write_reports_json_markdown_chart(tmp_path: Path) -> None:
    from qa.evaluation.harness import EvalResult
    from qa.evaluation.report import RunInfo, write_reports

    corpus = _corpus(tmp_path)
    start = RAW.index(EVIDENCE)
    good = [
        score_item(
            ITEM, _reply("393亿元", True, (start, start + 9), [_hit("a.txt", start, start + 9)]), 0.1, corpus
        )
    ]
    bad = [score_item(ITEM, _reply("不知道", False, None, [_hit("b.txt", 0, 9)]), 0.1, corpus)]
    results = [
        EvalResult(mode, 5, 32, 1.0, summarise(s), {"number": summarise(s)}, misses(s), tuple(s))
        for mode, s in (("bm25", bad), ("hybrid", good))
    ]
    info = RunInfo("reference", "eval/qa.jsonl", "seeds", "vectors", 5, 32, "2025-01-02")
    written = write_reports(info, results, tmp_path / "reports")
    assert [p.name for p in written] == [
        "reference-2025-01-02-reader.json",
        "reference-2025-01-02-reader.md",
        "reference-2025-01-02-reader.png",
    ]
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert data["summary"]["answer_accuracy"] == 1.0  # the hybrid run is the headline
    assert set(data["retrievers"]) == {"bm25", "hybrid"} and data["results"][0]["misses"][0]["id"] == "q1"
    text = written[1].read_text(encoding="utf-8")
    assert "| bm25 |" in text and "| hybrid |" in text and "refused; gold not retrieved" in text
    single = write_reports(info, results[:1], tmp_path / "reports")
    assert [p.name for p in single] == [
        "reference-2025-01-02-reader-bm25.json",
        "reference-2025-01-02-reader-bm25.md",
        "reference-2025-01-02-reader-bm25.png",
    ], "every run writes its chart, under a name no other run uses"
    rules = write_reports(replace(info, answerer="rules"), results, tmp_path / "reports")
    assert rules[0].name == "reference-2025-01-02-rules.json"


def test_ad_hoc_runs_do_not_write_into_the_committed_reports() -> None:
    from qa.evaluation.cli import DEFAULT_REPORTS

    assert DEFAULT_REPORTS.parts[0] == ".cache"


def test_eval_offers_exactly_the_retrievers_the_library_has() -> None:
    from qa.evaluation.cli import MODES
    from qa.retrieval import RETRIEVERS

    assert set(MODES) == set(RETRIEVERS)


class RankedRetriever:
    """Ranks the same passages first for every question."""

    def __init__(self, ranked: tuple[Chunk, ...]) -> None:
        self.ranked = ranked

    def search_batch(self, questions: list[str], k: int) -> list[list[Hit]]:
        return [[Hit(chunk, 1.0) for chunk in self.ranked[:k]] for _ in questions]


class GoldReadingService:
    """Answers from the passages it is handed: the first passage's text, answerable when non-empty."""

    def __init__(self, chunks: tuple[Chunk, ...], ranked: tuple[Chunk, ...]) -> None:
        self.index = type("Index", (), {"chunks": chunks})()
        self.retriever = RankedRetriever(ranked)
        self.handed: list[list[str]] = []

    def answer_from(self, questions: list[str], hit_lists: list[list[Hit]]) -> list[Answer]:
        self.handed.extend([hit.chunk.id for hit in hits] for hits in hit_lists)
        start = RAW.index(EVIDENCE)
        cite = Citation("a.txt", start, start + 9, RAW[start : start + 9])
        return [Answer("393亿元", True, (cite,), tuple(hits)) for hits in hit_lists]


def test_reading_mode_hands_each_question_its_gold_document_only_best_passage_first(tmp_path: Path) -> None:
    """The reader stops at a sure span, so the passage retrieval ranks best for the question is read
    first; passages retrieval did not rank follow in reading order."""
    from qa.evaluation.reading import READING, evaluate_reading

    _corpus(tmp_path)
    chunks = (
        Chunk("a:0", "a.txt", 0, 40, "t", 0, 40), Chunk("b:0", "b.txt", 0, 9, "t", 0, 9),
        Chunk("a:1", "a.txt", 30, 80, "t", 30, 80), Chunk("a:2", "a.txt", 70, 90, "t", 70, 90),
    )  # fmt: skip
    service = GoldReadingService(chunks, ranked=(chunks[2], chunks[1], chunks[0]))
    result = evaluate_reading(service, [ITEM, NO_ANSWER], tmp_path, batch_size=8, progress=False)
    assert service.handed == [["a:1", "a:0", "a:2"]], "unanswerable items have no gold passage: not asked"
    assert result.mode == READING and result.summary["n"] == 1
    assert result.summary["exact_match"] == 1.0 and result.summary["citation_verbatim"] == 1.0
