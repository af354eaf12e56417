"""Training on a tiny random encoder: the loss falls, and a run cut by its budget resumes exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from qa.reader.model import SpanReaderNet
from qa.reader.training import Budget, TrainingSet, TrainParams, _step_loss, cache_lower, train
from tests.test_reader_model import ADAPTERS, tiny_encoder

PARAMS = TrainParams(epochs=3, batch_size=4, learning_rate=5e-3, seed=7, adapters=ADAPTERS)


def _data() -> TrainingSet:
    generator = torch.Generator().manual_seed(3)
    ids = torch.randint(5, 120, (10, 16), generator=generator)
    starts = torch.randint(1, 12, (10,), generator=generator)
    starts[::4] = 0  # some windows without the answer point at token 0
    ends = torch.where(starts > 0, starts + 2, 0)
    return TrainingSet(ids, torch.ones_like(ids), starts, ends)


def _fresh() -> tuple[SpanReaderNet, TrainingSet, torch.Tensor]:
    net = SpanReaderNet.for_training(tiny_encoder(), PARAMS.adapters, PARAMS.dropout)
    data = _data()
    return net, data, cache_lower(net, data)


def _loss(net: SpanReaderNet, data: TrainingSet, hidden: torch.Tensor) -> float:
    with torch.no_grad():
        return float(_step_loss(net, hidden, data.attention_mask, data.starts, data.ends))


def test_training_lowers_the_loss(tmp_path: Path):
    net, data, hidden = _fresh()
    before = _loss(net, data, hidden)
    longer = TrainParams(**{**PARAMS.__dict__, "epochs": 15, "learning_rate": 2e-2})
    assert train(net, data, hidden, longer, Budget(), tmp_path / "ck.pt")
    assert _loss(net, data, hidden) < before - 0.2


def test_a_budgeted_run_resumes_to_the_same_weights(tmp_path: Path):
    torch.manual_seed(0)
    whole, data, hidden = _fresh()
    assert train(whole, data, hidden, PARAMS, Budget(), tmp_path / "whole.pt")

    torch.manual_seed(0)
    first, data, hidden = _fresh()
    assert not train(first, data, hidden, PARAMS, Budget(max_steps=4), tmp_path / "cut.pt")
    resumed, data, hidden = _fresh()  # a new process: nothing but the checkpoint carries over
    assert train(resumed, data, hidden, PARAMS, Budget(), tmp_path / "cut.pt")

    expected, got = whole.trained_state(), resumed.trained_state()
    assert all(torch.allclose(expected[k], got[k], atol=1e-6) for k in expected)


def test_a_checkpoint_of_other_settings_is_not_resumed(tmp_path: Path):
    net, data, hidden = _fresh()
    assert not train(net, data, hidden, PARAMS, Budget(max_steps=2), tmp_path / "ck.pt")
    other = TrainParams(**{**PARAMS.__dict__, "learning_rate": 1e-3})
    net, data, hidden = _fresh()
    assert not train(net, data, hidden, other, Budget(max_steps=1), tmp_path / "ck.pt")
    assert torch.load(tmp_path / "ck.pt", weights_only=True)["step"] == 1, "started afresh"


def test_training_flags_set_the_adapters_and_windows(tmp_path: Path):
    import argparse

    from qa.config import Settings
    from qa.reader.train_cli import _params, add_train_arguments

    parser = argparse.ArgumentParser()
    add_train_arguments(parser, Settings())
    flags = "--rank 32 --first-adapted 0 --max-length 384 --overlap 128 --negative-share 1.0 --epochs 5"
    args = parser.parse_args(flags.split())
    params = _params(args)
    assert (params.adapters.rank, params.adapters.first_adapted, params.adapters.alpha) == (32, 0, 64.0)
    assert (params.windows.max_length, params.windows.overlap) == (384, 128)
    assert (params.negative_share, params.epochs) == (1.0, 5)


@pytest.mark.parametrize(("max_bytes", "dtype"), [(10_000_000, torch.float32), (1_000, torch.float16)])
def test_weights_too_big_for_float32_are_saved_half_and_reload_to_the_same_spans(
    tmp_path: Path, max_bytes: int, dtype: torch.dtype
):
    from safetensors import safe_open

    from qa.reader.card import save_weights
    from tests.test_reader_model import _batch, _perturb

    net, _, _ = _fresh()
    _perturb(net)
    save_weights(net.trained_state(), PARAMS, tmp_path / "reader.safetensors", max_bytes=max_bytes)
    with safe_open(str(tmp_path / "reader.safetensors"), framework="pt") as handle:
        state = {key: handle.get_tensor(key) for key in handle.keys()}
    assert {value.dtype for value in state.values()} == {dtype}
    loaded = SpanReaderNet.for_inference(tiny_encoder(), PARAMS.adapters, state)
    ids, mask = _batch()
    with torch.no_grad():
        assert torch.allclose(loaded(ids, mask), net(ids, mask), atol=1e-2)
