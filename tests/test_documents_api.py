"""Managing the articles over HTTP against a live `qa serve`: upload (GBK), replace, delete, concurrent
uploads, bad ids and bodies, the API key, and a kill -9 during a build.

Every article here is invented (towns, people and figures that are in no seed file).
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.live import live_server

KEY = "test-key-7f3a"
AUTH = {"Authorization": f"Bearer {KEY}"}
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAX_DOCUMENT_BYTES = 200_000

FENGLING = (
    "枫岭镇举行秋季农产品展销会\n\n"
    "本报讯(记者 季晚舟)10月9日,枫岭镇秋季农产品展销会在镇文化广场开幕。镇长沈砚秋介绍,"
    "今年枫岭镇猕猴桃种植面积达到3.8万亩,总产量预计突破4.2万吨。\n"
    "展销会为期三天,共有86家合作社参展。枫岭镇还与绿川冷链有限公司签约,建设一座冷库。\n"
)
FENGLING_REPLACED = FENGLING.replace("沈砚秋", "温以宁").replace("3.8万亩", "5.1万亩")


def _corpus_and_index(tmp: Path, embedder, settings) -> dict[str, str]:
    """A private corpus (two seed articles) and its index, built first; the server's settings."""
    from qa.index import build_index
    from qa.wiring import chunker_params

    corpus, index = tmp / "corpus", tmp / "index"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, corpus / seed.name)
    build_index(corpus, index, embedder, chunker_params(settings))
    return {
        "QA_CORPUS_DIR": str(corpus),
        "QA_INDEX_DIR": str(index),
        "QA_MODEL_CACHE": str(settings.model_cache),
        "QA_MAX_DOCUMENT_BYTES": str(MAX_DOCUMENT_BYTES),
        "QA_RELOAD_SECONDS": "1",
    }


@pytest.fixture(scope="module")
def server_env(tmp_path_factory, embedder, settings) -> dict[str, str]:
    return {**_corpus_and_index(tmp_path_factory.mktemp("docs-api"), embedder, settings), "QA_API_KEY": KEY}


@pytest.fixture(scope="module")
def server(server_env, tmp_path_factory):
    with live_server(server_env, tmp_path_factory.mktemp("docs-api-log") / "server.log") as live:
        yield live


