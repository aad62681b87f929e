"""The depth checks on the five seeds, each under the rulebook chosen for its year, and on
variants of the seeds that change one thing a reviewer would look at.

What each seed should get, and why (a reading of the seed text):
- 000, 石潭镇 2019 (national-2015): the body opens with "在区政府正确领导和区法制局的大力支持下":
  the local 法制局 reform was due by March 2019, so a 2019 report naming it as a current body is
  outdated (timeliness.fazhiban). Only 19% of work sentences hold a figure and the 决策 and 社会监督
  sections have none (concreteness). Its shortcomings name their causes (因素, 导致), and there is
  no plans part of its own (the element next_steps covers that). No title, issuer or date: the
  scraped page kept only the body.
- 001, 黄花店镇 2024 (national-2021): dated 2024-12-25, inside the year it reports on
  (metadata.date-in-year). Each problem of its 不足和原因 gives causes (影响了, 加之, 导致); its
  plans carry targets (不少于); it cites 习近平法治思想 and 二十大. No title line.
- 002, 五通桥区 2021 (national-2021): 二、存在不足 lists three problems (一是…三是) without any cause
  (cause_analysis.no-causes); 三、下一步工作打算 is ten sentences without one figure, deadline or
  target (next_year.no-measurable). No title, issuer or date.
- 003, 清镇市 2015 (national-2015): dated 2015-12-02, inside its year; four problems, one cause
  (a single 由于); 31 sentences of plans without a measurable target; a long work part with 6% of
  sentences holding a figure (seven sections of slogans only).
- 004, 历洞镇 2021 (national-2021): still cites “七五”普法 and 《…第七个五年规划（2016-2021年）》 in
  a 2021 report (timeliness.qiwu-pufa); it names 习近平新时代中国特色社会主义思想 but never
  习近平法治思想 (timeliness.xi-thought-missing); the merged 存在不足及下步打算 gives no cause and
  the plans no target; few figures; one closing section of 套话 only. No date.
"""

import pytest

from checker.document.model import build_document
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.ingest.plain import split_lines
from checker.rulebook.model import load_rulebook
from checker.rulebook.select import choose_rulebook
from conftest import SEED

EXPECTED = {
    "000": {"metadata.title-missing", "metadata.issuer-missing", "metadata.date-missing", "timeliness.fazhiban",
            "concreteness.slogans-only", "concreteness.low-share"},
    "001": {"metadata.title-missing", "metadata.date-in-year"},
    "002": {"metadata.title-missing", "metadata.issuer-missing", "metadata.date-missing", "cause_analysis.no-causes",
            "next_year.no-measurable"},
    "003": {"metadata.date-in-year", "cause_analysis.few-causes", "next_year.no-measurable",
            "concreteness.slogans-only", "concreteness.low-share"},
    "004": {"metadata.date-missing", "timeliness.qiwu-pufa", "timeliness.xi-thought-missing",
            "cause_analysis.no-causes", "next_year.no-measurable", "concreteness.slogans-only",
            "concreteness.low-share", "boilerplate.mostly-boilerplate"},
}


def default_run(doc):
    book, _ = choose_rulebook(doc, None)
    return evaluate(doc, book)


def seed_text(key: str) -> str:
    return SEED[key].read_text(encoding="utf-8")


def run_text(text: str, rules: str | None = None):
    doc = build_document(split_lines(text), "variant.txt")
    return evaluate(doc, load_rulebook(rules)) if rules else default_run(doc)


def rules_of(report) -> set[str]:
    return {f.rule for f in report.findings}


@pytest.fixture(scope="module")
def reports():
    return {k: default_run(load(p)) for k, p in SEED.items()}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_seed_gets_the_findings_a_reviewer_would_give(reports, key):
    assert rules_of(reports[key]) == EXPECTED[key]


def test_findings_point_at_the_lines_they_are_about(reports):
    def line(key, rule):
        return next(f.line for f in reports[key].findings if f.rule == rule)
    assert line("000", "timeliness.fazhiban") == 1
    assert line("001", "metadata.date-in-year") == 22 and seed_text("001").splitlines()[21] == "2024年12月25日"
    assert line("002", "cause_analysis.no-causes") == 9  # 二、存在不足
    qiwu = next(f for f in reports["004"].findings if f.rule == "timeliness.qiwu-pufa")
    assert qiwu.line == 15 and "“七五普法”" in qiwu.message and "等 4 处" in qiwu.message


def test_no_depth_finding_costs_points_under_the_national_rulebooks(reports):
    for r in reports.values():
        assert r.score == round(sum(e.points for e in r.elements), 1)


# ---------- variants: change one thing, the finding follows ----------

def test_causes_added_to_002_clear_the_finding():
    text = seed_text("002").replace("有待完善。", "有待完善，主要原因是部门之间信息不共享。").replace(
        "有待提速。", "有待提速，原因在于编制调整滞后。").replace("有待增强。", "有待增强，主要是由于培训经费不足。")
    assert "cause_analysis.no-causes" not in rules_of(run_text(text))
    assert "cause_analysis.few-causes" not in rules_of(run_text(text))


