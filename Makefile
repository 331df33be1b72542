# Two entry points a new user needs: `make demo` and `make test`. Both create .venv on first
# use and reuse it afterwards; the stamp files re-run pip only when the pins change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out/syria-talks
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint setup setup-test system-deps eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install pip==25.3

$(VENV)/.stamp-run: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -c requirements.lock -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml requirements.lock $(VENV)/.stamp-run
	$(PIP) install -c requirements.lock -e '.[test]'
	touch $@

system-deps:
	@scripts/system-deps.sh

setup: $(VENV)/.stamp-run
setup-test: $(VENV)/.stamp-test

demo: setup
	$(BIN)/dossier build examples/syria-talks --out $(OUT)
	@echo "Report: $(OUT)/report.html (also $(OUT)/report.md, data in $(OUT)/story.json)"

test: setup-test system-deps
	$(BIN)/ruff check dossier tests bench
	$(BIN)/python -m pytest -q

lint: setup-test
	$(BIN)/ruff check dossier tests bench
	$(BIN)/ruff format --check dossier tests bench

eval: setup-test system-deps
	$(BIN)/dossier eval extract
	$(BIN)/dossier eval resolution
	$(BIN)/dossier eval extraction
	$(BIN)/dossier eval summaries
	$(BIN)/dossier eval timelines
	$(BIN)/dossier eval stories

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache
