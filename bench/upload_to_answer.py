"""Time from uploading one new article (about 2,000 characters) to the service answering from it.

    .venv/bin/python bench/upload_to_answer.py [--corpus seeds] [--rounds 3] [--json]

Copies the corpus to a temporary folder, indexes it with `qa index`, starts `qa serve` over it on a
free loopback port, then, each round, POSTs one invented article (a new town each time) and measures:
`accepted` (the 202 reply), `done` (its job says done: the new generation is served) and `answered`
(a question about it answered with its fact). The server inherits this process's environment.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import live_server  # noqa: E402  (the one launcher of a real server)

TOWNS = ["栖霞岭", "望川", "碧泉", "石楠", "云栖湾", "柳塘", "鹿鸣", "桐溪", "凤翎", "澜沧坪"]
MAYORS = ["祁远舟", "闻若雪", "邵临川", "薛晚晴", "殷北辰", "阮听澜", "简秋池", "戚明远", "苗若水", "庄映雪"]


def article(round_: int) -> tuple[str, str, str]:
    """(text of about 2,000 characters, a question about it, the answer) for an invented town."""
    town, mayor = TOWNS[round_ % len(TOWNS)] + "镇", MAYORS[round_ % len(MAYORS)]
    lines = [f"{town}召开乡村振兴推进会", "", f"本报讯 {town}镇长{mayor}在推进会上通报了今年的工作进展。"]
    for n in range(80):
        lines.append(
            f"{town}第{n + 1}个行政村今年修缮道路{n * 3 + 5}公里,新增果园{n * 11 + 20}亩,"
            f"村集体收入增加{n + 8}万元。"
        )
        if sum(len(line) for line in lines) >= 2000:
            break
    return "\n".join(lines) + "\n", f"{town}镇长是谁？", mayor


def one_round(url: str, round_: int) -> dict[str, float | int | str]:
    text, question, expected = article(round_)
    started = time.perf_counter()
    response = httpx.post(f"{url}/documents", json={"id": f"bench-{round_}.txt", "text": text}, timeout=60)
    response.raise_for_status()
    accepted = time.perf_counter() - started
    job_url = f"{url}/jobs/{response.json()['id']}"
    while (job := httpx.get(job_url, timeout=10).json())["state"] not in ("done", "failed"):
        time.sleep(0.05)
    done = time.perf_counter() - started
    if job["state"] != "done":
        raise RuntimeError(f"the upload failed: {job}")
    reply = httpx.post(f"{url}/ask", json={"question": question}, timeout=60).json()
    answered = time.perf_counter() - started
    if expected not in reply["answer"]:
        raise RuntimeError(f"answered {reply['answer']!r}, expected {expected!r}")
    return {
        "chars": len(text),
        "chunks_embedded": job["progress"]["total"],
        "accepted_s": round(accepted, 3),
        "done_s": round(done, 3),
        "answered_s": round(answered, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qa-upload-bench-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(args.corpus, corpus)
        env = {"QA_CORPUS_DIR": str(corpus), "QA_INDEX_DIR": str(index)}
        subprocess.run(
            [sys.executable, "-m", "qa.cli", "index"],
            env={**os.environ, **env},
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with live_server(env, Path(tmp) / "server.log") as server:
            rounds = [one_round(server.url, n) for n in range(args.rounds)]
    summary = {
        "rounds": rounds,
        "median_done_s": statistics.median(r["done_s"] for r in rounds),
        "median_answered_s": statistics.median(r["answered_s"] for r in rounds),
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
        "corpus_documents": len(list(args.corpus.glob("*.txt"))),
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for n, r in enumerate(rounds):
            print(
                f"round {n}: {r['chars']} chars, {r['chunks_embedded']} chunks embedded; accepted in "
                f"{r['accepted_s']:.2f} s, job done in {r['done_s']:.2f} s, "
                f"answered in {r['answered_s']:.2f} s"
            )
        print(
            f"median upload -> answerable: {summary['median_answered_s']:.2f} s "
            f"on {summary['cpus']} CPUs, over a corpus of {summary['corpus_documents']} articles"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
