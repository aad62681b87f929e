"""Where and how output files are written: never over or next to the input, atomically, as
ordinary readable files."""

import os
import stat

import pytest

from checker.errors import CheckError
from checker.render import safe_output_path, write_atomic


def test_output_in_the_inputs_own_folder_is_refused(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("x", encoding="utf-8")
    with pytest.raises(CheckError, match="输出文件会覆盖输入文件"):
        safe_output_path(tmp_path, "report.txt", str(src))
    with pytest.raises(CheckError, match="报告所在的目录"):
        safe_output_path(tmp_path, "report.html", str(src))
    assert safe_output_path(tmp_path / "out", "report.html", str(src)) == (tmp_path / "out" / "report.html").resolve()


def test_atomic_write_leaves_a_readable_file_and_no_temporaries(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "sub" / "a.html", "<p>审查</p>")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "<p>审查</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


def test_same_named_inputs_in_different_folders_get_distinct_outputs(tmp_path):
    from checker.render import unique_stems

    files = [str(tmp_path / "区A" / "报告.txt"), str(tmp_path / "区B" / "报告.txt"), str(tmp_path / "其他.md")]
    stems = unique_stems(files)
    assert stems[files[2]] == "其他"
    assert {stems[files[0]], stems[files[1]]} == {"区A_报告", "区B_报告"}


def test_batch_html_for_same_named_reports_keeps_both(tmp_path):
    import shutil

    from checker.cli.main import main
    from conftest import SEED

    for d, key in (("区A", "001"), ("区B", "002")):
        (tmp_path / "in" / d).mkdir(parents=True)
        shutil.copy(SEED[key], tmp_path / "in" / d / "报告.txt")
    with pytest.raises(SystemExit):
        main([str(tmp_path / "in"), "--format", "html", "-o", str(tmp_path / "out")])
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["index.html", "区A_报告.html", "区B_报告.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="./区A_报告.html"' in index and 'href="./区B_报告.html"' in index
