# The project's tasks. Every target creates .venv when it is missing and runs tools from
# .venv/bin, so nothing needs an activated environment; running a target twice is harmless.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The official 2020 region list ships inside the package, so nothing here depends on files
# beside the clone. An existing PPKM_GAZETTEER in the environment still replaces the list.

.PHONY: run test docs bench

run: $(VENV)/.installed
	$(BIN)/ppkm check policies/
	$(BIN)/ppkm eval policies/ --at 2021-07-22 --set wilayah="KOTA SIBOLGA" --set kegiatan=makan_di_tempat

test: $(VENV)/.installed-test
	bash scripts/ensure-chromium
	bash scripts/ensure-java
	$(BIN)/python -m pytest $(PYTEST_ARGS)

docs: $(VENV)/.installed-docs
	$(BIN)/ppkm docs

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when pyproject.toml changes (the install is editable, so code
# changes need none).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[docs]'
	touch $@ $(VENV)/.installed