def wait_for_job(url: str, job_id: str, timeout: float = 240.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(f"{url}/jobs/{job_id}", timeout=10).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not finished after {timeout:.0f} s: {job}")


def ask(url: str, question: str) -> dict:
    response = httpx.post(f"{url}/ask", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_gbk_upload_is_answered_then_replaced_then_deleted(server) -> None:
    files = {"file": ("fengling.txt", FENGLING.encode("gbk"), "text/plain")}
    response = httpx.post(f"{server.url}/documents", files=files, headers=AUTH, timeout=30)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/jobs/{response.json()['id']}"
    job = wait_for_job(server.url, response.json()["id"])
    assert job["state"] == "done", job
    assert job["action"] == "create" and job["generation"]
    assert job["progress"]["embedded"] == job["progress"]["total"] > 0
    assert httpx.get(f"{server.url}/health").json()["generation"] == job["generation"]

    detail = httpx.get(f"{server.url}/documents/fengling.txt").json()
    assert detail["text"] == FENGLING  # stored and served as UTF-8
    assert detail["headline"] == "枫岭镇举行秋季农产品展销会"
    assert detail["chunks"] >= 1 and len(detail["sha256"]) == 64
    seeds_indexed_at = {d["doc"]: d["indexed_at"] for d in httpx.get(f"{server.url}/documents").json()}
    others = [when for doc, when in seeds_indexed_at.items() if doc != "fengling.txt"]
    assert seeds_indexed_at["fengling.txt"] >= max(others)
    reply = ask(server.url, "枫岭镇镇长是谁？")
    assert reply["answerable"] and "沈砚秋" in reply["answer"], reply
    assert reply["citations"][0]["doc"] == "fengling.txt"

    response = httpx.put(
        f"{server.url}/documents/fengling.txt", json={"text": FENGLING_REPLACED}, headers=AUTH, timeout=30
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(server.url, response.json()["id"])
    assert job["state"] == "done" and job["action"] == "replace", job
    reply = ask(server.url, "枫岭镇镇长是谁？")
    assert reply["answerable"] and "温以宁" in reply["answer"], reply
    assert "5.1万亩" in ask(server.url, "枫岭镇猕猴桃种植面积有多少？")["answer"]
    unchanged = {d["doc"]: d["indexed_at"] for d in httpx.get(f"{server.url}/documents").json()}
    assert all(unchanged[doc] == when for doc, when in seeds_indexed_at.items() if doc != "fengling.txt")

    response = httpx.delete(f"{server.url}/documents/fengling.txt", headers=AUTH, timeout=30)
    assert response.status_code == 202, response.text
    assert wait_for_job(server.url, response.json()["id"])["state"] == "done"
    assert httpx.get(f"{server.url}/documents/fengling.txt").status_code == 404
    reply = ask(server.url, "枫岭镇镇长是谁？")
    assert not reply["answerable"], reply
    assert httpx.delete(f"{server.url}/documents/fengling.txt", headers=AUTH).status_code == 404


def _little_article(number: int) -> tuple[str, str]:
    town = "青石岭白云湾松涛湖雁鸣川"[number % 6 * 2 : number % 6 * 2 + 2] + f"{number + 1}号村"
    text = f"{town}修建文化礼堂\n{town}今年投入{number + 11}万元修建文化礼堂,可容纳{number + 120}人。\n"
    return f"village-{number:02d}.txt", text


def test_twenty_concurrent_uploads_are_all_indexed(server) -> None:
    articles = dict(_little_article(number) for number in range(20))

    def upload(item: tuple[str, str]) -> httpx.Response:
        doc_id, text = item
        body = {"id": doc_id, "text": text}
        return httpx.post(f"{server.url}/documents", json=body, headers=AUTH, timeout=60)

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(upload, articles.items()))
    assert [r.status_code for r in responses] == [202] * 20, [r.text for r in responses]
    jobs = [wait_for_job(server.url, r.json()["id"]) for r in responses]
    assert {job["state"] for job in jobs} == {"done"}, jobs
    listed = {d["doc"]: d for d in httpx.get(f"{server.url}/documents").json()}
    assert set(articles) <= set(listed)
    for doc_id, text in articles.items():
        assert httpx.get(f"{server.url}/documents/{doc_id}").json()["text"] == text


@pytest.mark.parametrize(
    "doc_id",
    [
        "../x.txt",
        "/etc/passwd",
        "a/../../b.txt",
        ".hidden.txt",
        "x\x07.txt",
        "a" * 200 + ".txt",
        "notes.exe",
        ".txt",
        "..",
        "",
    ],
)
def test_unsafe_ids_are_refused(server, server_env, doc_id: str) -> None:
    by_json = httpx.post(f"{server.url}/documents", json={"id": doc_id, "text": FENGLING}, headers=AUTH)
    assert by_json.status_code == 422, by_json.text
    assert by_json.json()["detail"]
    if doc_id.isprintable():  # (httpx percent-encodes a control character of a file name)
        files = {"file": (doc_id or "x", FENGLING.encode(), "text/plain")}
        by_form = httpx.post(f"{server.url}/documents", files=files, headers=AUTH)
        assert 400 <= by_form.status_code < 500, by_form.text
    corpus = Path(server_env["QA_CORPUS_DIR"])
    assert not (corpus.parent / "x.txt").exists() and not (corpus.parent / "b.txt").exists()


@pytest.mark.parametrize("path", ["..%2Fx.txt", "%2Fetc%2Fpasswd", "a%2F..%2F..%2Fb.txt", "a/../../b.txt"])
def test_unsafe_ids_in_the_url_are_refused(server, path: str) -> None:
    response = httpx.put(
        f"{server.url}/documents/{path}",
        content=FENGLING.encode(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert 400 <= response.status_code < 500, response.text
    response = httpx.delete(f"{server.url}/documents/{path}", headers=AUTH)
    assert 400 <= response.status_code < 500, response.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("a" * (MAX_DOCUMENT_BYTES + 1), 413),  # over QA_MAX_DOCUMENT_BYTES: refused by the check
        ("a" * (3 * MAX_DOCUMENT_BYTES), 413),  # over the request limit: refused before it is read
        ("", 422),
        (" \n\t\n", 422),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 422),
        (bytes(range(128, 256)) * 8, 422),
    ],
)
def test_oversized_empty_and_binary_bodies_are_refused(server, body: str | bytes, status: int) -> None:
    data = body.encode() if isinstance(body, str) else body
    files = {"file": ("upload.txt", data, "application/octet-stream")}
    response = httpx.post(f"{server.url}/documents", files=files, headers=AUTH, timeout=30)
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert httpx.get(f"{server.url}/documents/upload.txt").status_code == 404


def test_other_refusals_are_readable(server) -> None:
    body = {"id": "dup.txt", "text": "岳阳桥通车\n岳阳桥今日通车。"}
    first = httpx.post(f"{server.url}/documents", json=body, headers=AUTH)
    assert first.status_code == 202
    again = httpx.post(f"{server.url}/documents", json={"id": "dup.txt", "text": "别的内容"}, headers=AUTH)
    assert again.status_code == 409 and "PUT" in again.json()["detail"]
    png = {**AUTH, "Content-Type": "image/png"}
    typeless = httpx.post(f"{server.url}/documents", content=b"abc", headers=png)
    assert typeless.status_code == 415
    assert httpx.get(f"{server.url}/jobs/nope").status_code == 404
    assert httpx.delete(f"{server.url}/documents/never-there.txt", headers=AUTH).status_code == 404
    wait_for_job(server.url, first.json()["id"])


def test_writes_without_the_key_are_refused_and_reads_stay_open(server) -> None:
    body = {"id": "nokey.txt", "text": FENGLING}
    assert httpx.post(f"{server.url}/documents", json=body).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert httpx.post(f"{server.url}/documents", json=body, headers=wrong).status_code == 401
    assert httpx.put(f"{server.url}/documents/nokey.txt", json={"text": FENGLING}).status_code == 401
    assert httpx.delete(f"{server.url}/documents/{sorted(SEEDS.glob('*.txt'))[0].name}").status_code == 401
    assert httpx.get(f"{server.url}/documents/nokey.txt").status_code == 404
    assert httpx.get(f"{server.url}/documents").status_code == 200
    assert httpx.get(f"{server.url}/health").status_code == 200


def test_an_open_port_without_a_key_refuses_writes_and_says_why(tmp_path, caplog) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from qa.config import Settings

    settings = Settings(corpus_dir=tmp_path, index_dir=tmp_path / "index", host="0.0.0.0", reload_seconds=0)
    with caplog.at_level("WARNING"), TestClient(create_app(settings)) as client:
        response = client.post("/documents", json={"id": "open.txt", "text": FENGLING})
    assert response.status_code == 403
    assert "QA_API_KEY" in response.json()["detail"]
    assert any("QA_API_KEY" in record.getMessage() for record in caplog.records)
    assert not (tmp_path / "open.txt").exists()


def _long_article() -> str:
    """About 14,000 characters: a build long enough (about 55 chunks) to be killed in the middle."""
    head = "鹤溪镇新建滨河公园\n\n鹤溪镇镇长卢青萝表示,滨河公园预计明年五月建成开放。\n"
    rows = [
        f"第{n}片苗圃种下了{n * 3 + 7}棵香樟,由{n % 9 + 2}名园林工人养护,每周浇水{n % 4 + 1}次。"
        f"苗圃旁新修步道{n * 5 + 40}米,沿途设置长椅{n % 6 + 3}张。\n"
        for n in range(250)
    ]
    return head + "".join(rows)


def _embedding_job(job_url: str) -> dict:
    """The job once its build has embedded something, or once it is over."""
    deadline = time.monotonic() + 120
    while (job := httpx.get(job_url).json())["progress"]["embedded"] == 0 and job["state"] in (
        "queued",
        "running",
    ):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
    return job


def test_kill_9_during_a_build_loses_nothing(tmp_path, embedder, settings) -> None:
    env = _corpus_and_index(tmp_path, embedder, settings)
    env["QA_MAX_DOCUMENT_BYTES"] = "1000000"
    corpus, index = Path(env["QA_CORPUS_DIR"]), Path(env["QA_INDEX_DIR"])
    with live_server(env, tmp_path / "first.log") as first:
        before = httpx.get(f"{first.url}/health").json()["generation"]
        # A write can be built by a build that started just before its job (the start-up catch-up):
        # its own job then embeds nothing and is done at once. Write another version until a build is
        # caught embedding it.
        for attempt in range(3):
            text = _long_article() + "第二稿。\n" * attempt
            response = httpx.put(f"{first.url}/documents/hexi.txt", json={"text": text}, timeout=30)
            assert response.status_code == 202, response.text
            job = _embedding_job(f"{first.url}/jobs/{response.json()['id']}")
            if job["state"] == "running":
                break
        assert job["state"] == "running" and job["progress"]["embedded"] < job["progress"]["total"], job
        first.process.kill()  # SIGKILL in the middle of the embedding
        first.process.wait()
    assert (corpus / "hexi.txt").read_text(encoding="utf-8") == text  # the accepted write is whole
    assert (index / "CURRENT").read_text().strip() == before

    with live_server(env, tmp_path / "second.log") as second:
        # The last good generation is served at once; the write is indexed again in the background.
        assert httpx.get(f"{second.url}/health").json()["generation"] == before
        deadline = time.monotonic() + 300
        while httpx.get(f"{second.url}/documents/hexi.txt").status_code != 200:
            assert time.monotonic() < deadline, second.output()
            time.sleep(0.5)
        assert httpx.get(f"{second.url}/health").json()["generation"] != before
        reply = ask(second.url, "鹤溪镇镇长是谁？")
        assert reply["answerable"] and "卢青萝" in reply["answer"], reply
        seeds = {path.name for path in corpus.glob("*.txt")} - {"hexi.txt"}
        assert seeds <= {d["doc"] for d in httpx.get(f"{second.url}/documents").json()}
    assert not list((index / "generations").glob(".tmp-*"))


def test_a_write_waits_while_qa_index_holds_the_build_lock(server, server_env) -> None:
    from qa.store import build_lock

    text = "白鹭洲码头扩建\n\n白鹭洲码头扩建工程由港务局局长岑望舒主持,新增泊位6个。\n"
    with build_lock(Path(server_env["QA_INDEX_DIR"])):  # what `qa index` in a shell holds
        response = httpx.put(f"{server.url}/documents/bailuzhou.txt", json={"text": text}, headers=AUTH)
        assert response.status_code == 202, response.text
        time.sleep(3)
        job = httpx.get(f"{server.url}/jobs/{response.json()['id']}").json()
        assert job["state"] in ("queued", "running") and job["generation"] is None, job
    job = wait_for_job(server.url, response.json()["id"])
    assert job["state"] == "done", job
    assert httpx.get(f"{server.url}/documents/bailuzhou.txt").json()["text"] == text


def test_a_markdown_upload_in_big5_is_indexed_and_answered(server) -> None:
    article = (
        "# 霧溪村新建茶葉合作社\n\n霧溪村茶葉合作社今年新建廠房一座,社長為陸聽瀾,全村茶園面積達到1200畝。\n"
    )
    files = {"file": ("wuxi-notes.md", article.encode("big5"), "text/markdown")}
    response = httpx.post(f"{server.url}/documents", files=files, headers=AUTH, timeout=30)
    assert response.status_code == 202, response.text
    job = wait_for_job(server.url, response.json()["id"])
    assert job["state"] == "done", job
    assert httpx.get(f"{server.url}/documents/wuxi-notes.md").json()["text"] == article
    reply = ask(server.url, "霧溪村茶葉合作社社長是誰？")
    assert reply["answerable"] and "陸聽瀾" in reply["answer"], reply
