# The few targets people use. `make build` and `make test` each set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)

.PHONY: build test setup system-deps lock i18n-extract i18n-update i18n-report serve bench validate clean

build: setup ## build every document into _site/
	$(BIN)/python build.py

test: setup ## run the test suite
	$(BIN)/python -m pytest

validate: setup ## check the data only
	$(BIN)/python build.py validate

setup: system-deps $(STAMP)

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
	$(BIN)/python -m uv pip compile pyproject.toml --extra test --python-version 3.11 \
	  --no-header --output-file requirements.lock

i18n-extract: setup ## collect translatable strings into locale/messages.pot
	$(BIN)/python -m lnob.i18n extract

i18n-update: setup ## merge locale/messages.pot into every locale/<lang>/LC_MESSAGES/messages.po
	$(BIN)/python -m lnob.i18n update

i18n-report: setup ## what is still untranslated, per language
	$(BIN)/python -m lnob.i18n report

serve: build ## preview the site on http://localhost:8000
	$(BIN)/python -m http.server 8000 --directory _site

bench: setup ## measure full, no-op and incremental builds (writes bench/RESULTS.md)
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf _site .lnob-cache
