"""JUnit XML parsed back: one suite per report, one case per element (plus the gate), failures
exactly for the mandatory elements not present."""

import shutil
import xml.etree.ElementTree as ET

import pytest

from checker.cli.main import main
from checker.render.junit import GATE_CASE
from conftest import SEED, checked


def test_suites_cases_and_failures_match_the_verdicts(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    for key in ("001", "002", "004"):
        shutil.copy(SEED[key], d / SEED[key].name)
    (d / "bad.txt").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SystemExit) as e:
        main([str(d), "-f", "junit", "-o", str(tmp_path / "out")])
    capsys.readouterr()
    assert e.value.code == 2
    root = ET.parse(tmp_path / "out" / "junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert len(suites) == 4
    for key in ("001", "002", "004"):
        report = checked(SEED[key])
        suite = suites[str(d / SEED[key].name)]
        cases = suite.findall("testcase")
        assert len(cases) == len(report.elements) + 1 == int(suite.get("tests"))
        failed = {c.get("name") for c in cases if c.find("failure") is not None}
        expected = {f"{el.name}（{el.id}）" for el in report.elements if el.mandatory and el.status != "present"}
        if not report.passed:
            expected.add(GATE_CASE)
        assert failed == expected and int(suite.get("failures")) == len(expected)
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert float(props["score"]) == report.score
    bad = [s for s in suites.values() if s.get("errors") == "1"]
    assert len(bad) == 1 and bad[0].find("testcase/error") is not None


def test_control_characters_in_a_report_do_not_break_the_xml(tmp_path, capsys):
    text = SEED["002"].read_text(encoding="utf-8")
    assert "二、存在不足" in text  # its heading is quoted in the element's reason
    text = text.replace("二、存在不足", "二、存在\x0b不足\x0c", 1)
    (tmp_path / "ctl.txt").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit):
        main([str(tmp_path / "ctl.txt"), "-f", "junit", "-o", str(tmp_path / "out")])
    capsys.readouterr()
    assert ET.parse(tmp_path / "out" / "junit.xml").getroot().find("testsuite") is not None
