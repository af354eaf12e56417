# Two commands do all set-up on a fresh machine:  `make serve`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser index serve test lint bench clean

# torch is installed first and pinned: pip takes the local CPU wheel, never a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Incremental: a no-op when the index matches the corpus, model and chunker settings.
index: install
	$(BIN)/qa index

serve: index
	$(BIN)/qa serve

# The chat page's tests drive Debian's Chromium (Playwright's own browser download needs the internet).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$(test "$$(id -u)" = 0 || echo sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$(test "$$(id -u)" = 0 || echo sudo) \
	    apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

# Lint and format are checked first: CI (.ci/run) fails on either before the slow suite starts.
test: install browser lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check qa api tests eval bench
	$(BIN)/ruff format --check qa api tests eval bench

bench: index
	$(BIN)/python bench/index_throughput.py
	$(BIN)/python bench/ask_latency.py

clean:
	rm -rf $(VENV) vectors/generations vectors/CURRENT .cache
