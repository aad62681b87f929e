"""Rulebooks per era: the report year chooses the rulebook, --rules overrides it, the output
says which and why, and rules that did not exist yet in the report year do not count."""

import json

import pytest

from checker.cli.main import main
from checker.document.model import build_document
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.paths import RULES_DIR
from checker.rulebook.model import load_rulebook
from checker.rulebook.select import ERAS, choose_rulebook, rulebook_for_year
from conftest import SEED, check_text

CONTRACT = ("functions", "decision", "enforcement", "oversight", "disputes", "shortcomings", "next_steps",
            "first_responsible")
NATIONAL = sorted(p.stem for p in RULES_DIR.glob("national-*.yaml"))
REPORT_PARTS = ("measures", "shortcomings", "causes", "first_responsible", "next_steps")


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


# which seed gets which rulebook, and why: the year each report covers
CHOSEN = {"000": (2019, "national-2015"), "001": (2024, "national-2021"), "002": (2021, "national-2021"),
          "003": (2015, "national-2015"), "004": (2021, "national-2021")}


@pytest.mark.parametrize("key", sorted(CHOSEN))
def test_the_report_year_chooses_the_rulebook(key):
    year, rid = CHOSEN[key]
    book, reason = choose_rulebook(load(SEED[key]), None)
    assert book.id == rid
    assert f"按报告年度 {year} 年自动选择" in reason
    # the period the rulebook's basis covers (issue 16: no longer "2021 年度及以后")
    assert ("2020 年度及以前" if rid == "national-2015" else "2021—2025 年度") in reason


def test_rules_option_overrides_the_year():
    book, reason = choose_rulebook(load(SEED["003"]), "national-2021")
    assert book.id == "national-2021" and "--rules" in reason


def test_unknown_year_is_judged_as_a_current_report():
    assert rulebook_for_year(None) == "national-2021"
    book, reason = choose_rulebook(build_document(["我局依法行政工作报告如下。", "全年办理案件10件。"]), None)
    assert book.id == "national-2021" and "未能识别报告年度" in reason


def test_eras_agree_with_each_rulebooks_applies():
    for last, rid in ERAS:
        applies = load_rulebook(rid).applies
        assert applies.get("to_year") == last, rid
    assert [rulebook_for_year(y) for y in (2014, 2020, 2021, 2030)] == [
        "national-2015", "national-2015", "national-2021", "national-2021"]


@pytest.mark.parametrize("rid", NATIONAL)
def test_every_national_rulebook_has_the_contract_ids_and_100_points(rid):
    book = load_rulebook(rid)
    ids = [e.id for e in book.elements]
    assert set(CONTRACT) <= set(ids) and len(ids) == len(set(ids))
    assert sum(e.weight for e in book.elements) == 100
    for e in book.elements:
        assert e.basis and "《" in e.basis and e.advice and e.examples.get("pass"), (rid, e.id)


def test_the_2015_rulebook_follows_the_2015_plan():
    ids = {e.id for e in load_rulebook("national-2015").elements}
    assert "capacity" in ids  # 第八部分: 法治思维和依法行政能力
    assert not {"emergency", "digital"} & ids  # chapters of the 2021 纲要 only


def _report(year: int) -> str:
    return (f"{year}年度法治政府建设情况报告\n一、主要举措和成效\n"
            "（一）严格规范公正文明执法。全年办理行政处罚案件283件，开展案卷评查2次。\n"
            "二、存在的问题\n执法人员不足。\n")


@pytest.mark.parametrize("year,mandatory", [(2016, False), (2018, False), (2019, True), (2020, True)])
def test_report_parts_are_mandatory_from_2019(year, mandatory):
    r = check_text(_report(year), rules="national-2015")
    flags = {e.id: e.mandatory for e in r.elements}
    assert all(flags[i] is mandatory for i in REPORT_PARTS if i != "first_responsible" or year >= 2017)
    if not mandatory:
        assert "2019 年起才是必备要素" in r.element("causes").reason
        assert not any("必备要素" in g for g in r.gate_reasons)


@pytest.mark.parametrize("year,scored", [(2015, False), (2016, False), (2017, True), (2020, True)])
def test_first_responsible_counts_from_2017(year, scored):
    r = check_text(_report(year), rules="national-2015")
    e = r.element("first_responsible")
    assert (e.max_points > 0) is scored
    assert ("2017 年以前尚无此要求" in e.reason) is (not scored)
    assert round(sum(x.max_points for x in r.elements)) == 100  # the other weights fill the 100 points


def test_seed_003_is_judged_as_a_2015_report():
    """清镇市 2015: before the 第一责任人 rule and the 督察规定, so no mandatory part; the missing
    第一责任人 section costs nothing, and the report passes on its score."""
    r = evaluate(load(SEED["003"]), load_rulebook("national-2015"))
    assert r.element("first_responsible").status == "missing" and r.element("first_responsible").max_points == 0
    assert not any(e.mandatory for e in r.elements)
    assert r.passed and r.score >= 75


def test_seed_000_as_a_2019_report_still_needs_the_four_parts():
    """石潭镇 2019: the 督察规定 applies (in force 2019-04-15), so its one-sentence 第一责任人 and
    plans keep it below the gate even under the 2015 plan's rulebook."""
    r = evaluate(load(SEED["000"]), load_rulebook("national-2015"))
    assert not r.passed
    assert "第一责任人职责履行" in r.gate_reasons[-1] and "下一年度工作安排" in r.gate_reasons[-1]


def test_json_and_scorecard_say_which_rulebook_and_why(capsys):
    code, out, _ = run([SEED["003"], "--format", "json"], capsys)
    d = json.loads(out)
    assert d["rulebook"]["id"] == "national-2015" and "2015 年" in d["rulebook"]["reason"]
    code, out, _ = run([SEED["003"]], capsys)
    assert "national-2015" in out and "按报告年度 2015 年自动选择" in out
    code, out, _ = run([SEED["003"], "--rules", "national-2021", "-f", "json"], capsys)
    assert json.loads(out)["rulebook"] == {"id": "national-2021", "version": "2021.1", "reason": "由 --rules 指定",
                                           "notice": None}
