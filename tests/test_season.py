"""The reporting season (issue 16): rulebooks declare their basis period, the report year picks
the rulebook, a report after the last period is judged by the newest rulebook with a notice on
every output, plans are judged by their own periods, and a successor rulebook can be added and
compared. Reports: tests/season_reports.py (seed 001 moved to 2021, 2025 and 2026)."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import season_reports as S
from checker.cli.main import main
from checker.document.model import build_document
from checker.judge.engine import evaluate
from checker.ingest.plain import split_lines
from checker.paths import RULES_DIR
from checker.rulebook.model import load_rulebook
from checker.season import catalog
from checker.season.periods import Entry, Period, choose, period_problems
from checker.rulebook.select import choose_rulebook, rulebook_for_year
from conftest import check_text

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
POLICY_BASIS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "policy-basis.md"


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def doc_of(text: str):
    return build_document(split_lines(text), "报告.txt")


def write(tmp_path, name: str, text: str) -> Path:
    p = tmp_path / "in" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def timeliness(report, rid: str):
    return [f for f in report.findings if f.rule == f"timeliness.{rid}"]


# ---------- 1. periods and the choice by year ----------

def test_each_national_rulebook_declares_its_period_and_basis():
    periods = {e.id: e.period for e in catalog.entries()}
    assert periods["national-2021"].first == 2021 and periods["national-2021"].last == 2025
    assert periods["national-2015"].first is None and periods["national-2015"].last == 2020
    assert any("2021－2025" in b for b in periods["national-2021"].basis)
    assert any("2015－2020" in b for b in periods["national-2015"].basis)
    assert period_problems(catalog.entries()) == []


@pytest.mark.parametrize("make,year,notice", [
    (S.report_2021, 2021, False), (S.report_2025, 2025, False),
    (S.report_2026_running, 2026, True), (S.report_2026_closing, 2026, True)])
def test_the_report_year_picks_the_rulebook_and_the_notice(make, year, notice):
    doc = doc_of(make())
    book, reason = choose_rulebook(doc, None)
    assert book.id == "national-2021"
    report = evaluate(doc, book)
    assert report.metadata.year == year
    if notice:
        assert "没有依据期覆盖 2026 年度的规则集" in reason and "2021—2025 年度" in reason
        n = report.rulebook_notice
        assert "2021—2025 年度" in n and "已于 2025 年结束" in n and "--rules" in n and "新规则集" in n
        assert "法治政府建设实施纲要（2021－2025年）" in n
    else:
        assert reason.endswith("本规则集适用于 2021—2025 年度的报告")
        assert report.rulebook_notice is None


def test_a_2025_report_written_in_2026_is_judged_as_today():
    """Inside the 2021–2025 period: the same verdict as the seed it comes from, no notice."""
    from conftest import check_seed

    seed, moved = check_seed("001"), evaluate(doc_of(S.report_2025()), load_rulebook("national-2021"))
    assert moved.rulebook_notice is None and moved.metadata.date == "2026-01-20"
    assert {e.id: e.status for e in moved.elements} == {e.id: e.status for e in seed.elements}
    assert moved.score == seed.score


def test_the_same_report_scores_the_same_in_2026_apart_from_the_notice():
    """The notice explains the basis; it does not change the score."""
    a = evaluate(doc_of(S.report_2025()), load_rulebook("national-2021"))
    b = evaluate(doc_of(S.report_2026_closing()), load_rulebook("national-2021"))
    assert a.score == b.score and a.passed == b.passed


def test_rules_given_explicitly_still_carry_the_notice_after_the_period():
    book, reason = choose_rulebook(doc_of(S.report_2026_closing()), "national-2021")
    assert reason == "由 --rules 指定"
    assert "已于 2025 年结束" in evaluate(doc_of(S.report_2026_closing()), book).rulebook_notice
    # a local rulebook extending national-2021 rests on the same basis, and says so
    local = evaluate(doc_of(S.report_2026_closing()), load_rulebook(str(RULES_DIR / "examples" / "province-department.yaml")))
    assert "example-province-department" in local.rulebook_notice
    # before the period, or on an unknown year: no notice
    assert evaluate(doc_of(S.derive(2019, "党的十九大")), book).rulebook_notice is None
    assert evaluate(doc_of("我局依法行政工作报告如下。\n全年办理案件10件。\n"), book).rulebook_notice is None


def test_choice_between_periods():
    old = Entry("old", "", "", "old.yaml", Period(None, 2020, ("甲",)))
    mid = Entry("mid", "", "", "mid.yaml", Period(2021, 2025, ("乙",)))
    new = Entry("new", "", "", "new.yaml", Period(2026, 2030, ("丙",)))
    books = [new, old, mid]
    assert [choose(y, books) for y in (2010, 2020, 2021, 2025, 2026, 2030)] == [
        (old, False), (old, False), (mid, False), (mid, False), (new, False), (new, False)]
    assert choose(2031, books) == (new, True)
    assert choose(None, books) == (new, False)
    assert choose(2026, [old, mid]) == (mid, True)
    assert choose(2012, [mid, new]) == (mid, False)  # before the first period: the oldest


def test_lint_finds_overlaps_gaps_and_missing_periods():
    a = Entry("a", "", "", "a.yaml", Period(2016, 2020, ("甲",)))
    b = Entry("b", "", "", "b.yaml", Period(2020, 2025, ("乙",)))
    c = Entry("c", "", "", "c.yaml", Period(2028, None, ("丙",)))
    d = Entry("d", "", "", "d.yaml", None)
    e = Entry("e", "", "", "e.yaml", Period(2026, 2027, ()))
    msgs = [m for _, m in period_problems([a, b, c, d, e])]
    assert any("重叠" in m and "a" in m and "b" in m and "2020 年度" in m for m in msgs)
    assert any("没有写依据期" in m and "d" in m for m in msgs)
    assert any("没有写依据" in m and " e " in m for m in msgs)
    assert not any("空档" in m for m in msgs)  # 2026-2027 (e) closes the gap between b and c
    msgs = [m for _, m in period_problems([a, c])]
    assert any("空档" in m and "2021—2027 年度" in m for m in msgs)
    assert period_problems([a, Entry("b2", "", "", "b2.yaml", Period(2021, 2025, ("乙",)))]) == []


# ---------- the notice on every output ----------

def test_notice_in_terminal_and_json(tmp_path, capsys):
    late, inside = write(tmp_path, "r2026.txt", S.report_2026_running()), write(tmp_path, "r2025.txt", S.report_2025())
    _, out, _ = run([late], capsys)
    assert "注意：规则集 national-2021 依据" in out and "--rules" in out
    _, out, _ = run([inside], capsys)
    assert "注意：" not in out
    _, out, _ = run([late, inside, "-f", "json"], capsys)
    reports = {Path(r["file"]).name: r for r in json.loads(out)["reports"]}
    assert set(reports["r2025.txt"]["rulebook"]) == {"id", "version", "reason", "notice"}  # the README's contract
    assert "已于 2025 年结束" in reports["r2026.txt"]["rulebook"]["notice"]
    assert reports["r2025.txt"]["rulebook"]["notice"] is None


def test_notice_in_scorecard_sarif_junit_and_csv(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    late, inside = write(tmp_path, "r2026.txt", S.report_2026_running()), write(tmp_path, "r2025.txt", S.report_2025())
    out_dir = tmp_path / "out"
    run([late, inside, "-f", "html,sarif,junit,csv", "-o", out_dir], capsys)
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert '<p class="notice">1 份报告的年度晚于规则集 national-2021 的依据期' in index
    html = (out_dir / "r2026.html").read_text(encoding="utf-8")
    assert re.search(r'class="alert notice">规则集提示：规则集 national-2021 依据', html)
    assert "规则集提示" not in (out_dir / "r2025.html").read_text(encoding="utf-8")

    log = json.loads((out_dir / "check.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    by_file = lambda name: [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(name)]  # noqa: E731
    assert by_file("r2026.txt") and all("规则集提示：" in r["message"]["text"] for r in by_file("r2026.txt"))
    assert all("规则集提示" not in r["message"]["text"] for r in by_file("r2025.txt"))
    notes = log["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert len(notes) == 1 and "已于 2025 年结束" in notes[0]["message"]["text"]

    suites = {Path(s.get("name")).name: s for s in ET.parse(out_dir / "junit.xml").getroot().iter("testsuite")}
    props = {p.get("name"): p.get("value") for p in suites["r2026.txt"].iter("property")}
    assert "已于 2025 年结束" in props["rulebook_notice"]
    assert "规则集提示" in suites["r2026.txt"].find("system-out").text
    assert "rulebook_notice" not in {p.get("name") for p in suites["r2025.txt"].iter("property")}

    rows = {Path(r["文件"]).name: r for r in csv.DictReader(
        (out_dir / "summary.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert "规则集 national-2021 的依据期已结束" in rows["r2026.txt"]["说明"]
    assert "依据期" not in rows["r2025.txt"]["说明"]


# ---------- 2. timeliness by period ----------

def _snippet(year: int, sentence: str) -> str:
    return (f"{year}年度法治政府建设情况报告\n一、主要举措和成效\n深入学习贯彻习近平法治思想。{sentence}\n")


RUNNING = ["扎实推进“八五”普法规划实施,全年开展送法下乡12场。", "深入实施‘八五’普法规划。", "按照八五普法规划要求开展普法。",
           "持续深化“八五”普法,推动全民守法。", "认真落实第八个五年法治宣传教育规划。"]
RUNNING_14 = ["全面落实“十四五”法治政府建设规划。", "2026年是“十四五”规划实施的关键之年。", "坚持以“十四五”规划为引领推进依法行政。"]
CLOSING = ["“八五”普法顺利通过总结验收。", "完成“八五”普法规划终期评估。", "回顾“八五”普法期间,累计开展活动300场。",
           "巩固“八五”普法成果,谋划“九五”普法。", "“十四五”规划圆满收官。", "在“十四五”收官、“十五五”开局之际,制定新的规划。",
           "“十四五”以来,累计办理复议案件120件。", "“十四五”时期法治政府建设取得的成绩为新阶段打下基础。",
           "“八五”普法順利通過總結驗收。"]


@pytest.mark.parametrize("sentence", RUNNING)
def test_2026_reports_presenting_bawu_as_running_are_flagged_as_errors(sentence):
    found = timeliness(check_text(_snippet(2026, sentence)), "bawu-pufa")
    assert len(found) == 1 and found[0].severity == "error" and found[0].line == 3  # confirmed: policy-basis [C]
    assert "2026 年度起不应再作为正在实施的规划" in found[0].message


@pytest.mark.parametrize("sentence", RUNNING_14)
def test_2026_reports_presenting_shisiwu_as_running_get_advice(sentence):
    found = timeliness(check_text(_snippet(2026, sentence)), "shisiwu")
    assert len(found) == 1 and found[0].severity == "warning"  # its period is not recorded as confirmed
    assert "2026 年度起" in found[0].message


@pytest.mark.parametrize("sentence", CLOSING)
def test_2026_reports_may_name_the_plans_as_closing(sentence):
    report = check_text(_snippet(2026, sentence))
    assert not [f for f in report.findings if f.rule.startswith("timeliness.")], report.findings


@pytest.mark.parametrize("sentence", RUNNING + RUNNING_14 + CLOSING)
@pytest.mark.parametrize("year", [2021, 2023, 2025])
def test_inside_the_period_the_plans_are_current(sentence, year):
    report = check_text(_snippet(year, sentence.replace("2026", str(year))))
    assert not [f for f in report.findings if f.rule in ("timeliness.bawu-pufa", "timeliness.shisiwu")]


@pytest.mark.parametrize("sentence", ["“八五”普法顺利通过总结验收。", "扎实推进“八五”普法规划实施。"])
def test_after_the_year_after_every_use_is_outdated(sentence):
    found = timeliness(check_text(_snippet(2027, sentence)), "bawu-pufa")
    assert len(found) == 1 and "2027 年度起的报告不应再引用" in found[0].message


def test_shiwuwu_is_current_in_2026():
    report = check_text(_snippet(2026, "2026年是“十五五”规划开局之年,我局制定“十五五”法治政府建设规划。"))
    assert not [f for f in report.findings if f.rule.startswith("timeliness.")]


def test_the_derived_reports():
    running = evaluate(doc_of(S.report_2026_running()), load_rulebook("national-2021"))
    bawu = timeliness(running, "bawu-pufa")
    assert len(bawu) == 1 and bawu[0].severity == "error" and "等 2 处" in bawu[0].message  # the plans for 2027 too
    assert len(timeliness(running, "shisiwu")) == 1
    for make in (S.report_2026_closing, S.report_2025, S.report_2021):
        r = evaluate(doc_of(make()), load_rulebook("national-2021"))
        assert not [f for f in r.findings if f.rule.startswith("timeliness.")], (make.__name__, r.findings)


def test_validity_is_data_in_the_rulebook(tmp_path):
    """Moving a plan's period in the rulebook moves the verdict; the check's code holds no year."""
    src = (Path(__file__).resolve().parents[1] / "checker" / "judge" / "checks" / "timeliness.py").read_text(encoding="utf-8")
    assert not re.search(r"(19|20)[0-9]{2}", src[src.index("def prepare"):])
    local = tmp_path / "longer.yaml"
    local.write_text("""extends: national-2021
