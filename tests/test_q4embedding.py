"""The packaged model's word embeddings kept as 4-bit blocks: the same vectors, and no weights file held."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open

from qa.e5pack import word_embedding_blocks
from qa.models import materialise_packaged_model, packaged_bin
from qa.q4embedding import Q4Embedding

ROWS = [0, 1, 6, 1_000, 36_000, 250_036]  # specials, common pieces, the last row


def test_lookups_are_the_float_tables_rows_bit_for_bit(settings):
    """Against the converted model folder, i.e. what an ordinary SentenceTransformer load reads."""
    blocks = torch.from_numpy(word_embedding_blocks(packaged_bin().read_bytes()))
    folder = materialise_packaged_model(settings.model_cache)
    with safe_open(str(folder / "model.safetensors"), framework="pt") as handle:
        table = handle.get_slice("embeddings.word_embeddings.weight")
        expected = torch.stack([table[row : row + 1][0] for row in ROWS])
    packed = Q4Embedding(blocks)
    assert (packed.num_embeddings, packed.embedding_dim) == (250_037, 384)
    ids = torch.tensor([ROWS, ROWS[::-1]])
    got = packed(ids)
    assert got.shape == (2, len(ROWS), 384) and got.dtype == torch.float32
    assert torch.equal(got[0], expected) and torch.equal(got[1], expected.flip(0))


def _mapped_ranges(name: str) -> list[tuple[int, int]]:
    ranges = []
    for line in Path("/proc/self/maps").read_text().splitlines():
        if line.endswith(name):
            start, end = line.split()[0].split("-")
            ranges.append((int(start, 16), int(end, 16)))
    return ranges


def test_the_embedder_holds_no_float_weights_file(embedder):
    encoder = embedder.model[0].auto_model
    assert isinstance(encoder.embeddings.word_embeddings, Q4Embedding)
    tensors = [*encoder.parameters(), *encoder.buffers()]
    mapped = _mapped_ranges("model.safetensors")  # other tests may map it; none of ours may live there
    inside = [t for t in tensors if any(a <= t.data_ptr() < b for a, b in mapped)]
    assert not inside, f"{len(inside)} tensors still in the memory-mapped weights file"
    vector = embedder.embed_queries(["苏溪镇的工业总产值"])
    assert vector.shape == (1, 384) and np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
