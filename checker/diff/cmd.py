"""``check diff OLD NEW``: what a revision fixed and what it broke.

Exit 0 when the new draft is no worse, 1 when it is worse (an element lost status, a new error,
a failed verdict or a lower score: a CI gate refuses such a revision), 2 when a draft cannot be
read or the options are wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from checker.errors import CheckError

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True)

FORMATS = {"text": "txt", "json": "json", "html": "html"}
DEFAULT_FOLDER = Path("reports_out")


def output_target(output: str | None, fmt: str, old: str, new: str) -> Path | None:
    """Where the result goes: None for stdout (text and json without ``-o``); ``-o`` names a file,
    or a folder (existing, or written with a trailing slash) that gets ``<新稿>.diff.<ext>``; html
    without ``-o`` goes to ``reports_out/``. Never one of the drafts, nor a link to one, and, as
    for scorecards, never in a draft's own folder (a ``.txt`` there would be checked as a report
    by the next ``check 文件夹/``)."""
    from checker.render import check_batch_outputs, output_stem

    if output is None and fmt != "html":
        return None
    name = f"{output_stem(new)}.diff.{FORMATS[fmt]}"
    if output is None:
        target = DEFAULT_FOLDER / name
    elif Path(output).is_dir() or output.endswith(("/", "\\")):
        target = Path(output) / name
    else:
        target = Path(output)
    check_batch_outputs([target], [old, new])
    import os

    folder = os.path.realpath(target.parent)
    for draft in (old, new):
        if folder == os.path.dirname(os.path.realpath(draft)):
            raise CheckError(f"{draft}: 输出目录就是报告所在的目录，比较结果不与原件放在一起，请用 -o 指定其他目录")
    return target


@app.command(help="比较同一份报告的两稿（旧稿、新稿）：哪些要素的状态改进或变差，哪些问题已解决、新出现、仍未解决"
                  "（按规则和所引原文对应，不按行号），得分和结论的前后对比。两稿按同一规则集审查（旧稿按年度选择的，"
                  "或 --rules 指定的）。退出码 0 新稿没有变差，1 新稿变差（要素状态降低、新出现错误、结论变为未通过或得分降低），"
                  "2 文件无法读取或用法错误。")
def main(
    old: str = typer.Argument(..., metavar="旧稿", help="修改前的报告（check 能读的任何格式）", show_default=False),
    new: str = typer.Argument(..., metavar="新稿", help="修改后的报告（格式可与旧稿不同）", show_default=False),
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="text（默认，终端）、json 或 html",
                               show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="路径",
                                          help="写入的文件，或目录（写入 <新稿>.diff.<格式>）；html 默认写入 reports_out/，"
                                               "text 和 json 默认输出到终端"),
    rules: Optional[str] = typer.Option(None, "--rules", "-r", metavar="规则", help="规则集 id 或 YAML 文件路径（默认按旧稿的报告年度选择）"),
    min_score: Optional[float] = typer.Option(None, "--min-score", metavar="分数", help="合格线（默认取规则集的设定）"),
    fail_level: Optional[str] = typer.Option(None, "--fail-level", metavar="级别", help="达到该级别（error 或 warning）的问题也判为未通过"),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="编码", help="文本文件的编码（默认自动识别）"),
    max_size: Optional[str] = typer.Option(None, "--max-size", metavar="大小", help="单个文件的大小上限（默认 20MB）"),
    config: Optional[Path] = typer.Option(None, "--config", metavar="文件", help="配置文件（默认从当前目录向上查找；取其中的 rules、min_score、fail_level、skip、mandatory）"),
) -> None:
    import math

    from checker.cli.main import _size, say
    from checker.cli.config import effective
    from checker.diff.drafts import diff_reports
    from checker.pipeline import Options

    if output is not None and not output.strip():
        raise CheckError("用法错误：-o 的路径为空")
    fmt = (format or "").strip().lower()
    if fmt not in FORMATS:
        raise CheckError(f"--format 只能是 text、json 或 html，收到：{format}")
    if not old.strip() or not new.strip():
        raise CheckError("用法错误：报告路径为空（用 check diff --help 查看用法）")
    if fail_level is not None and fail_level not in ("error", "warning"):
        raise CheckError(f"--fail-level 只能是 error 或 warning，收到：{fail_level}")
    if min_score is not None and not (math.isfinite(min_score) and 0 <= min_score <= 100):
        raise CheckError(f"--min-score 应为 0 到 100 之间的数，收到：{min_score:g}")
    cfg = effective(config, warn=say, rules=rules, min_score=min_score, fail_level=fail_level)
    if cfg.path is not None:
        say(f"使用配置文件 {cfg.path}")
    opts = Options(rules=cfg.get("rules"), min_score=cfg.get("min_score"), fail_level=cfg.get("fail_level"),
                   encoding=encoding, skip=tuple(cfg.get("skip") or ()),
                   mandatory=None if cfg.get("mandatory") is None else tuple(cfg.get("mandatory")))
    size = _size(max_size)
    if size is not None:
        opts.max_size = size
    target = output_target(output, fmt, old, new)
    diff = diff_reports(old, new, opts)
    if fmt == "json":
        from checker.diff.render import to_dict

        body = json.dumps(to_dict(diff), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "text":
        from checker.diff.render import render_text

        body = render_text(diff)
    else:
        from checker.diff.render import stream_html

        body = stream_html(diff)
    if target is None:
        sys.stdout.write(body)
        sys.stdout.flush()
    else:
        from checker.render import write_atomic

        write_atomic(target, body)
        say(f"比较结果已写入 {target}")
    raise typer.Exit(1 if diff.worse else 0)
