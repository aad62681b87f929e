"""The command line: scorecard, JSON contract, gate options and exit codes, clean errors."""

import json
import re
import subprocess
import sys

import pytest

from checker.cli.main import main
from conftest import ROOT, SEED


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_terminal_scorecard(capsys):
    code, out, err = run([SEED["001"]], capsys)
    assert code == 0 and err == ""
    for text in ("单位：黄花店镇人民政府", "年度：2024", "得分：81", "等级：良", "结论：通过", "第一责任人职责履行（必备）",
                 "已覆盖", "缺失", "修改建议", "突发事件应对（缺失）", "证据摘录", "第12行"):
        assert text in out, text


def test_failing_report_exits_1_and_says_why(capsys):
    code, out, _ = run([SEED["002"]], capsys)
    assert code == 1
    assert "未通过" in out and "未通过原因：必备要素未达到“已覆盖”" in out


def test_json_contract_for_one_file(capsys):
    code, out, _ = run([SEED["001"], "--format", "json"], capsys)
    assert code == 0
    d = json.loads(out)
    assert {"file", "rulebook", "metadata", "score", "grade", "passed", "elements", "findings"} <= set(d)
    assert {"id", "version"} <= set(d["rulebook"])
    assert {"title", "year", "issuer", "date", "is_annual_report"} <= set(d["metadata"])
    assert d["metadata"]["year"] == 2024 and d["metadata"]["date"] == "2024-12-25"
    assert isinstance(d["score"], (int, float)) and d["grade"] in "优良中差" and d["passed"] is True
    for e in d["elements"]:
        assert {"id", "name", "status", "points", "max_points", "evidence", "advice"} <= set(e)
        assert e["status"] in ("present", "partial", "missing")
        for ev in e["evidence"]:
            assert isinstance(ev["line"], int) and isinstance(ev["text"], str)
    for f in d["findings"]:
        assert set(f) == {"rule", "severity", "message", "line"} and f["severity"] in ("error", "warning", "info")


def test_json_for_several_files_has_reports_and_summary(capsys):
    code, out, _ = run([SEED["001"], SEED["002"], "-f", "json"], capsys)
    assert code == 1
    d = json.loads(out)
    assert [r["file"] for r in d["reports"]] == [str(SEED["001"]), str(SEED["002"])]
    assert d["summary"]["total"] == 2 and d["summary"]["passed"] == 1 and d["summary"]["failed"] == 1


def test_min_score_moves_the_gate(capsys):
    assert run([SEED["001"], "--min-score", "95"], capsys)[0] == 1
    assert run([SEED["001"], "--min-score", "60"], capsys)[0] == 0


def test_rules_option_takes_a_path(capsys):
    code, out, _ = run([SEED["001"], "--rules", ROOT / "rules" / "national-2021.yaml", "-f", "json"], capsys)
    assert code == 0 and json.loads(out)["rulebook"]["reason"] == "由 --rules 指定"


@pytest.mark.parametrize("args,needle", [
    (["missing.txt"], "missing.txt: 文件不存在"),
    (["--bogus", "x.txt"], "用法错误"),
    ([], "用法错误"),
    (["x.txt", "--format", "odt"], "未知的输出格式"),
    (["x.txt", "--fail-level", "fatal"], "--fail-level"),
    (["x.txt", "--max-size", "lots"], "--max-size"),
    (["x.txt", "--rules", "no-such-rulebook"], "规则集文件不存在"),
    (["x.txt", "--jobs", "-1"], "--jobs 应为非负整数"),
])
def test_errors_are_one_chinese_line_and_exit_2(tmp_path, capsys, args, needle):
    (tmp_path / "x.txt").write_text("2021年法治政府建设情况报告。", encoding="utf-8")
    args = [str(tmp_path / a) if a == "x.txt" else a for a in args]
    code, out, err = run(args, capsys)
    assert code == 2
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_not_an_annual_report_is_a_verdict_not_an_error(tmp_path, capsys):
    f = tmp_path / "gzbg.txt"
    f.write_text("2024年XX市政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。依法行政、法治政府建设取得新进展。",
                 encoding="utf-8")
    code, out, _ = run([f, "-f", "json"], capsys)
    d = json.loads(out)
    assert code == 1 and d["metadata"]["is_annual_report"] is False and d["passed"] is False


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run([SEED["001"], bad, SEED["003"], "-f", "json"], capsys)
    d = json.loads(out)
    assert code == 2
    assert [("error" in r) for r in d["reports"]] == [False, True, False]
    assert d["summary"]["errors"] == 1 and f"{bad}: 文件为空" in err


def test_installed_console_script(tmp_path):
    exe = ROOT / ".venv" / "bin" / "check"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "checker"]
    p = subprocess.run(cmd + [str(SEED["002"]), "-f", "json"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 1 and json.loads(p.stdout)["passed"] is False and p.stderr == ""


@pytest.mark.parametrize("args,needle", [
    (["--bogus", "x.txt"], "没有选项 --bogus"),
    ([], "缺少要检查的报告"),
    (["x.txt", "--format"], "选项 --format 后面要写一个值"),
    (["x.txt", "--min-score", "abc"], "--min-score 的值无效：'abc' 不是有效的数值"),
    (["x.txt", "--jobs", "two"], "--jobs / -j 的值无效"),
    (["rules", "nosuch"], "没有子命令 nosuch"),
    (["rules", "lint"], "缺少规则集文件"),
    (["explain"], "缺少要说明的要素或检查的 id"),
    (["explain", "causes", "extra"], "多余的参数：extra"),
])
def test_usage_errors_are_said_in_chinese(tmp_path, capsys, args, needle):
    """click words its usage errors in English; each kind is said again in Chinese."""
    (tmp_path / "x.txt").write_text("2021年法治政府建设情况报告。", encoding="utf-8")
    args = [str(tmp_path / a) if a == "x.txt" else a for a in args]
    code, out, err = run(args, capsys)
    assert code == 2 and err.count("\n") == 1 and err.startswith("check: 用法错误：")
    assert needle in err
    assert not re.search(r"Invalid|Missing|No such|Option|Got unexpected|requires", err), err


@pytest.mark.parametrize("args", [["--help"], ["rules", "--help"], ["rules", "lint", "--help"], ["explain", "--help"],
                                  ["config", "--help"], ["doctor", "--help"]], ids=" ".join)
def test_help_pages_read_in_chinese(capsys, args):
    code, out, _ = run(args, capsys)
    assert code == 0 and out.startswith("用法：check")
    assert "选项：" in out and "显示本帮助并退出。" in out
    assert not re.search(r"Usage|Options|Arguments|Commands|Show this message|\[required\]", out), out
    # no programmers' notation for values: typer's <str>, <list[str]>, {paths}
    assert not re.search(r"<[a-z\[\]]+>|\{\w+\}", out), out
