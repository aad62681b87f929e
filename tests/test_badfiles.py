"""Bad files: exit 2 with one Chinese line naming the file and the reason, quickly, never a
traceback or a hang; in a batch, one bad file does not stop the others.

Each case runs the real command in a subprocess with a timeout, so a hang fails the test instead
of stalling the suite. The time bound (15 s, for work that takes well under a second) only
guards against a hang or an inflated bomb; speed itself is measured in bench/, not here.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import derive_formats as derive
from checker.cli.main import main
from conftest import ROOT, SEED

HANG_GUARD = 15  # seconds


def _docx(tmp: Path) -> bytes:
    return derive.write_docx(SEED["001"], tmp / "src.docx").read_bytes()


def _pdf(tmp: Path) -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>2021年法治政府建设情况报告。我县全面推进依法行政。</p>").write_pdf()


def _encrypted_pdf(tmp: Path) -> bytes:
    import pypdf

    w = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf(tmp)))
    w.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _zip_bomb(tmp: Path) -> bytes:
    """A .docx whose document.xml would inflate to 60 MB (about 60 KB on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:t>" + b"0" * (60 * 1024 * 1024) + b"</w:t>")
    return out.getvalue()


def _ratio_bomb(tmp: Path) -> bytes:
    """Small in total (5 MB), but one part compressed more than 100:1."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (5 * 1024 * 1024))
    return out.getvalue()


def _legacy_doc(tmp: Path) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


CASES = {
    # name: (file name, content or builder, words the reason must contain)
    "empty": ("empty.txt", b"", "文件为空"),
    "whitespace": ("blank.md", " \r\n\t\u3000\n".encode("utf-8"), "不含正文"),
    "empty-pdf": ("empty.pdf", b"", "文件为空"),
    "binary-as-text": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "二进制"),
    "unsupported": ("report.xlsx", b"PK\x03\x04 spreadsheet", "不支持的文件类型"),
    "no-extension": ("report", "2021年法治政府建设报告。".encode("utf-8"), "不支持的文件类型"),
    "truncated-docx": ("half.docx", lambda t: _docx(t)[:9000], ".docx"),
    "text-as-docx": ("renamed.docx", "2021年法治政府建设报告。".encode("utf-8"), "不是有效的 .docx"),
    "truncated-pdf": ("half.pdf", lambda t: _pdf(t)[:len(_pdf(t)) // 2], "不完整"),
    "text-as-pdf": ("renamed.pdf", "2021年法治政府建设报告。".encode("utf-8"), "不是有效的 PDF"),
    "encrypted-pdf": ("locked.pdf", _encrypted_pdf, "已加密"),
    "zip-bomb": ("bomb.docx", _zip_bomb, "压缩炸弹"),
    "ratio-bomb": ("ratio.docx", _ratio_bomb, "压缩比异常"),
    "doc-named-docx": ("old.docx", _legacy_doc, "旧版 Word"),
    "html-without-text": ("page.html", b"<html><body><script>var a=1;</script><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>",
                          "不含正文"),
}


def _make(tmp_path: Path, name: str) -> Path:
    fname, content, _ = CASES[name]
    path = tmp_path / fname
    path.write_bytes(content(tmp_path) if callable(content) else content)
    return path


def _run(*args, timeout=HANG_GUARD * 2):
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    return proc, time.monotonic() - start


def _one_chinese_line(err: str, path: Path, reason: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert str(path) in err and reason in err, err


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_exits_2_with_one_line(tmp_path, name):
    path = _make(tmp_path, name)
    before = path.read_bytes()
    proc, took = _run(path, "-o", tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    _one_chinese_line(proc.stderr, path, CASES[name][2])
    assert took < HANG_GUARD
    assert path.read_bytes() == before  # input never modified


def test_text_over_the_size_limit_unless_raised(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(SEED["001"].read_text(encoding="utf-8") * 20, encoding="utf-8")  # about 215 KB
    proc, _ = _run(path, "--max-size", "100KB", "-o", tmp_path / "out")
    assert proc.returncode == 2
    _one_chinese_line(proc.stderr, path, "文件过大")
    assert "--max-size" in proc.stderr
    proc, _ = _run(path, "--max-size", "1MB", "-o", tmp_path / "out")
    assert proc.returncode in (0, 1) and not proc.stderr


def _in_process(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.mark.parametrize("fname", ["locked.txt", "locked.docx", "locked.pdf", "locked.html"])
def test_unreadable_file(tmp_path, capsys, monkeypatch, fname):
    """Tests run as root, who can read anything: the refusal is simulated at open()."""
    import builtins
    import pathlib

    path = tmp_path / fname
    path.write_bytes(b"%PDF-1.7 and more")
    real_open = builtins.open

    def deny(file, *a, **k):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    def deny_read(self):
        if str(self) == str(path):
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    real_read = pathlib.Path.read_bytes
    monkeypatch.setattr(builtins, "open", deny)
    monkeypatch.setattr(pathlib.Path, "read_bytes", deny_read)
    code, _, err = _in_process([path, "-o", tmp_path / "out", "-j", "1"], capsys)
    assert code == 2
    _one_chinese_line(err.replace("check: ", ""), path, "没有读取权限")


def test_directory_with_a_report_name(tmp_path, capsys):
    folder = tmp_path / "report.pdf"
    folder.mkdir()
    code, _, err = _in_process([folder, "-o", tmp_path / "out"], capsys)
    assert code == 2
    _one_chinese_line(err, folder, "目录")


def test_doc_without_libreoffice_says_how_to_convert(tmp_path, capsys, monkeypatch):
    import shutil

    path = tmp_path / "old.doc"
    path.write_bytes(_legacy_doc(tmp_path))
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice")
                        else real_which(name, *a, **k))
    code, _, err = _in_process([path, "-o", tmp_path / "out"], capsys)
    assert code == 2
    _one_chinese_line(err, path, "LibreOffice")
    assert "另存为" in err and ".docx" in err


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_doc_is_converted_by_libreoffice(tmp_path):
    src = derive.write_docx(SEED["001"], tmp_path / "r.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    from checker.ingest import load

    doc = load(tmp_path / "r.doc")
    assert doc.format == "doc" and any("主要举措" in ln for ln in doc.lines)


def test_batch_folder_of_good_and_bad_files(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = [derive.write_docx(SEED["001"], folder / "a_good.docx"),
            derive.write_html(SEED["002"], folder / "c_good.html"),
            folder / "e_good.txt"]
    good[2].write_bytes(SEED["000"].read_bytes())
    bad = {}
    for name, fname in (("truncated-docx", "b_bad.docx"), ("text-as-pdf", "d_bad.pdf"), ("empty", "f_bad.txt"),
                        ("zip-bomb", "g_bad.docx")):
        p = _make(tmp_path, name).rename(folder / fname)
        bad[p] = CASES[name][2]
    proc, took = _run(folder, "-f", "json", "-o", tmp_path / "out", "-j", "2")
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    by_file = {r["file"]: r for r in data["reports"]}
    assert len(by_file) == len(good) + len(bad)
    for p in good:
        assert "error" not in by_file[str(p)] and by_file[str(p)]["elements"]
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == len(bad) and "Traceback" not in proc.stderr
    for p, reason in bad.items():
        assert reason in by_file[str(p)]["error"]
        assert any(str(p) in line and reason in line for line in err_lines)
    assert data["summary"]["errors"] == len(bad) and data["summary"]["total"] == len(good) + len(bad)
    assert took < HANG_GUARD * 2
