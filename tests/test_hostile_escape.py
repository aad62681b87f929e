"""File names, report text and rulebook text are escaped for every consumer: the terminal,
CI logs (GitHub workflow commands), spreadsheets (CSV formulas) and browsers (dashboard
links) (issue 12)."""

from __future__ import annotations

import csv
import os
import re
import shutil
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.cli.main import main
from conftest import SEEDS


def run(args, capsys, monkeypatch=None, env=None):
    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def _commands(text: str) -> list[str]:
    """Lines the GitHub runner would take for workflow commands (it trims leading white space)."""
    return [ln.lstrip() for ln in text.splitlines() if ln.lstrip().startswith("::")]


def _only_our_annotations(text: str) -> None:
    prop = r"(file|line|title)=[^:,\r\n]*"
    for ln in _commands(text):  # our command names only; property values hold no raw ':' or ','
        assert re.match(rf"::(error|warning|notice)( {prop}(,{prop})*)?::", ln), ln


INJECT = "x\n::stop-commands::pwned\n::error::伪造"


@pytest.fixture
def hostile_names(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEEDS[0], d / f"{INJECT}.txt")
    shutil.copy(SEEDS[1], d / "\x1b[2J\x1b]0;标题\x07报告.txt")
    (d / f"{INJECT}空.txt").write_bytes(b"")  # unreadable: its name goes to stderr
    (d / "\x1b[31m空.txt").write_bytes(b"")
    return d


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_a_file_name_never_becomes_a_workflow_command_or_a_terminal_sequence(hostile_names, tmp_path, capsys,
                                                                             monkeypatch, fmt):
    code, out, err = run([hostile_names, "-f", fmt, "-o", tmp_path / "out", "-j", "1"], capsys, monkeypatch,
                         env={"GITHUB_ACTIONS": "true", "NO_COLOR": "1"})
    assert code == 2
    assert not _commands(out)
    _only_our_annotations(err)
    assert "\x1b" not in out and "\x1b" not in err and "\x07" not in out + err
    assert "stop-commands" in err  # the name is still shown, escaped


def test_single_report_scorecard_escapes_its_file_name(tmp_path, capsys):
    f = tmp_path / f"{INJECT}\x1b[8m.txt"
    shutil.copy(SEEDS[0], f)
    code, out, _ = run([f, "-j", "1"], capsys)
    assert not _commands(out) and "\x1b" not in out
    assert "\\n::stop-commands::pwned" in out


def test_rulebook_text_never_becomes_a_workflow_command(tmp_path, capsys, monkeypatch):
    book = tmp_path / "evil.yaml"
    book.write_text('extends: national-2021\nid: evil\nversion: "1"\n'
                    'name: "规则集\\n::stop-commands::tok\\n::error::伪造\\e[2J"\n', encoding="utf-8")
    code, out, err = run([SEEDS[0], "--rules", book, "-j", "1"], capsys, monkeypatch, env={"GITHUB_ACTIONS": "true"})
    assert code in (0, 1), err
    assert not _commands(out) and "\x1b" not in out
    _only_our_annotations(err)


def test_csv_cells_never_start_a_formula(tmp_path, capsys, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    monkeypatch.chdir(d)  # file cells are the names as given: "=HYPERLINK(...).txt"
    names = ["=HYPERLINK(\"http:x\",\"a\")", "+1+1", "-2+3", "@SUM(A1)"]
    for i, n in enumerate(names):
        shutil.copy(SEEDS[i % len(SEEDS)], d / f"{n}.txt")
    (d / "=cmd空.txt").write_bytes(b"")  # an unreadable one: its error note names the file too
    run([".", "-f", "csv", "-o", tmp_path / "out", "-j", "1"], capsys)
    with open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 6
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert any(r[0].startswith("'=HYPERLINK") for r in rows[1:])


def test_dashboard_links_are_always_the_scorecard_beside_it(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    names = ["javascript:alert(1)", "a#b", "c?d=1", "e%20f", "g h", "报告"]
    for i, n in enumerate(names):
        (d / f"{n}.txt").write_bytes(SEEDS[i % len(SEEDS)].read_bytes())
    out = tmp_path / "out"
    run([d, "-f", "html", "-o", out, "-j", "1"], capsys)
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)"', index)
    assert len(links) == len(names)
    for link in links:
        assert link.startswith("./") and not re.search(r"[#?\s:]", link), link
        target = out / unquote(link[2:])  # what a browser opens, relative to the page
        assert target.is_file() and target.parent == out, link
    assert "./报告.html" in links


@given(st.text())
def test_terminal_escaping_leaves_no_control_character_and_no_new_line(s):
    from checker.render.escape import line_start, terminal

    shown = terminal(s)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
    assert not line_start(shown).lstrip().startswith("::")


@given(st.text())
def test_csv_cell_never_starts_a_formula_and_keeps_the_text(s):
    from checker.render.escape import csv_cell

    c = csv_cell(s)
    assert not c.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert c in (s, "'" + s)


def test_report_text_never_reaches_the_terminal_raw(tmp_path, capsys):
    lines = SEEDS[0].read_text(encoding="utf-8").split("\n")
    lines[0] += "\x1b[2J\x1b]0;x\x07"
    lines = [ln.replace("法治政府", "法治\x1b[8m政府\r::error::伪造\u202e", 1) for ln in lines]
    f = tmp_path / "r.txt"
    f.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run([f, "-j", "1"], capsys)
    assert code in (0, 1)
    assert not re.search("[\x1b\x07\r\u202e]", out) and not _commands(out)


def test_a_rulebook_element_named_like_a_workflow_command_never_starts_a_line(tmp_path, capsys, monkeypatch):
    book = tmp_path / "evil.yaml"
    book.write_text('extends: national-2021\nid: evil\nversion: "1"\nelements:\n'
                    '  - id: measures\n    name: "::stop-commands::tok"\n', encoding="utf-8")
    code, out, err = run([SEEDS[1], "--rules", book, "-j", "1"], capsys, monkeypatch, env={"GITHUB_ACTIONS": "true"})
    assert code in (0, 1), err
    assert "stop-commands::tok" in out and not _commands(out)
    _only_our_annotations(err)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_output(tmp_path, capsys, fmt):
    d = tmp_path / "in"
    d.mkdir()
    try:
        shutil.copy(SEEDS[0], os.path.join(os.fsencode(d), b"bad\xff\xfe.txt"))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    shutil.copy(SEEDS[1], d / "ok.txt")
    out_dir = tmp_path / "out"
    code, out, err = run([d, "-f", f"{fmt},html,csv,sarif,junit", "-o", out_dir, "-j", "1"], capsys)
    assert code in (0, 1) and "内部错误" not in err and err == "", err
    assert "\\udcff" in out
    outputs = {p.name for p in out_dir.iterdir()}
    assert {"index.html", "summary.csv", "check.sarif", "junit.xml", "ok.html"} <= outputs and len(outputs) == 6
    assert 'href="./bad%FF%FE.html"' in (out_dir / "index.html").read_text(encoding="utf-8")
    assert os.path.exists(os.path.join(os.fsencode(out_dir), b"bad\xff\xfe.html"))
