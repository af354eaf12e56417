"""Where a generation's vectors and BM25 weights live: FAISS + our BM25 in the generation folder
(the default), or a Milvus collection (embedded Milvus Lite, or a cluster by URI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.stores.base import GenerationStore, Ranking, Store
from qa.stores.faiss_store import FaissStore

if TYPE_CHECKING:
    from qa.config import Settings

__all__ = ["FaissStore", "GenerationStore", "Ranking", "Store", "store_from_settings"]


def store_from_settings(settings: Settings) -> Store:
    """The store QA_VECTOR_STORE names, with the dense index QA_DENSE_INDEX asks for."""
    from qa.stores.base import DenseChoice

    dense = DenseChoice(settings.dense_index, settings.ann_threshold)
    if settings.vector_store == "milvus":
        from qa.stores.milvus_store import MilvusStore

        token = settings.milvus_token.get_secret_value() if settings.milvus_token else ""
        return MilvusStore(settings.milvus_uri, token, settings.milvus_collection, dense)
    return FaissStore(dense)
