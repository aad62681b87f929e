"""Every element's example snippets in every rulebook, run through the engine: ``pass``
snippets must make the element present, ``partial`` ones partial, ``fail`` ones not present."""

import pytest

from checker.paths import RULES_DIR
from checker.rulebook import load_rulebook
from conftest import check_text

CASES = []
for path in sorted(RULES_DIR.rglob("*.yaml")):
    book = load_rulebook(str(path))
    for el in book.elements:
        for kind in ("pass", "partial", "fail"):
            for i, snippet in enumerate(el.examples.get(kind) or []):
                CASES.append(pytest.param(str(path), el.id, kind, snippet,
                                          id=f"{path.stem}-{el.id}-{kind}{i}"))


@pytest.mark.parametrize("rules,element,kind,snippet", CASES)
def test_example(rules, element, kind, snippet):
    status = check_text(snippet, rules=rules).element(element).status
    if kind == "pass":
        assert status == "present"
    elif kind == "partial":
        assert status == "partial"
    else:
        assert status != "present"


def test_there_are_examples_for_every_element():
    ids = {c.values[1] for c in CASES if c.values[0].endswith("national-2021.yaml")}
    assert ids == {e.id for e in load_rulebook("national-2021").elements}
