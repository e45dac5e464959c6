# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup test lint format demo examples bench bench-quick lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

test: setup
	$(BIN)/python -m pytest -q

# ruff: the lint rules and the format are in pyproject.toml; `make format` rewrites files to the format.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: setup
	PREFECT_HOME=$(CURDIR)/.prefect $(BIN)/peerwatch demo --db data/demo.duckdb --data-dir data/raw
	@echo "Open the report (offline, no server needed): file://$(CURDIR)/data/raw/report/index.html"

# docs/examples/ (sample digest, councils, alerts) and docs/images/digest.png from the demo warehouse (after `make demo`;
# the picture needs chromium). tests/test_examples.py fails when docs/examples/ drifts from what the demo gives.
examples: setup
	$(BIN)/python -m flows.examples --db data/demo.duckdb --out docs/examples --image docs/images/digest.png

# Every figure in docs/performance.md and benchmarks/RESULTS.md; about 30 minutes on 2 cores (the 100,000-publication
# search index alone takes 12). `make bench-quick` for a look in about 2 minutes.
bench: setup
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/compare_article_text.py
	$(BIN)/python benchmarks/bench_scale.py 20
	$(BIN)/python benchmarks/bench_backfill.py --councils 4 8 16 --years 2
	$(BIN)/python benchmarks/bench_backfill_scale.py --documents 100 200 --councils 4 8
	$(BIN)/python benchmarks/bench_meeting_pages.py 5
	$(BIN)/python benchmarks/bench_search.py --docs 100000
	$(BIN)/python benchmarks/bench_report.py

bench-quick: setup
	$(BIN)/python benchmarks/bench_pdf.py --small
	$(BIN)/python benchmarks/bench_scale.py 2
	$(BIN)/python benchmarks/bench_search.py --docs 5000

# Re-resolve the lock from requirements.in in a scratch venv (needs the package registry).
lock:
	rm -rf /tmp/peerwatch-lock && $(PYTHON) -m venv /tmp/peerwatch-lock
	/tmp/peerwatch-lock/bin/pip install --quiet -r requirements.in
	(echo "# Pinned lock of every dependency (pip freeze of a tested venv). Regenerate with: make lock"; \
	 /tmp/peerwatch-lock/bin/pip freeze --all) > requirements.lock

clean:
	rm -rf $(VENV) data .prefect
