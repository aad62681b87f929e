"""``check diff OLD NEW``: what a revision fixed and what it broke, on drafts derived from the seeds.

A draft is a seed with a section deleted (as tests/test_deletion.py deletes them), with sections
swapped, blank lines inserted or lines re-wrapped (nothing changed but the layout), with a
sentence added, or the same report in another format.
"""

from __future__ import annotations

import json
import os
import re

import pytest

import derive_formats as derive
from checker.cli.main import main
from checker.judge.context import Context
from checker.diff import compare, diff_reports, render_html, to_dict
from checker.diff.compare import match_findings, quoted, text_key
from checker.document.model import build_document
from checker.ingest import load
from checker.ingest.plain import split_lines
from checker.pipeline import Options
from checker.judge.result import Finding
from conftest import ROOT, SEED, SEEDS
from test_deletion import CASES, delete_section
from test_noise import rewrap

# one deleted section per seed: (seed, heading, elements that rest on it alone)
ONE_PER_SEED = [next(c for c in CASES if c[0] == key) for key in sorted(SEED)]
SEEDS_2021 = ["001", "002", "004"]  # judged by national-2021 (000 and 003 are 2019/2015 reports)


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main(["diff", *[str(a) for a in args]])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def seed_lines(key: str) -> list[str]:
    return split_lines(SEED[key].read_text(encoding="utf-8"))


def write(path, lines: list[str]):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cut(tmp_path, book, key: str, heading: str):
    return write(tmp_path / f"{key}_cut.txt", delete_section(seed_lines(key), book, heading))


# --- layout-only changes ------------------------------------------------------------------

def swap_sections(lines: list[str], book) -> tuple[list[str], tuple[str, str]]:
    """The first two neighbouring sections of one level swapped (sub-sections （一）（二） when the
    report has them, else top-level ones), each with all its lines; nothing else changes."""
    ctx = Context.build(build_document(lines), book)
    n = len(ctx.sentences)
    start = lambda s: ctx.sentences[s.start].line
    end = lambda s: ctx.sentences[s.end].line if s.end < n else len(lines) + 1
    secs = [s for s in ctx.outline.sections() if s.kind != "item" and not s.runin]
    pairs = [(a, b) for a, b in zip(secs, secs[1:]) if a.kind == b.kind and end(a) == start(b)]
    pairs.sort(key=lambda p: p[0].kind != "cn_paren")  # sub-sections first
    assert pairs, "no neighbouring sections to swap"
    a, b = pairs[0]
    a0, b0, b1 = start(a), start(b), end(b)
    swapped = lines[:a0 - 1] + lines[b0 - 1:b1 - 1] + lines[a0 - 1:b0 - 1] + lines[b1 - 1:]
    assert sorted(swapped) == sorted(lines) and swapped != lines
    return swapped, (a.heading, b.heading)


def with_blank_lines(lines: list[str]) -> list[str]:
    return [x for line in lines for x in (line, "")]


def rewrapped(lines: list[str]) -> list[str]:
    return rewrap("\n".join(lines), 38).split("\n")


LAYOUTS = {"swapped": lambda lines, book: swap_sections(lines, book)[0],
           "blank-lines": lambda lines, book: with_blank_lines(lines),
           "rewrapped": lambda lines, book: rewrapped(lines)}
# 003 is a page saved from a government site: cut at 38 characters, its navigation lines read as
# a title and the checker itself judges the text otherwise (not a matter of the comparison)
MOVED = [(key, name) for key in sorted(SEED) for name in LAYOUTS if not (key == "003" and name == "rewrapped")]


