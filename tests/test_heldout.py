"""Reports written for the tests in styles the seeds do not use (a department report with
第一部分 … 第四部分 and 1. items, the 第一责任人 part first; a county report made of slogans),
to ask whether a report the rules were not written against is judged right."""

from pathlib import Path

from checker.judge.engine import evaluate
from checker.ingest import load
from checker.rulebook.model import load_rulebook
from conftest import statuses

DATA = Path(__file__).parent / "data"


def check(name):
    return evaluate(load(DATA / name), load_rulebook("national-2021"))


def test_department_report_with_all_parts_passes():
    r = check("heldout_department_2023.txt")
    s = statuses(r)
    for eid in ("measures", "shortcomings", "causes", "first_responsible", "next_steps", "functions", "decision",
                "enforcement", "oversight", "disputes"):
        assert s[eid] == "present", (eid, s[eid])
    assert s["emergency"] == "missing"
    m = r.metadata
    assert (m.year, m.issuer, m.date, m.is_annual_report) == (2023, "XX市生态环境局", "2024-02-26", True)
    assert r.passed
    # the 第一责任人 part comes first here; its evidence is its own heading
    assert r.element("first_responsible").evidence[0].line == 5


def test_plans_and_causes_are_found_in_the_right_parts():
    r = check("heldout_department_2023.txt")
    assert all(15 <= ev.line <= 16 for ev in r.element("causes").evidence)
    assert r.element("next_steps").evidence[0].line == 18


def test_slogan_report_is_thin_and_fails():
    r = check("heldout_county_slogans_2022.txt")
    s = statuses(r)
    assert s["shortcomings"] == "missing" and s["causes"] == "missing" and s["first_responsible"] == "missing"
    assert s["next_steps"] == "partial"  # a heading over one sentence of "再接再厉"
    assert s["measures"] == "partial"  # two work sections of slogans, no facts
    assert not r.passed and r.score < 60 and r.grade == "差"
