"""Settings from one place: `QA_` environment variables (or a `.env` file), read at the edges."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from qa.corpus import MAX_DOCUMENT_BYTES
from qa.limits import DEFAULT_TOP_K, MAX_TOP_K
from qa.models import PACKAGED_MODEL
from qa.reader.paths import SHIPPED_WEIGHTS


def _default_model_cache() -> Path:
    return Path.home() / ".cache" / "qa" / "models"


class Settings(BaseSettings):
    """Every knob of the service. Paths are relative to the working directory."""

    model_config = SettingsConfigDict(env_prefix="QA_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("seeds"), description="Folder of .txt and .md articles to index")
    max_document_bytes: int = Field(
        MAX_DOCUMENT_BYTES,
        ge=1024,
        description="Largest article: larger files are skipped by `qa index`, larger uploads get 413",
    )
    index_dir: Path = Field(Path("vectors"), description="Folder the index generations live in")
    embed_model: str = Field(
        PACKAGED_MODEL,
        description="The packaged e5 model, a hub model name or a local sentence-transformers folder",
    )
    model_cache: Path = Field(default_factory=_default_model_cache)
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    chunk_size: int = Field(300, ge=50, description="Target chunk length in cleaned characters")
    chunk_max: int = Field(400, ge=60)
    chunk_min: int = Field(100, ge=10)
    chunk_overlap: int = Field(1, ge=0, description="Sentences shared by neighbouring chunks")
    batch_size: int = Field(16, ge=1)
    top_k: int = Field(DEFAULT_TOP_K, ge=1, le=MAX_TOP_K)
    candidates_k: int = Field(30, ge=1, description="Hits per retriever before fusion")
    rrf_k: int = Field(60, ge=1, description="k of reciprocal rank fusion (the rrf retriever)")
    dense_weight: float = Field(
        0.5, ge=0.0, le=1.0, description="Weight of the dense scores in hybrid fusion (BM25 gets the rest)"
    )
    reload_seconds: float = Field(
        2.0, ge=0.0, description="How often `qa serve` looks for a newer index generation (0: never)"
    )
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Largest HTTP request body (413 above)")
    max_queue: int = Field(64, ge=1, description="Questions waiting to be answered before /ask says 503")
    max_batch: int = Field(16, ge=1, le=256, description="Questions answered together in one model call")
    batch_window_ms: float = Field(
        5.0, ge=0.0, le=1000.0, description="How long a question waits for others to batch with"
    )
    max_wait_seconds: float = Field(
        10.0, gt=0.0, description="Longest a question may wait to be answered before /ask says 503"
    )
    allowed_hosts: str = Field(
        "",
        description="Comma-separated Host names served (any port); empty: the loopback names when "
        "bound to loopback, any otherwise; *: any",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = Field(
        None, description="DEBUG, INFO, WARNING or ERROR (default: INFO for serve, WARNING otherwise)"
    )
    log_format: Literal["text", "json"] = Field("text", description="text, or json: one object a line")
    cors_origins: str = Field(
        "", description="Comma-separated origins allowed to call the API from a browser (empty: none, *: any)"
    )
    url: str = Field(
        "", description="A running `qa serve` (http://host:port) that `qa ask` and `qa chat` ask instead"
    )
    api_key: SecretStr | None = Field(
        None, description="Bearer token required by document writes (none: writes only on loopback)"
    )
    host: str = "127.0.0.1"
    port: int = 8000
    eval_cache: Path = Field(Path(".cache/eval-index"))
    reader: bool = Field(
        True, description="Answer with the trained span reader (off: the rule-based extractor only)"
    )
    half_weights: bool = Field(
        True,
        description="Keep the encoder's linear weights as float16 (queries embed about a third faster, "
        "the model takes half the memory; vectors differ from float32 less than batching changes them)",
    )
    reader_weights: Path = Field(SHIPPED_WEIGHTS, description="The reader's adapters and head (safetensors)")
    reader_depth: int = Field(2, ge=1, le=10, description="Passages the reader reads per question")
    reader_min_margin: float = Field(
        0.0, description="How much the reader must prefer a span to 'no answer' for it to be stated"
    )
    reader_sure_margin: float = Field(
        6.0, description="A span that beats 'no answer' by this much ends reading: no further passage is read"
    )
    reader_trust_margin: float = Field(
        4.0,
        description="A span that beats 'no answer' by this much is stated even when the question words it "
        "otherwise than the article (its event word or most of its words absent); subject and form are still "
        "checked",
    )
    reader_train_data: Path = Field(
        Path("../shared/training/drcd"), description="DRCD files `qa train-reader` learns from"
    )
    # Scaling out (README "Scaling out"): where vectors and BM25 weights live, and how dense search runs.
    vector_store: Literal["faiss", "milvus"] = Field(
        "faiss", description="faiss: files in the index folder; milvus: a collection per generation"
    )
    milvus_uri: str = Field(
        "vectors/milvus.db", description="A .db file path (embedded Milvus Lite) or http://host:19530"
    )
    milvus_token: SecretStr | None = Field(None, description="Milvus token (user:password), if any")
    milvus_collection: str = Field(
        "qa",
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="Alias of the served collection; each generation's is <alias>_<id>",
    )
    dense_index: Literal["auto", "flat", "hnsw", "ivf"] = Field(
        "auto", description="Dense search: flat (exact), hnsw or ivf; auto: flat up to QA_ANN_THRESHOLD"
    )
    ann_threshold: int = Field(200_000, ge=0, description="Chunks above which `auto` builds IVF")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached: the environment is read once)."""
    return Settings()
