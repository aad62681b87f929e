"""SARIF 2.1.0 output, validated against the official schema (tests/data/sarif-schema-2.1.0.json,
the OASIS SARIF 2.1.0 schema as shipped by Microsoft's @microsoft/jest-sarif package)."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from checker.cli.main import main
from conftest import SEED, checked


SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_for(args, out_dir, capsys, monkeypatch):
    monkeypatch.chdir(out_dir.parent)
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args] + ["-f", "sarif", "-o", str(out_dir)])
    capsys.readouterr()
    return e.value.code, json.loads((out_dir / "check.sarif").read_text(encoding="utf-8"))


def test_valid_against_the_schema_with_one_result_per_weak_element_and_finding(tmp_path, capsys, monkeypatch):
    work = tmp_path / "repo"
    (work / "drafts").mkdir(parents=True)
    for key in ("001", "002"):
        shutil.copy(SEED[key], work / "drafts" / SEED[key].name)
    (work / "drafts" / "empty.txt").write_bytes(b"")
    code, log = sarif_for([work / "drafts"], work / "out", capsys, monkeypatch)
    assert code == 2
    jsonschema.validate(log, SCHEMA)
    run_ = log["runs"][0]
    results = run_["results"]
    for key in ("001", "002"):
        report = checked(SEED[key])
        mine = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == f"drafts/{SEED[key].name}"]
        weak = [e for e in report.elements if e.status != "present"]
        assert len(mine) == len(weak) + len(report.findings)
        for e in weak:
            r = next(r for r in mine if r["ruleId"] == f"element/{e.id}")
            assert r["level"] == ("error" if e.mandatory else "warning" if e.status == "missing" else "note")
            line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            assert line == (e.evidence[0].line if e.evidence else (report.metadata.title_line or 1))
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    fr = rules["element/first_responsible"]
    assert fr["shortDescription"]["text"] == "第一责任人职责履行"
    assert "第一责任人" in fr["help"]["text"] and "依据" in fr["help"]["text"] and fr["properties"]["basis"]
    for r in results:
        assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    # the unreadable input is reported, not silently dropped
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False and "文件为空" in notes[0]["message"]["text"]


def test_a_mandatory_element_removed_becomes_an_error_result(tmp_path, capsys, monkeypatch):
    """Cut the 第一责任人 part out of a passing seed: the SARIF log must gain an error on it."""
    text = SEED["001"].read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if "第一责任人" in l or "主要负责人" in l)
    cut = "\n".join(l for i, l in enumerate(lines) if not (start <= i < start + 3 or "第一责任人" in l))
    work = tmp_path / "w"
    work.mkdir()
    (work / "cut.txt").write_text(cut, encoding="utf-8")
    code, log = sarif_for([work / "cut.txt"], tmp_path / "out", capsys, monkeypatch)
    jsonschema.validate(log, SCHEMA)
    errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert code == 1 and any(r["ruleId"] == "element/first_responsible" for r in errors)
