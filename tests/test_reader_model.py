"""The reader network on a tiny random encoder: adapters, merging for inference, shared weights."""

from __future__ import annotations

import pytest
import torch
from transformers import BertConfig, BertModel

from qa.reader.lora import LoRALinear, adapter_state
from qa.reader.model import AdapterConfig, SpanReaderNet

ADAPTERS = AdapterConfig(first_adapted=2, rank=4, alpha=8.0)


def tiny_encoder(seed: int = 0) -> BertModel:
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=120, hidden_size=32, num_hidden_layers=4, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )  # fmt: skip
    return BertModel(config, add_pooling_layer=False).eval()


def _batch() -> tuple[torch.Tensor, torch.Tensor]:
    ids = torch.randint(5, 120, (3, 20), generator=torch.Generator().manual_seed(1))
    mask = torch.ones_like(ids)
    mask[2, 15:] = 0  # a padded window
    return ids, mask


def _perturb(net: SpanReaderNet) -> None:
    """Give the adapters non-zero values, as training would."""
    with torch.no_grad():
        for module in net.modules():
            if isinstance(module, LoRALinear):
                module.lora_b.normal_(0, 0.05)


def test_fresh_adapters_leave_the_encoder_function_unchanged():
    encoder, ids_mask = tiny_encoder(), _batch()
    expected = encoder(input_ids=ids_mask[0], attention_mask=ids_mask[1]).last_hidden_state
    net = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0).eval()
    hidden = net.lower(*ids_mask)
    from qa.reader.model import _call, additive_mask

    mask = additive_mask(ids_mask[1], hidden.dtype)
    for layer in list(net.layers)[ADAPTERS.first_adapted :]:
        hidden = _call(layer, hidden, mask)
    valid = ids_mask[1].bool()
    assert torch.allclose(hidden[valid], expected[valid], atol=1e-5)


def test_only_adapters_and_head_are_trainable():
    net = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0)
    names = {name for name, p in net.named_parameters() if p.requires_grad}
    assert names and all("lora_" in name or name.startswith("head.") for name in names)
    adapted = {name.split(".")[1] for name in names if name.startswith("layers.")}
    assert adapted == {"2", "3"}, "layers below first_adapted carry no adapter"


def test_inference_net_merges_adapters_and_matches_training_net():
    trained = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0).eval()
    _perturb(trained)
    ids, mask = _batch()
    with torch.no_grad():
        expected = trained(ids, mask)
    shared = tiny_encoder()  # the embedder's encoder: same weights, untouched by the reader
    before = {k: v.clone() for k, v in shared.state_dict().items()}
    reader = SpanReaderNet.for_inference(shared, ADAPTERS, trained.trained_state())
    with torch.no_grad():
        got = reader(ids, mask)
    valid = mask.bool()
    assert torch.allclose(got[valid], expected[valid], atol=1e-4)
    assert not any(isinstance(m, LoRALinear) for m in reader.modules()), "adapters are merged"
    assert all(torch.equal(before[k], v) for k, v in shared.state_dict().items())
    assert reader.embeddings.word_embeddings.weight.data_ptr() == (
        shared.embeddings.word_embeddings.weight.data_ptr()
    ), "the embedding table is shared, not copied"
    assert reader.layers[0] is shared.encoder.layer[0], "frozen lower layers are shared"


def test_trained_state_round_trips():
    net = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0)
    _perturb(net)
    state = net.trained_state()
    other = SpanReaderNet.for_training(tiny_encoder(), ADAPTERS, 0.0)
    other.load_trained_state(state)
    assert all(torch.equal(state[k], v) for k, v in other.trained_state().items())
    assert set(adapter_state(other.layers)) == {k for k in state if not k.startswith("head.")}


def test_adapter_config_survives_safetensors_metadata():
    assert AdapterConfig.from_metadata(ADAPTERS.to_metadata()) == ADAPTERS
    with pytest.raises(KeyError):
        AdapterConfig.from_metadata({})
