"""``check rules lint FILE...``: validate rulebooks before they are used.

Prints one line per problem, ``文件:行: 说明``; exit 0 when every file is clean, 1 when a
problem was found, 2 when a file cannot be read.
"""

from __future__ import annotations

from typing import List

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                  help="规则集工具：check rules lint 规则集.yaml 检查规则集的写法。")


@app.callback()
def _group() -> None:
    """规则集工具。"""


@app.command(help="检查规则集：未知的键、类型错误、重复的 id、无法编译的正则、与规则不符的示例。"
                  "每个问题一行：文件:行: 说明。退出码 0 无问题，1 有问题，2 文件无法读取。")
def lint(files: List[str] = typer.Argument(..., metavar="规则集文件", help="规则集 YAML 文件（可多个）", show_default=False)) -> None:
    from checker.lint import lint_file
    from checker.render.escape import message

    problems = 0
    for f in files:
        found = lint_file(f)
        problems += len(found)
        for p in found:
            typer.echo(message(p))
        if not found:
            typer.echo(message(f"{f}: 未发现问题"))
    if problems:
        typer.echo(f"共 {problems} 个问题", err=True)
    raise typer.Exit(1 if problems else 0)
