# Everything Regent needs, installed by the project itself:
#   make demo   set up, build the demo evidence repository, scan it (findings, then the business view)
#               and write October's report
#   make test   set up, then the whole test suite (opa fmt/check/test with coverage, Regal, ruff, mypy, pytest)
#   make bench  set up, then the benchmark tables (scans, history facts, gate, imports, monthly report,
#               business view)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OPA := .tools/bin/opa
REGAL := .tools/bin/regal
DEMO := build/demo
export PATH := $(CURDIR)/.tools/bin:$(PATH)
export REGENT_OPA := $(CURDIR)/$(OPA)

.PHONY: setup opa regal test-tools demo test test-policies test-python lint bench clean

setup: $(VENV)/.installed opa regal

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

opa:
	bash scripts/install-go-tool.sh opa

regal:
	bash scripts/install-go-tool.sh regal

# What only the tests need: the NIST OSCAL schema the report's OSCAL output is
# validated against, and a headless Chromium to render the HTML report.
OSCAL_SCHEMA := .tools/oscal/oscal-complete-1.2.3.json
export REGENT_OSCAL_SCHEMA := $(CURDIR)/$(OSCAL_SCHEMA)

test-tools: $(VENV)/.installed
	$(BIN)/python scripts/fetch-oscal-schema.py $(OSCAL_SCHEMA)
	bash scripts/install-chromium.sh

# The demo's history is fixed (June to 22 November 2026, the day its unmerged
# request was raised) while its evidence lapses with the calendar: it is scanned
# and gated as at the end of its last day, so it shows the same findings whenever it runs.
DEMO_DAY := 2026-11-22

demo: setup
	$(BIN)/python scripts/make_demo.py $(DEMO)
	@# The demo breaches controls on purpose: exit 1 (findings) is the expected answer.
	$(BIN)/regent scan $(DEMO) --as-of $(DEMO_DAY) || test $$? -eq 1
	@# The same scan as the business reads it: the processes at risk and the one check to fix first.
	$(BIN)/regent scan $(DEMO) --as-of $(DEMO_DAY) --by process || test $$? -eq 1
	@# ... and so is the pre-merge gate of its unmerged request.
	$(BIN)/regent gate $(DEMO) --base main --head request/edi-peak --as-of $(DEMO_DAY) || test $$? -eq 1
	@# The demo's history is fixed (June to November 2026): October's evidence report, to open in a browser.
	$(BIN)/regent report $(DEMO) --month 2026-10 --format html --output build/demo-report-2026-10.html
	@echo "October's evidence report: build/demo-report-2026-10.html"

test: setup test-policies test-python

# Policy quality gates: formatted, strict-compiled, linted by Regal, and the
# Rego tests passing with at least 90 % line coverage. `regent policies test`
# also compiles the checks without network or non-deterministic built-ins.
test-policies:
	@out=$$($(OPA) fmt --list policies examples); if [ -n "$$out" ]; then echo "opa fmt would change: $$out"; exit 1; fi
	$(OPA) check --strict policies
	$(REGAL) lint policies examples/org-policies
	$(BIN)/regent policies test --min-coverage 90

test-python: test-tools
	$(BIN)/ruff check
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/gate.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/business.py --sizes 10000,100000

clean:
	rm -rf build .pytest_cache .mypy_cache
