"""DRCD files → Simplified examples whose answers stay verbatim at their offsets."""

from __future__ import annotations

import json
from pathlib import Path

import opencc

from qa.reader.drcd import DEV_SHARE, load_examples


def _squad(path: Path, titles: list[str]) -> Path:
    context = "臺灣大學創立於1928年，舊名臺北帝國大學。"
    old_name = "臺北帝國大學"
    data = {
        "data": [
            {
                "title": title,
                "paragraphs": [
                    {
                        "context": context,
                        "qas": [
                            {"id": f"{title}-1", "question": "臺灣大學創立於哪一年？",
                             "answers": [{"text": "1928年", "answer_start": context.index("1928年")}]},
                            {"id": f"{title}-2", "question": "臺灣大學舊名為何？",
                             "answers": [{"text": old_name, "answer_start": context.index(old_name)}]},
                        ],
                    }
                ],
            }
            for title in titles
        ]
    }  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_examples_are_simplified_and_answers_stay_verbatim(tmp_path: Path):
    titles = [f"條目{n}" for n in range(3 * DEV_SHARE)]
    train, dev = load_examples([_squad(tmp_path / "d.json", titles)], opencc.OpenCC("t2s").convert)
    assert len(train) + len(dev) == 2 * len(titles)
    assert dev and train, "some articles are held out as dev, the rest train"
    assert {e.id.split("-")[0] for e in dev}.isdisjoint({e.id.split("-")[0] for e in train})
    for example in train + dev:
        assert example.context[example.answer_start :].startswith(example.answer_text)
        assert "臺" not in example.context and "台湾大学" in example.context
    names = {e.answer_text for e in train}
    assert names == {"1928年", "台北帝国大学"}
