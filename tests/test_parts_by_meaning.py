"""Parts are recognised by meaning: rename one part heading at a time to another wording real
reports use, or drop its number, and the verdict must not change.

The bases are complete reports in different styles (a county report from the reviewer's
casebook, a department report, a township report, two seeds); the wordings below are written
for this test and are not the casebook's, so the test checks the class (any common wording of a
part heading), not one sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from conftest import SEED, check_text, statuses

DATA = Path(__file__).parent / "data"
CASEBOOK = DATA / "casebook"
CORE = ("measures", "shortcomings", "causes", "first_responsible", "next_steps")

# base report -> (covered year, {part: start of its heading line (without the number)})
BASES = {
    "county": (CASEBOOK / "00_base_county_2024.txt", 2024, {
        "work": "2024年度推进法治政府建设的主要举措和成效", "short": "2024年度推进法治政府建设存在的不足和原因",
        "resp": "2024年度党政主要负责人", "next": "2025年度推进法治政府建设的主要安排"}),
    "bureau": (CASEBOOK / "21_dept_bureau_2024.txt", 2024, {
        "work": "主要举措和成效", "short": "存在的问题", "resp": "局主要负责人", "next": "2025年工作打算"}),
    "township": (CASEBOOK / "22_township_2024.txt", 2024, {
        "work": "2024年主要工作及成效", "short": "存在的不足", "resp": "党政主要负责人", "next": "下一步工作打算"}),
    "province": (CASEBOOK / "23_province_2024.txt", 2024, {
        "work": "2024年推进法治政府建设的主要举措和成效", "short": "存在的不足和原因", "resp": "省政府主要负责同志",
        "next": "2025年推进法治政府建设的主要安排"}),
    "resp_first": (CASEBOOK / "92_resp_first.txt", 2024, {
        "resp": "2024年度党政主要负责人", "work": "2024年度推进法治政府建设的主要举措和成效",
        "short": "2024年度推进法治政府建设存在的不足和原因", "next": "2025年度推进法治政府建设的主要安排"}),
    "seed001": (SEED["001"], 2024, {
        "work": "2024年度推进法治政府建设的主要举措和成效", "short": "2024年度推进法治政府建设存在的不足和原因",
        "resp": "2024年度党政主要负责人", "next": "下一年度推进法治政府建设的主要安排"}),
    "seed000": (SEED["000"], 2019, {"short": "存在的问题和不足"}),
    "seed002": (SEED["002"], 2021, {
        "work": "主要举措和成效", "short": "存在不足", "next": "下一步工作打算"}),
    "seed003": (SEED["003"], 2015, {
        "work": "依法行政工作开展情况", "short": "存在的问题", "next": "下步工作打算"}),
    "department": (DATA / "heldout_department_2023.txt", 2023, {
        "resp": "党政主要负责人", "work": "主要举措和成效", "short": "存在的不足和原因", "next": "2024年工作安排"}),
}

# Other wordings of each part heading; {y} is the covered year, {n} the next one.
WORDINGS = {
    "work": ["{y}年工作情况", "主要工作及成效", "工作开展情况", "主要做法和成效", "{y}年度法治政府建设工作开展情况",
             "取得的主要成效", "推进法治政府建设的主要举措", "{y}年法治政府建设工作回顾", "{y}年度法治政府建设基本情况",
             "法治政府建设成效", "工作亮点", "聚焦法治建设，全面提升依法行政水平"],
    "short": ["存在的主要问题", "工作中存在的短板弱项", "存在的困难和不足", "面临的问题及原因分析", "问题和差距",
              "薄弱环节及原因", "当前存在的不足之处", "短板与不足", "存在问题及成因", "{y}年法治政府建设中存在的问题",
              "存在的差距和薄弱环节", "不足与原因", "工作中的困难和问题", "问题与短板", "需要改进的地方",
              "有待加强的方面"],
    "resp": ["党政主要负责人履行法治建设第一责任人职责情况", "主要负责同志履行推进法治建设职责情况", "党政主要负责人履职情况",
             "主要领导履行法治建设第一责任人职责的情况", "落实法治建设第一责任人职责情况", "一把手履行法治建设职责情况",
             "主要负责人述法及履职情况", "党政主要负责人推进法治建设情况", "主要领导抓法治建设情况",
             "主要负责人述法情况"],
    "next": ["下一步工作思路", "{n}年工作打算", "{n}年重点任务", "下阶段工作重点", "今后努力方向", "{n}年主要工作安排",
             "明年工作设想", "下一年度工作计划", "{n}年度重点工作", "{n}年法治政府建设主要任务", "今后工作展望",
             "{n}年工作思路", "下步工作计划", "改进措施", "{n}年主要目标任务", "{n}年法治政府建设工作要点",
             "关于{n}年工作的打算", "下一步努力方向"],
}

_MARK = regex.compile(r"^(?:第[一二三四五六七八九十]+部分\s*|[一二三四五六七八九十]+、)")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _heading_line(lines: list[str], start: str) -> int:
    for i, line in enumerate(lines):
        m = _MARK.match(line)
        if m and line[m.end():].startswith(start):
            return i
    raise AssertionError(f"no heading {start!r}")


def _verdict(lines: list[str]):
    r = check_text("\n".join(lines) + "\n")
    s = statuses(r)
    return tuple(s[k] for k in CORE), r.passed


@pytest.fixture(scope="module")
def originals():
    return {k: _verdict(_lines(p)) for k, (p, _, _) in BASES.items()}


def _renamed(base: str, part: str, new: str) -> list[str]:
    path, year, heads = BASES[base]
    lines = _lines(path)
    i = _heading_line(lines, heads[part])
    marker = _MARK.match(lines[i]).group()
    lines[i] = marker + new.format(y=year, n=year + 1)
    return lines


CASES = [(b, p, w) for b in BASES for p, ws in WORDINGS.items() if p in BASES[b][2] for w in ws]
COMPLETE = ("county", "bureau", "township", "province", "resp_first", "seed001", "department")


@pytest.mark.parametrize("base,part,wording", CASES, ids=[f"{b}-{p}-{w}" for b, p, w in CASES])
def test_another_wording_of_a_part_heading_keeps_the_verdict(originals, base, part, wording):
    assert _verdict(_renamed(base, part, wording)) == originals[base]


def test_the_bases_are_complete_reports(originals):
    """The complete bases pass with every core element present, so a lost part would show."""
    for base in COMPLETE:
        core, passed = originals[base]
        assert core == ("present",) * 5 and passed, base


@pytest.mark.parametrize("base", ["county", "bureau", "township"])
@pytest.mark.parametrize("style", ["plain", "bold", "part"])
def test_part_headings_without_numbers_or_in_other_numbering(originals, base, style):
    """Every part heading as a plain line of its own, in **bold**, or as 第一部分 … 第四部分."""
    path, _, heads = BASES[base]
    lines = _lines(path)
    for k, part in enumerate(("work", "short", "resp", "next")):
        i = _heading_line(lines, heads[part])
        text = lines[i][_MARK.match(lines[i]).end():]
        lines[i] = {"plain": text, "bold": f"**{text}**", "part": f"第{'一二三四'[k]}部分 {text}"}[style]
    assert _verdict(lines) == originals[base]


@pytest.mark.parametrize("base", ["county", "province", "township"])
def test_plain_part_headings_over_plain_paragraphs(originals, base):
    """No numbers at all: each part heading a short line of its own, each task a paragraph
    opening with its theme; the heading must not be read as the start of the paragraph below."""
    path, _, heads = BASES[base]
    lines = [regex.sub(r"^（[一二三四五六七八九十]+）", "", _MARK.sub("", line)) for line in _lines(path)]
    assert _verdict(lines) == originals[base]


@pytest.mark.parametrize("wording", ["领导干部带头尊法学法守法用法情况", "压实法治建设责任", "加强组织领导"])
def test_a_responsible_part_under_a_heading_that_names_neither_leader_nor_duty(originals, wording):
    """The heading says nothing of the 第一责任人, the text does (主持常务会议研究法治, 亲自部署, 述法):
    the body decides, and one signal never swallows the next across a ；."""
    lines = _renamed("county", "resp", wording)
    assert _verdict(lines)[0][CORE.index("first_responsible")] == "present"
