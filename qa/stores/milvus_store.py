"""A Milvus collection per generation: embedded Milvus Lite (a `.db` file path) or a cluster by URI.

Each build writes a new collection `<prefix>_<id>` holding every chunk (offsets, text, dense vector
and our jieba BM25 weights as a sparse vector); publishing moves the alias `<prefix>` onto it, so a
build killed half-way leaves the alias on the last good collection. Pruning a generation drops its
collection. The served generation's manifest names its collection, and retrieval searches that
collection directly: a server never mixes two generations, whatever the alias says meanwhile.

Fusion stays in our code (convex fusion of the two rankings, as with FAISS): Milvus's weighted
ranker normalises scores otherwise, and identical rankings give identical answers on either store.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from pymilvus import DataType, MilvusClient, MilvusException

from qa.dense import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M, ivf_shape
from qa.errors import IndexMissing, StoreUnavailable
from qa.sparse import BM25
from qa.stores.base import DenseChoice, GenerationStore, Ranking, Store
from qa.types import Chunk

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
MAX_TEXT = 65535
MANIFESTS = "generations/*/manifest.json"


def _dense_index(kind: str, count: int) -> tuple[dict, dict]:
    """Milvus index parameters and search parameters of the dense field, as FAISS would build it."""
    if kind == "hnsw":
        return (
            {"index_type": "HNSW", "params": {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}},
            {"ef": HNSW_EF_SEARCH},
        )
    if kind == "ivf":
        lists, probes = ivf_shape(count)
        return {"index_type": "IVF_FLAT", "params": {"nlist": lists}}, {"nprobe": probes}
    return {"index_type": "FLAT", "params": {}}, {}


class MilvusGeneration(GenerationStore):
    def __init__(
        self, client: MilvusClient, collection: str, vocab: dict[str, int], dim: int, search_params: dict
    ) -> None:
        self.client = client
        self.collection = collection
        self.vocab = vocab
        self._dim = dim
        self.search_params = search_params

    @property
    def dim(self) -> int:
        return self._dim

    def _search(self, data: list, field: str, k: int, params: dict) -> list[Ranking]:
        results = self.client.search(
            self.collection,
            data=data,
            anns_field=field,
            limit=k,
            output_fields=["pk"],
            search_params={"metric_type": "IP", "params": params},
        )
        return [[(int(hit["pk"]), float(hit["distance"])) for hit in hits] for hits in results]

    def search_dense(self, queries: np.ndarray, k: int) -> list[Ranking]:
        if k == 0 or len(queries) == 0:
            return [[] for _ in range(len(queries))]
        return self._search(np.asarray(queries, dtype=np.float32).tolist(), "dense", k, self.search_params)

    def search_bm25(self, queries: Sequence[Sequence[str]], k: int) -> list[Ranking]:
        """A query is a sparse vector of term counts: its inner product with a passage's weights is
        exactly our BM25 score (a repeated term counts once per repetition)."""
        vectors = [self._query_vector(tokens) for tokens in queries]
        asked = [position for position, vector in enumerate(vectors) if vector]
        results: list[Ranking] = [[] for _ in queries]
        if asked and k > 0:
            found = self._search([vectors[p] for p in asked], "bm25", k, {})
            for position, ranking in zip(asked, found, strict=True):
                results[position] = [(i, s) for i, s in ranking if s > 0]
        return results

    def _query_vector(self, tokens: Sequence[str]) -> dict[int, float]:
        counts: dict[int, float] = {}
        for token in tokens:
            if token in self.vocab:
                counts[self.vocab[token]] = counts.get(self.vocab[token], 0.0) + 1.0
        return counts

    def vectors(self) -> np.ndarray:
        count = self.client.get_collection_stats(self.collection)["row_count"]
        matrix = np.zeros((count, self._dim), dtype=np.float32)
        for start in range(0, count, INSERT_BATCH):
            rows = self.client.query(
                self.collection,
                filter=f"pk >= {start} and pk < {start + INSERT_BATCH}",
                output_fields=["pk", "dense"],
            )
            for row in rows:
                matrix[int(row["pk"])] = row["dense"]
        return matrix


class MilvusStore(Store):
    kind = "milvus"

    def __init__(
        self, uri: str, token: str = "", prefix: str = "qa", dense: DenseChoice | None = None
    ) -> None:
        self.uri = uri
        self.token = token
        self.prefix = prefix
        self.dense = dense or DenseChoice()
        self._client: MilvusClient | None = None

    @property
    def client(self) -> MilvusClient:
        """One connection per store, opened on first use (Milvus Lite: the `.db` file, in process)."""
        if self._client is None:
            if not self.uri.startswith(("http://", "https://", "tcp://", "unix:")):
                Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
            try:
                self._client = MilvusClient(uri=self.uri, token=self.token)
            except MilvusException as error:
                raise StoreUnavailable(
                    f"cannot open Milvus at {self.uri}: {error.message}. A Milvus Lite file serves one "
                    "process at a time: stop the other (`qa serve`?) or point QA_MILVUS_URI at a server"
                ) from error
        return self._client

    def _schema(self, dim: int):
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("pk", DataType.INT64, is_primary=True)  # the chunk's position in chunks.jsonl
        schema.add_field("chunk_id", DataType.VARCHAR, max_length=512)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("start", DataType.INT64)
        schema.add_field("end", DataType.INT64)
        schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_field("bm25", DataType.SPARSE_FLOAT_VECTOR)
        return schema

    def write(self, folder: Path, chunks: Sequence[Chunk], vectors: np.ndarray, bm25: BM25) -> dict:
        kind = self.dense.for_count(len(vectors))
        index, _ = _dense_index(kind, len(vectors))
        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        params = self.client.prepare_index_params()
        params.add_index("dense", metric_type="IP", **index)
        params.add_index("bm25", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        self.client.create_collection(
            name, schema=self._schema(vectors.shape[1]), index_params=params, consistency_level="Strong"
        )
        per_passage = bm25.weights.T.tocsr()  # passages x terms
        for start in range(0, len(chunks), INSERT_BATCH):
            rows = [
                _row(position, chunks[position], vectors[position], per_passage)
                for position in range(start, min(start + INSERT_BATCH, len(chunks)))
            ]
            self.client.insert(name, rows)
        self.client.flush(name)
        bm25.save_vocab(folder)
        logger.info("wrote %d chunks to Milvus collection %s (%s)", len(chunks), name, index["index_type"])
        return {
            "kind": self.kind,
            "uri": self.uri,
            "collection": name,
            "alias": self.prefix,
            "dense_index": kind,
        }

    def open(self, folder: Path, manifest: dict) -> MilvusGeneration:
        entry = manifest.get("store", {})
        name = entry.get("collection", "")
        if not self.client.has_collection(name):
            raise IndexMissing(
                f"Milvus collection {name!r} of generation {folder.name} is not in {self.uri}: "
                "run `qa index --rebuild`"
            )
        self.client.load_collection(name)
        _, search_params = _dense_index(entry.get("dense_index", "flat"), int(manifest.get("chunks", 0)))
        dim = int(manifest["model"]["dim"])
        return MilvusGeneration(self.client, name, BM25.load_vocab(folder), dim, search_params)

    def published(self, manifest: dict) -> None:
        name = manifest["store"]["collection"]
        aliased = self._aliased()
        if aliased == name:
            return
        if aliased is None:
            self.client.create_alias(name, self.prefix)
        else:
            self.client.alter_alias(name, self.prefix)
        logger.info("alias %s now on collection %s", self.prefix, name)

    def removed(self, manifest: dict) -> None:
        name = manifest.get("store", {}).get("collection")
        if name and name != self._aliased() and self.client.has_collection(name):
            self.client.drop_collection(name)
            logger.info("dropped Milvus collection %s of a pruned generation", name)

    def remove_orphans(self, index_dir: Path) -> None:
        """Drop collections of this prefix that no generation folder names (builds killed before
        they published); the alias target is never dropped."""
        named = set()
        for path in index_dir.glob(MANIFESTS):
            try:
                named.add(json.loads(path.read_text(encoding="utf-8")).get("store", {}).get("collection"))
            except (OSError, ValueError):
                continue
        aliased = self._aliased()
        for name in self.client.list_collections():
            if name.startswith(f"{self.prefix}_") and name not in named and name != aliased:
                logger.info("dropping Milvus collection %s of an interrupted build", name)
                self.client.drop_collection(name)

    def _aliased(self) -> str | None:
        """The collection the alias points at (asked per collection: describing a missing alias
        makes pymilvus log an error with its traceback)."""
        for name in self.client.list_collections():
            if not name.startswith(f"{self.prefix}_"):
                continue
            if self.prefix in self.client.list_aliases(name)["aliases"]:
                return name
        return None


def _row(position: int, chunk: Chunk, vector: np.ndarray, per_passage: sp.csr_matrix) -> dict:
    row = per_passage.getrow(position)
    return {
        "pk": position,
        "chunk_id": chunk.id,
        "doc": chunk.doc,
        "start": chunk.start,
        "end": chunk.end,
        "text": chunk.text[:MAX_TEXT],
        "dense": vector.tolist(),
        "bm25": {int(t): float(w) for t, w in zip(row.indices, row.data, strict=True)},
    }
