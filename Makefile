# GenAI Atlas. A fresh machine needs only `make serve` or `make test` (see README); `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
TOOLS := $(VENV)/bin/atlas-tools
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
DOCS ?= docs
# Silence the end-of-life banners of Material 9.8 (they are not warnings under --strict).
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help setup generate check-generated build book edition editions serve test test-fast chromium epubcheck lint bench anchors font zensical lock clean distclean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-16s %s\n", $$1, $$2}'

# The virtualenv is rebuilt only when the lock or the project file changes, so re-running any
# target is fast. The project itself (packages atlas_build and atlas_tools under scripts/) is
# installed in editable mode with the virtualenv's own setuptools: no registry needed for it.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.lock
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@touch $@

# Front-end packages from npm (axe-core for the accessibility tests, Biome to lint the scripts,
# the tokenizer the playground serves), pinned with their download addresses and hashes by
# package-lock.json, so `npm ci --offline` rebuilds from npm's cache when the registry is away.
# Reinstalled only when the lock changes; `atlas-tools vendor` then copies the tokenizer files the
# site serves into docs/ (not committed).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package-lock.json scripts/atlas_tools/vendor.py $(STAMP)
	npm ci --prefer-offline --no-audit --no-fund --loglevel=error || npm ci --offline --no-audit --no-fund --loglevel=error
	$(TOOLS) vendor
	@touch $@

setup: $(STAMP) $(NODE_STAMP)  ## create .venv and node_modules from the lock files (once)

# Zensical, the successor of Material for MkDocs, in a virtualenv of its own so that it never changes
# what `make build` uses; the tests compare its build with MkDocs' (README, "Lifecycle").
ZVENV := .venv-zensical
ZSTAMP := $(ZVENV)/.installed
$(ZSTAMP): requirements-zensical.lock pyproject.toml
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV) || python3 -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements-zensical.lock
	$(ZVENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@touch $@

generate: setup  ## write docs/_generated/ from docs/data/ and the worked examples
	$(VENV)/bin/atlas-generate --docs $(DOCS)

check-generated: setup  ## fail with a diff when a committed fragment is stale
	$(VENV)/bin/atlas-generate --check

# Built into a fresh folder, then swapped in, so two builds in one checkout never trample each
# other and a failed build leaves the last good site/ as it was. Bad data stops `generate` first.
build: generate  ## strict build into site/
	@# Never -q (it hides the warnings --strict counts) nor -v (it skips anchor validation).
	@set -o pipefail; out=$$(mktemp -d site.build.XXXXXX); \
	  if $(MKDOCS) build --strict -d "$$out" 2>&1 | { grep -v "^INFO" || true; }; then \
	    old=$$(mktemp -d site.old.XXXXXX); rmdir "$$old"; \
	    { [ ! -e site ] || mv site "$$old"; } && mv "$$out" site && rm -rf "$$old"; \
	  else rm -rf "$$out"; exit 2; fi

# The whole book, from the built pages: site/downloads/genai-atlas.pdf (printed by Chromium) and
# .epub (ebooklib), then epubcheck on the EPUB. The deploy workflow runs it after `make build`.
book: build chromium epubcheck  ## the whole book as PDF and EPUB in site/downloads/ (after the build)
	$(TOOLS) book --site site
	java -jar $(EPUBCHECK) --quiet site/downloads/genai-atlas.epub

# Frozen editions (README, "Editions"). `make edition ID=2027a TITLE="Spring term 2027"` freezes
# the current commit as one commit of its own; `make editions` builds every edition from its commit
# into site/editions/ID/ (after `make book`: the deploy workflow runs it).
edition: setup  ## freeze the current commit as edition ID (TITLE="..."), one commit
	@test -n "$(ID)" && test -n "$(TITLE)" || { echo 'usage: make edition ID=2027a TITLE="Spring term 2027"'; exit 2; }
	$(TOOLS) edition new "$(ID)" --title "$(TITLE)"

editions: setup chromium  ## build every frozen edition into site/editions/ (after make book)
	@test -f site/index.html || { echo "run make book (or make build) first"; exit 2; }
	$(TOOLS) edition build --site site

serve: generate  ## live-reloading site on http://127.0.0.1:8000
	$(MKDOCS) serve --strict -a 127.0.0.1:8000

# Debian's epubcheck (Java), which validates the book's EPUB (make book, tests/browser/test_book.py).
EPUBCHECK ?= /usr/share/java/epubcheck.jar
epubcheck:
	@test -f $(EPUBCHECK) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq epubcheck; }

