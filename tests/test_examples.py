"""Every example snippet of every shipped rulebook (elements and depth checks), run through the
same runner as ``check rules lint``: an element's ``pass`` snippet must make it present,
``partial`` partial, ``fail`` not present; a check's ``pass`` snippet must raise none of its
findings and a ``fail`` snippet at least one."""

import pytest

from checker.judge.checks import REGISTRY
from checker.rulebook.docgen import shipped_rulebooks
from checker.rulebook.lint import example_cases, run_case

BOOKS = shipped_rulebooks()
CASES = [pytest.param(book, case, id=f"{book.id}-{case.kind}-{case.rule}-{case.expect}{case.index}")
         for book in BOOKS for case in example_cases(book)]


@pytest.mark.parametrize("book,case", CASES)
def test_example(book, case):
    ok, got = run_case(book, case)
    assert ok, f"{case.rule} {case.expect}: {got}\n{case.snippet}"


def test_every_check_of_the_national_rulebook_has_pass_and_fail_examples():
    book = next(b for b in BOOKS if b.id == "national-2021")
    checks = book.raw["checks"]
    assert set(REGISTRY) - {"phrases"} <= set(checks)  # phrases is for local rulebooks
    for cid, opts in checks.items():
        assert opts["examples"]["pass"] and opts["examples"]["fail"], cid


def test_the_example_rulebook_has_examples_for_what_it_adds():
    book = next(b for b in BOOKS if b.id == "example-province-department")
    kinds = {(c.kind, c.rule, c.expect) for c in example_cases(book)}
    assert {("element", "inspection_rectification", "pass"), ("check", "phrases", "fail")} <= kinds


@pytest.mark.parametrize("book", [b for b in BOOKS if b.id.startswith("national-")], ids=lambda b: b.id)
def test_every_element_of_the_national_rulebooks_has_examples(book):
    with_examples = {c.rule for c in example_cases(book) if c.kind == "element"}
    assert with_examples == {e.id for e in book.elements}
