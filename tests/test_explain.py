"""``check explain ID`` and docs/rules.md: one catalogue, generated from the rulebooks."""

import pytest

from checker.cli.main import main
from checker.rulebook.docgen import render
from conftest import ROOT


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_element(capsys):
    code, out, _ = run(["explain", "causes"], capsys)
    assert code == 0
    for text in ("不足的原因分析", "第二十五条", "已覆盖：", "部分覆盖：", "修改建议：", "示例（应判为已覆盖）",
                 "示例（应判为未覆盖）", "主要原因是基层执法人员短缺", "另见：national-2015"):
        assert text in out, text


def test_element_of_the_2015_rulebook_and_year_rules(capsys):
    code, out, _ = run(["explain", "first_responsible", "--rules", "national-2015"], capsys)
    assert code == 0 and "2017 年度起" in out and "2019 年度起必备" in out
    code, out, _ = run(["explain", "capacity"], capsys)
    assert code == 0 and "national-2015" in out and "第八部分" in out


def test_check_and_one_row_of_its_table(capsys):
    code, out, _ = run(["explain", "timeliness.qiwu-pufa"], capsys)
    assert code == 0 and "“七五”普法" in out and "2021年度起已过时" in out
    assert "`qiwu-pufa`" in out and "`fazhiban`" not in out  # only the row asked for
    code, out, _ = run(["explain", "metadata.date-in-year"], capsys)
    assert code == 0 and "4月1日" in out and "示例（应报出问题）" in out


def test_unknown_id_is_one_chinese_line(capsys):
    code, out, err = run(["explain", "nosuch"], capsys)
    assert code == 2 and "nosuch" in err and err.count("\n") == 1


def test_docs_rules_md_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render(), "docs/rules.md 已过期：运行 .venv/bin/python -m checker.rulebook.docgen > docs/rules.md"


def test_docs_cover_every_rulebook_element_and_check():
    text = render()
    for rid in ("national-2021", "national-2015", "example-province-department"):
        assert f"`{rid}`" in text
    for heading in ("### `capacity`", "### 检查 `timeliness`", "### `inspection_rectification`", "### 检查 `phrases`"):
        assert heading in text