# Debian's Chromium for the browser tests (never `playwright install`: it cannot download here).
chromium:
	@test -x $(CHROMIUM) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

test: setup chromium epubcheck $(ZSTAMP)  ## every test: data, bad input, fragments, build, links, anchors, ids, injection, weight, browser, lint
	@# --dist loadfile: each test module runs on one worker, so its session fixtures (a sweep of the
	@# site, the book, an edition) are made once. (xdist 3.8 ignores xdist_group marks under pytest 9.)
	$(PY) -m pytest -n auto --dist loadfile --durations=25

test-fast: setup $(ZSTAMP)  ## the tests that need no browser (what the deploy workflow runs before publishing)
	$(PY) -m pytest -n auto --dist loadfile -m "not browser"

lint: setup  ## ruff on the Python, Biome on the JavaScript
	$(VENV)/bin/ruff check scripts tests
	node_modules/.bin/biome lint docs/javascripts

anchors: build  ## add this build's page#section addresses to anchors.txt (it only grows)
	$(TOOLS) anchors site

font: build  ## re-subset the math font to the glyphs the formulas use
	@test -f /usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq fonts-lmodern; }
	$(TOOLS) font site

# Lighthouse for `make bench` only (tools/lighthouse, pinned by its own package-lock.json). It drives
# the system Chromium via CHROME_PATH and never downloads a browser.
LH_STAMP := tools/lighthouse/node_modules/.installed
$(LH_STAMP): tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	@touch $@

bench: build chromium $(LH_STAMP)  ## benchmarks that print figures and fail when a budget is missed
	$(TOOLS) bench

# The tiny language model of the LLM chapter (#tiny-model): NumPy on one thread, seeded, so a rerun
# writes byte-identical weights (4 to 10 minutes here). The build never trains (README, "The tiny model").
.PHONY: train-tinylm
train-tinylm: setup  ## retrain the tiny language model into docs/assets/models/tinylm/
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(PY) -m atlas_tools.train_tinylm

# The diffusion lab's noise-prediction networks (#diffusion-lab): NumPy on one thread, seeded, so a
# rerun writes byte-identical weights (2 to 6 minutes here, with other jobs on the 2 cores). The build never trains.
.PHONY: train-diffusion
train-diffusion: setup  ## retrain the diffusion lab's networks into docs/assets/models/diffusion/
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(PY) -m atlas_tools.train_diffusion

# The latent explorer's VAEs (#latent-explorer): NumPy on one thread, seeded, so a rerun writes
# byte-identical weights (about a minute here). The build never trains.
.PHONY: train-vae
train-vae: setup  ## retrain the latent explorer's VAEs into docs/assets/models/vae/
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(PY) -m atlas_tools.train_vae

zensical: build $(ZSTAMP)  ## build the site with Zensical into site-zensical/ and compare it with site/
	$(TOOLS) zensical

lock: setup $(ZSTAMP)  ## re-pin requirements*.lock after editing requirements*.txt
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	{ echo '# Generated by `make lock` from requirements.txt: the exact versions a fresh machine installs.'; \
	  $(PY) -m pip freeze --exclude-editable --all | grep -v "^pip==\|^setuptools=="; } > requirements.lock
	$(ZVENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements-zensical.txt
	{ echo '# Generated by `make lock` from requirements-zensical.txt: the exact versions .venv-zensical installs.'; \
	  $(ZVENV)/bin/python -m pip freeze --exclude-editable --all | grep -v "^pip==\|^setuptools=="; } > requirements-zensical.lock

clean:  ## remove build output and caches (keeps .venv)
	rm -rf site site.build.* site.old.* site-zensical* .cache .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './.venv*' -prune -exec rm -rf {} +

distclean: clean  ## also remove .venv and node_modules
	rm -rf $(VENV) $(ZVENV) node_modules
