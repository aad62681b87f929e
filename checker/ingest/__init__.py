"""Turn a file into a Document: pick the reader by extension, check size and emptiness.

Readers live in their own modules and are imported only when a file needs them, so a run on
plain text never pays for the Word or PDF libraries.
"""

from __future__ import annotations

import importlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from checker.document.model import Document
from checker.errors import InputError

DEFAULT_MAX_SIZE = 20 * 1024 * 1024  # bytes

# extension -> "module:function"; each function is read(path: Path, opts: ReadOptions) -> Document
READERS: dict[str, str] = {
    ".txt": "checker.ingest.plain:read",
    ".text": "checker.ingest.plain:read",
    ".md": "checker.ingest.plain:read",
    ".markdown": "checker.ingest.plain:read",
    ".docx": "checker.ingest.docx:read",
    ".pdf": "checker.ingest.pdf:read",
    ".html": "checker.ingest.html:read",
    ".htm": "checker.ingest.html:read",
    ".shtml": "checker.ingest.html:read",
    ".doc": "checker.ingest.legacy:read",
    ".wps": "checker.ingest.legacy:read",
}


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None
    max_size: int = DEFAULT_MAX_SIZE


def supported_extensions() -> list[str]:
    return sorted(READERS)


def load(path: str | os.PathLike, opts: ReadOptions | None = None) -> Document:
    """Read one report. Raises InputError (one-line Chinese reason) for anything unreadable."""
    opts = opts or ReadOptions()
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "这是一个目录，不是文件")
    ext = p.suffix.lower()
    if ext not in READERS:
        known = "、".join(supported_extensions())
        raise InputError(p, f"不支持的文件类型「{ext or '无扩展名'}」（支持：{known}）")
    try:
        st = p.stat()
    except OSError as e:
        raise InputError(p, f"无法读取文件（{e.strerror}）") from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the reader, /dev/zero never end
        from checker.rulebook.safeyaml import not_regular

        raise InputError(p, not_regular(st.st_mode))
    size = st.st_size
    if size > opts.max_size:
        raise InputError(
            p, f"文件过大（{size / 1048576:.1f} MB，上限 {opts.max_size / 1048576:.0f} MB，可用 --max-size 调整）"
        )
    if size == 0:
        raise InputError(p, "文件为空")
    module, func = READERS[ext].split(":")
    try:
        doc = getattr(importlib.import_module(module), func)(p, opts)
    except InputError:
        raise
    except PermissionError:
        raise InputError(p, "没有读取权限") from None
    except OSError as e:
        raise InputError(p, f"无法读取文件（{e.strerror or e}）") from None
    if not doc.blocks:
        raise InputError(p, "文件不含正文（为空或只有空白、页面元素）")
    return doc
