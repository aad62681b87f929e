"""``check explain ID``: one element or check of a rulebook, as the catalogue (docs/rules.md)
shows it: name, basis, what counts as present or partial, advice, examples.

ID is an element id (``causes``), a check id (``timeliness``) or a finding's rule as the
scorecard prints it (``timeliness.qiwu-pufa``, ``metadata.date-in-year``). Without --rules the
national rulebooks are searched, newest first.
"""

from __future__ import annotations

from typing import Optional

import typer

from checker.errors import CheckError

app = typer.Typer(add_completion=False, rich_markup_mode=None,
                  help="说明一条规则：check explain 要素或检查的 id（如 causes、timeliness.qiwu-pufa）。")


def find(rule_id: str, book) -> list[str] | None:
    """The catalogue entry of ``rule_id`` in ``book``, or None."""
    from checker.judge.checks import REGISTRY, module
    from checker.rulebook.docgen import check_lines, element_lines

    for el in book.elements:
        if el.id == rule_id:
            return element_lines(el, book)
    cid, _, rest = rule_id.partition(".")
    if cid in REGISTRY and cid in (book.raw.get("checks") or {}):
        key = getattr(module(cid), "ROWS", None)
        rows = {r.get("id") for r in (book.raw["checks"][cid] or {}).get(key) or []} if key else set()
        return check_lines(cid, book, rest if rest in rows else None)
    return None


@app.command(help="说明一条规则：名称、依据、怎样算已覆盖或部分覆盖、修改建议和示例。")
def explain(
    rule_id: str = typer.Argument(..., metavar="ID", help="要素 id、检查 id 或问题编号（如 timeliness.qiwu-pufa）"),
    rules: Optional[str] = typer.Option(None, "--rules", "-r", metavar="规则", help="规则集 id 或 YAML 路径（默认依次查找全国规则集）"),
) -> None:
    from checker.rulebook.model import load_rulebook
    from checker.rulebook.select import ERAS

    names = [rules] if rules else [rid for _, rid in reversed(ERAS)]
    for name in names:
        book = load_rulebook(name)
        entry = find(rule_id, book)
        if entry is not None:
            from checker.render.escape import message

            typer.echo("\n".join(message(line) for line in "\n".join(entry).rstrip().split("\n")))
            others = [n for n in names if n != name and find(rule_id, load_rulebook(n)) is not None]
            if others:
                typer.echo(f"\n另见：{'、'.join(others)}（用 --rules 指定）")
            return
    raise CheckError(f"规则集 {'、'.join(names)} 中没有“{rule_id}”：可用 check explain 要素 id（如 causes）或检查 id（如 timeliness）")