@pytest.mark.parametrize("key,layout", MOVED)
def test_moved_lines_show_no_difference(tmp_path, capsys, book, key, layout):
    moved = write(tmp_path / f"{key}_{layout}.txt", LAYOUTS[layout](seed_lines(key), book))
    assert moved.read_text(encoding="utf-8") != SEED[key].read_text(encoding="utf-8")
    code, out, err = run([SEED[key], moved], capsys)
    assert code == 0, out + err
    assert "没有变化" in out and "总体：没有变化" in out
    assert "已解决的问题：无" in out and "新出现的问题：无" in out
    data = to_dict(diff_reports(str(SEED[key]), str(moved)))
    assert data["outcome"] == "unchanged" and not data["changed"] and not data["worse"]
    assert data["findings"]["fixed"] == [] and data["findings"]["new"] == []
    assert len(data["findings"]["open"]) == len(diff_reports(str(SEED[key]), str(SEED[key])).still_open)
    assert all(e["change"] == "same" for e in data["elements"])


def test_swapped_sections_move_the_findings_lines_and_still_match(tmp_path, book):
    """Lines really moved: the open findings now sit on other lines, and are still the same ones."""
    lines, heads = swap_sections(seed_lines("004"), book)
    d = diff_reports(str(SEED["004"]), str(write(tmp_path / "swapped.txt", lines)))
    moved = [c for c in d.still_open if c.old.line != c.new.line]
    assert len(moved) >= 2, heads
    assert not d.fixed and not d.added
    anchored = [c for c in moved if c.anchored]
    assert anchored
    for c in anchored:  # each moved section's finding matched to the same section
        assert text_key(quoted(c.old.message)[0]) == text_key(quoted(c.new.message)[0])


# --- a section deleted, then restored -------------------------------------------------------

