"""Low-rank adapters (LoRA) on a frozen encoder's linear layers.

Written here rather than taken from `peft` because the reader needs two things peft does not make
simple: training on cached lower-layer states, and merging the adapters into a *copy* of the encoder
layers while the embedding table stays shared with the embedder.
"""

from __future__ import annotations

import math

import torch
from torch import nn

# The linear layers of a BERT layer that get an adapter (attention projections and both FFN layers).
TARGETS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


class LoRALinear(nn.Module):
    """`base(x) + (x @ A^T @ B^T) * alpha / r`, with `base` frozen and B starting at zero."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.0) -> None:
        super().__init__()
        self.base = base
        self.rank, self.scale = rank, alpha / rank
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        for parameter in base.parameters():
            parameter.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # The scale multiplies the rank-wide product, not the (much wider) output.
        return self.base(x) + ((self.dropout(x) @ self.lora_a.T) * self.scale) @ self.lora_b.T

    def merged(self) -> nn.Linear:
        """A plain Linear computing the same function (for inference: no extra matmuls)."""
        linear = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None)
        with torch.no_grad():
            linear.weight.copy_(self.base.weight + (self.lora_b @ self.lora_a) * self.scale)
            if self.base.bias is not None:
                linear.bias.copy_(self.base.bias)
        return linear


def _parent(module: nn.Module, dotted: str) -> tuple[nn.Module, str]:
    *path, leaf = dotted.split(".")
    for part in path:
        module = getattr(module, part)
    return module, leaf


def add_adapters(layers: nn.ModuleList, first: int, rank: int, alpha: float, dropout: float) -> None:
    """Wrap the TARGETS of layers[first:] in LoRALinear, in place."""
    for layer in list(layers)[first:]:
        for target in TARGETS:
            parent, leaf = _parent(layer, target)
            setattr(parent, leaf, LoRALinear(getattr(parent, leaf), rank, alpha, dropout))


def merge_adapters(layers: nn.ModuleList) -> None:
    """Replace every LoRALinear in `layers` by its merged Linear, in place."""
    for layer in layers:
        for target in TARGETS:
            parent, leaf = _parent(layer, target)
            module = getattr(parent, leaf)
            if isinstance(module, LoRALinear):
                setattr(parent, leaf, module.merged())


def adapter_state(layers: nn.ModuleList) -> dict[str, torch.Tensor]:
    """The adapter tensors only, keyed `<layer>.<target>.lora_a|lora_b`."""
    state = {}
    for index, layer in enumerate(layers):
        for target in TARGETS:
            parent, leaf = _parent(layer, target)
            module = getattr(parent, leaf)
            if isinstance(module, LoRALinear):
                state[f"{index}.{target}.lora_a"] = module.lora_a.detach().clone()
                state[f"{index}.{target}.lora_b"] = module.lora_b.detach().clone()
    return state


def load_adapter_state(layers: nn.ModuleList, state: dict[str, torch.Tensor]) -> None:
    """Copy saved adapter tensors into the LoRALinear modules of `layers` (same layout)."""
    for index, layer in enumerate(layers):
        for target in TARGETS:
            parent, leaf = _parent(layer, target)
            module = getattr(parent, leaf)
            if isinstance(module, LoRALinear):
                with torch.no_grad():
                    module.lora_a.copy_(state[f"{index}.{target}.lora_a"])
                    module.lora_b.copy_(state[f"{index}.{target}.lora_b"])
