"""Float16-weight linear maps: same function as float32 up to rounding, and the reader built on them."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from qa.halfweights import HalfLinear, halve_linears, has_half_linears, restore_linears
from qa.reader.model import SpanReaderNet
from tests.test_reader_model import ADAPTERS, _batch, _perturb, tiny_encoder


def _linear(seed: int = 0) -> nn.Linear:
    torch.manual_seed(seed)
    return nn.Linear(48, 24)


@pytest.mark.parametrize("shape", [(5, 48), (2, 7, 48)])
def test_half_linear_computes_what_the_linear_does(shape):
    linear = _linear()
    inputs = torch.randn(*shape)
    with torch.no_grad():
        expected, got = linear(inputs), HalfLinear(linear)(inputs)
    assert got.shape == expected.shape and got.dtype == torch.float32
    assert torch.allclose(got, expected, atol=2e-3)


def test_half_linear_owns_its_bias():
    linear = _linear()
    half, inputs = HalfLinear(linear), torch.randn(3, 48)
    before = half(inputs)
    with torch.no_grad():
        linear.bias.add_(10.0)  # the source model's memory changes (or is unmapped): no effect here
    assert torch.equal(half(inputs), before)


def test_restored_linear_holds_the_rounded_weight():
    linear = _linear()
    restored = HalfLinear(linear).to_linear()
    assert isinstance(restored, nn.Linear)
    assert torch.equal(restored.weight, linear.weight.detach().half().float())
    assert torch.equal(restored.bias, linear.bias.detach())


def test_halving_a_whole_encoder_keeps_its_output():
    encoder, (ids, mask) = tiny_encoder(), _batch()
    with torch.no_grad():
        expected = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        assert halve_linears(encoder) == 4 * 6, "six linear maps per layer"
        assert not any(isinstance(m, nn.Linear) for m in encoder.modules())
        got = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    valid = mask.bool()
    cosine = nn.functional.cosine_similarity(got[valid], expected[valid], dim=-1)
    assert cosine.min() > 0.9999
    assert restore_linears(encoder) == 24 and not has_half_linears(encoder)


def test_reader_on_a_half_encoder_merges_and_stays_half():
    trained = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0).eval()
    _perturb(trained)
    state, (ids, mask) = trained.trained_state(), _batch()
    full = SpanReaderNet.for_inference(tiny_encoder(), ADAPTERS, state)
    shared = tiny_encoder()
    halve_linears(shared)  # what the embedder does at load
    half = SpanReaderNet.for_inference(shared, ADAPTERS, state)
    with torch.no_grad():
        expected, got = full(ids, mask), half(ids, mask)
    valid = mask.bool()
    assert torch.allclose(got[valid], expected[valid], atol=5e-3)
    upper = half.layers[ADAPTERS.first_adapted :]
    assert has_half_linears(upper), "the merged upper layers are float16 again"
    assert half.layers[0] is shared.encoder.layer[0], "frozen lower layers are still shared"


def test_packaged_model_in_half_embeds_like_float(embedder, settings):
    """The real model: query and passage vectors from float16 weights are the float32 ones (the
    index built by either serves the other)."""
    from qa.wiring import load_embedder

    assert has_half_linears(embedder.model), "the default embedder keeps float16 weights"
    full = load_embedder(settings.model_copy(update={"half_weights": False}))
    assert not has_half_linears(full.model)
    questions = ["苏溪镇1-11月工业总产值是多少？", "平湖市今年新增了多少家企业", "谁是现任镇长"]
    passages = ["苏溪镇1-11月实现工业总产值393亿元，同比增长12.5%。", "新仓镇位于平湖市东北部。"]
    for texts, embed in ((questions, "embed_queries"), (passages, "embed_passages")):
        half, float_ = getattr(embedder, embed)(texts), getattr(full, embed)(texts)
        assert np.min(np.sum(half * float_, axis=1)) > 0.99999
