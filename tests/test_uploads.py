"""Uploaded articles without a server: ids, decoding, atomic writes, and who may write."""

from __future__ import annotations

import random

import pytest

from api.auth import is_loopback, writes_refused_because
from qa.config import Settings
from qa.errors import BadDocument, DocumentTooLarge
from qa.uploads import decode_upload, delete_document, validate_doc_id, write_document

ARTICLE = "澄江县举办荷花节\n\n澄江县县长易南星说,今年荷花节吸引游客12万人次。\n"
TRADITIONAL = "澄江縣舉辦荷花節\n\n澄江縣縣長易南星說,今年荷花節吸引遊客12萬人次。\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARTICLE, "utf-8"),
        (ARTICLE, "utf-8-sig"),
        (ARTICLE, "gbk"),
        (ARTICLE, "gb18030"),
        (TRADITIONAL, "big5"),
    ],
)
def test_articles_in_chinese_encodings_decode_to_the_same_text(text: str, encoding: str) -> None:
    assert decode_upload(text.encode(encoding), 10_000) == text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"  \n\r\n ",
        b"\x00\x01\x02abc",
        random.Random(7).randbytes(3000),
        b"\x89PNG\r\n\x1a\n" * 50,
        "\x07\x08 控制字符\x1b[0m".encode(),
    ],
)
def test_empty_binary_and_undecodable_bytes_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(BadDocument, match=r"empty|binary|neither|letters|control"):
        decode_upload(data, 10_000)


def test_an_oversized_document_is_refused() -> None:
    with pytest.raises(DocumentTooLarge, match="10000"):
        decode_upload(("字" * 4000).encode("utf-8"), 10_000)


@pytest.mark.parametrize(
    "doc_id",
    [
        "../x.txt",
        "/etc/passwd",
        "a/../../b.txt",
        "a\\b.txt",
        ".env.txt",
        "..",
        "x\x00.txt",
        "x\u200b.txt",
        " x.txt",
        "x" * 130 + ".txt",
        "x.pdf",
        ".md",
        "",
    ],
)
def test_unsafe_ids_are_refused(doc_id: str) -> None:
    with pytest.raises(BadDocument):
        validate_doc_id(doc_id)


@pytest.mark.parametrize("doc_id", ["澄江荷花节.txt", "2024-05 news.md", "a.b.txt"])
def test_plain_file_names_are_ids(doc_id: str) -> None:
    assert validate_doc_id(doc_id) == doc_id


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path) -> None:
    write_document(tmp_path, "chengjiang.txt", "旧的内容")
    write_document(tmp_path, "chengjiang.txt", ARTICLE)
    assert [p.name for p in tmp_path.iterdir()] == ["chengjiang.txt"]
    assert (tmp_path / "chengjiang.txt").read_bytes() == ARTICLE.encode("utf-8")
    assert delete_document(tmp_path, "chengjiang.txt") and not delete_document(tmp_path, "chengjiang.txt")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_writes_on_an_open_port_need_a_key() -> None:
    assert "QA_API_KEY" in writes_refused_because(Settings(host="0.0.0.0"))
    assert writes_refused_because(Settings(host="0.0.0.0", api_key="k")) is None
    assert writes_refused_because(Settings(host="127.0.0.1")) is None


def test_one_decoder_uploads_detect_chinese_encodings_where_the_corpus_loader_wants_utf8() -> None:
    from qa.corpus import NotADocument, decode_document

    data = ARTICLE.encode("gbk")
    assert decode_upload(data, 10_000) == ARTICLE
    with pytest.raises(NotADocument, match="not UTF-8"):
        decode_document(data)
    assert decode_document(ARTICLE.encode("utf-8-sig")) == decode_upload(ARTICLE.encode("utf-8-sig"), 10_000)
