"""Uploaded files: a safe name for each, and the private folder they are checked in.

The name a user sees is the uploaded file's own name with any folder part (``../``, ``C:\\``),
control and format characters (bidi overrides, zero-width) removed; it is never used to build
a path outside the private folder, and it is escaped wherever it is shown."""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 200  # file systems allow 255 bytes; a Chinese character takes 3


def display_name(raw: str | None, index: int) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] not in "CZ" or c == " ").strip()
    name = name.lstrip(".")  # no hidden file, no "..", no "."
    if not name:
        return f"未命名文件{index}"
    stem, ext = os.path.splitext(name)
    while len(name.encode("utf-8")) > MAX_NAME_BYTES and stem:
        stem = stem[:-1]
        name = stem + ext
    return name


def private_folder() -> Path:
    """A fresh folder only this user can read (mkdtemp makes it 0700)."""
    return Path(tempfile.mkdtemp(prefix="check-serve-"))


def save(upload, folder: Path, index: int, name: str) -> Path:
    """Copy an upload into ``folder/<index>/<name>``; the index keeps equal names apart."""
    sub = folder / str(index)
    sub.mkdir(mode=0o700)
    target = sub / name
    upload.file.seek(0)
    with open(target, "xb") as out:
        shutil.copyfileobj(upload.file, out, 1 << 20)
    return target


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
