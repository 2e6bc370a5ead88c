# Two commands: `make serve` and `make test`. Everything else is set up on demand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint build bench fuzz lock browser-deps clean same-output readme mutate

# The venv is rebuilt whenever the lock or the project metadata changes.
$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# BUILDER=mkdocs (default): MkDocs runs the timeline plugin. BUILDER=zensical: Zensical runs
# no plugins, so `timeline render` first writes the complete docs tree into build/docs and
# a copy of mkdocs.yml that builds it (mkdocs.rendered.yml); both are generated, gitignored.
BUILDER  ?= mkdocs
RENDERED := build/docs
RENDERED_CONFIG := mkdocs.rendered.yml
STAMPS   := build/stamps.json
RENDER   := $(BIN)/timeline render --out $(RENDERED) --config-out $(RENDERED_CONFIG)

ifeq ($(filter $(BUILDER),mkdocs zensical),)
$(error BUILDER must be mkdocs or zensical, not '$(BUILDER)')
endif

ifeq ($(BUILDER),zensical)
# `render --watch` re-renders on every content change; Zensical's server picks it up.
serve: $(BIN)/.installed
	$(RENDER)
	$(RENDER) --watch & watcher=$$!; trap 'kill $$watcher 2>/dev/null' EXIT INT TERM; \
	$(BIN)/zensical serve -f $(RENDERED_CONFIG) --dev-addr 127.0.0.1:$(PORT)

# render --stamps: Zensical builds one event, actor, source and tag page per group of like
# pages, and `timeline stamp` writes the rest from it (exit 3: the theme writes them some
# other way, so the full tree is rendered and built instead). verify-site: Zensical drops
# what it does not understand without a word; this fails the build if any page, event or
# data file that render produced is missing from site/.
build: $(BIN)/.installed
	$(RENDER) --stamps $(STAMPS)
	$(BIN)/zensical build --strict --clean -f $(RENDERED_CONFIG)
	$(BIN)/timeline stamp $(STAMPS) site || { [ $$? = 3 ] && $(RENDER) && \
	  $(BIN)/zensical build --strict --clean -f $(RENDERED_CONFIG); }
	$(BIN)/timeline verify-site site
else
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict
	$(BIN)/timeline verify-site site
endif

# Browser tests need Debian's chromium and the axe-core npm package (pinned in package-lock.json).
browser-deps: node_modules/.installed
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium' (Debian) and retry." >&2; exit 1; fi; }

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

lint: $(BIN)/.installed
	$(BIN)/ruff check timeline_builder tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# node --test: the browser's filter-state module against the same table of cases
# (tests/core/filter_cases.json) that pytest runs against core/filters.py.
test: $(BIN)/.installed browser-deps lint
	$(BIN)/timeline check
	node --test tests/js/
	$(BIN)/pytest -q

# New random examples for the property tests (`make test` replays the same ones every run).
fuzz: $(BIN)/.installed
	HYPOTHESIS_PROFILE=explore $(BIN)/pytest -q tests/test_fuzz.py tests/core/test_dates.py tests/reading/test_schema.py tests/markup/test_summaries.py tests/checks/test_quotes_and_diagnostics.py

# BENCH_SIZES=1000,10000 picks the sizes of the growth table (default 1000,10000,50000).
bench: $(BIN)/.installed browser-deps
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_real.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_site.py
	$(BIN)/python bench/bench_filter.py
	$(BIN)/python bench/bench_reject.py
	$(BIN)/python bench/bench_builders.py
	$(BIN)/python bench/bench_builders.py 10000 --quick
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_editions.py
	$(BIN)/python bench/bench_media.py
	$(BIN)/python bench/bench_cards.py

# The output of this tree against a git revision's (REF=main by default): seed site and a
# 1,000-event site, every file `timeline render` writes and timeline.json, byte for byte.
REF ?= main
same-output: $(BIN)/.installed
	$(BIN)/python bench/same_output.py $(REF) $(SAME_OUTPUT_FLAGS)

# Mutation testing of dates, quotes and sanitising (slow; not part of `make test`). mutmut
# resumes where it stopped; `rm -rf mutants` starts over.
mutate: $(BIN)/.installed
	$(BIN)/mutmut run --max-children 2 || true
	$(BIN)/python bench/mutation_scores.py mutants

# The README's command table, from the CLI's own --help (a test fails when they differ).
readme: $(BIN)/.installed
	$(BIN)/python -m timeline_builder.builders.command_table README.md

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock
	sed -i '/^-e /d' requirements.lock

clean:
	rm -rf $(VENV) node_modules site build $(RENDERED_CONFIG) .cache
