"""Legacy Word (.doc) and WPS (.wps): converted to .docx by LibreOffice headless, then read as .docx.

LibreOffice is optional (it is large); without ``soffice`` on PATH the user is told how to convert.
The input is never modified: the conversion writes into a private temporary directory.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from checker.document.model import Document
from checker.errors import InputError

TIMEOUT = 120  # seconds for one conversion


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: Path, opts) -> Document:
    ext = path.suffix.lower()
    from checker.ingest import docx

    with open(path, "rb") as f:
        if f.read(4) == b"PK\x03\x04":  # a .docx under an old name (WPS saves these): read it directly
            doc = docx.read(path, opts)
            doc.format = ext.lstrip(".")
            return doc
    exe = _soffice()
    if exe is None:
        raise InputError(path, f"无法直接读取 {ext} 文件：未安装 LibreOffice（soffice）。请用 Word 或 WPS 打开后"
                               "“另存为” .docx 再检查，或安装 LibreOffice（apt-get install libreoffice-writer）")

    with tempfile.TemporaryDirectory(prefix="check-convert-") as tmp:
        src = Path(tmp) / ("input" + ext)  # a plain ASCII name: soffice mishandles some names
        shutil.copyfile(path, src)
        try:
            proc = subprocess.run(
                [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "docx", "--outdir", tmp, str(src)],
                capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice 转换超时（超过 {TIMEOUT} 秒），请手工另存为 .docx 后再检查") from None
        out = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not out.exists():
            raise InputError(path, f"LibreOffice 无法转换此 {ext} 文件（文件可能已损坏），请用 Word 或 WPS 另存为 .docx 后再检查")
        doc = docx.read(out, opts)
    doc.path = str(path)
    doc.format = ext.lstrip(".")
    doc.info["converted_with"] = "LibreOffice"
    return doc
