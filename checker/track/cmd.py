"""``check track LAST THIS``: did THIS (year N+1) do what LAST (year N) promised?

Exit 0 when both reports were read (whatever was kept), 2 when a file cannot be read or the
usage is wrong. Warnings (bodies differ, years not consecutive) go to stderr and do not fail.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True)

FORMATS = ("text", "json", "html")


@app.command(help="比对同一单位相邻两年的年度报告：上一年度报告“下一年度安排”中的每一项，在本年度报告的工作情况中"
                  "是否已落实（已落实、部分落实、未提及），给出本年度报告中的证据行。"
                  "示例：check track 2023年报告.txt 2024年报告.txt。退出码 0 完成比对，2 文件无法读取或用法错误。")
def main(
    last: str = typer.Argument(..., metavar="上一年度报告", help="作出承诺的报告（第 N 年）", show_default=False),
    this: str = typer.Argument(..., metavar="本年度报告", help="核对落实情况的报告（第 N+1 年）", show_default=False),
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="text（默认）、json，或 html（本年度报告的评分卡，写入 -o 目录）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="目录", help="html 的输出目录（默认 reports_out/）"),
    rules: Optional[str] = typer.Option(None, "--rules", "-r", metavar="规则", help="规则集 id 或 YAML 文件路径（默认按报告年度自动选择）"),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="编码", help="文本文件的编码（默认自动识别）"),
) -> None:
    from checker.errors import CheckError

    fmts = [f.strip() for f in format.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise CheckError(f"--format 只能是 {'、'.join(FORMATS)}，收到：{format}")
    if not last.strip() or not this.strip():
        raise CheckError("用法错误：报告路径为空（用 check track --help 查看用法）")
    from checker.cli.main import say
    from checker.track.pair import track_pair

    pair = track_pair(last, this, encoding=encoding, rules=rules)  # InputError: exit 2, one line
    for w in pair.warnings:
        say(f"注意：{w}")
    if "json" in fmts:
        from checker.render.json_out import dumps

        sys.stdout.write(dumps(as_json(pair), indent=2) + "\n")
    if "text" in fmts:
        write_text(pair, sys.stdout)
    if "html" in fmts:
        from checker.pipeline import Options
        from checker.render import probe_folder, write_per_report

        opts = Options(out_dir=output or Path("reports_out"))
        probe_folder(opts.out_dir)
        path = write_per_report("html", pair.this, opts)
        say(f"评分卡已写入 {path}")
    raise typer.Exit(0)


def as_json(pair) -> dict:
    """The comparison: both reports named, LAST's promises with their verdicts, the warnings."""
    def who(r):
        return {"file": r.file, "issuer": r.metadata.issuer, "year": r.metadata.year}

    return {"last": who(pair.last), "this": who(pair.this), "promises": pair.this.promises,
            "promises_from": pair.this.promises_from, "warnings": pair.warnings}


def write_text(pair, out) -> None:
    from checker.render.escape import terminal as t
    from checker.track.show import text_lines

    a, b = pair.last, pair.this
    out.write(f"承诺落实比对 —— 上一年度：{t(a.file)}（{t(a.metadata.issuer) or '单位未识别'}，{a.metadata.year or '年度未识别'}）\n")
    out.write(f"               本年度：{t(b.file)}（{t(b.metadata.issuer) or '单位未识别'}，{b.metadata.year or '年度未识别'}）\n")
    for w in pair.warnings:
        out.write(f"注意：{t(w)}\n")
    out.write("\n".join(text_lines(b, clip_to=120)) + "\n")
