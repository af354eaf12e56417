"""The span reader network: the e5 encoder, low-rank adapters on its upper layers, a start/end head.

The lower `first_adapted` layers are left exactly as the embedder has them, which lets training run
them once per window (their output is cached) and lets inference share the embedder's embedding
table instead of holding a second copy of it.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass

import torch
from torch import nn

from qa.halfweights import halve_linears, restore_linears
from qa.reader.lora import adapter_state, add_adapters, load_adapter_state, merge_adapters


@dataclass(frozen=True)
class AdapterConfig:
    """Where the adapters sit and how big they are."""

    first_adapted: int = 4  # layers below this index are frozen and carry no adapter
    rank: int = 16
    alpha: float = 32.0

    def to_metadata(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items()}

    @classmethod
    def from_metadata(cls, metadata: dict[str, str]) -> AdapterConfig:
        return cls(int(metadata["first_adapted"]), int(metadata["rank"]), float(metadata["alpha"]))


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor | None:
    """(batch, seq) 1/0 mask → the (batch, 1, 1, seq) additive mask BERT layers take; None when
    nothing is padded (attention then takes its fused path, several times faster on CPU)."""
    if bool(attention_mask.all()):
        return None
    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


class SpanReaderNet(nn.Module):
    """Start/end logits for every token of a window; token 0 stands for "no answer here"."""

    def __init__(self, encoder: nn.Module, adapters: AdapterConfig) -> None:
        super().__init__()
        self.embeddings = encoder.embeddings
        self.layers = encoder.encoder.layer
        self.adapters = adapters
        self.head = nn.Linear(encoder.config.hidden_size, 2)

    @classmethod
    def for_training(cls, encoder: nn.Module, adapters: AdapterConfig, dropout: float) -> SpanReaderNet:
        """Freeze the encoder and wrap its upper layers' linear maps in trainable adapters."""
        for parameter in encoder.parameters():
            parameter.requires_grad_(False)
        add_adapters(encoder.encoder.layer, adapters.first_adapted, adapters.rank, adapters.alpha, dropout)
        return cls(encoder, adapters)

    @classmethod
    def for_inference(
        cls, encoder: nn.Module, adapters: AdapterConfig, state: dict[str, torch.Tensor]
    ) -> SpanReaderNet:
        """Share `encoder`'s embeddings and frozen lower layers; copy and merge the adapted ones.

        `encoder` is not changed, so the same object keeps serving as the embedding model.
        """
        shell = copy.copy(encoder)  # shallow: the embedding table is the embedder's own tensor
        upper = copy.deepcopy(nn.ModuleList(list(encoder.encoder.layer)[adapters.first_adapted :]))
        half = restore_linears(upper) > 0  # adapters merge into float32 weights ...
        add_adapters(upper, 0, adapters.rank, adapters.alpha, 0.0)
        load_adapter_state(upper, _shift_layers(state, -adapters.first_adapted))
        merge_adapters(upper)
        if half:  # ... which go back to float16 like the embedder's
            halve_linears(upper)
        lower = list(encoder.encoder.layer)[: adapters.first_adapted]
        net = cls.__new__(cls)
        nn.Module.__init__(net)
        net.embeddings = shell.embeddings
        net.layers = nn.ModuleList(lower + list(upper))
        net.adapters = adapters
        net.head = nn.Linear(encoder.config.hidden_size, 2)
        net.head.load_state_dict({"weight": state["head.weight"], "bias": state["head.bias"]})
        return net.eval()

    @property
    def device(self) -> torch.device:
        """Where the network's (head's) parameters are: inputs are moved there."""
        return next(self.head.parameters()).device

    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the frozen layers (what training caches)."""
        hidden = self.embeddings(input_ids=input_ids)
        mask = additive_mask(attention_mask, hidden.dtype)
        for layer in list(self.layers)[: self.adapters.first_adapted]:
            hidden = _call(layer, hidden, mask)
        return hidden

    def upper(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """(batch, seq, 2) start/end logits from the frozen layers' output."""
        mask = additive_mask(attention_mask, hidden.dtype)
        for layer in list(self.layers)[self.adapters.first_adapted :]:
            hidden = _call(layer, hidden, mask)
        return self.head(hidden)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    def trained_state(self) -> dict[str, torch.Tensor]:
        """What is saved: the adapters (layer indices as in the full encoder) and the head."""
        state = adapter_state(self.layers)
        state.update({f"head.{k}": v.detach().clone() for k, v in self.head.state_dict().items()})
        return state

    def load_trained_state(self, state: dict[str, torch.Tensor]) -> None:
        load_adapter_state(self.layers, state)
        self.head.load_state_dict({"weight": state["head.weight"], "bias": state["head.bias"]})


def _call(layer: nn.Module, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    output = layer(hidden, mask)
    return output[0] if isinstance(output, tuple) else output  # transformers 4 returns a tuple


def _shift_layers(state: dict[str, torch.Tensor], shift: int) -> dict[str, torch.Tensor]:
    shifted = {}
    for key, value in state.items():
        head, _, rest = key.partition(".")
        shifted[f"{int(head) + shift}.{rest}" if head.isdigit() else key] = value
    return shifted
