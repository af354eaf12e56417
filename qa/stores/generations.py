"""Which store holds a generation, and freeing what a pruned one holds outside its folder."""

from __future__ import annotations

from pathlib import Path

from qa.errors import IndexMismatch, IndexMissing
from qa.manifest import read_manifest
from qa.stores.base import Store
from qa.stores.faiss_store import FaissStore


def store_of(manifest: dict, store: Store, to_move: bool = False) -> Store:
    """The store that holds a generation: the configured one, or (`to_move`: the build reads its
    vectors, to write them to the configured store) FAISS files, which are always readable."""
    kind = manifest.get("store", {}).get("kind", FaissStore.kind)
    if kind == store.kind:
        return store
    if kind == FaissStore.kind and to_move:
        return FaissStore()
    raise IndexMismatch(
        f"the index is stored in {kind}, the settings say {store.kind} "
        "(QA_VECTOR_STORE): run `qa index` to move it"
    )


def release_generation(folder: Path, store: Store) -> None:
    """Free what a pruned generation holds outside its folder (its Milvus collection)."""
    try:
        manifest = read_manifest(folder)
    except (IndexMissing, OSError, ValueError):
        return
    if manifest.get("store", {}).get("kind") == store.kind:
        store.removed(manifest)