def test_one_cause_for_three_problems_is_too_few():
    text = seed_text("002").replace("有待完善。", "有待完善，主要原因是部门之间信息不共享。")
    assert "cause_analysis.few-causes" in rules_of(run_text(text))


@pytest.mark.parametrize("date,expected", [
    ("2025年2月20日", set()),
    ("2025年4月1日", set()),
    ("2025年4月8日", {"metadata.date-late"}),
    ("2023年12月25日", {"metadata.date-before-year"}),
])
def test_the_date_window_of_001(date, expected):
    r = run_text(seed_text("001").replace("2024年12月25日", date))
    assert {x for x in rules_of(r) if x.startswith("metadata.date")} == expected


def test_a_2018_report_is_due_by_the_end_of_march():
    """Before the 督察规定 (2019) the 2015 纲要 asked for the report in the first quarter."""
    text = seed_text("003").replace("2015年12月2日", "2016年4月1日")
    assert "metadata.date-late" in rules_of(run_text(text))
    assert "metadata.date-late" not in rules_of(run_text(seed_text("003").replace("2015年12月2日", "2016年3月20日")))


def test_title_must_name_the_subject_of_its_era():
    title = "深入推进依法行政 全力建设法治政府—清镇市2015年依法行政工作情况报告"
    assert "metadata.title-subject" not in rules_of(run_text(seed_text("003")))  # 依法行政 is right in 2015
    assert "metadata.title-subject" in rules_of(run_text(seed_text("003").replace(title, "清镇市2015年工作情况报告")))
    as_2021 = seed_text("004").replace("2021 年度法治政府建设报告", "2021 年度依法行政工作报告")
    assert "metadata.title-subject" in rules_of(run_text(as_2021))


def test_a_renamed_or_former_body_is_not_outdated():
    assert "timeliness.fazhiban" not in rules_of(run_text(seed_text("000").replace("区法制局", "区司法局")))
    assert "timeliness.fazhiban" not in rules_of(run_text(seed_text("000").replace("区法制局", "原区法制局")))


def test_qiwu_pufa_is_current_in_a_2020_report():
    text = seed_text("004").replace("2021 年度法治政府建设报告", "2020 年度法治政府建设报告").replace(
        "2021 年度，我镇", "2020 年度，我镇")
    r = run_text(text)
    assert r.rulebook_id == "national-2015" and r.metadata.year == 2020
    assert not {x for x in rules_of(r) if x.startswith("timeliness.")}


def test_nineteenth_congress_as_the_latest_in_2024():
    text = seed_text("001").replace("党的二十大和二十届二中、三中全会", "党的十九大和十九届历次全会")
    assert "timeliness.shijiuda" in rules_of(run_text(text))


def test_xi_thought_in_a_2018_report_is_an_anachronism():
    text = seed_text("000").replace("2019年,在区政府", "2018年,在区政府").replace(
        "我镇紧紧围绕", "我镇深入学习贯彻习近平法治思想，紧紧围绕")
    r = run_text(text)
    assert r.metadata.year == 2018 and "timeliness.xi-thought-early" in rules_of(r)


def test_praise_in_the_shortcomings_part_of_001():
    text = seed_text("001").replace("(一)教育引导不够深入。", "(一)各项任务圆满完成，受到上级好评。教育引导不够深入。")
    r = run_text(text)
    assert "self_praise.praise-in-shortcomings" in rules_of(r)
    assert "self_praise.praise-in-shortcomings" not in rules_of(run_text(seed_text("001")))


def test_plans_that_name_the_report_year_restate_it():
    text = seed_text("001").replace("四、下一年度推进法治政府建设的主要安排", "四、2024年推进法治政府建设的主要安排")
    assert "next_year.wrong-year" in rules_of(run_text(text))


def test_plans_that_report_what_was_done():
    plans = "四、下一年度推进法治政府建设的主要安排\n"
    past = "全年共办理案件50件。已完成执法案卷评查。开展了普法宣传3次。累计调解纠纷20起。\n"
    text = seed_text("001").split(plans)[0] + plans + past + "黄花店镇人民政府\n2025年2月20日\n"
    assert "next_year.restates-past" in rules_of(run_text(text))


def test_a_work_section_of_slogans_in_002():
    head = "(一)践行习近平法治思想,强化法治创新引领。"
    lines = seed_text("002").splitlines()
    i = next(n for n, s in enumerate(lines) if s.startswith(head))
    lines[i] = head + "我区高度重视法治建设。扎实推进各项工作。取得了明显成效。营造了良好的法治氛围。"
    assert "boilerplate.mostly-boilerplate" in rules_of(run_text("\n".join(lines)))
    assert "concreteness.slogans-only" in rules_of(run_text("\n".join(lines)))
