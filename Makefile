# Two commands: `make lab` (environment + JupyterLab) and `make test` (environment + every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; a normal user never needs this.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test unit notebooks browser bench lint clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python >= 3.11 is needed; run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -e .
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 $(ROOT_FLAG)

test: lint unit notebooks browser

lint: $(STAMP)
	$(BIN)/ruff check optim tests benchmarks

unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser

notebooks: $(STAMP)
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
		$(BIN)/python -m pytest --nbval notebooks --sanitize-with notebooks/sanitize.cfg -p no:randomly; \
	else echo "no notebooks yet"; fi

browser: $(STAMP)
	@if [ -d tests/browser ]; then $(BIN)/python -m pytest tests/browser; fi

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
