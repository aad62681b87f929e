"""Promise tracking (issue 15, point 1): last year's 下一年度安排 against this year's work part.

tests/data/track/ holds three pairs of reports written for these tests, each by one body in two
consecutive years, in three layouts: 石门县 (plans as 一是…七是 items in one paragraph, year N+1
signed 石门县政府 instead of 石门县人民政府), 临川市生态环境局 (plans under （一）…（五）
run-in headings) and 柳河镇 (1. 2. … items after the shortcomings in one part). Year N+1 reports some promises as done, some in other words, some partly, and
leaves others out (one of them repeated as next year's plan, one named only as a shortcoming).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.judge.context import Context
from checker.judge.engine import evaluate
from checker.ingest import ReadOptions, load
from checker.document.metadata import metadata_of
from checker.rulebook.select import choose_rulebook
from checker.track import analysis
from checker.track.extract import promises_of
from checker.track.issuer import body_key, same_body
from checker.track.match import match
from checker.track.pair import track_pair
from conftest import ROOT, SEEDS

DATA = ROOT / "tests" / "data" / "track"
CASEBOOK = ROOT / "tests" / "data" / "casebook"
CHECK = [sys.executable, "-m", "checker"]
SHIMEN = (DATA / "shimen_2023.txt", DATA / "shimen_2024.txt")
LINCHUAN = (DATA / "linchuan_2022.txt", DATA / "linchuan_2023.txt")
LIUHE = (DATA / "liuhe_2022.txt", DATA / "liuhe_2023.txt")


def _ctx(path):
    doc = load(path, ReadOptions())
    book, _ = choose_rulebook(doc, None)
    return doc, Context.build(doc, book)


def _ctx_text(tmp_path, text, name="this.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return _ctx(p)[1]


def _verdicts(last, this):
    return [(p, v) for p, v in match(promises_of(_ctx(last)[1]), _ctx(this)[1])]


# ---------------------------------------------------------------- extraction


def test_promises_of_numbered_items_skip_the_slogan():
    ps = promises_of(_ctx(SHIMEN[0])[1])
    assert [p.text[:2] for p in ps] == ["一是", "二是", "三是", "四是", "五是", "六是"]  # 七是 is a slogan
    assert all(p.line == 16 for p in ps)  # the paragraph's line in the file
    assert ps[0].text.startswith("一是制定并公布2024年度重大行政决策事项目录")  # not the intro before it
    assert not any("依法行政水平" in p.text for p in ps)


def test_promises_of_headed_sections_skip_the_slogan():
    ps = promises_of(_ctx(LINCHUAN[0])[1])
    assert [(p.line, p.text[:3]) for p in ps] == [(14, "（一）"), (15, "（二）"), (16, "（三）"), (18, "（五）")]
    # the run-in heading is the theme; the tasks are the text under it
    assert ps[1].tasks == ("全面推行移动执法系统", "实现现场检查全过程记录", "开展执法案卷评查2次")


def test_a_plans_part_of_slogans_only_makes_no_promise():
    ctx = _ctx(CASEBOOK / "20_next_slogan.txt")[1]
    assert promises_of(ctx) == []


def test_no_plans_part_no_promise(tmp_path):
    ctx = _ctx_text(tmp_path, "石门县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政处罚案件2107件。\n")
    assert promises_of(ctx) == []


# ---------------------------------------------------------------- matching

SHIMEN_EXPECTED = {"一是": "kept", "二是": "kept", "三是": "partial", "四是": "missing", "五是": "partial", "六是": "missing"}


def test_each_promise_of_the_numbered_pair_gets_its_status_with_evidence():
    got = {p.text[:2]: v for p, v in _verdicts(*SHIMEN)}
    assert {k: v.status for k, v in got.items()} == SHIMEN_EXPECTED
    quotes = {k: " ".join(e.text for e in v.evidence) for k, v in got.items()}
    assert "2024年度重大行政决策事项目录" in quotes["一是"]
    assert "《石门县行政规范性文件管理办法》" in quotes["二是"] and "集中清理" in quotes["二是"]
    assert "轮训" in quotes["三是"]  # said in other words: 乡镇综合执法队员分3期参加业务轮训
    assert "法律顾问" in quotes["五是"]  # 150 of 186 villages: not 全覆盖
    for k, v in got.items():
        assert bool(v.evidence) == (v.status != "missing"), k
        assert all(e.line > 0 and e.text for e in v.evidence)


def test_each_promise_of_the_headed_pair_gets_its_status_with_evidence():
    got = {p.text[:3]: v for p, v in _verdicts(*LINCHUAN)}
    assert {k: v.status for k, v in got.items()} == {"（一）": "partial", "（二）": "partial", "（三）": "kept",
                                                     "（五）": "missing"}
    assert "六五环境日" in got["（一）"].evidence[0].text  # a reworded deed (以…为契机举办主题宣传活动)
    assert "执法案卷评查2次" in got["（二）"].evidence[0].text  # 移动执法系统 is not reported
    assert "自由裁量权基准" in got["（三）"].evidence[0].text


def test_arabic_numbered_plans_after_the_shortcomings_in_one_part():
    """柳河镇: plans numbered 1. 2. … after 下一步，我镇将… inside 存在问题及下一步工作打算; THIS
    reports them in its own words (建成镇法治文化广场, 大河村被评为市级民主法治示范村)."""
    got = _verdicts(*LIUHE)
    assert [(p.line, v.status) for p, v in got] == [(12, "kept"), (13, "kept"), (14, "kept"), (15, "missing")]
    assert "法治文化广场" in got[0][1].evidence[0].text and "法律明白人104名" in got[1][1].evidence[0].text
    assert "市级民主法治示范村" in got[2][1].evidence[0].text


def test_evidence_never_comes_from_the_plans_or_the_shortcomings():
    # 石门 2024 promises 执法监督平台 again for 2025, 临川 2023 names 环境信用评价 as a shortcoming
    s = {p.text[:2]: v for p, v in _verdicts(*SHIMEN)}
    assert s["四是"].status == "missing"
    lc = {p.text[:3]: v for p, v in _verdicts(*LINCHUAN)}
    assert lc["（五）"].status == "missing"


BASE = """石门县人民政府关于2024年度法治政府建设情况的报告
一、2024年度推进法治政府建设的主要举措和成效
（一）推进行政决策科学化民主化法治化。{deed}县政府法律顾问参与审查合同、协议82件。
（二）严格规范公正文明执法。全县行政执法机关办理行政处罚案件2107件。
二、存在的不足和原因
基层执法力量仍较薄弱，原因在于培训不够。
三、2025年度推进法治政府建设的主要安排
一是开展行政复议规范化建设。
石门县人民政府
2025年2月18日
"""


@pytest.mark.parametrize("deed", [
    "2月公布了2024年度重大行政决策事项目录，列入事项5项。",
    "印发《2024年度重大行政决策事项目录》，列入事项5项。",
    "编制并向社会公开2024年度重大行政决策事项目录，共5项。",
    "县政府2024年度重大行政决策事项目录已于2月正式发布。",
    "经县政府常务会议审议，确定重大行政决策事项5项，形成并公布年度重大行政决策事项目录。",
])
def test_the_object_done_in_other_words_is_kept(tmp_path, deed):
    last = promises_of(_ctx(SHIMEN[0])[1])[:1]
    assert "重大行政决策事项目录" in last[0].text
    (p, v), = match(last, _ctx_text(tmp_path, BASE.format(deed=deed)))
    assert v.status in ("kept", "partial"), deed
    assert any("重大行政决策事项目录" in e.text for e in v.evidence)


@pytest.mark.parametrize("deed", [
    "继续推进决策规范化。",
    "持续推进重大行政决策规范化建设，不断提升决策水平。",
    "严格落实重大行政决策程序规定。",
])
def test_plan_verbs_and_generic_words_alone_do_not_keep_a_promise(tmp_path, deed):
    last = promises_of(_ctx(SHIMEN[0])[1])[:1]
    (p, v), = match(last, _ctx_text(tmp_path, BASE.format(deed=deed)))
    assert v.status != "kept", deed


def test_a_year_of_slogans_keeps_no_promise():
    """石门 2024 written as slogans on the same themes (持续完善依法决策机制。严格落实重大行政决策
    程序…): themes and plan verbs, no deed. Nothing is kept."""
    got = _verdicts(SHIMEN[0], DATA / "shimen_2024_slogans.txt")
    assert len(got) == 6 and not any(v.status == "kept" for _, v in got)
    assert [v.status for _, v in got].count("missing") >= 2


def test_a_report_that_only_says_the_work_goes_on_is_partial_at_most(tmp_path):
    last = promises_of(_ctx(SHIMEN[0])[1])[:1]
    (p, v), = match(last, _ctx_text(tmp_path, BASE.format(deed="正在研究制定2024年度重大行政决策事项目录。")))
    assert v.status == "partial"


@pytest.mark.parametrize("deed, status", [
    ("修订出台《行政规范性文件管理办法》，5月完成规范性文件集中清理。", "kept"),  # without the county's name
    ("修订出台《石门县行政规范性文件管理办法（2024年修订）》，5月完成规范性文件集中清理。", "kept"),
    ("修订了县行政规范性文件管理办法，5月完成规范性文件集中清理。", "kept"),  # not quoted, nearly the same
    ("出台《石门县重大行政决策程序规定》，5月完成规范性文件集中清理。", "partial"),  # another document
    ("出台《石门县重大行政决策程序规定》。", "missing"),
])
def test_a_named_document_must_be_named(tmp_path, deed, status):
    last = promises_of(_ctx(SHIMEN[0])[1])[1:2]
    assert "《石门县行政规范性文件管理办法》" in last[0].text
    (p, v), = match(last, _ctx_text(tmp_path, BASE.format(deed=deed)))
    assert v.status == status, deed


FIGURES_LAST = """青山县人民政府关于2024年度法治政府建设情况的报告
一、2024年度推进法治政府建设的主要举措和成效
全县行政执法机关办理行政处罚案件2107件。
二、存在的不足和原因
基层执法力量仍较薄弱，原因在于培训不够。
三、2025年度推进法治政府建设的主要安排
一是开展民法典进乡村普法宣讲活动不少于10场。
二是组织行政执法人员专题轮训，轮训不少于3期。
三是将行政复议纠错率控制在5%以内。
青山县人民政府
2025年2月18日
"""
FIGURES_THIS = """青山县人民政府关于2025年度法治政府建设情况的报告
一、2025年度推进法治政府建设的主要举措和成效
（一）普法。{first}
（二）执法。{second}
（三）复议。{third}
二、存在的不足和原因
基层执法力量仍较薄弱，原因在于培训不够。
三、2026年度推进法治政府建设的主要安排
一是继续开展行政执法人员轮训。
青山县人民政府
2026年2月10日
"""


@pytest.mark.parametrize("first, second, third, statuses, notes", [
    # as many as promised, or more: kept
    ("全年开展民法典进乡村普法宣讲活动12场，覆盖群众3000人。", "组织行政执法人员专题轮训3期，参训420人次。",
     "全年行政复议纠错率为3%。", ["kept", "kept", "kept"], [None, None, None]),
    # fewer than promised: partly; a limit kept under (3% of a 5% cap) is not short
    ("全年开展民法典进乡村普法宣讲活动8场。", "组织行政执法人员专题轮训两期。",
     "全年行政复议纠错率为3%。", ["partial", "partial", "kept"], ["安排 10场，本报告 8场", "安排 3期，本报告 2期", None]),
    # no figure in that unit: the object decides, as before
    ("深入乡村开展民法典进乡村普法宣讲活动，群众反响良好。", "组织行政执法人员专题轮训，参训420人次。",
     "全年行政复议纠错率为3%。", ["kept", "kept", "kept"], [None, None, None]),
    # in Chinese numerals
    ("全年开展民法典进乡村普法宣讲活动十二场。", "组织行政执法人员专题轮训二期。",
     "全年行政复议纠错率为3%。", ["kept", "partial", "kept"], [None, "安排 3期，本报告 2期", None]),
])
def test_a_promised_figure_must_be_reached(tmp_path, first, second, third, statuses, notes):
    """A plan that gives a figure (不少于10场, 3期) is kept only when THIS reports as many; fewer
    makes it partial with a note saying how many of how many. Without a figure in that unit,
    the object decides, and a limit (控制在5%以内) is no figure to reach."""
    last = promises_of(_ctx_text(tmp_path, FIGURES_LAST, "last.txt"))
    assert len(last) == 3
    got = match(last, _ctx_text(tmp_path, FIGURES_THIS.format(first=first, second=second, third=third)))
    assert [v.status for _, v in got] == statuses
    for (_, v), note in zip(got, notes):
        assert (note is None and not v.notes) or (note is not None and any(note in n for n in v.notes))
        assert v.status == "missing" or v.evidence


def test_a_short_figure_reaches_the_json_and_both_scorecards(tmp_path):
    from checker.render.scorecard import render_html

    (tmp_path / "last.txt").write_text(FIGURES_LAST, encoding="utf-8")
    (tmp_path / "this.txt").write_text(FIGURES_THIS.format(
        first="全年开展民法典进乡村普法宣讲活动8场。", second="组织行政执法人员专题轮训3期。",
        third="全年行政复议纠错率为3%。"), encoding="utf-8")
    r = track_pair(str(tmp_path / "last.txt"), str(tmp_path / "this.txt")).this
    row = r.promises[0]
    assert row["status"] == "partial" and row["note"] == "数量未达到：安排 10场，本报告 8场"
    assert all("note" not in other for other in r.promises[1:])
    assert "数量未达到：安排 10场，本报告 8场" in render_html(r)
    out = subprocess.run(CHECK + ["track", str(tmp_path / "last.txt"), str(tmp_path / "this.txt")],
                         capture_output=True, text=True, cwd=ROOT)
    assert "数量未达到：安排 10场，本报告 8场" in out.stdout


@pytest.mark.parametrize("task, found", [
    ("开展普法活动不少于10场", "开展普法活动8场"),
    ("组织培训不少于十二期", "组织培训10期"),
    ("法律顾问覆盖率达到100%", "法律顾问覆盖率达到95.5%"),
])
def test_shortfall_says_how_many_of_how_many(task, found):
    from checker.track.match import shortfall

    assert shortfall(task, found).startswith("数量未达到：安排 ")


@pytest.mark.parametrize("task, found", [
    ("开展普法活动不少于10场", "开展普法活动10场"),
    ("开展普法活动不少于10场", "开展普法活动8场、法治讲座12场"),  # the largest in the unit counts
    ("开展普法活动不少于10场", "开展普法活动，覆盖8个村"),  # another unit: not compared
    ("行政复议纠错率控制在5%以内", "行政复议纠错率为3%"),  # a limit
    ("行政诉讼败诉率下降到3%", "败诉率为2%"),
    ("推行“一件事一次办”改革", "办理“一件事一次办”事项0件"),  # a quoted name is no amount
    ("完成第二批示范点创建", "创建示范点1批"),  # an ordinal
    ("群众满意度提高2个百分点", "满意度提高1个百分点"),  # percentage points are not 个
])
def test_no_shortfall_where_there_is_no_amount_to_reach(task, found):
    from checker.track.match import shortfall

    assert shortfall(task, found) is None


@pytest.mark.parametrize("fmt", ["traditional", "docx", "pdf", "gb18030"])
def test_the_same_verdicts_whatever_the_format_of_this(tmp_path, fmt):
    """THIS in traditional characters, as Word, as PDF (evidence then says page and line) or in
    GB18030: the same statuses as the plain text."""
    import derive_formats

    if fmt == "traditional":
        import opencc

        this = tmp_path / "this.txt"
        this.write_text(opencc.OpenCC("s2t").convert(SHIMEN[1].read_text(encoding="utf-8")), encoding="utf-8")
    elif fmt == "docx":
        this = derive_formats.write_docx(SHIMEN[1], tmp_path / "this.docx")
    elif fmt == "pdf":
        this = derive_formats.write_pdf(SHIMEN[1], tmp_path / "this.pdf")
    else:
        this = derive_formats.write_gb18030(SHIMEN[1], tmp_path / "this.txt")
    pair = track_pair(str(SHIMEN[0]), str(this))
    assert [row["status"] for row in pair.this.promises] == list(SHIMEN_EXPECTED.values())
    assert pair.warnings == []
    if fmt == "pdf":
        ev = pair.this.promises[0]["evidence"][0]
        assert ev["page"] == 1 and ev["page_line"] >= 1


def test_a_heading_names_the_object_and_the_text_under_it_the_deed(tmp_path):
    last = promises_of(_ctx(SHIMEN[0])[1])[3:4]
    assert "执法监督平台" in last[0].text
    text = BASE.replace("（二）严格规范公正文明执法。全县行政执法机关办理行政处罚案件2107件。",
                        "（二）建成县级行政执法监督平台\n平台于6月上线运行，与市级平台实现执法数据互联互通，归集执法数据2.1万条。")
    (p, v), = match(last, _ctx_text(tmp_path, text.format(deed="")))
    assert v.status == "kept" and [e.text[:6] for e in v.evidence] == ["（二）建成县", "平台于6月上"]
    # the heading alone, with unrelated text under it, keeps nothing
    from checker.track.extract import Promise

    one = [Promise("建成县级行政执法监督平台。", 1, ("建成县级行政执法监督平台",))]
    (p, v), = match(one, _ctx_text(tmp_path, text.format(deed=""), "this1.txt"))
    assert v.status == "kept"
    text = BASE.replace("（二）严格规范公正文明执法。全县行政执法机关办理行政处罚案件2107件。",
                        "（二）建成县级行政执法监督平台\n全年办理行政处罚案件2107件。")
    (p, v), = match(one, _ctx_text(tmp_path, text.format(deed=""), "this2.txt"))
    assert v.status == "missing"


# ---------------------------------------------------------------- property

_POOL = None


def _pool():
    """Concrete promises of both LAST reports (ten different tasks)."""
    global _POOL
    if _POOL is None:
        _POOL = promises_of(_ctx(SHIMEN[0])[1]) + promises_of(_ctx(LINCHUAN[0])[1])
    return _POOL


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.booleans(), min_size=10, max_size=10))
def test_promises_are_found_only_where_their_text_is(tmp_path, chosen):
    """THIS written from LAST's own items: an item whose text THIS reports is kept or partial,
    with its own sentence as evidence; every other item is missing."""
    pool = _pool()
    assert len(pool) == 10
    body = "".join(f"（{'一二三四五六七八九十'[k]}）" + "，".join(p.tasks) + "。\n"
                   for k, p in enumerate(pool) if chosen[k]) or "全年办理行政处罚案件2107件。\n"
    text = ("石门县人民政府关于2024年度法治政府建设情况的报告\n一、2024年度推进法治政府建设的主要举措和成效\n"
            + body + "二、存在的不足和原因\n基层执法力量仍较薄弱，原因在于培训不够。\n石门县人民政府\n2025年2月18日\n")
    ctx = _ctx_text(tmp_path, text)
    for k, (p, v) in enumerate(match(pool, ctx)):
        if chosen[k]:
            assert v.status in ("kept", "partial") and v.evidence, p.text
        else:
            assert v.status == "missing", (p.text, [e.text for e in v.evidence])


# ---------------------------------------------------------------- report fields, findings, score


def test_track_pair_fills_the_report_and_leaves_the_score_alone():
    pair = track_pair(str(SHIMEN[0]), str(SHIMEN[1]))
    plain = evaluate(load(SHIMEN[1], ReadOptions()), choose_rulebook(load(SHIMEN[1], ReadOptions()), None)[0])
    r = pair.this
    assert (r.score, r.grade, r.passed, r.gate_reasons) == (plain.score, plain.grade, plain.passed, plain.gate_reasons)
    assert [row["status"] for row in r.promises] == list(SHIMEN_EXPECTED.values())
    assert r.promises_from == {"file": str(SHIMEN[0]), "year": 2023, "kept_share": 0.5}
    missing = [f for f in r.findings if f.rule == "track.promise-missing"]
    assert len(missing) == 2 and all(f.severity == "warning" and f.line is None for f in missing)
    assert "第16行" in missing[0].message and "四是建成县级行政执法监督平台" in missing[0].message
    assert "六是开展行政复议规范化建设" in missing[1].message
    assert pair.warnings == []  # one body (人民政府 = 政府), consecutive years
    d = r.to_dict()
    assert d["promises"][0]["evidence"][0]["line"] == 6 and d["promises_from"]["kept_share"] == 0.5


def test_a_plain_check_has_no_promise_fields():
    from conftest import checked

    d = checked(SHIMEN[1]).to_dict()
    assert "promises" not in d and "promises_from" not in d


def test_scoring_never_counts_cross_report_findings():
    """A rulebook penalty is looked up by check id; ``track`` is no check of the rulebook, so even
    a re-scoring of the findings takes nothing off."""
    from checker.rulebook.model import load_rulebook
    from checker.judge.scoring import deduct

    r = track_pair(str(SHIMEN[0]), str(SHIMEN[1])).this
    track = [f for f in r.findings if f.rule.startswith("track.")]
    assert track and deduct(track, load_rulebook("national-2021").checks) == 0


# ---------------------------------------------------------------- renderers


def test_text_scorecard_shows_the_section():
    import io

    from checker.pipeline import Outcome
    from checker.render.text import Renderer

    r = track_pair(str(LINCHUAN[0]), str(LINCHUAN[1])).this
    out = io.StringIO()
    rd = Renderer(out)
    rd.start(1)
    rd.add(Outcome(r.file, report=r))
    text = out.getvalue()
    assert "上年承诺落实情况" in text and "落实率 50%" in text and "[未提及] 上年第18行" in text


def test_html_scorecard_shows_the_section_with_links():
    from checker.render.scorecard import render_html

    r = track_pair(str(SHIMEN[0]), str(SHIMEN[1])).this
    page = render_html(r)
    assert "上年承诺落实情况 <small>" in page and "落实率 50%" in page
    assert '<a class="ev" href="#L6">第6行</a>' in page
    assert 'id="L6"' in render_html(r, pdf=True)  # the PDF gives the evidence line an anchor
    r.promises = r.promises_from = None
    assert "上年承诺落实情况 <small>" not in render_html(r)


def test_html_escapes_promise_text(tmp_path):
    from checker.render.scorecard import render_html

    r = track_pair(str(SHIMEN[0]), str(SHIMEN[1])).this
    r.promises[0]["text"] = "<script>alert(1)</script>"
    assert "<script>alert(1)" not in render_html(r)


# ---------------------------------------------------------------- check track


def _track(*args, cwd=ROOT):
    return subprocess.run([*CHECK, "track", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_check_track_json():
    r = _track(*LINCHUAN, "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["last"]["year"] == 2022 and d["this"]["year"] == 2023
    assert [p["status"] for p in d["promises"]] == ["partial", "partial", "kept", "missing"]
    assert d["promises_from"]["kept_share"] == 0.5 and d["warnings"] == []
    assert r.stderr == ""


def test_check_track_text():
    r = _track(*SHIMEN)
    assert r.returncode == 0, r.stderr
    assert "上年承诺落实情况" in r.stdout and "[已落实] 上年第16行「一是制定并公布" in r.stdout
    assert "本报告第6行「2月公布了2024年度重大行政决策事项目录" in r.stdout


def test_check_track_warns_but_does_not_fail_on_other_body_or_year():
    r = _track(LINCHUAN[0], SHIMEN[1], "--format", "json")
    assert r.returncode == 0
    assert "单位不同" in r.stderr and "年度不相邻" in r.stderr
    assert len(json.loads(r.stdout)["warnings"]) == 2


def test_check_track_html(tmp_path):
    r = _track(*SHIMEN, "--format", "html", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    assert "上年承诺落实情况" in (tmp_path / "shimen_2024.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("make", ["missing", "empty", "binary", "dir"])
def test_check_track_unreadable_input_exits_2_with_one_line(tmp_path, make):
    bad = tmp_path / "bad.txt"
    if make == "empty":
        bad.write_bytes(b"")
    elif make == "binary":
        bad.write_bytes(bytes(range(256)) * 40)
    elif make == "dir":
        bad = tmp_path
    for args in ((bad, SHIMEN[1]), (SHIMEN[0], bad)):
        r = _track(*args)
        assert r.returncode == 2, (make, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("check: ") and "Traceback" not in r.stderr
        assert r.stdout == ""


def test_check_track_usage_errors_exit_2():
    assert _track(*SHIMEN, "--format", "pdf").returncode == 2
    assert _track(SHIMEN[0]).returncode == 2
    r = _track("--help")
    assert r.returncode == 0 and "上一年度报告" in r.stdout


def test_check_track_leaves_inputs_alone(tmp_path):
    import shutil

    a, b = (shutil.copy(p, tmp_path / p.name) for p in SHIMEN)
    before = [Path(p).read_bytes() for p in (a, b)]
    assert _track(a, b, "--format", "html", "-o", tmp_path / "out").returncode == 0
    assert [Path(p).read_bytes() for p in (a, b)] == before


# ---------------------------------------------------------------- issuers


@pytest.mark.parametrize("a, b", [
    ("石门县人民政府", "石门县政府"),
    ("中共石门县委 石门县人民政府", "石门县人民政府"),
    ("中共石门县委、石门县人民政府", "石门县政府"),
    ("黄花店镇人民政府", "天津市武清区黄花店镇人民政府"),
    ("临川市 生态环境局", "临川市生态环境局"),
    ("青山县市场监管局", "青山县市场监督管理局"),  # a department's short name (body_names.yaml)
    ("青山县人社局", "青山县人力资源和社会保障局"),
    ("青山县卫健委", "青山县卫生健康委员会"),
    ("青山县政府办", "青山县人民政府办公室"),
    ("天津市武清区市场监管局", "武清区市场监督管理局"),
])
def test_same_body_written_two_ways(a, b):
    assert same_body(body_key(a), body_key(b))


@pytest.mark.parametrize("a, b", [
    ("石门县人民政府", "石门县人民政府办公室"),
    ("石门县人民政府", "石门县司法局"),
    ("石门县人民政府", "青山县人民政府"),
    ("中共石门县委", "石门县人民政府"),
    ("石门县黄花店镇人民政府", "青山县黄花店镇人民政府"),
    ("石门县政府办", "石门县人民政府"),
    ("石门县市场监管局", "青山县市场监督管理局"),
    ("石门县卫健委", "石门县卫生健康局"),
    ("石门县发改委", "石门县发展和改革局"),
])
def test_different_bodies_stay_apart(a, b):
    assert not same_body(body_key(a), body_key(b))


def test_every_short_name_in_the_data_file_names_a_body_and_is_not_another_full_name():
    from checker.track.issuer import _BODY_END, _short_names

    pairs = _short_names()
    fulls = {full for _, full in pairs}
    assert pairs and all(_BODY_END.search(short) and _BODY_END.search(full) for short, full in pairs)
    assert not {short for short, _ in pairs} & fulls
    assert all(body_key("青山县" + short) == body_key("青山县" + full) for short, full in pairs)


def test_a_body_without_a_place_has_no_key():
    assert body_key("市生态环境局") is None and body_key(None) is None
    assert body_key(None, "关于2024年度法治政府建设情况的报告") is None


def test_key_from_the_title_when_no_issuer():
    assert body_key(None, "深入推进依法行政 全力建设法治政府—清镇市2015年依法行政工作情况报告") == "清镇市政府"
    assert body_key(None, "白石镇2024年法治政府建设工作情况报告") == body_key("白石镇人民政府")


def test_traditional_issuer_is_the_same_body():
    doc, ctx = _ctx(CASEBOOK / "66_traditional.txt")
    meta = metadata_of(ctx)
    key, year, _ = analysis.features(doc, ctx, meta, "66.txt")
    assert key == body_key("青山县人民政府") and year == 2024


# ---------------------------------------------------------------- batch: features / link / apply


def _entry(i, key, year, items=()):
    return (i, f"r{i}.txt", None, (key, year, tuple(items)))


def test_link_pairs_consecutive_years_of_one_body():
    entries = [_entry(0, "石门县政府", 2023, [("一是…", 3, ("任务",))]), _entry(1, "石门县政府", 2024),
               _entry(2, "石门县政府", 2025), _entry(3, "青山县政府", 2024)]
    got = analysis.link(entries)
    assert set(got) == {1, 2}
    assert got[1] == {"file": "r0.txt", "year": 2023, "items": (("一是…", 3, ("任务",)),)}
    assert got[2]["file"] == "r1.txt"


def test_link_skips_gaps_other_bodies_and_unknowns():
    entries = [_entry(0, "石门县政府", 2021), _entry(1, "石门县政府", 2023), _entry(2, "石门县司法局", 2022),
               _entry(3, "石门县政府办公室", 2022), (4, "r4.txt", None, None), _entry(5, "青山县政府", 2022)]
    assert analysis.link(entries) == {}


def test_link_same_year_duplicates_are_no_last_but_still_this():
    entries = [_entry(0, "石门县政府", 2023), _entry(1, "石门县政府", 2023), _entry(2, "石门县政府", 2024),
               _entry(3, "石门县政府", 2022)]
    got = analysis.link(entries)
    assert 2 not in got  # which 2023 report made the promises cannot be told
    assert got[0]["file"] == got[1]["file"] == "r3.txt"


def test_link_joins_a_name_without_its_higher_places_when_unambiguous():
    entries = [_entry(0, "天津市武清区黄花店镇政府", 2023), _entry(1, "黄花店镇政府", 2024)]
    assert analysis.link(entries)[1]["file"] == "r0.txt"
    # two bodies could be meant: the short name is paired with neither
    entries = [_entry(0, "甲市乙区黄花店镇政府", 2023), _entry(1, "丙市丁区黄花店镇政府", 2023),
               _entry(2, "黄花店镇政府", 2024)]
    assert analysis.link(entries) == {}


def _features(path):
    doc, ctx = _ctx(path)
    return analysis.features(doc, ctx, metadata_of(ctx), str(path))


def test_batch_hook_end_to_end():
    files = [*SHIMEN, *LINCHUAN, *LIUHE]
    entries = [(i, str(f), None, _features(f)) for i, f in enumerate(files)]
    links = analysis.link(entries)
    assert {i: c["file"] for i, c in links.items()} == {1: str(SHIMEN[0]), 3: str(LINCHUAN[0]), 5: str(LIUHE[0])}
    doc = load(SHIMEN[1], ReadOptions())
    report = evaluate(doc, choose_rulebook(doc, None)[0])
    score = (report.score, report.grade, report.passed)
    analysis.apply(report, doc, links[1])
    assert [row["status"] for row in report.promises] == list(SHIMEN_EXPECTED.values())
    assert report.promises_from["year"] == 2023 and (report.score, report.grade, report.passed) == score
    from checker.across import ANALYSES

    assert ANALYSES["promises"] is analysis.ANALYSIS  # registered: every batch runs it
    import pickle

    assert len(pickle.dumps(entries[0][3])) < 1000  # small: the main process holds them all
    assert analysis.unpack(entries[0][3][2]) == promises_of(_ctx(SHIMEN[0])[1])


def test_no_false_pairing_among_the_seeds_and_the_casebook():
    """The seeds are five bodies (two without a recognisable issuer), the casebook one county in
    2016, 2020 and 2024 plus documents that are not annual reports (a 2025 notice of the county
    government's office): no pair among them."""
    files = [*SEEDS, *sorted(CASEBOOK.glob("*.txt"))]
    entries = [(i, str(f), None, _features(f)) for i, f in enumerate(files)]
    assert analysis.link(entries) == {}
    keys = {Path(f).name[:3]: feat[0] for (_, f, _, feat) in entries if feat is not None}
    assert keys["001"] == "黄花店镇政府" and keys["003"] == "清镇市政府" and keys["004"] == "郁南县历洞镇政府"
    assert "000" not in keys and "002" not in keys  # 我镇 / 我区: no body named


def test_seed_re_dated_as_next_year_keeps_nothing_it_did_not_report(tmp_path):
    """Seed 002 (2021) against itself re-dated 2022: its plans are matched only against its work
    part; nothing is kept on the strength of the plan text itself."""
    src = (ROOT / "seeds" / "002_b542ebc651edcfe6.txt").read_text(encoding="utf-8")
    last = promises_of(_ctx(ROOT / "seeds" / "002_b542ebc651edcfe6.txt")[1])
    assert len(last) == 3
    ctx = _ctx_text(tmp_path, src.replace("2021年", "2022年"))
    for p, v in match(last, ctx):
        for e in v.evidence:
            assert ctx.labels[next(i for i, s in enumerate(ctx.sentences) if s.line == e.line)] in ("work", "responsible")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_pairs_the_years_of_one_body_by_itself(tmp_path, capsys, jobs):
    """``check FOLDER``: the 2024 report of a body gets its 2023 promises judged, in the JSON and
    as findings, with no command but the batch; the 2023 report, with no year before it, none."""
    import shutil

    from checker.cli.main import main

    folder = tmp_path / "reports"
    folder.mkdir()
    for f in (*SHIMEN, *LIUHE):
        shutil.copy(f, folder / f.name)
    with pytest.raises(SystemExit):
        main([str(folder), "--format", "json", "-j", jobs])
    reports = {Path(r["file"]).name: r for r in json.loads(capsys.readouterr().out)["reports"]}
    this = reports[SHIMEN[1].name]
    assert [row["status"] for row in this["promises"]] == list(SHIMEN_EXPECTED.values())
    assert this["promises_from"]["file"].endswith(SHIMEN[0].name) and this["promises_from"]["year"] == 2023
    assert all(ev["line"] >= 1 for row in this["promises"] if row["status"] != "missing" for ev in row["evidence"])
    missing = sum(1 for s in SHIMEN_EXPECTED.values() if s == "missing")
    assert sum(f["rule"] == "track.promise-missing" for f in this["findings"]) == missing
    assert "promises" not in reports[SHIMEN[0].name]
    assert "promises" in reports[LIUHE[1].name] and "promises" not in reports[LIUHE[0].name]


def test_no_promises_turns_the_pairing_off(tmp_path, capsys):
    import shutil

    from checker.cli.main import main

    for f in SHIMEN:
        shutil.copy(f, tmp_path / f.name)
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--format", "json", "--no-promises"])
    reports = json.loads(capsys.readouterr().out)["reports"]
    assert all("promises" not in r and "similar" in r for r in reports)
