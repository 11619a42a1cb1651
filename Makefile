# The few targets people use. `make build` and `make test` each set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)

.PHONY: build test setup system-deps lock i18n-extract i18n-update i18n-report serve bench validate clean \
	author kernel preview

build: setup ## build every document into _site/
	$(BIN)/python build.py

test: setup ## run the test suite
	$(BIN)/python -m pytest

validate: setup ## check the data only
	$(BIN)/python build.py validate

setup: system-deps $(STAMP) kernel

kernel: $(STAMP) ## register the project's Jupyter kernel "lnob" in .venv (what the notebooks name)
	@$(BIN)/python -m ipykernel install --sys-prefix --name lnob --display-name "Python (lnob)" \
	  >/dev/null

author: setup ## JupyterLab on the template notebooks, outputs stripped from commits and diffs
	$(BIN)/python -m nbstripout --install --keep-id
	$(BIN)/python -m jupyter lab --ServerApp.ip=127.0.0.1 \
	  $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

# make preview DOC="--country KEN --lang sw --product brief": which document to preview
DOC ?= --country BGD --lang en --product brief
preview: setup ## the live preview of one document on http://127.0.0.1:8000 (rebuilds on save)
	$(BIN)/python build.py preview $(DOC) --watch

system-deps: ## Debian packages the build needs (installed when root on Debian/Ubuntu)
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

lock: ## re-pin requirements.lock from pyproject.toml (needs uv: pip install uv)
	$(BIN)/python -m uv pip compile pyproject.toml --extra test --extra author --python-version 3.11 \
	  --no-header --output-file requirements.lock

i18n-extract: setup ## collect translatable strings into locale/messages.pot
	$(BIN)/python -m lnob.i18n extract

i18n-update: setup ## merge locale/messages.pot into every locale/<lang>/LC_MESSAGES/messages.po
	$(BIN)/python -m lnob.i18n update

i18n-report: setup ## what is still untranslated, per language
	$(BIN)/python -m lnob.i18n report

serve: build ## the built site on http://127.0.0.1:8000 (this machine only)
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _site

bench: setup ## measure full, no-op and incremental builds (writes bench/RESULTS.md)
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf _site .lnob-cache
