"""Outputs never write through a planted symbolic link, never destroy an input or another
output, and never take the previous run's outputs for reports (issue 12)."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from checker.cli.main import main
from conftest import SEEDS


def run(args, capsys, cwd=None, monkeypatch=None):
    if cwd is not None:
        monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def two(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    a, b = src / "甲.txt", src / "乙.txt"
    shutil.copy(SEEDS[0], a)
    shutil.copy(SEEDS[1], b)
    return a, b


@pytest.fixture
def victim(tmp_path):
    v = tmp_path / "victim.txt"
    v.write_text("不能被改写", encoding="utf-8")
    os.chmod(v, 0o600)
    return v


def _planted_link_is_replaced(link, victim):
    assert victim.read_text(encoding="utf-8") == "不能被改写"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert not link.is_symlink() and link.is_file() and link.stat().st_size > 0


@pytest.mark.parametrize("fmt,name", [
    ("html", "甲.html"), ("pdf", "甲.pdf"), ("sarif", "check.sarif"), ("junit", "junit.xml"),
    ("csv", "summary.csv"), ("html", "index.html"),
])
def test_a_symlink_planted_under_an_output_name_is_replaced_not_followed(two, victim, tmp_path, capsys, fmt, name):
    out = tmp_path / "out"
    out.mkdir()
    link = out / name
    link.symlink_to(victim)
    code, _, err = run([*two, "-f", fmt, "-o", out, "-j", "1"], capsys)
    assert code in (0, 1), err
    _planted_link_is_replaced(link, victim)


def test_dashboard_never_replaces_an_input_named_index_html(tmp_path, capsys):
    folder = tmp_path / "site"
    folder.mkdir()
    page = folder / "index.html"
    page.write_text("<html><body><h1>某区2023年法治政府建设年度报告</h1><p>一、主要举措</p></body></html>",
                    encoding="utf-8")
    before = page.read_bytes()
    shutil.copy(SEEDS[0], folder / "其他.txt")
    code, _, err = run([page, folder / "其他.txt", "-f", "csv,html", "-o", folder, "-j", "1"], capsys)
    assert page.read_bytes() == before
    assert code == 2 and "index.html" in err and "内部错误" not in err


def test_a_report_named_index_keeps_its_scorecard_beside_the_dashboard(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "index.txt")
    shutil.copy(SEEDS[1], src / "b.txt")
    out = tmp_path / "out"
    run([src, "-f", "html", "-o", out, "-j", "1"], capsys)
    pages = sorted(p.name for p in out.glob("*.html"))
    assert len(pages) == 3, pages  # dashboard + two scorecards
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "批量审查" in index
    scorecard = [p for p in pages if p not in ("index.html", "b.html")]
    assert scorecard and "index.txt" in (out / scorecard[0]).read_text(encoding="utf-8")


def test_same_named_reports_in_different_folders_get_their_own_pdf(tmp_path, capsys):
    for d, seed in (("区A", SEEDS[0]), ("区B", SEEDS[1])):
        (tmp_path / d).mkdir()
        shutil.copy(seed, tmp_path / d / "报告.txt")
    out = tmp_path / "out"
    run([tmp_path / "区A", tmp_path / "区B", "-f", "pdf", "-o", out, "-j", "1"], capsys)
    assert sorted(p.name for p in out.glob("*.pdf")) == ["区A_报告.pdf", "区B_报告.pdf"]


def test_second_run_on_the_folder_does_not_check_the_first_runs_outputs(tmp_path, capsys, monkeypatch):
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    shutil.copy(SEEDS[1], tmp_path / "b.txt")
    run([".", "-f", "html,csv", "-j", "1"], capsys, cwd=tmp_path, monkeypatch=monkeypatch)
    assert (tmp_path / "reports_out" / "index.html").exists()
    code, _, err = run([".", "-f", "csv", "-j", "1"], capsys, cwd=tmp_path, monkeypatch=monkeypatch)
    rows = (tmp_path / "reports_out" / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3, rows  # header + a.txt + b.txt


def test_our_own_scorecards_elsewhere_are_not_taken_for_reports(tmp_path, capsys):
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    shutil.copy(SEEDS[1], tmp_path / "b.txt")
    run([tmp_path, "-f", "html", "-o", tmp_path / "first", "-j", "1"], capsys)
    shutil.copytree(tmp_path / "first", tmp_path / "moved")
    code, _, err = run([tmp_path, "-f", "csv", "-o", tmp_path / "second", "-j", "1"], capsys)
    rows = (tmp_path / "second" / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3, rows


def test_empty_path_is_a_usage_error(tmp_path, capsys, monkeypatch):
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    code, out, err = run([""], capsys, cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 2 and out == "" and "用法错误" in err and err.count("\n") == 1


def test_a_scorecard_never_replaces_an_input_named_from_the_output_folder(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SEEDS[0], tmp_path / "a" / "x.txt")
    page = out / "x.html"  # a report saved from a web site, kept in the folder used for -o
    page.write_text("<html><body><h1>某区2023年法治政府建设年度报告</h1><p>一、主要举措</p></body></html>",
                    encoding="utf-8")
    before = page.read_bytes()
    run([tmp_path / "a" / "x.txt", page, "-f", "html", "-o", out, "-j", "1"], capsys)
    assert page.read_bytes() == before
    assert any(p.name.startswith("x_") and p.suffix == ".html" for p in out.iterdir())
