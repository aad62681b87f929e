SHELL := /bin/bash
# Two commands set everything up on a fresh clone: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
CHECK  := $(VENV)/bin/check
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: demo test sysdeps install clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) sysdeps

sysdeps:
	@bash scripts/sysdeps.sh

# Check every seed report, print the scorecards and write them to reports_out/.
# A seed that fails the gate (exit 1) is expected here: this is a demonstration.
demo: install
	@mkdir -p reports_out
	@$(CHECK) seeds/ --format text | tee reports_out/scorecards.txt; rc=$${PIPESTATUS[0]}; [ $$rc -le 1 ]
	@$(CHECK) seeds/ --format json > reports_out/scorecards.json; rc=$$?; [ $$rc -le 1 ]
	@$(CHECK) seeds/ --format html,pdf -o reports_out > /dev/null; rc=$$?; [ $$rc -le 1 ]
	@echo "评分卡已写入 reports_out/"

test: install
	$(PY) -m pytest

clean:
	rm -rf $(VENV) reports_out/*.json reports_out/*.txt reports_out/*.html reports_out/*.pdf