id: longer
name: 八五普法延长一年（测试）
checks:
  timeliness:
    terms:
      - id: bawu-pufa
        name: “八五”普法规划
        pattern: '八五普法'
        current_from: 2021
        current_until: 2026
""", encoding="utf-8")
    text = _snippet(2026, "深入实施八五普法规划。")
    assert timeliness(check_text(text), "bawu-pufa")
    assert not timeliness(check_text(text, rules=str(local)), "bawu-pufa")
    assert timeliness(check_text(text.replace("2026年度", "2027年度"), rules=str(local)), "bawu-pufa")
    rows = {r["id"]: r for r in load_rulebook("national-2021").raw["checks"]["timeliness"]["terms"]}
    assert (rows["bawu-pufa"]["current_from"], rows["bawu-pufa"]["current_until"]) == (2021, 2025)
    assert (rows["shisiwu"]["current_from"], rows["shisiwu"]["current_until"]) == (2021, 2025)
    assert (rows["shiwuwu"]["current_from"], rows["shiwuwu"]["current_until"]) == (2026, 2030)


def test_only_confirmed_facts_are_errors():
    from checker.judge.checks.timeliness import severity_of

    rows = load_rulebook("national-2021").raw["checks"]["timeliness"]["terms"]
    for row in rows:
        assert severity_of(row) == "warning", row["id"]  # outdated, anachronism, required: advice, as before
        assert (severity_of(row, period=True) == "error") == bool(row.get("confirmed")), row["id"]
        if row.get("confirmed"):
            assert row.get("source", "").startswith("http"), row["id"]
    assert not rows[[r["id"] for r in rows].index("shisiwu")].get("confirmed")


@pytest.mark.skipif(not POLICY_BASIS.exists(), reason="../shared/reference/policy-basis.md is not here")
def test_confirmed_rows_cite_a_source_marked_confirmed_in_the_policy_basis():
    lines = POLICY_BASIS.read_text(encoding="utf-8").splitlines()
    for row in load_rulebook("national-2021").raw["checks"]["timeliness"]["terms"]:
        if row.get("confirmed"):
            cited = [ln for ln in lines if row["source"] in ln]
            assert cited and all("[C]" in ln for ln in cited), row["id"]


def test_lint_rejects_bad_period_rows(tmp_path):
    from checker.rulebook.lint import lint_file

    p = tmp_path / "local.yaml"
    p.write_text("""extends: national-2021
