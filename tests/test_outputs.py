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
