"""``check rules lint``: each kind of error is reported with its file, line and a Chinese
message; the shipped rulebooks are clean; a catastrophic pattern stops a run within the timeout."""

import subprocess
import sys
import time

import pytest

from checker.cli.main import main
from checker.rulebook.lint import lint_file
from checker.rulebook.matching import TIMEOUT
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


def test_wrong_types_of_check_options(tmp_path):
    body = ("checks:\n"
            "  cause_analysis:\n    penalty: 三分\n"                       # line 6
            "  concreteness:\n    min_share: 1.5\n    min_sentences: -1\n"  # 8, 9
            "  metadata:\n    deadline:\n      - {until: 2018, value: '03-31'}\n"
            "      - {value: '13-45'}\n"                                    # 13
            "  boilerplate:\n    enabled: 否\n"                              # 15
            "  timeliness:\n    terms:\n      - id: x\n        name: 某规划\n        pattern: 某规划\n"
            "        outdated_from: 明年\n"                                  # 21
            "        severity: fatal\n")                                    # 22
    problems, _ = lint(tmp_path, body)
    assert [line for line, _ in problems] == [6, 8, 9, 13, 15, 21, 22]
    by_line = dict(problems)
    assert by_line[6] == "checks.cause_analysis.penalty：应为非负数，或“问题: 分数”的映射（如 {date-late: 2}），实际是 '三分'"
    assert "checks.concreteness.min_share" in by_line[8] and "0 和 1 之间" in by_line[8]
    assert "checks.concreteness.min_sentences" in by_line[9] and "非负整数" in by_line[9]
    assert "checks.metadata.deadline[1].value" in by_line[13] and "月-日" in by_line[13]
    assert "checks.boilerplate.enabled" in by_line[15]
    assert "checks.timeliness.terms[0].outdated_from" in by_line[21] and "年份" in by_line[21]
    assert "error、warning 或 info" in by_line[22]


def test_right_types_of_check_options_pass(tmp_path):
    body = ("checks:\n  cause_analysis:\n    penalty: {causes-missing: 2.5}\n    max_penalty: 3\n"
            "  metadata:\n    deadline: '02-29'\n  concreteness:\n    min_share: 0\n    min_sentences: 4\n")
    problems, _ = lint(tmp_path, body)
    assert problems == []


def test_a_wrong_option_value_stops_a_run_naming_the_rulebook(tmp_path, capsys):
    """Not an internal error in the middle of checking: exit 2 with the file and the option."""
    _, f = lint(tmp_path, "checks:\n  concreteness:\n    min_share: abc\n")
    code, out, err = run([ROOT / "seeds" / "001_0d7bd65b10d46e8b.txt", "--rules", f], capsys)
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and str(f) in err and "checks.concreteness.min_share" in err
    assert "内部错误" not in err and "Traceback" not in err


@pytest.mark.parametrize("body", ["elements: 3\n", "elements:\n  - 甲\n", "parts: 5\nelements: []\n",
                                  "scoring:\n  grades: [{grade: 优}]\nelements: []\n"])
def test_a_rulebook_of_the_wrong_shape_stops_a_run_naming_it(tmp_path, capsys, body):
    """A key of the wrong type is one rulebook error (exit 2, one line), not an internal error per report."""
    f = tmp_path / "shape.yaml"
    f.write_text("id: shape\nversion: '1'\n" + body, encoding="utf-8")
    code, out, err = run([ROOT / "seeds", "--rules", f, "-f", "json"], capsys)
    assert code == 2 and err.strip().count("\n") == 0 and str(f) in err, err
    assert "内部错误" not in err and "Traceback" not in err


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
    assert len(causes) == 3 and set(causes) == {5}  # its two pass examples and its partial one, at the changed element


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


def test_every_check_option_declares_a_known_type():
    """A module that declared an unknown type would fail at load time instead of linting."""
    from checker.judge.checks import COMMON, REGISTRY, module
    from checker.judge.checks.options import TYPES

    def known(kind: str) -> bool:
        return kind.removeprefix("by_year:") in TYPES

    assert all(known(kind) for kind, _ in COMMON.values())
    for cid in REGISTRY:
        mod = module(cid)
        for key, (kind, description) in mod.OPTIONS.items():
            assert known(kind) and description, (cid, key)
        for key, kind in getattr(mod, "ROW_TYPES", {}).items():
            assert known(kind), (cid, key)


def test_a_document_kind_outside_the_closed_set_is_reported(tmp_path):
    problems, _ = lint(tmp_path, "document:\n  kind_title:\n    speech: '讲话$'\n    shufa: '述法'\n")
    assert [line for line, _ in problems] == [6]
    assert "speech" in problems[0][1] and "shufa" in problems[0][1]