id: local
name: 本地
checks:
  timeliness:
    terms:
      - id: plan-a
        name: 某规划
        pattern: '某规划'
        current_from: 2026
        current_until: 2024
      - id: plan-b
        name: 某行动
        pattern: '某行动'
        current_until: 2024
        severity: error
      - id: plan-c
        name: 某提法
        pattern: '某提法'
""", encoding="utf-8")
    msgs = [(x.line, x.message) for x in lint_file(p)]
    assert (10, "实施期的起始年 2026 晚于结束年 2024") in msgs
    assert any(line == 16 and "只有已核实的事实" in m for line, m in msgs)
    assert any(line == 17 and "不会报出问题" in m for line, m in msgs)


# ---------- 3. the next rulebook ----------

SUCCESSOR = """extends: national-2021
id: national-2026
version: "2026.1"
name: 全国通用规则集（2026—2030年纲要）
description: >
  适用于 2026—2030 年度的报告（测试用的后继规则集）。
applies:
  from_year: 2026
  to_year: 2030
  basis:
    - 《法治政府建设实施纲要（2026－2030年）》（测试用）
    - 《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）
elements:
  - id: digital
    basis: 《法治政府建设实施纲要（2026－2030年）》（测试用）第九部分
    weight: 5
    evidence:
      - '数字(法治)?政府|数字化'
      - '人工智能'
  - id: emergency
    remove: true
  - id: ai_governance
    name: 人工智能依法治理
    basis: 《法治政府建设实施纲要（2026－2030年）》（测试用）第十部分
    weight: 1
    advice: 写明依法使用人工智能辅助行政的情况。
    evidence: ['人工智能', '算法', '数据安全']
    examples:
      pass: ["（十）依法治理人工智能。制定人工智能辅助审批规范,开展算法备案,落实数据安全责任。"]
      fail: ["（一）严格规范执法。全年办理行政处罚案件283件。"]
