"""``check doctor``: can this machine make PDF scorecards, and if not, what exactly to install.

PDF output needs WeasyPrint (a Python package) and, under it, Pango and fontconfig (system
libraries), HarfBuzz's subsetter (without it WeasyPrint subsets the large CJK fonts with
fontTools, about 20 times slower) and a font with Chinese glyphs (without one every character
prints as a box). Each check says what it found, or the command that fixes it.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

import typer

PREFERRED_FONT = "Noto Sans CJK SC"  # what templates/scorecard.css asks for first

app = typer.Typer(add_completion=False, rich_markup_mode=None,
                  help="检查本机能否生成 PDF 评分卡，并给出每一项缺失的修复方法。")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _apt(*packages: str) -> str:
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get update && {sudo}apt-get install -y {' '.join(packages)}"


def _library(name: str) -> bool:
    return ctypes.util.find_library(name) is not None


def check_weasyprint() -> Check:
    """Import it in a child process: a failing import prints a banner and may not be undone."""
    code = "import weasyprint, sys; sys.stdout.write(weasyprint.__version__)"
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return Check("WeasyPrint", False, f"无法运行 Python 检查导入（{e}）", f"{sys.executable} -m pip install weasyprint")
    if proc.returncode == 0:
        return Check("WeasyPrint", True, f"可以导入（版本 {proc.stdout.strip()}）")
    err = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "未知错误"
    if "No module named" in err:
        return Check("WeasyPrint", False, "未安装", f"{sys.executable} -m pip install 'weasyprint>=62'")
    return Check("WeasyPrint", False, f"导入失败：{err}",
                 _apt("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fontconfig"))


def check_pango() -> Check:
    found = [n for n in ("pango-1.0", "pangoft2-1.0") if _library(n)]
    if len(found) == 2:
        return Check("Pango", True, "libpango-1.0、libpangoft2-1.0 已安装")
    return Check("Pango", False, "未找到 libpango-1.0 / libpangoft2-1.0（排版中文所需）",
                 _apt("libpango-1.0-0", "libpangoft2-1.0-0"))


def check_harfbuzz_subset() -> Check:
    if _library("harfbuzz-subset"):
        return Check("HarfBuzz 子集化库", True, "libharfbuzz-subset 已安装（中文字体子集化快）")
    return Check("HarfBuzz 子集化库", False,
                 "未找到 libharfbuzz-subset：WeasyPrint 将改用 fontTools 子集化中文字体，每页约需数秒",
                 _apt("libharfbuzz-subset0"))


def check_cjk_font() -> Check:
    if not shutil.which("fc-list"):
        return Check("中文字体", False, "未找到 fontconfig（fc-list），无法查找字体", _apt("fontconfig", "fonts-noto-cjk"))
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return Check("中文字体", False, f"fc-list 运行失败（{e}）", _apt("fontconfig", "fonts-noto-cjk"))
    families = sorted({f.strip() for line in out.splitlines() for f in line.split(",") if f.strip()})
    if not families:
        return Check("中文字体", False, "fontconfig 找不到任何中文字体：PDF 中的汉字会显示为方框",
                     _apt("fonts-noto-cjk") + " && fc-cache -f")
    if PREFERRED_FONT in families:
        return Check("中文字体", True, f"{PREFERRED_FONT}（共 {len(families)} 个中文字体族）")
    return Check("中文字体", True, f"{families[0]} 等 {len(families)} 个（评分卡首选 {PREFERRED_FONT}，"
                 f"可用 {_apt('fonts-noto-cjk')} 安装）")


def diagnose() -> list[Check]:
    """Every check, in the order a fix would be applied."""
    return [check_weasyprint(), check_pango(), check_harfbuzz_subset(), check_cjk_font()]


@app.command(help="检查 PDF 输出所需的组件：WeasyPrint、Pango、HarfBuzz 子集化库、中文字体。全部可用时退出码为 0，否则为 1。")
def doctor() -> None:
    checks = diagnose()
    print("PDF 评分卡所需组件：")
    for c in checks:
        print(f"  {'✓' if c.ok else '✗'} {c.name}：{c.detail}")
        if not c.ok and c.fix:
            print(f"      修复：{c.fix}")
    bad = [c for c in checks if not c.ok]
    if bad:
        print(f"结论：PDF 输出不可用或不完整（{len(bad)} 项待修复）；HTML 和其他格式不受影响。")
        raise typer.Exit(1)
    print("结论：PDF 输出可用。")
