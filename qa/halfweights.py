"""Linear maps with float16 weights for CPU inference (fbgemm), activations and sums kept in float32.

A question is 15–30 tokens: at that size the encoder's matrix products are bound by reading the
weights, not by arithmetic, so halving the weight bytes makes a query embedding about a third faster
(37 → 24 ms for 20 tokens on 2 cores, interleaved) and halves the model's share of memory. The
rounding is far below what already differs between embedding a question alone and in a batch (cosine
0.9999999 both ways), so an index built with either serves the other. Longer inputs (the reader's
200-token windows) are bound by arithmetic and gain only ~7%.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn


class HalfLinear(nn.Module):
    """`nn.Linear` for inference with its weight packed as float16; bias and output stay float32."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        # Cloned: the packed form keeps a reference to the bias, which would otherwise pin the whole
        # memory-mapped weights file the model was loaded from.
        bias = None if linear.bias is None else linear.bias.detach().float().clone()
        self.packed = torch.ops.quantized.linear_prepack_fp16(linear.weight.detach().float(), bias)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return torch.ops.quantized.linear_dynamic_fp16(inputs, self.packed)

    def to_linear(self) -> nn.Linear:
        """An ordinary float32 `nn.Linear` holding the float16-rounded weight (to train or merge into)."""
        weight, bias = torch.ops.quantized.linear_unpack_fp16(self.packed)
        linear = nn.Linear(self.in_features, self.out_features, bias=bias is not None)
        with torch.no_grad():
            linear.weight.copy_(weight.float())
            if bias is not None:
                linear.bias.copy_(bias)
        return linear.requires_grad_(False)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, weight=float16"


def halve_linears(module: nn.Module) -> int:
    """Replace every `nn.Linear` inside `module` by a `HalfLinear`, in place; returns how many."""
    return _replace(module, nn.Linear, HalfLinear)


def restore_linears(module: nn.Module) -> int:
    """Replace every `HalfLinear` inside `module` by a float32 `nn.Linear`, in place; returns how many."""
    return _replace(module, HalfLinear, HalfLinear.to_linear)


def has_half_linears(module: nn.Module) -> bool:
    """Whether any linear map inside `module` keeps float16 weights."""
    return any(isinstance(child, HalfLinear) for child in module.modules())


def _replace(module: nn.Module, kind: type, make: Callable[[nn.Module], nn.Module]) -> int:
    replaced = 0
    for name, child in list(module.named_children()):
        if isinstance(child, kind):
            setattr(module, name, make(child))
            replaced += 1
        else:
            replaced += _replace(child, kind, make)
    return replaced
