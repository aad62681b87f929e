"""``check rules``: tools for rulebooks.

- ``check rules lint FILE...``: validate rulebooks before they are used; one line per problem,
  ``文件:行: 说明``; exit 0 when every file is clean, 1 when a problem was found, 2 when a file
  cannot be read. A shipped rulebook's basis period is checked against the others'.
- ``check rules list``: the rulebooks that come with the tool, with id, name and basis period.
- ``check rules diff A B``: elements, patterns, weights and checks added, removed or changed.
"""

from __future__ import annotations

import json
from typing import List

import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                  help="规则集工具：check rules lint 检查写法；check rules list 列出随工具提供的规则集及依据期；"
                       "check rules diff A B 比较两个规则集。")


@app.callback()
def _group() -> None:
    """规则集工具。"""


@app.command(help="检查规则集：未知的键、类型错误、重复的 id、无法编译的正则、与规则不符的示例，"
                  "以及随工具提供的规则集（rules/*.yaml）的依据期是否重叠或有空档。"
                  "每个问题一行：文件:行: 说明。退出码 0 无问题，1 有问题，2 文件无法读取。")
def lint(files: List[str] = typer.Argument(..., metavar="规则集文件", help="规则集 YAML 文件（可多个）", show_default=False)) -> None:
    from checker.rulebook.lint import lint_file
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


@app.command(name="list", help="列出随工具提供的规则集：id、名称、版本、依据期和依据的文件；"
                               "并说明晚于所有依据期的报告用哪个规则集。--json 输出 JSON。")
def list_(as_json: bool = typer.Option(False, "--json", help="输出 JSON")) -> None:
    from checker.season.catalog import entries
    from checker.season.periods import dated, newest

    found = entries()
    books = dated(found) + [e for e in found if e.period is None]
    last = newest(found)
    after = last.period.last + 1 if last is not None and last.period.last is not None else None
    if as_json:
        typer.echo(json.dumps({
            "rulebooks": [{"id": e.id, "name": e.name, "version": e.version,
                           "period": None if e.period is None else {
                               "from_year": e.period.first, "to_year": e.period.last,
                               "label": e.period.label(), "basis": list(e.period.basis)}} for e in books],
            "after_last_period": None if after is None else {"from_year": after, "rulebook": last.id},
        }, ensure_ascii=False, indent=2))
        return
    typer.echo("随工具提供的规则集（按依据期排列）：")
    for e in books:
        typer.echo(f"\n{e.id}  {e.name}  版本 {e.version or '—'}")
        typer.echo(f"  依据期：{e.period.label() if e.period else '未写（不参与按年度选择）'}")
        if e.period and e.period.basis:
            typer.echo(f"  依据：{'；'.join(e.period.basis)}")
    if after is not None:
        typer.echo(f"\n{after} 年度及以后的报告：没有依据期覆盖，使用最新的 {last.id}，"
                   "并在每一份输出中提示依据期已结束；可用 --rules 指定其他规则集。")


@app.command(help="比较两个规则集（id 或 YAML 路径，按 extends 合并后比较）：新增、删去或改动的要素、模式、"
                  "权重和检查，以及依据期。--json 输出 JSON。退出码 0；规则集无法读取时 2。")
def diff(
    a: str = typer.Argument(..., metavar="A", help="原规则集（id 或路径）", show_default=False),
    b: str = typer.Argument(..., metavar="B", help="新规则集（id 或路径）", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    from checker.paths import rulebook_path
    from checker.rulebook.model import resolve
    from checker.season.diff import diff as compare
    from checker.season.diff import text

    pa, pb = rulebook_path(a), rulebook_path(b)
    d = compare(resolve(pa), resolve(pb), str(pa), str(pb))
    typer.echo(json.dumps(d, ensure_ascii=False, indent=2) if as_json else text(d))
