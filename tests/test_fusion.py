from qa.fusion import convex, rrf


def test_agreement_beats_a_single_first_place() -> None:
    fused = rrf([["a", "b", "c"], ["b", "c", "a"], ["b", "x"]], k=60)
    assert fused[0][0] == "b"
    assert {item for item, _ in fused} == {"a", "b", "c", "x"}


def test_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = dict(rrf([["a", "b"], ["b"]], k=10))
    assert abs(fused["a"] - 1 / 11) < 1e-12
    assert abs(fused["b"] - (1 / 12 + 1 / 11)) < 1e-12


def test_empty_rankings_give_nothing() -> None:
    assert rrf([[], []]) == []


def test_convex_keeps_a_clear_winner_of_one_retriever_first() -> None:
    dense = [("a", 0.90), ("b", 0.89), ("c", 0.50)]
    bm25 = [("b", 3.0), ("a", 2.9), ("d", 1.0)]
    clear = [("a", 30.0), ("b", 3.0), ("d", 1.0)]
    assert convex([dense, bm25], [0.5, 0.5])[0][0] == "b"
    assert convex([dense, clear], [0.5, 0.5])[0][0] == "a"


def test_convex_normalises_each_list_and_weights_them() -> None:
    fused = dict(convex([[("a", 10.0), ("b", 0.0)], [("b", 0.7)]], [0.25, 0.75]))
    assert fused == {"a": 0.25, "b": 0.75}
    assert convex([[], []], [0.5, 0.5]) == []


def test_convex_needs_one_weight_per_list() -> None:
    import pytest

    with pytest.raises(ValueError):
        convex([[("a", 1.0)]], [0.5, 0.5])
