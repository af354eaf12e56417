"""Headlines are computed once, when a document is indexed, and stored in the generation."""

from __future__ import annotations

import json
from dataclasses import replace

from qa.chunking import headline
from qa.clean import clean
from qa.documents import get_document, headline_of, list_documents
from qa.index import load_index
from qa.manifest import MANIFEST_FILE, Manifest
from qa.store import current_generation
from qa.wiring import chunker_params


def test_headline_is_the_first_non_blank_line_cut_to_a_title() -> None:
    assert headline("\n  \n  桃花镇新建公园三座  \n正文") == "桃花镇新建公园三座"
    long = headline("题" * 200)
    assert len(long) == 80 and long.endswith("…")
    assert headline(" \n ") == ""


def test_the_manifest_stores_each_documents_headline(settings, embedder, seed_index) -> None:
    stored = json.loads((current_generation(settings.index_dir) / MANIFEST_FILE).read_text("utf-8"))
    index = load_index(settings.index_dir, embedder, chunker_params(settings))
    for doc_id, entry in stored["documents"].items():
        assert entry["headline"] == headline(clean(index.docs[doc_id].raw).text)
        assert entry["headline"] and index.manifest.documents[doc_id].headline == entry["headline"]
    assert [info.headline for info in list_documents(index)] == [
        stored["documents"][doc]["headline"] for doc in sorted(stored["documents"])
    ]


def test_a_generation_built_before_headlines_were_stored_still_shows_them(settings, embedder, seed_index):
    index = load_index(settings.index_dir, embedder, chunker_params(settings))
    data = json.loads((index.folder / MANIFEST_FILE).read_text("utf-8"))
    for entry in data["documents"].values():
        del entry["headline"]
    older = replace(index, manifest=Manifest.from_json(data))
    for doc_id in index.docs:
        assert headline_of(older, doc_id) == headline_of(index, doc_id) != ""
        assert get_document(older, doc_id).headline == get_document(index, doc_id).headline
    assert headline_of(older, "no-such.txt") == ""
