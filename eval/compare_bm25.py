"""Our jieba BM25 (stored in Milvus as a sparse field) against Milvus's built-in BM25 with its jieba
analyzer, on the same chunks and questions: document-level hit@1, hit@5 and MRR of BM25 alone.

    .venv/bin/python eval/compare_bm25.py --index-dir vectors [--dataset eval/qa.jsonl]

`--index-dir` is a built index of the dataset's corpus (`qa index`, or a `qa eval` cache folder
under .cache/eval-index/). Both sides index `passage_text` (the headline and the chunk) and search
the query the service searches (an English question plus its Chinese rewrite). Ours tokenises with
jieba's search mode plus the corpus's own names and stop words; the built-in analyzer runs
plain jieba inside Milvus.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from pymilvus import DataType, Function, FunctionType, MilvusClient

from qa.answering import AnsweringContext
from qa.answering.english import is_english, to_chinese
from qa.chunking import document_title, passage_text
from qa.config import get_settings
from qa.evaluation.dataset import load_dataset
from qa.index import LoadedIndex, load_index
from qa.wiring import chunker_params, load_embedder

K = 5


def builtin_collection(client: MilvusClient, index: LoadedIndex) -> str:
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("pk", DataType.INT64, is_primary=True)
    schema.add_field(
        "text",
        DataType.VARCHAR,
        max_length=65535,
        enable_analyzer=True,
        analyzer_params={"tokenizer": "jieba"},
    )
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(
        Function(
            name="bm25",
            function_type=FunctionType.BM25,
            input_field_names=["text"],
            output_field_names=["sparse"],
        )
    )
    params = client.prepare_index_params()
    params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    client.create_collection("builtin", schema=schema, index_params=params)
    titles = {doc: document_title(text.text) for doc, text in index.docs.items()}
    rows = [{"pk": i, "text": passage_text(c, titles[c.doc])} for i, c in enumerate(index.chunks)]
    for start in range(0, len(rows), 1000):
        client.insert("builtin", rows[start : start + 1000])
    client.flush("builtin")
    return "builtin"


def scores(ranked_docs: list[list[str]], gold: list[str]) -> dict[str, float]:
    hit1 = hit5 = rr = 0.0
    for docs, doc in zip(ranked_docs, gold, strict=True):
        unique = list(dict.fromkeys(docs))[:K]
        hit1 += bool(unique) and unique[0] == doc
        hit5 += doc in unique
        rr += 1 / (unique.index(doc) + 1) if doc in unique else 0.0
    n = len(gold)
    return {"hit_at_1": round(hit1 / n, 3), "hit_at_5": round(hit5 / n, 3), "mrr": round(rr / n, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--dataset", type=Path, default=Path("eval/qa.jsonl"))
    args = parser.parse_args()
    settings = get_settings()
    index = load_index(args.index_dir, load_embedder(settings), chunker_params(settings))
    items = [item for item in load_dataset(args.dataset) if item.doc]
    context = AnsweringContext.build(index.lexicon)
    asked = [item.question for item in items]
    queries = [f"{q} {to_chinese(q, context)}" if is_english(q) else q for q in asked]
    gold = [item.doc for item in items]
    depth = 30
    ours = index.store.search_bm25([index.tokenizer.tokenize(q) for q in queries], depth)
    ours_docs = [[index.chunks[i].doc for i, _ in ranking] for ranking in ours]
    with tempfile.TemporaryDirectory() as folder:
        client = MilvusClient(str(Path(folder) / "bm25.db"))
        name = builtin_collection(client, index)
        found = client.search(
            name,
            data=queries,
            anns_field="sparse",
            limit=depth,
            output_fields=["pk"],
            search_params={"metric_type": "BM25"},
        )
        builtin_docs = [[index.chunks[int(hit["pk"])].doc for hit in hits] for hits in found]
        client.close()
    result = {
        "dataset": str(args.dataset),
        "questions": len(items),
        "chunks": len(index.chunks),
        "ours_jieba_bm25": scores(ours_docs, gold),
        "milvus_builtin_bm25": scores(builtin_docs, gold),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