checks:
  timeliness:
    terms:
      - id: gangyao-2021-ended
        name: 《法治政府建设实施纲要（2021—2025年）》作为现行纲要
        pattern: '纲要\\(2021[-—–~至]2025'
        current_from: 2021
        current_until: 2025
        basis: 测试用
"""


@pytest.fixture
def successor(tmp_path, monkeypatch):
    """national-2026, built from national-2021, installed beside the shipped rulebooks."""
    path = tmp_path / "rules" / "national-2026.yaml"
    path.parent.mkdir()
    path.write_text(SUCCESSOR, encoding="utf-8")
    shipped = catalog.shipped_paths()
    monkeypatch.setattr(catalog, "shipped_paths", lambda: shipped + [path])
    return path


def test_a_successor_is_chosen_for_its_years_and_only_those(successor):
    assert [rulebook_for_year(y) for y in (2020, 2021, 2025, 2026, 2030, 2031, None)] == [
        "national-2015", "national-2021", "national-2021", "national-2026", "national-2026", "national-2026", "national-2026"]
    book, reason = choose_rulebook(doc_of(S.report_2026_running()), None)
    assert book.id == "national-2026" and "2026—2030 年度" in reason
    report = evaluate(doc_of(S.report_2026_running()), book)
    assert report.rulebook_notice is None
    assert "ai_governance" in {e.id for e in report.elements} and "emergency" not in {e.id for e in report.elements}
    book, _ = choose_rulebook(doc_of(S.report_2025()), None)
    assert book.id == "national-2021" and evaluate(doc_of(S.report_2025()), book).rulebook_notice is None
    late = evaluate(doc_of(S.derive(2031, "党的二十大")), load_rulebook(str(successor)))
    assert "已于 2030 年结束" in late.rulebook_notice


def test_a_successor_passes_the_lint_and_one_without_its_own_period_does_not(successor, capsys):
    code, out, _ = run(["rules", "lint", successor, RULES_DIR / "national-2021.yaml"], capsys)
    assert code == 0, out
    text = successor.read_text(encoding="utf-8")
    successor.write_text(re.sub(r"applies:\n(  .*\n)+", "", text), encoding="utf-8")
    code, out, _ = run(["rules", "lint", successor], capsys)
    assert code == 1 and "依据期重叠" in out and "沿用了 extends 的依据期" in out
    successor.write_text(text.replace("from_year: 2026", "from_year: 2027"), encoding="utf-8")
    code, out, _ = run(["rules", "lint", successor], capsys)
    assert code == 1 and "依据期有空档：2026 年度没有规则集" in out


def test_rules_list_shows_each_period(successor, capsys):
    code, out, _ = run(["rules", "list"], capsys)
    assert code == 0
    assert re.search(r"national-2015 .*\n  依据期：2020 年度及以前", out)
    assert re.search(r"national-2021 .*\n  依据期：2021—2025 年度", out)
    assert re.search(r"national-2026 .*\n  依据期：2026—2030 年度", out)
    assert "2031 年度及以后的报告" in out and "national-2026" in out.splitlines()[-1]
    code, out, _ = run(["rules", "list", "--json"], capsys)
    data = json.loads(out)
    assert [(b["id"], b["period"]["from_year"], b["period"]["to_year"]) for b in data["rulebooks"]] == [
        ("national-2015", None, 2020), ("national-2021", 2021, 2025), ("national-2026", 2026, 2030)]
    assert data["after_last_period"] == {"from_year": 2031, "rulebook": "national-2026"}


def test_rules_list_of_the_shipped_rulebooks(capsys):
    code, out, _ = run(["rules", "list"], capsys)
    assert code == 0 and "2026 年度及以后的报告：没有依据期覆盖，使用最新的 national-2021" in out


def test_rules_diff_shows_what_the_new_season_changes(successor, capsys):
    code, out, _ = run(["rules", "diff", "national-2021", successor, "--json"], capsys)
    assert code == 0
    d = json.loads(out)
    assert d["period"]["from"] == "2021—2025 年度" and d["period"]["to"] == "2026—2030 年度"
    assert "《法治政府建设实施纲要（2026－2030年）》（测试用）" in d["period"]["basis_added"]
    assert [x["id"] for x in d["elements"]["added"]] == ["ai_governance"]
    assert [x["id"] for x in d["elements"]["removed"]] == ["emergency"]
    changed = {x["id"]: x["changes"] for x in d["elements"]["changed"]}
    assert set(changed) == {"digital"}
    assert {"field": "weight", "from": 3, "to": 5} in changed["digital"]
    assert {"id": "digital", "from": 3, "to": 5} in d["weights"] and {"id": "emergency", "from": 3, "to": None} in d["weights"]
    added = {(x["where"], x["pattern"]) for x in d["patterns"]["added"]}
    assert ("elements.digital.evidence", "人工智能") in added and ("elements.ai_governance.evidence", "算法") in added
    assert ("elements.digital.evidence", "智慧") in {(x["where"], x["pattern"]) for x in d["patterns"]["removed"]}
    (tl,) = d["checks"]["changed"]
    assert tl["id"] == "timeliness" and tl["rows"]["added"] == ["gangyao-2021-ended"]
    assert d["checks"]["added"] == [] and d["checks"]["removed"] == [] and d["other"] == []
    code, out, _ = run(["rules", "diff", "national-2021", successor], capsys)
    assert "依据期：2021—2025 年度 → 2026—2030 年度" in out
    assert "+ ai_governance 人工智能依法治理（权重 1）" in out and "- emergency 突发事件应对（权重 3）" in out
    assert "digital：3 → 5" in out and "~ timeliness：新增行 gangyao-2021-ended" in out


def test_rules_diff_of_a_rulebook_with_itself_and_of_a_missing_one(capsys):
    code, out, _ = run(["rules", "diff", "national-2021", "national-2021"], capsys)
    assert code == 0 and "没有差异" in out
    code, _, err = run(["rules", "diff", "national-2021", "nosuch"], capsys)
    assert code == 2 and "规则集文件不存在" in err and "Traceback" not in err


def test_the_guides_worked_successor_installs_cleanly(tmp_path, monkeypatch, capsys):
    """docs/rulebook.md section 9: its national-2026 file, installed beside the shipped ones,
    lints clean against their periods and takes the 2026 reports."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rulebook.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 9."):]
    (snippet,) = [s for s in re.findall(r"```yaml\n(.*?)```", section, flags=re.S) if s.startswith("extends:")]
    path = tmp_path / "national-2026.yaml"
    path.write_text(snippet, encoding="utf-8")
    shipped = catalog.shipped_paths()
    monkeypatch.setattr(catalog, "shipped_paths", lambda: shipped + [path])
    code, out, _ = run(["rules", "lint", path], capsys)
    assert code == 0, out
    assert rulebook_for_year(2026) == "national-2026" and rulebook_for_year(2025) == "national-2021"


