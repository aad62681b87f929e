"""``check eval``: label-by-label agreement with a reviewer's verdicts, each miss with its reason.

The label files here are written for the tests over the seeds, whose readings are fixed in
test_seeds.py (002: 不足 without causes, 第一责任人 only promised), so a label that contradicts
that reading must come out as a miss that names the element and the checker's reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEED

CHECK = [sys.executable, "-m", "checker"]


def _run(*args):
    return subprocess.run([*CHECK, "eval", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def casebook(tmp_path):
    for key in ("001", "002"):
        shutil.copy(SEED[key], tmp_path / f"{key}.txt")
    return tmp_path


def test_agreeing_labels_exit_0(casebook):
    (casebook / "expected.yaml").write_text(
        "001.txt: {core: PPPPP, year: 2024, is_annual_report: true}\n"
        "002.txt: {core: [Pp-pP, Pp--P], passed: false, year: 2021}\n", encoding="utf-8")
    r = _run(casebook)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2/2" in r.stdout


def test_a_miss_names_the_label_the_element_and_the_reason(casebook):
    (casebook / "expected.yaml").write_text(
        "001.txt: {core: PPPPP}\n002.txt: {core: PPPPP, passed: true}\n", encoding="utf-8")
    r = _run(casebook, "--format", "json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["cases"] == {"agree": 1, "total": 2, "ambiguous": 0}
    assert data["labels"]["core"] == {"agree": 1, "total": 2}
    miss = next(x for x in data["results"] if x["file"] == "002.txt")
    core = next(c for c in miss["checks"] if c["label"] == "core")
    assert core["expected"] == "PPPPP" and core["got"].startswith("Pp-")
    assert "不足的原因分析" in core["why"] and "causes" in core["why"]
    passed = next(c for c in miss["checks"] if c["label"] == "passed")
    assert not passed["ok"] and passed["why"]  # the gate's reasons


def test_text_output_lists_each_miss(casebook):
    (casebook / "expected.yaml").write_text("002.txt: {year: 2020}\n", encoding="utf-8")
    r = _run(casebook)
    assert r.returncode == 1
    assert "✗ 002.txt" in r.stdout and "year：应为 2020，检查结果 2021" in r.stdout


def test_same_as_compares_every_element_score_and_verdict(casebook):
    shutil.copy(SEED["002"], casebook / "002_copy.txt")
    (casebook / "expected.yaml").write_text(
        "002_copy.txt: {same_as: 002.txt}\n001.txt: {same_as: 002.txt}\n", encoding="utf-8")
    data = json.loads(_run(casebook, "-f", "json").stdout)
    by = {x["file"]: x for x in data["results"]}
    assert by["002_copy.txt"]["agree"]
    assert not by["001.txt"]["agree"]
    assert "shortcomings" in by["001.txt"]["checks"][0]["got"]


def test_corpus_labels_json_with_ambiguous_cases_left_out(casebook):
    labels = [
        {"file": "001.txt", "is_annual_report": True, "report_year": 2024, "kind": "法治政府建设年度报告"},
        {"file": "002.txt", "is_annual_report": False, "report_year": None, "kind": "范文",
         "notes": "AMBIGUOUS: a reviewer could read it either way"},
    ]
    (casebook / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    r = _run(casebook, "-f", "json")
    data = json.loads(r.stdout)
    assert data["cases"] == {"agree": 1, "total": 1, "ambiguous": 1}
    assert data["labels"]["is_annual_report"] == {"agree": 1, "total": 1}
    assert r.returncode == 0


def test_unreadable_labels_and_folders_exit_2(tmp_path):
    r = _run(tmp_path)
    assert r.returncode == 2 and "expected.yaml" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "expected.yaml").write_text("a.txt: {core: PPXPP}\n", encoding="utf-8")
    r = _run(tmp_path)
    assert r.returncode == 2 and "core" in r.stderr


def test_an_unreadable_case_file_is_a_miss_not_a_crash(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "expected.yaml").write_text("broken.txt: {passed: false}\n", encoding="utf-8")
    r = _run(tmp_path)
    assert r.returncode == 1 and "无法检查" in r.stdout
