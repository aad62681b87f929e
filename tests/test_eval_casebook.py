"""The reviewer's casebook (copied whole into tests/data/casebook with the verdicts of its
expected.yaml: it was written for this project), judged by ``check eval`` exactly as a user runs
it: every case must agree, label by label (parts, substance, misplaced content, document kind,
year and metadata, noisy text)."""

from pathlib import Path

import pytest

from checker.evaluate.run import evaluate_dir

CASEBOOK = Path(__file__).parent / "data" / "casebook"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate_dir(str(CASEBOOK))


def test_every_copied_case_is_judged(evaluation):
    assert len(evaluation.results) == len(list(CASEBOOK.glob("[0-9]*")))


@pytest.mark.parametrize("name", sorted(p.name for p in CASEBOOK.glob("[0-9]*")))
def test_case_agrees_with_the_reviewer(evaluation, name):
    result = next(r for r in evaluation.results if r.case.name == name)
    assert result.ok, [c for c in result.checks if not c.ok] or result.error
