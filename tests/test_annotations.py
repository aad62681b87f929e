"""GitHub Actions annotations: printed only under GITHUB_ACTIONS=true, on stderr, one per weak
element and finding, in the workflow-command format with escaped values."""

import re

import pytest

from checker.cli.main import main
from checker.render.annotations import command, escape_property
from conftest import SEED, checked


LINE = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+),title=([^:]*)::(.+)$")


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_annotations_only_on_github_actions(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert "::" not in run([SEED["002"]], capsys)[2]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, err = run([SEED["002"], "-f", "json"], capsys)
    assert code == 1 and out.startswith("{")  # stdout stays JSON
    report = checked(SEED["002"])
    lines = err.splitlines()
    assert all(LINE.match(l) for l in lines), lines
    weak = [e for e in report.elements if e.status != "present"]
    assert len(lines) == len(weak) + len(report.findings) + 1  # + the gate
    for e in weak:
        level = "error" if e.mandatory else "warning" if e.status == "missing" else "notice"
        line = e.evidence[0].line if e.evidence else (report.metadata.title_line or 1)
        assert any(l.startswith(f"::{level} file={SEED['002']},line={line},") and e.name in l for l in lines)


def test_unreadable_file_is_an_error_annotation(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    code, out, err = run([empty], capsys)
    assert code == 2 and f"::error file={empty},title=无法读取::" in err


def test_values_are_escaped():
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert command("error", "两行\n说明", file="报告 1.txt", line=3, title="x") == \
        "::error file=报告 1.txt,line=3,title=x::两行%0A说明"