@pytest.mark.parametrize("key,heading,elements", ONE_PER_SEED, ids=[c[0] for c in ONE_PER_SEED])
def test_restored_section_lists_its_element_fixed_and_exits_0(tmp_path, capsys, book, key, heading, elements):
    old = cut(tmp_path, book, key, heading)
    code, out, err = run([old, SEED[key]], capsys)
    assert code == 0, out + err
    names = {e.id: e.name for e in load_report(SEED[key]).elements}
    for eid in elements:
        assert re.search(rf"^  改进  {re.escape(names[eid])}(（必备）)?：(缺失|部分覆盖) → ", out, re.M), (eid, out)
    assert "  变差  " not in out and "变差：" not in out and "总体：新稿有改进，没有变差" in out
    code, out, err = run([old, SEED[key], "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["worse"] is False and data["outcome"] == "better"
    fixed = {e["id"] for e in data["elements"] if e["change"] == "fixed"}
    assert set(elements) <= fixed
    assert data["score"]["new"] > data["score"]["old"] and data["score"]["delta"] > 0


@pytest.mark.parametrize("key,heading,elements", ONE_PER_SEED, ids=[c[0] for c in ONE_PER_SEED])
def test_deleted_section_lists_its_element_worse_and_exits_1(tmp_path, capsys, book, key, heading, elements):
    new = cut(tmp_path, book, key, heading)
    code, out, err = run([SEED[key], new], capsys)
    assert code == 1, out + err
    names = {e.id: e.name for e in load_report(SEED[key]).elements}
    for eid in elements:
        assert re.search(rf"^  变差  {re.escape(names[eid])}(（必备）)?：已覆盖 → (缺失|部分覆盖)", out, re.M), (eid, out)
        assert f"变差：要素「{names[eid]}」由已覆盖变为" in out
    data = json.loads(run([SEED[key], new, "-f", "json"], capsys)[1])
    assert data["worse"] is True and data["outcome"] in ("worse", "mixed")
    assert set(elements) <= {e["id"] for e in data["elements"] if e["change"] == "worse"}


@pytest.mark.parametrize("key,heading,elements", CASES, ids=[f"{c[0]}-{c[1][:8]}" for c in CASES])
def test_every_deletion_case_both_ways(tmp_path, book, key, heading, elements):
    """Every section of tests/test_deletion.py: restored, its elements improve, and the revision is
    worse only when the restored text itself brings a new error; deleted, they get worse."""
    old = cut(tmp_path, book, key, heading)
    d = diff_reports(str(old), str(SEED[key]))
    assert set(elements) <= {e.id for e in d.better_elements}
    assert not d.worse_elements
    new_errors = [c for c in d.added if c.new.severity == "error"]
    assert d.worse == bool(new_errors), d.worse_reasons()
    r = diff_reports(str(SEED[key]), str(old))
    assert set(elements) <= {e.id for e in r.worse_elements} and r.worse


def test_restoring_a_part_that_brings_an_error_is_worse_too(tmp_path, book):
    """004's 六、存在不足及下步打算 lists a problem without its cause: restoring it fixes the
    plans and brings an error, so the revision is both better and worse (exit 1)."""
    old = cut(tmp_path, book, "004", "六、存在不足及下步打算")
    d = diff_reports(str(old), str(SEED["004"]))
    assert "next_steps" in {e.id for e in d.better_elements}
    assert [c.rule for c in d.added if c.new.severity == "error"] == ["cause_analysis.no-causes"]
    assert d.outcome == "mixed" and d.worse


# --- findings matched across moved lines ----------------------------------------------------

def test_findings_fixed_new_and_open_across_moved_lines(tmp_path, capsys, book):
    """004 revised: two sections swapped (lines move), a slogan-only section given numbers (its
    finding fixed), a signature date added (date-missing fixed, date-in-year new). Every other
    finding is still open, matched to itself though its line moved."""
    lines, _ = swap_sections(seed_lines("004"), book)
    k = next(i for i, x in enumerate(lines) if "坚持民主集中制" in x)
    lines[k] += "全年召开党委会议24次，研究重大事项56项，征求意见建议130条。"
    lines += ["", "郁南县历洞镇人民政府", "2021年6月1日"]
    new = write(tmp_path / "004_revised.txt", lines)
    d = diff_reports(str(SEED["004"]), str(new))
    fixed = {(c.rule, text_key(c.quote)) for c in d.fixed}
    assert ("concreteness.slogans-only", text_key("坚持民主集中制,健全决策机制")) in fixed
    assert "metadata.date-missing" in {r for r, _ in fixed}
    assert [c.rule for c in d.added] == ["metadata.date-in-year"]
    old = load_report(SEED["004"])
    assert len(d.fixed) + len(d.still_open) == len(old.findings)
    slogans = [c for c in d.still_open if c.rule == "concreteness.slogans-only"]
    assert len(slogans) == sum(f.rule == "concreteness.slogans-only" for f in old.findings) - 1 >= 4
    for c in slogans:  # several findings of one rule, each matched to the same section
        assert quoted(c.old.message)[0] == quoted(c.new.message)[0]
    assert any(c.old.line != c.new.line for c in slogans)
    code, out, _ = run([SEED["004"], new], capsys)
    assert code == 0  # a new warning is not worse
    assert "已解决的问题（2 项）" in out and "新出现的问题（1 项）" in out and "仍未解决的问题" in out


def test_a_new_error_exits_1_without_any_element_change(tmp_path, capsys):
    """001 signed in the year before its report year: a new error, the elements unchanged."""
    lines = seed_lines("001")
    k = lines.index("2024年12月25日")
    lines[k] = "2023年12月25日"
    new = write(tmp_path / "001_dated.txt", lines)
    code, out, _ = run([SEED["001"], new], capsys)
    assert code == 1
    assert "要素状态：15 个要素都没有变化" in out and "变差：新出现错误：落款日期 2023-12-25" in out
    data = json.loads(run([SEED["001"], new, "-f", "json"], capsys)[1])
    assert [c["rule"] for c in data["findings"]["new"]] == ["metadata.date-before-year"]
    assert data["findings"]["new"][0]["severity"] == "error" and data["outcome"] == "mixed"
    assert "metadata.date-in-year" in {c["rule"] for c in data["findings"]["fixed"]}
    code, _, _ = run([new, SEED["001"]], capsys)
    assert code == 0  # and undoing it is a fix


def F(rule, message, line=None, severity="warning"):
    return Finding(rule, severity, message, line)


def test_matching_by_quote_not_line():
    slog = "concreteness.slogans-only"
    old = [F(slog, "「一、强化监督」一节 8 句话中没有…", 6), F(slog, "「（二）推进决策」一节 4 句话中没有…", 15),
           F(slog, "「三、化解纠纷」一节 3 句话中没有…", 30)]
    new = [F(slog, "「二、推进决策」一节 5 句话中没有…", 3),  # renumbered, moved, another count
           F(slog, "「一、强化监督」一节 8 句话中没有…", 20),
           F(slog, "「四、政务公开」一节 4 句话中没有…", 40)]
    fixed, added, still = match_findings(old, new)
    assert [quoted(c.old.message)[0] for c in fixed] == ["三、化解纠纷"]
    assert [quoted(c.new.message)[0] for c in added] == ["四、政务公开"]
    assert sorted((c.old.line, c.new.line) for c in still) == [(6, 20), (15, 3)]


def test_matching_an_example_quote_and_an_unquoted_finding_by_rule():
    """A quote after 第N行 is the first example of many: the finding is about the report, and
    matches its rule's finding whatever it quotes; an unquoted one matches by the sentence at its
    line, else by rule."""
    old = [F("timeliness.qiwu-pufa", "…已过时：第15行「结合七五普法」等 4 处", 15),
           F("cause_analysis.no-causes", "列出了 3 项问题，但没有分析原因", 9, "error"),
           F("metadata.date-missing", "未见落款日期")]
    new = [F("timeliness.qiwu-pufa", "…已过时：第40行「深化七五普法」等 3 处", 40),
           F("cause_analysis.no-causes", "列出了 2 项问题，但没有分析原因", 30, "error"),
           F("metadata.date-missing", "未见落款日期")]
    text = {9: "二、存在的不足", 30: "三、存在的问题和不足"}
    fixed, added, still = match_findings(old, new, text.get, text.get)
    assert not fixed and not added and len(still) == 3
    changed = {c.rule: c.message_changed for c in still}
    assert changed == {"timeliness.qiwu-pufa": True, "cause_analysis.no-causes": True, "metadata.date-missing": False}
    moved_only = match_findings([F("x.y", "已过时：第15行「七五普法」", 15)], [F("x.y", "已过时：第3页第2行「七五普法」", 40)])[2]
    assert not moved_only[0].message_changed  # only the place differs


def test_a_lightly_edited_heading_is_still_the_same_finding():
    slog = "concreteness.slogans-only"
    fixed, added, still = match_findings([F(slog, "「强化对行政权力的制约和监督」一节", 5)],
                                         [F(slog, "「切实强化对行政权力的制约和监督」一节", 9)])
    assert len(still) == 1 and not fixed and not added
    fixed, added, still = match_findings([F(slog, "「强化监督」一节", 5)], [F(slog, "「推进政务公开」一节", 5)])
    assert len(fixed) == len(added) == 1 and not still  # same line, other section: not the same


def test_text_key_ignores_numbering_width_and_punctuation():
    assert text_key("（二）推进依法行政，") == text_key("3. 推进依法行政") == text_key("推进 依法行政")
    assert text_key("二、推进依法行政") != text_key("二、推进政务公开")
    assert quoted("「坚持依法行政」一节") == ("坚持依法行政", True)
    assert quoted("已过时：第3页第5行「七五普法」") == ("七五普法", False)
    assert quoted("没有引文") == (None, False)


# --- one rulebook for both drafts ---------------------------------------------------------

def test_both_drafts_use_the_old_drafts_rulebook(tmp_path, capsys):
    """000 is a 2019 report (national-2015); a revision that says 2022 would choose national-2021
    on its own, but is judged by the old draft's rulebook, and the output says so."""
    text = SEED["000"].read_text(encoding="utf-8").replace("2019年", "2022年")
    new = tmp_path / "000_2022.txt"
    new.write_text(text, encoding="utf-8")
    data = json.loads(run([SEED["000"], new, "-f", "json"], capsys)[1])
    assert data["rulebook"]["id"] == "national-2015"
    assert "national-2021" in data["rulebook"]["note"] and "旧稿" in data["rulebook"]["reason"]
    code, out, _ = run([SEED["000"], new], capsys)
    assert "规则集：national-2015" in out and "新稿按同一规则集审查" in out and "注意：新稿的报告年度为 2022 年，单独审查时会选用规则集 national-2021" in out
    data = json.loads(run([SEED["000"], new, "-f", "json", "--rules", "national-2021"], capsys)[1])
    assert data["rulebook"]["id"] == "national-2021" and data["rulebook"]["note"] is None
    assert "--rules" in data["rulebook"]["reason"] and "两稿按同一规则集审查" in data["rulebook"]["reason"]


# --- formats ------------------------------------------------------------------------------

@pytest.mark.parametrize("key", SEEDS_2021 + ["000"])
def test_txt_and_docx_of_one_report_show_no_difference(tmp_path, capsys, key):
    docx = derive.write_docx(SEED[key], tmp_path / f"{key}.docx")
    code, out, err = run([SEED[key], docx], capsys)
    assert code == 0 and "总体：没有变化" in out, out + err


@pytest.mark.parametrize("key,heading,elements", [ONE_PER_SEED[1], ONE_PER_SEED[4]], ids=["001", "004"])
def test_docx_old_draft_and_txt_new_draft(tmp_path, capsys, book, key, heading, elements):
    old = derive.write_docx(cut(tmp_path, book, key, heading), tmp_path / "旧稿.docx")
    data = json.loads(run([old, SEED[key], "-f", "json"], capsys)[1])
    assert data["old"]["metadata"]["format"] == "docx" and data["new"]["metadata"]["format"] == "txt"
    assert set(elements) <= {e["id"] for e in data["elements"] if e["change"] == "fixed"}
    assert not data["worse"]


def test_pdf_new_draft_quotes_pages(tmp_path, capsys, book):
    old = cut(tmp_path, book, "001", "二、2024年度推进法治政府建设存在的不足和原因")
    new = derive.write_pdf(SEED["001"], tmp_path / "新稿.pdf")
    code, out, err = run([old, new], capsys)
    assert code == 0, out + err
    assert re.search(r"改进  存在的不足.*：缺失 → 已覆盖（新稿证据：第\d+页第\d+行", out), out


# --- JSON ---------------------------------------------------------------------------------

SIDE_KEYS = {"file", "score", "grade", "passed", "gate", "rulebook_notice", "metadata"}
ELEMENT_KEYS = {"id", "name", "mandatory", "old", "new", "change", "old_evidence", "new_evidence", "advice", "reason"}
CHANGE_KEYS = {"rule", "severity", "quote", "rewritten", "old", "new"}
FINDING_KEYS = {"severity", "message", "line", "where"}


@pytest.mark.parametrize("key", sorted(SEED))
def test_json_schema(tmp_path, capsys, book, key):
    heading = next(c[1] for c in CASES if c[0] == key)
    code, out, _ = run([cut(tmp_path, book, key, heading), SEED[key], "--format", "json"], capsys)
    data = json.loads(out)
    assert set(data) == {"old", "new", "rulebook", "outcome", "changed", "worse", "worse_reasons", "score",
                         "elements", "findings"}
    for side in ("old", "new"):
        assert set(data[side]) == SIDE_KEYS
        assert isinstance(data[side]["score"], (int, float)) and isinstance(data[side]["passed"], bool)
        assert set(data[side]["gate"]) == {"min_score", "reasons"}
        assert {"title", "year", "issuer", "date", "is_annual_report", "kind", "format"} <= set(data[side]["metadata"])
    assert set(data["rulebook"]) == {"id", "version", "name", "reason", "note"}
    assert data["outcome"] in ("unchanged", "better", "worse", "mixed", "changed")
    assert isinstance(data["worse_reasons"], list) and data["worse"] == bool(data["worse_reasons"]) == (code == 1)
    assert data["score"] == {"old": data["old"]["score"], "new": data["new"]["score"],
                             "delta": round(data["new"]["score"] - data["old"]["score"], 2)}
    for e in data["elements"]:
        assert set(e) == ELEMENT_KEYS
        assert e["old"] in ("present", "partial", "missing") and e["new"] in ("present", "partial", "missing")
        assert e["change"] in ("fixed", "worse", "same")
        assert all({"line", "text"} <= set(x) for x in e["old_evidence"] + e["new_evidence"])
    assert set(data["findings"]) == {"fixed", "new", "open"}
    for group, sides in (("fixed", ("old",)), ("new", ("new",)), ("open", ("old", "new"))):
        for c in data["findings"][group]:
            assert set(c) == CHANGE_KEYS and c["severity"] in ("error", "warning", "info")
            for side in ("old", "new"):
                assert (c[side] is not None) == (side in sides)
                if c[side]:
                    assert set(c[side]) == FINDING_KEYS


def test_json_schema_is_documented():
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    section = doc[doc.index("## check diff"):]
    for key in sorted({"outcome", "worse_reasons", "rulebook_notice", "rewritten", "old_evidence", "quote", "where",
                       "note", "delta", "open"} | ELEMENT_KEYS | CHANGE_KEYS | SIDE_KEYS):
        assert f'"{key}"' in section, key


# --- HTML and the outputs -----------------------------------------------------------------

def test_html_escapes_a_file_name_with_markup(tmp_path, capsys, book):
    name = '<img src=x onerror=alert(1)>"报告".txt'
    old = tmp_path / name
    write(old, delete_section(seed_lines("002"), book, "三、下一步工作打算"))
    out_dir = tmp_path / "out"
    code, _, err = run([old, SEED["002"], "-f", "html", "-o", f"{out_dir}/"], capsys)
    assert code == 0, err
    [page] = out_dir.iterdir()
    html = page.read_text(encoding="utf-8")
    assert "<img" not in html and "onerror=alert(1)&gt;" in html and "&lt;img" in html
    assert "<script" not in html and '<meta name="generator" content="check">' in html
    assert "下一年度工作安排" in html and "改进" in html and "已解决的问题" in html
    # the function the web page calls gives the same page
    d = diff_reports(str(old), str(SEED["002"]), Options(), old_name=name, new_name="新稿.txt")
    page2 = render_html(d)
    assert "&lt;img src=x" in page2 and "<img" not in page2 and "新稿.txt" in page2


def test_terminal_output_escapes_a_file_name(tmp_path, capsys):
    evil = tmp_path / "a\x1b[31mred\x07.txt"
    evil.write_bytes(SEED["001"].read_bytes())
    code, out, _ = run([SEED["001"], evil], capsys)
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\\x1b[31mred\\x07" in out
    # report text quoted by a finding: a heading carrying a terminal escape
    text = SEED["004"].read_text(encoding="utf-8").replace("建立健全组织机构", "建立\x1b[2J健全组织机构")
    (tmp_path / "esc.txt").write_text(text, encoding="utf-8")
    code, out, _ = run([SEED["004"], tmp_path / "esc.txt"], capsys)
    assert "\x1b" not in out and "建立\\x1b[2J健全组织机构" in out


def test_html_default_folder_and_never_over_an_input(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "old.txt"
    old.write_bytes(SEED["001"].read_bytes())
    before = old.read_bytes()
    code, _, err = run([old, SEED["001"], "-f", "html"], capsys)
    assert code == 0 and (tmp_path / "reports_out" / "001_0d7bd65b10d46e8b.diff.html").is_file(), err
    for target in (old, SEED["001"]):
        code, out, err = run([old, SEED["001"], "-f", "json", "-o", target], capsys)
        assert code == 2 and "会覆盖" in err and err.count("\n") == 1 and "Traceback" not in err
    code, _, err = run([old, SEED["001"], "-f", "json", "-o", tmp_path / "diff.json"], capsys)
    assert code == 2 and "输出目录就是报告所在的目录" in err and not (tmp_path / "diff.json").exists()
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "link.html"  # a link planted where the output goes is replaced, never followed
    link.symlink_to(old)
    code, _, err = run([old, SEED["001"], "-f", "html", "-o", link], capsys)
    assert code == 0 and not link.is_symlink() and "两稿比较" in link.read_text(encoding="utf-8")
    assert old.read_bytes() == before


def test_output_file_is_written_whole(tmp_path, capsys):
    target = tmp_path / "diff.json"
    code, out, err = run([SEED["002"], SEED["002"], "-f", "json", "-o", target], capsys)
    assert code == 0 and out == "" and str(target) in err
    assert json.loads(target.read_text(encoding="utf-8"))["outcome"] == "unchanged"
    assert [p.name for p in tmp_path.iterdir()] == ["diff.json"]  # no temporary file left


# --- bad input ----------------------------------------------------------------------------

def _bad_inputs(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    binary = tmp_path / "乱码.txt"
    binary.write_bytes(os.urandom(2048) + b"\x00" * 512)
    return [tmp_path / "没有这个文件.txt", empty, broken, binary, tmp_path]


@pytest.mark.parametrize("side", ["old", "new"])
def test_unreadable_draft_exits_2_with_one_line_naming_it(tmp_path, capsys, side):
    for bad in _bad_inputs(tmp_path):
        args = [bad, SEED["001"]] if side == "old" else [SEED["001"], bad]
        code, out, err = run(args, capsys)
        assert code == 2, (bad, out, err)
        assert out == "" and "Traceback" not in err and err.count("\n") == 1, err
        assert err.startswith(f"check: {'旧稿' if side == 'old' else '新稿'} {bad}"), err


def test_usage_errors_exit_2(capsys):
    assert run([SEED["001"], SEED["002"], "-f", "pdf"], capsys)[0] == 2
    assert run([SEED["001"], SEED["002"], "--min-score", "120"], capsys)[0] == 2
    assert run([SEED["001"], SEED["002"], "--rules", "no-such-rulebook"], capsys)[0] == 2
    code, out, err = run([SEED["001"]], capsys)
    assert code == 2 and "Traceback" not in err and "缺少新稿" in err
    assert run([SEED["001"], SEED["002"], "--max-size", "1KB"], capsys)[0] == 2


def test_help_is_chinese(capsys):
    code, out, err = run(["--help"], capsys)
    assert code == 0 and "旧稿" in out and "新稿" in out and "退出码" in out


def test_the_web_page_functions(tmp_path):
    """What check serve will call: diff_reports(old, new, Options, old_name=, new_name=) -> Diff,
    then to_dict / render_html; names shown are the uploaded names, not the temp paths."""
    d = diff_reports(str(SEED["003"]), str(SEED["003"]), Options(rules="national-2015"),
                     old_name="第一稿.txt", new_name="第二稿.txt")
    data = to_dict(d)
    assert data["old"]["file"] == "第一稿.txt" and data["new"]["file"] == "第二稿.txt"
    assert data["outcome"] == "unchanged" and json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert "第一稿.txt" in render_html(d, checked_on="2026-12-01")
    assert to_dict(diff_reports(str(SEED["003"]), str(SEED["003"]), {"rules": "national-2021"}))["rulebook"]["id"] \
        == "national-2021"  # options as a dict
    same = compare(d.old, d.new)  # pure comparison of two reports
    assert not same.changed and len(same.still_open) == len(d.old.findings)


def load_report(path):
    from conftest import checked

    return checked(path)


def test_a_reworded_heading_is_the_same_place_when_it_is_the_only_one():
    """The title or a heading reworded beyond similarity, still with the problem: the old wording
    is gone from the new draft and the new wording was not in the old one -> still open. Two
    sections that both exist in both drafts (one fixed, the other newly flagged) stay apart."""
    rule = "metadata.title-no-year"
    old = [F(rule, "标题「关于法治政府建设工作的报告」没有写明报告年度", 1)]
    new = [F(rule, "标题「某某区人民政府法治政府建设情况汇报」没有写明报告年度", 1)]
    old_words = text_key("关于法治政府建设工作的报告 正文……")
    new_words = text_key("某某区人民政府法治政府建设情况汇报 正文……")
    fixed, added, still = match_findings(old, new, old_words=old_words, new_words=new_words)
    assert len(still) == 1 and not fixed and not added
    slog = "concreteness.slogans-only"
    both = text_key("一、强化监督 …… 二、推进政务公开 ……")
    fixed, added, still = match_findings([F(slog, "「强化监督」一节", 5)], [F(slog, "「推进政务公开」一节", 9)],
                                         old_words=both, new_words=both)
    assert len(fixed) == len(added) == 1 and not still


def test_many_findings_of_one_rule():
    """A hostile report with thousands of flagged sections: exact quotes pair through a table,
    and the similarity pass is skipped beyond FUZZY_PAIRS leftovers (it compares every old
    leftover with every new one), so what is left stays apart."""
    slog = "concreteness.slogans-only"
    old = [F(slog, f"「第{n}项工作」一节", n) for n in range(5000)]
    new = [F(slog, f"「第{n}项工作」一节", n + 7) for n in range(1000, 6000)]
    fixed, added, still = match_findings(old, new)
    assert len(still) == 4000 and len(fixed) == len(added) == 1000
    assert all(c.old.message == c.new.message for c in still)


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_the_same_draft_in_traditional_characters_shows_no_difference(tmp_path, key):
    """Converted to traditional characters (a draft passed through a Hong Kong or Taiwan
    editor): quotes compare whatever the script. (004's title then reads otherwise to the
    checker itself -- metadata.title-subject -- which is not a matter of the comparison.)"""
    from test_noise import _s2t

    new = tmp_path / f"{key}_trad.txt"
    new.write_text(_s2t()(SEED[key].read_text(encoding="utf-8")), encoding="utf-8")
    d = diff_reports(str(SEED[key]), str(new))
    assert d.outcome == "unchanged", (d.worse_reasons(), [c.new.message for c in d.added])


def test_a_finding_fixed_by_deleting_its_section_says_so(tmp_path, capsys, book):
    new = cut(tmp_path, book, "004", "四、完善便民服务体系")
    d = diff_reports(str(SEED["004"]), str(new))
    [gone] = [c for c in d.fixed if c.rule == "concreteness.slogans-only"]
    assert gone.rewritten and "完善便民服务体系" in gone.quote
    assert not any(c.rewritten for c in d.fixed if c is not gone)
    out = run([SEED["004"], new], capsys)[1]
    assert "注：所引原文在新稿中已删除或改写" in out


@pytest.fixture(scope="session")
def derived(tmp_path_factory):
    return derive.derived_files(SEED, tmp_path_factory.getbasetemp() / "formats")


SAME_WORDS = ["gb18030.txt", "bom-crlf.txt", "docx", "numbered.docx", "pdf", "dash.pdf"]


@pytest.mark.parametrize("variant", SAME_WORDS)
@pytest.mark.parametrize("key", sorted(SEED))
def test_one_report_in_another_format_shows_no_difference(derived, key, variant):
    """The same words in another format (another encoding, Word with or without Word's own
    numbering, a printed PDF whose findings say 第3页第5行): nothing to report. (The derived web
    pages add a page title, which is a real difference.)"""
    d = diff_reports(str(SEED[key]), str(derived[key, variant]))
    assert d.outcome == "unchanged", ([c.old.message for c in d.fixed], [c.new.message for c in d.added])
    assert len(d.still_open) == len(d.old.findings) == len(d.new.findings)
