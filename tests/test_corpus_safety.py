"""Corpus safety: only regular files inside the corpus folder are read; everything else is named once."""

from __future__ import annotations

import logging
import os
import stat
import threading

import pytest

from qa.corpus import corpus_fingerprint, load_corpus

ARTICLE = "本报讯 青石镇新修水渠4公里，灌溉农田600亩。\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text("# 白沙村\n\n白沙村今年种下茶树3000株。\n", encoding="utf-8")
    return folder


def _reasons(folder, **kwargs) -> dict[str, str]:
    documents, skipped = load_corpus(folder, **kwargs)
    assert {d.id for d in documents} >= {"good.txt"}
    return {item.path: item.reason for item in skipped}


def test_markdown_and_text_are_both_indexed(corpus) -> None:
    documents, skipped = load_corpus(corpus)
    assert [d.id for d in documents] == ["good.txt", "notes.md"] and skipped == []


def test_a_link_out_of_the_folder_is_not_read(corpus, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("口令：不应被索引的内容", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(secret)
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (corpus / "alias.txt").symlink_to(corpus / "good.txt")  # inside the folder: fine
    documents, skipped = load_corpus(corpus)
    reasons = {item.path: item.reason for item in skipped}
    assert set(reasons) == {"passwd.txt", "secret.txt", "zero.txt", "elsewhere"}
    assert all("outside the corpus" in reasons[name] for name in ("passwd.txt", "secret.txt", "zero.txt"))
    assert "not followed" in reasons["elsewhere"]
    assert "alias.txt" in {d.id for d in documents}
    assert not any("口令" in d.raw_text for d in documents)


def test_a_fifo_is_skipped_without_blocking(corpus) -> None:
    os.mkfifo(corpus / "pipe.txt")
    result: dict[str, str] = {}
    reader = threading.Thread(target=lambda: result.update(_reasons(corpus)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading the corpus hung on a FIFO"
    assert "FIFO" in result["pipe.txt"]


def test_a_device_node_is_skipped(corpus) -> None:
    try:
        os.mknod(corpus / "null.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a character device
    except PermissionError:
        (corpus / "null.txt").symlink_to("/dev/null")  # without root: a link to one, also refused
    reasons = _reasons(corpus)
    assert "null.txt" in reasons and "not read" in reasons["null.txt"]


def test_a_file_over_the_size_limit_is_skipped_with_the_setting_named(corpus) -> None:
    (corpus / "huge.txt").write_text(ARTICLE * 100, encoding="utf-8")
    reasons = _reasons(corpus, max_bytes=1000)
    assert "over the limit of 1000" in reasons["huge.txt"] and "QA_MAX_DOCUMENT_BYTES" in reasons["huge.txt"]
    assert "huge.txt" not in _reasons(corpus, max_bytes=1_000_000)


def test_binary_looking_files_are_skipped(corpus) -> None:
    (corpus / "controls.txt").write_bytes(bytes(range(1, 9)) * 2500)  # 20 KB of control characters
    (corpus / "nul.txt").write_bytes(ARTICLE.encode() + b"\x00\x00" + ARTICLE.encode())
    (corpus / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    reasons = _reasons(corpus)
    assert "binary" in reasons["controls.txt"] and "NUL" in reasons["nul.txt"]
    assert reasons["gbk.txt"] == "not UTF-8"


def test_each_ignored_file_is_logged_once_by_name(corpus, caplog) -> None:
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (corpus / "empty.txt").write_text(" \n")
    with caplog.at_level(logging.WARNING, logger="qa.corpus"):
        reasons = _reasons(corpus)
    assert "not a .txt or .md" in reasons["photo.jpg"]
    for name in ("photo.jpg", "empty.txt"):
        assert sum(name in record.getMessage() for record in caplog.records) == 1


def test_the_fingerprint_never_opens_what_the_loader_would_not(corpus) -> None:
    before = corpus_fingerprint(corpus)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    assert corpus_fingerprint(corpus) != before  # names count; contents of unsafe files are not read
    (corpus / "good.txt").write_text(ARTICLE + "补充", encoding="utf-8")
    assert corpus_fingerprint(corpus) != before
