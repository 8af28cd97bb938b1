# quotetrace: `make demo` and `make test` do all the set-up on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
QT := $(VENV)/bin/quotetrace
DEMO_DB ?= palmyra.db
PYTEST_ARGS ?=

.PHONY: setup demo test lint bench serve clean stanza-fixture eval eval-align

setup: $(VENV)/.full

# The core package and the Datasette plugins: all the demo uses (rules backend).
$(VENV)/.core: pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[serve]'
	touch $@

# Everything the tests and lint need. torch 2.13.0 first: that pin takes the CPU
# build from local disk, where an unpinned torch (pulled in by stanza) would
# download a CUDA build of several GB.
$(VENV)/.full: $(VENV)/.core
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[stanza,serve,dask,dev]'
	touch $@

demo: $(VENV)/.core
	rm -f $(DEMO_DB)
	$(QT) ingest data/palmyra --db $(DEMO_DB)
	@echo
	@echo "== Quotes by speaker, any spelling: quotetrace speaker Hawash =="
	$(QT) speaker Hawash --db $(DEMO_DB)
	@echo "== quotetrace speaker Ibrahim =="
	$(QT) speaker Ibrahim --db $(DEMO_DB)
	@echo "== What drifted across outlets: quotetrace drift =="
	$(QT) drift --db $(DEMO_DB)
	$(QT) export --db $(DEMO_DB) -o palmyra-quotes.csv
	@echo
	@echo "CSV export: palmyra-quotes.csv"
	@echo "Browse it:  $(QT) serve --db $(DEMO_DB)   (then open http://127.0.0.1:8001/)"

test: setup
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check quotetrace tests
	$(VENV)/bin/mypy quotetrace

# Attribution on real, human-annotated news (../shared/corpus/polnear-dev).
eval: setup
	$(PY) scripts/eval_polnear.py

# Cross-outlet alignment on labelled pairs (../shared/corpus/crossoutlet-dev and
# tests/alignment_pairs): recall, false merges, speaker linking, chained statements.
eval-align: setup
	$(PY) scripts/eval_alignment.py

bench: setup
	$(PY) bench/run.py

serve: $(VENV)/.core
	$(QT) serve --db $(DEMO_DB)

# Retrain the tiny stanza models the tests load (a few minutes on 2 cores).
stanza-fixture: setup
	$(PY) scripts/train_tiny_stanza.py

clean:
	rm -rf $(VENV) *.db palmyra-quotes.csv .pytest_cache
