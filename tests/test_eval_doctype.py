"""``check eval`` on the reviewer's labels for document kind, year and metadata.

The casebook cases on kind and metadata are copied into tests/data/casebook and must all agree.
The shared casebook and the third-party openings corpus are read where they are (never copied:
the openings are third-party text) and skipped with the reason when absent; the thresholds are
the figures reached, so that a change that loses ground fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.evaluate.run import evaluate_dir

HERE = Path(__file__).resolve().parent
MINE = ("is_annual_report", "kind", "year", "issuer", "date", "title", "rulebook", "no_finding")


def _shared(*parts: str) -> Path:
    for root in (HERE.parent.parent / "shared", Path("/work/shared")):
        if root.joinpath(*parts).is_dir():
            return root.joinpath(*parts)
    pytest.skip(f"{'/'.join(parts)} 不在本机（../shared 或 /work/shared）：跳过")


def _misses(ev) -> list[str]:
    return [f"{r.case.name} {c.label}: {c.expected} != {c.got} ({c.why})"
            for r in ev.scored() for c in r.checks if not c.ok and c.label.split(".")[0] in MINE]


def test_the_copied_casebook_cases_all_agree():
    ev = evaluate_dir(str(HERE / "data" / "casebook"))
    assert all(r.error is None for r in ev.results)
    assert _misses(ev) == []


def test_shared_casebook_kind_year_and_metadata_agree():
    ev = evaluate_dir(str(_shared("casebook")))
    assert _misses(ev) == []


def test_openings_corpus_kind_and_year():
    ev = evaluate_dir(str(_shared("corpus", "openings")))
    rate = {k: a / t for k, (a, t) in ev.by_label().items()}
    assert rate["is_annual_report"] >= 0.97, _misses(ev)
    assert rate["year"] >= 0.98, _misses(ev)
    # the closed set of kinds (checker.kinds): texts in traditional characters are read right
    # once they are converted for matching (issue 11, point 6); the floor is today's figure
    assert rate["kind"] >= 0.90, _misses(ev)
