# Two commands: `make lab` (environment + JupyterLab) and `make test` (environment + every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; a normal user never needs this.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test unit nbval browser notebooks gifs bench bench-browser lint clean binder-links binder-pins

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python >= 3.11 is needed; run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -e .
	touch $(STAMP)

# binder/lab-settings holds the defaults this course sets (no news or update pop-ups over the
# slides); the user's own Settings still win. postBuild installs the same file on Binder.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 $(ROOT_FLAG) \
		--LabApp.app_settings_dir="$(CURDIR)/binder/lab-settings"

test: lint unit binder-pins nbval browser

lint: $(STAMP)
	$(BIN)/ruff check optim tests benchmarks tools lecture
	$(BIN)/ruff format --check optim tests benchmarks tools lecture

# One worker per core (pytest-xdist): the unit tests are independent of each other. They do
# not use nbval: not loading it saves about 4 s of CPU in each of the three processes.
unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser -n auto -m "not binder" -p no:nbval

# pip resolves binder/requirements.txt with what Binder's image has, for Binder's Python.
binder-pins: $(STAMP)
	$(BIN)/python -m pytest tests/test_repository.py -m binder

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

# Rebuild the stored notebooks from lecture/*.py (executed in a clean kernel).
notebooks: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser

gifs: $(STAMP)
	$(BIN)/python -m optim.export --out gifs
	$(BIN)/python -m optim.export --surface digits --steps 60 --out gifs/digits

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# The explorer in real JupyterLab (Chromium, as `make browser`): key press to painted image,
# split into browser, kernel and decode; Play's frames per second. About two minutes.
bench-browser: $(STAMP)
	$(BIN)/python benchmarks/bench_browser.py

# A Binder badge and launch links in README.md for this repository's GitHub remote (origin), or
# for REPO=owner/name. Standard library only: no environment is built for it.
binder-links:
	$(PYTHON) tools/binder_links.py $(if $(REPO),--repo '$(REPO)')

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
