"""check doctor: a verdict on this machine and the exact fix for each missing piece."""

from __future__ import annotations

import pytest

import checker.cli.doctor as doctor
from checker.cli.main import main


def run(capsys, argv=("doctor",)):
    with pytest.raises(SystemExit) as e:
        main(list(argv))
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_reports_each_component_and_exit_code_matches(capsys):
    code, out, _ = run(capsys)
    checks = doctor.diagnose()
    for c in checks:
        assert c.name in out
    assert code == (0 if all(c.ok for c in checks) else 1)
    assert ("PDF 输出可用" in out) == (code == 0)


def test_missing_pieces_give_apt_fixes(capsys, monkeypatch):
    monkeypatch.setattr(doctor, "_library", lambda name: False)
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    code, out, _ = run(capsys)
    assert code == 1
    assert "✗ Pango" in out and "libpango-1.0-0 libpangoft2-1.0-0" in out
    assert "✗ HarfBuzz 子集化库" in out and "apt-get install -y libharfbuzz-subset0" in out
    assert "✗ 中文字体" in out and "fonts-noto-cjk" in out
    assert "结论：PDF 输出不可用" in out


def test_no_cjk_font(monkeypatch):
    class Done:
        stdout = ""

    monkeypatch.setattr(doctor.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(doctor.subprocess, "run", lambda *a, **k: Done())
    c = doctor.check_cjk_font()
    assert not c.ok and "方框" in c.detail and "apt-get install -y fonts-noto-cjk" in c.fix


def test_weasyprint_not_installed(monkeypatch):
    class Failed:
        returncode = 1
        stdout = ""
        stderr = "Traceback ...\nModuleNotFoundError: No module named 'weasyprint'"

    monkeypatch.setattr(doctor.subprocess, "run", lambda *a, **k: Failed())
    c = doctor.check_weasyprint()
    assert not c.ok and "pip install" in c.fix