# ---------- the choice by year, on any set of periods ----------

from hypothesis import given, strategies as st  # noqa: E402


@st.composite
def contiguous_periods(draw):
    """A first rulebook open towards the past, then contiguous periods of 1–6 years."""
    start = draw(st.integers(2000, 2030))
    lengths = draw(st.lists(st.integers(1, 6), min_size=0, max_size=5))
    out, first = [Entry("b0", "", "", "b0.yaml", Period(None, start, ("甲",)))], start + 1
    for i, n in enumerate(lengths, 1):
        out.append(Entry(f"b{i}", "", "", f"b{i}.yaml", Period(first, first + n - 1, ("乙",))))
        first += n
    return out


@given(contiguous_periods(), st.integers(1990, 2080), st.randoms())
def test_contiguous_periods_lint_clean_and_every_year_has_its_rulebook(books, year, rnd):
    shuffled = list(books)
    rnd.shuffle(shuffled)
    assert period_problems(shuffled) == []
    entry, after = choose(year, shuffled)
    last = books[-1].period.last
    if year > last:
        assert entry is books[-1] and after
    else:
        assert entry.period.covers(year) and not after
        assert sum(b.period.covers(year) for b in books) == 1


@given(contiguous_periods(), st.data())
def test_moving_one_boundary_is_an_overlap_or_a_gap(books, data):
    if len(books) < 2:
        return
    i = data.draw(st.integers(1, len(books) - 1))
    shift = data.draw(st.sampled_from([-1, 1]))
    p = books[i].period
    if p.first + shift > p.last:
        return
    moved = books[:i] + [Entry(books[i].id, "", "", books[i].path, Period(p.first + shift, p.last, p.basis))] + books[i + 1:]
    msgs = [m for _, m in period_problems(moved)]
    assert len(msgs) == 1 and ("重叠" in msgs[0] if shift < 0 else "空档" in msgs[0])
