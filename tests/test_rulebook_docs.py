"""docs/rulebook.md teaches by example: every YAML snippet in it must be a rulebook (or a part of
one, added to a minimal extending rulebook) that `check rules lint` finds clean."""

import re

import pytest

from checker.rulebook.lint import lint_file
from conftest import ROOT

DOC = (ROOT / "docs" / "rulebook.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
HEAD = "extends: national-2021\nid: doc-snippet\nname: 文档示例\n"


def test_the_guide_has_snippets():
    assert len(SNIPPETS) >= 6


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[f"snippet{i}" for i in range(len(SNIPPETS))])
def test_snippet_lints_clean(tmp_path, snippet):
    f = tmp_path / "snippet.yaml"
    f.write_text(snippet if snippet.startswith("extends:") else HEAD + snippet, encoding="utf-8")
    assert [str(p) for p in lint_file(f)] == []
