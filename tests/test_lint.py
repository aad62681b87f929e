"""``check rules lint``: each kind of error is reported with its file, line and a Chinese
message; the shipped rulebooks are clean; a catastrophic pattern stops a run within the timeout."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.cli import main
from checker.lint import lint_file
from checker.matching import TIMEOUT
from checker.paths import RULES_DIR
from conftest import ROOT

HEAD = "extends: national-2021\nid: local\nname: 本地规则集\n"


def lint(tmp_path, body: str, head: str = HEAD):
    f = tmp_path / "local.yaml"
    f.write_text(head + body, encoding="utf-8")
    return [(p.line, p.message) for p in lint_file(f)], f


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.mark.parametrize("path", sorted(RULES_DIR.rglob("*.yaml")), ids=lambda p: p.name)
def test_shipped_rulebooks_are_clean(path):
    assert lint_file(path) == []


def test_unknown_key_with_its_line(tmp_path):
    problems, _ = lint(tmp_path, "elements:\n  - id: measures\n    mandatroy: true\n")
    assert problems == [(6, "未知的键“mandatroy”")]


def test_wrong_types(tmp_path):
    problems, _ = lint(tmp_path, "gate:\n  min_score: 六十\nelements:\n  - id: measures\n    weight: 十\n"
                                 "    mandatory: 是\n")
    lines = {line for line, _ in problems}
    assert lines == {5, 8, 9}
    assert all("类型错误" in m for _, m in problems)


def test_duplicate_ids_and_keys(tmp_path):
    body = ("elements:\n  - id: extra\n    name: 甲\n    basis: 《甲》\n    weight: 1\n    advice: 写\n    headings: ['甲']\n"
            "  - id: extra\n    name: 乙\n")
    problems, _ = lint(tmp_path, body)
    assert (11, "要素 id“extra”重复（第 5 行已定义）") in problems
    problems, _ = lint(tmp_path, "gate:\n  min_score: 60\n  min_score: 70\n")
    assert any(line == 6 and "重复" in m for line, m in problems)


def test_pattern_that_does_not_compile(tmp_path):
    problems, _ = lint(tmp_path, "elements:\n  - id: measures\n    headings:\n      - '工作'\n      - '(未闭合'\n")
    assert len(problems) == 1 and problems[0][0] == 8 and "正则表达式无法编译" in problems[0][1]


def test_check_patterns_and_options(tmp_path):
    body = ("checks:\n  nosuch: {}\n  metadata:\n    deadlin: '03-01'\n  timeliness:\n    terms:\n"
            "      - id: x\n        name: 某词\n        pattern: '[未闭合'\n        outdated_from: 2020\n        colour: red\n")
    problems = dict(lint(tmp_path, body)[0])
    assert "未知的检查“nosuch”" in problems[5]
    assert "没有选项“deadlin”" in problems[7]
    assert "正则表达式无法编译" in problems[12]
    assert "未知的键“colour”" in problems[14]


def test_new_element_must_be_complete_and_references_must_exist(tmp_path):
    body = "elements:\n  - id: extra\n    headings: ['甲']\n    requires: [nothing]\n  - id: ghost\n    remove: true\n"
    problems = lint(tmp_path, body)[0]
    assert (5, "要素“extra”缺少必填项：name、basis、weight、advice（新增的要素要写全这些项）") in problems
    assert (7, "requires 引用了不存在的要素“nothing”") in problems
    assert (8, "要删除的要素“ghost”在 national-2021 中不存在") in problems


def test_example_the_rule_itself_fails(tmp_path):
    body = ("elements:\n  - id: signer\n    name: 签发\n    basis: 《甲》\n    weight: 1\n    advice: 写\n"
            "    headings: ['签发']\n    examples:\n      pass:\n        - |\n          一、主要举措\n"
            "          全年办理案件10件。\n")
    problems = lint(tmp_path, body)[0]
    assert problems == [(13, "要素 signer 的 pass 示例第 1 个应判为已覆盖，实际：缺失")]  # the "- |" line


def test_a_change_that_breaks_an_inherited_example(tmp_path):
    problems = lint(tmp_path, "elements:\n  - id: causes\n    evidence: ['不会出现的词']\n    headings: ['不会出现的词']\n")[0]
    assert all("继承自 national-2021" in m for _, m in problems)
    causes = [line for line, m in problems if "要素 causes" in m]
    assert len(causes) == 2 and set(causes) == {5}  # its pass and partial examples, at the changed element


def test_missing_parent_and_yaml_errors(tmp_path):
    problems = lint(tmp_path, "", head="extends: national-1999\nid: x\nname: 某\n")[0]
    assert problems[0][0] == 1 and "national-1999" in problems[0][1] and "不存在" in problems[0][1]
    problems = lint(tmp_path, "elements:\n  - id: a\n   name: [\n")[0]
    assert len(problems) == 1 and "YAML 语法错误" in problems[0][1] and problems[0][0] >= 5


def test_cli_exit_codes_and_output(tmp_path, capsys):
    _, f = lint(tmp_path, "elements:\n  - id: measures\n    mandatroy: true\n")
    code, out, err = run(["rules", "lint", f], capsys)
    assert code == 1 and out.strip() == f"{f}:6: 未知的键“mandatroy”" and "共 1 个问题" in err
    code, out, _ = run(["rules", "lint", RULES_DIR / "national-2015.yaml"], capsys)
    assert code == 0 and "未发现问题" in out
    code, _, err = run(["rules", "lint", tmp_path / "none.yaml"], capsys)
    assert code == 2 and "不存在" in err and "Traceback" not in err


SLOW = HEAD + ("elements:\n  - id: slow\n    name: 慢\n    basis: 《甲》\n    weight: 1\n    advice: 无\n"
               "    evidence: ['(法|法法)+x']\n")


def test_catastrophic_pattern_stops_the_run_naming_the_rule(tmp_path):
    rules = tmp_path / "slow.yaml"
    rules.write_text(SLOW, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("2023年度法治政府建设情况报告\n一、主要举措和成效\n" + "法" * 80 + "。\n", encoding="utf-8")
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "checker", str(report), "--rules", str(rules)],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    elapsed = time.monotonic() - start
    assert p.returncode == 2
    assert "规则 slow" in p.stderr and "超时" in p.stderr and p.stderr.count("\n") == 1
    assert elapsed < TIMEOUT + 10  # one timed-out search, plus interpreter start-up: not a hang


def test_lint_reports_a_pattern_that_times_out_on_an_example(tmp_path):
    f = tmp_path / "slow.yaml"
    # the text sits under a work heading: an element's signals only scan the parts in its scope
    f.write_text(SLOW + "    examples:\n      fail:\n        - |\n          一、主要举措和成效\n          " + "法" * 80 + "\n",
                 encoding="utf-8")
    problems = lint_file(f)
    assert len(problems) == 1 and "规则 slow" in problems[0].message and "超时" in problems[0].message
