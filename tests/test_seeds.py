"""The five real reports, judged as a careful reviewer reads them (under national-2021).

Each expectation below is a reading of the seed text, with the reason. If the engine changes
one of these, either the engine got worse or the reading was wrong: decide which, and say so.
"""

import pytest

from conftest import SEED, check_seed, statuses

P, A, M = "present", "partial", "missing"

READING = {
    # 2019 town report (石潭镇): chapters follow the 2015–2020 纲要 one by one (一 … 九), then
    # 十、存在的问题和不足 with two "factors" that explain the problems (因素 / 导致). The
    # 第一责任人 appears in one sentence of 九、组织保障; the "plan" is one closing sentence
    # (今后 … 再接再厉). Nothing on emergencies; 信息化 only in passing.
    "000": dict(measures=P, shortcomings=P, causes=P, first_responsible=A, next_steps=A,
                party_leadership=P, functions=P, institutions=P, decision=P, enforcement=P,
                emergency=M, disputes=P, oversight=P, openness=P, digital=A),
    # 2024 town report (黄花店镇): all four 督察规定 parts under their own headings, the
    # shortcomings with causes (导致 / 影响). Work part: leadership and study, enforcement,
    # decisions (三重一大, 法律顾问 134 件), disputes; 规范性文件 only in next year's plan (so
    # missing as work done); no emergencies, nothing digital; 政务公开 one sentence.
    "001": dict(measures=P, shortcomings=P, causes=P, first_responsible=P, next_steps=P,
                party_leadership=P, functions=A, institutions=M, decision=P, enforcement=P,
                emergency=M, disputes=P, oversight=A, openness=A, digital=M),
    # 2021 district report (五通桥区): rich work part covering every task area (疫情防控 as the
    # emergency item), but 二、存在不足 lists three problems without any cause, and the
    # 第一责任人 appears only as a promise in 三、下一步工作打算.
    "002": dict(measures=P, shortcomings=A, causes=M, first_responsible=A, next_steps=P,
                party_leadership=P, functions=P, institutions=P, decision=P, enforcement=P,
                emergency=P, disputes=P, oversight=P, openness=P, digital=A),
    # 2015 city report (清镇市), scraped web page: 依法行政 report before the 第一责任人 rule
    # (Dec 2016) and the 督察规定 (2019): no 第一责任人 at all; 存在的问题 with a single 由于;
    # oversight only in passing.
    "003": dict(measures=P, shortcomings=A, causes=A, first_responsible=M, next_steps=P,
                party_leadership=P, functions=P, institutions=P, decision=P, enforcement=P,
                emergency=M, disputes=P, oversight=A, openness=P, digital=A),
    # 2021 town report (历洞镇), Markdown from a PDF: organised by its own headings, no
    # 主要举措 heading but five work sections; 六、存在不足及下步打算 merges problems (no cause)
    # and plans; 第一责任人 only as "明确了镇长为依法行政工作第一责任人".
    "004": dict(measures=P, shortcomings=A, causes=M, first_responsible=A, next_steps=P,
                party_leadership=P, functions=P, institutions=P, decision=P, enforcement=P,
                emergency=P, disputes=A, oversight=A, openness=A, digital=M),
}

METADATA = {
    "000": dict(year=2019, title=None, issuer=None, date=None, is_annual_report=True, kind="annual_report"),
    "001": dict(year=2024, title=None, issuer="黄花店镇人民政府", date="2024-12-25", is_annual_report=True, kind="annual_report"),
    "002": dict(year=2021, title=None, issuer=None, date=None, is_annual_report=True, kind="annual_report"),
    "003": dict(year=2015, title="深入推进依法行政 全力建设法治政府—清镇市2015年依法行政工作情况报告",
                issuer="清镇市人民政府", date="2015-12-02", is_annual_report=True, kind="annual_report"),
    "004": dict(year=2021, title="2021 年度法治政府建设报告", issuer="郁南县历洞镇人民政府", date=None,
                is_annual_report=True, kind="annual_report"),
}


@pytest.fixture(scope="module")
def reports():
    return {k: check_seed(k) for k in SEED}


@pytest.mark.parametrize("key", sorted(READING))
def test_statuses_match_a_reviewers_reading(reports, key):
    assert statuses(reports[key]) == READING[key]


@pytest.mark.parametrize("key", sorted(METADATA))
def test_metadata(reports, key):
    assert reports[key].metadata.to_dict() == METADATA[key]


def test_only_the_complete_report_passes_the_gate(reports):
    assert {k: r.passed for k, r in reports.items()} == {
        "000": False, "001": True, "002": False, "003": False, "004": False}


def test_gate_names_the_mandatory_parts_that_are_not_present(reports):
    reasons = " ".join(reports["002"].gate_reasons)
    for name in ("存在的不足", "不足的原因分析", "第一责任人职责履行"):
        assert name in reasons
    assert "下一年度工作安排" not in reasons


@pytest.mark.parametrize("key", sorted(SEED))
def test_every_verdict_quotes_the_lines_it_rests_on(reports, key):
    """Evidence is checkable: each quote is (the start of) text on the line it names."""
    lines = SEED[key].read_text(encoding="utf-8").splitlines()
    for e in reports[key].elements:
        if e.status == "missing":
            assert e.evidence == []
            continue
        assert e.evidence, e.id
        for ev in e.evidence:
            quote = ev.text.removesuffix("……")
            head = quote[:15]
            assert head in lines[ev.line - 1], (e.id, ev.line, head)


def test_work_elements_never_take_evidence_from_shortcomings_or_plans(reports):
    """002: 行政执法 appears in its 存在不足 and 下一步 parts; enforcement evidence must not."""
    r = reports["002"]
    tail_start = 9  # line of 二、存在不足
    for eid in ("functions", "decision", "enforcement", "oversight", "disputes"):
        assert all(ev.line < tail_start for ev in r.element(eid).evidence), eid


def test_first_responsible_promise_is_explained(reports):
    e = reports["002"].element("first_responsible")
    assert e.evidence[0].line == 12 and "第一责任人" in e.evidence[0].text
    assert "承诺" in e.reason


def test_missing_and_partial_elements_carry_advice_and_basis(reports):
    for r in reports.values():
        for e in r.elements:
            assert e.basis
            assert (e.advice is None) == (e.status == "present")


def test_score_and_grade_are_consistent(reports):
    for r in reports.values():
        assert r.score == round(sum(e.points for e in r.elements), 1)
        assert 0 <= r.score <= 100
        expected = "优" if r.score >= 90 else "良" if r.score >= 75 else "中" if r.score >= 60 else "差"
        assert r.grade == expected
        assert round(sum(e.max_points for e in r.elements)) == 100
