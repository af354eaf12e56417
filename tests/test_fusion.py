from qa.fusion import rrf


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
