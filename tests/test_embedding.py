"""The embedder: vectors in the texts' order, one batch at a time on the model, shared with the reader."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np

TEXTS = [f"{'义乌市苏溪镇' * (n % 7 + 1)}第{n}条消息" for n in range(40)]  # lengths mixed, > one batch


def test_vectors_come_back_in_the_order_of_the_texts(embedder) -> None:
    vectors = embedder.embed_passages(TEXTS)
    alone = np.stack([embedder.embed_passages([text])[0] for text in TEXTS])
    cosines = np.sum(vectors * alone, axis=1)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert cosines.min() > 0.9999, cosines.min()


def test_no_text_no_vectors(embedder) -> None:
    assert embedder.embed_queries([]).shape == (0, embedder.dim)


def _waits_for(lock: threading.Lock, call) -> object:
    """Run `call` in a thread while `lock` is held: it must not finish before the lock is let go."""
    done: list[object] = []
    with lock:  # as if another batch were in the model
        waiting = threading.Thread(target=lambda: done.append(call()))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and not done
    waiting.join(60)
    assert done
    return done[0]


def test_the_model_takes_one_call_at_a_time(embedder) -> None:
    vectors = _waits_for(embedder.lock, lambda: embedder.embed_queries(["苏溪镇在哪里"]))
    assert vectors.shape == (1, embedder.dim)


def test_the_reader_waits_while_the_embedder_uses_their_tokenizer(service) -> None:
    """They share one tokenizer, whose padding and truncation transformers sets on every call: two
    calls at once mixed the settings up ('Truncation error: Second sequence not provided', windows of
    the wrong shape: 28 of 300 window cuttings beside a thread tokenizing passages, with threads
    switching as often as they can)."""
    reader, embedder = service.reader, service.embedder
    assert reader.tokenizer is embedder.encoder_and_tokenizer()[1]
    pair = [("苏溪镇工业总产值是多少", "苏溪镇1-11月工业总产值393亿元，同比增长。")]
    guesses = _waits_for(embedder.lock, lambda: reader.read_batch(pair))
    assert guesses and "393" in pair[0][1][guesses[0].start : guesses[0].end]


def test_the_embedding_library_loads_without_what_it_only_imports_if_available():
    """In a fresh interpreter, as in the server: the embedder's import of sentence-transformers
    leaves pandas out (scikit-learn takes it if it can), and pandas (pymilvus needs it) still
    imports afterwards."""
    script = (
        "import sys\n"
        "from qa.embedding import sentence_transformer_class\n"
        "sentence_transformer_class()\n"
        "print('sklearn' in sys.modules, 'pandas' in sys.modules)\n"
        "import pandas\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]
