"""Refuse a zip container (.docx) that would inflate beyond a limit, before inflating anything.

The sizes come from the zip central directory. Python's zipfile stops a member at its declared
size, so a member that lies about its size cannot inflate further than what was checked here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from checker.errors import InputError

MAX_INFLATED = 50 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 100  # inflated / compressed for one member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps


def check(path: Path, kind: str = ".docx") -> None:
    """Raise InputError if ``path`` is not a zip or would inflate too much."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(_OLE):
        raise InputError(path, f"这是旧版 Word/WPS 文档（.doc/.wps 格式），不是 {kind}；请把扩展名改为 .doc 或另存为 {kind}")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise InputError(path, f"不是有效的 {kind} 文件（文件已损坏、不完整，或是改了扩展名的其他格式）") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"{kind} 文件内含 {len(infos)} 个部件，超过上限 {MAX_MEMBERS}，拒绝处理")
    total = sum(i.file_size for i in infos)
    if total > MAX_INFLATED:
        raise InputError(path, f"{kind} 解压后将达 {total / 1048576:.0f} MB，超过上限 {MAX_INFLATED // 1048576} MB"
                               "（疑似压缩炸弹），拒绝处理")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(path, f"{kind} 中的部件 {i.filename} 压缩比异常（{i.file_size // max(i.compress_size, 1)}:1，"
                                   "疑似压缩炸弹），拒绝处理")
