SHELL := /bin/bash
# Two commands set everything up on a fresh clone: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
CHECK  := $(VENV)/bin/check
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: demo test sysdeps install clean pages docs-image docs-comments eval serve

$(STAMP): pyproject.toml checker/__init__.py  # the version lives in __init__.py
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
	@$(CHECK) seeds/ --format html,pdf,docx -o reports_out > /dev/null; rc=$$?; [ $$rc -le 1 ]
	@echo "评分卡已写入 reports_out/"

# Look at the PDF scorecards as a reviewer would: every page as a PNG in reports_out/pages/.
pages: demo
	@$(PY) scripts/pages.py reports_out/*.pdf -o reports_out/pages

# The README's picture: page 1 of seed 004's scorecard.
docs-image: demo
	@$(PY) scripts/pages.py reports_out/004_*.pdf --page 1 --to docs/scorecard-page1.png

# The README's picture of Word comments: seed 004 as a Word draft, commented, laid out by LibreOffice.
docs-comments: install
	@mkdir -p reports_out/draft
	@$(PY) -c "import sys, pathlib; sys.path.insert(0, 'tests'); import derive_formats as d; \
		d.write_docx(pathlib.Path('seeds/004_9d32a2e4d44ef17e.txt'), pathlib.Path('reports_out/draft/004.docx'))"
	@$(CHECK) reports_out/draft/004.docx --format docx -o reports_out/comments > /dev/null; rc=$$?; [ $$rc -le 1 ]
	@$(PY) scripts/comment_pages.py reports_out/comments/004_docx.审查意见.docx --page 1 --to docs/word-comments.png

# Agreement with a reviewer's labels: the casebook and the corpus of real openings, when present
# (they live in ../shared beside a developer's clone; a user's clone has none).
SHARED ?= ../shared
eval: install
	@found=0; for d in $(SHARED)/casebook $(SHARED)/corpus/openings; do \
	  if [ -d $$d ]; then found=1; $(CHECK) eval $$d -q; fi; done; \
	  [ $$found = 1 ] || echo "没有找到 $(SHARED)/casebook 或 $(SHARED)/corpus/openings，跳过"

# The page for reviewers (and the API) on http://127.0.0.1:8321/; Ctrl+C stops it.
serve: install
	@$(CHECK) serve

test: install
	$(PY) -m pytest

clean:
	rm -rf $(VENV) reports_out/*.json reports_out/*.txt reports_out/*.html reports_out/*.pdf reports_out/*.docx reports_out/pages reports_out/draft reports_out/comments
