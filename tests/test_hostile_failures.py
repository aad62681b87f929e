"""Crashes and wrong exit codes on hostile or unlucky runs (issue 12): each gives one clear
Chinese line, the right exit code, nothing half-written, and the rest of the batch done."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from checker.cli.main import main
from conftest import ROOT, SEEDS


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def _temporaries(folder):
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")] \
        if folder.exists() else []


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400", "-1", "100.5"])
def test_min_score_must_be_a_finite_number_from_0_to_100(value, capsys):
    code, out, err = run([SEEDS[1], "--min-score", value, "-f", "json"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "--min-score" in err and "内部错误" not in err


@pytest.mark.parametrize("value", ["0", "100", "75.5"])
def test_min_score_in_range_still_works(value, capsys):
    code, out, _ = run([SEEDS[1], "--min-score", value, "-f", "json"], capsys)
    assert code in (0, 1) and json.loads(out)["gate"]["min_score"] == float(value)


def test_output_folder_that_is_a_file_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("我是一个文件", encoding="utf-8")
    code, out, err = run([SEEDS[0], SEEDS[1], "-f", "html,csv", "-o", blocker, "-j", "1"], capsys)
    assert code == 2 and err.count("\n") == 1 and "无法写入输出目录" in err and str(blocker) in err
    assert "内部错误" not in err and blocker.read_text(encoding="utf-8") == "我是一个文件"
    assert _temporaries(tmp_path) == []


def test_unwritable_output_folder_is_a_clear_error(tmp_path, capsys, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # as root, chmod alone does not stop writes
    out_dir = tmp_path / "out"
    code, out, err = run([SEEDS[0], SEEDS[1], "-f", "html,csv", "-o", out_dir, "-j", "1"], capsys)
    assert code == 2 and err.count("\n") == 1 and "无法写入输出目录" in err and "没有写入权限" in err
    assert str(out_dir) in err and "内部错误" not in err


class _FullDisk:
    """A file whose writes fail as on a full disk."""

    def __init__(self, f):
        self._f = f

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


def test_full_disk_gives_a_clear_message_removes_temporaries_and_checks_every_report(tmp_path, capsys,
                                                                                      monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real(*a, **k)))
    out_dir = tmp_path / "out"
    files = [tmp_path / f"{i}.txt" for i in range(3)]
    for f, seed in zip(files, SEEDS):
        shutil.copy(seed, f)
    code, out, err = run([*files, "-f", "html,csv,sarif", "-o", out_dir, "-j", "1"], capsys)
    assert code == 2
    lines = err.splitlines()
    assert lines and all("无法写入输出目录" in ln and "磁盘空间不足" in ln for ln in lines), err
    assert "内部错误" not in err
    assert _temporaries(out_dir) == [] and list(out_dir.iterdir()) == []  # nothing half-written
    assert "共 3 份" in out  # the summary still lists every report


def test_long_chinese_report_name_gets_its_html_and_pdf(tmp_path, capsys):
    name = "某" * 80 + ".txt"  # 240 bytes: the longest names a file system allows leave no room for a prefix
    f = tmp_path / "in" / name
    f.parent.mkdir()
    shutil.copy(SEEDS[1], f)
    out_dir = tmp_path / "out"
    code, out, err = run([f, "-f", "html,pdf", "-o", out_dir, "-j", "1"], capsys)
    assert code in (0, 1) and err == ""
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".html", ".pdf"]
    assert _temporaries(out_dir) == []


def test_long_names_in_a_batch_stay_apart_and_within_the_limit(tmp_path, capsys):
    from checker.render import unique_stems

    a = str(tmp_path / ("甲" * 70) / ("某" * 80 + ".docx"))
    b = str(tmp_path / ("乙" * 70) / ("某" * 80 + ".docx"))
    stems = unique_stems([a, b])
    assert stems[a] != stems[b]
    assert all(len((s + ".html").encode("utf-8")) <= 255 for s in stems.values())


def _interrupt(args, tmp_path, wait_for):
    """Run ``check`` in its own process group, send Ctrl-C (SIGINT to the group, as a terminal
    does) once ``wait_for()`` holds, and return (exit code, stderr)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-m", "checker", *map(str, args)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not wait_for() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=120)
    return p.returncode, err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch_says_so_exits_130_and_leaves_no_temporary_file(tmp_path, jobs):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        shutil.copy(SEEDS[i % len(SEEDS)], src / f"r{i:02d}.txt")
    out_dir = tmp_path / "out"
    code, err = _interrupt([src, "-f", "pdf,csv", "-o", out_dir, "-j", jobs], tmp_path,
                           lambda: out_dir.exists() and any(out_dir.glob("*.pdf")))
    assert code == 130, err
    assert err.endswith("check: 已中断\n") and "Traceback" not in err, err
    assert [n for n in _temporaries(out_dir)] == []
    assert not (out_dir / "summary.csv").exists()  # the batch file is never left half-written




@pytest.mark.parametrize("value", [".nan", ".inf", "-1", "101", "abc"])
def test_rulebook_pass_mark_must_be_a_finite_number_from_0_to_100(tmp_path, capsys, value):
    book = tmp_path / "gate.yaml"
    book.write_text(f'extends: national-2021\nid: gate\nversion: "1"\ngate:\n  min_score: {value}\n', encoding="utf-8")
    code, out, err = run([SEEDS[1], "--rules", book, "-f", "json"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "gate.yaml" in err and "min_score" in err


@pytest.fixture
def tiny_disk(tmp_path):
    """A 300 KB tmpfs: a real full disk, where mounting is allowed (root with CAP_SYS_ADMIN)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


def test_a_really_full_disk(tiny_disk, tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(10):
        shutil.copy(SEEDS[i % len(SEEDS)], src / f"r{i}.txt")
    out_dir = tiny_disk / "out"
    code, out, err = run([src, "-f", "html,csv,sarif", "-o", out_dir, "-j", "2"], capsys)
    assert code == 2 and err
    assert all(ln.startswith(f"check: 无法写入输出目录 {out_dir}：磁盘空间不足") for ln in err.splitlines()), err
    assert _temporaries(out_dir) == []
    assert "共 10 份" in out
    for f in out_dir.iterdir():  # whatever was written is whole
        if f.suffix == ".html":
            assert f.read_text(encoding="utf-8").rstrip().endswith("</html>")
