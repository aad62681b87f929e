"""``check eval DIR...``: agreement of the checker with a reviewer's labels.

Exit 0 when every scored case agrees, 1 when some case disagrees, 2 when labels or files cannot
be read.
"""

from __future__ import annotations

import json
import sys
from typing import List

import typer

from checker.evaluate.run import Evaluation, evaluate_dir
from checker.render.escape import terminal as safe_text

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True)

_LABEL_NAMES = {
    "is_annual_report": "是否年度报告", "kind": "文件类型", "core": "五个核心要素", "elements": "其他要素",
    "passed": "通过与否", "rulebook": "规则集", "year": "年度", "title": "标题", "issuer": "单位",
    "date": "落款日期", "no_finding": "不应报的问题", "same_as": "与参照案例一致",
}


def _pct(a: int, t: int) -> str:
    return f"{a}/{t}（{100 * a / t:.0f}%）" if t else "0/0"


def render_text(ev: Evaluation, out, misses: bool = True) -> None:
    agree, total = ev.cases_agreeing()
    amb = sum(r.case.ambiguous for r in ev.results)
    out.write(f"{safe_text(ev.source)}（{ev.format}）：{_pct(agree, total)} 个案例完全一致"
              + (f"，另有 {amb} 个存疑案例不计" if amb else "") + "\n")
    for label, (a, t) in ev.by_label().items():
        out.write(f"  {_LABEL_NAMES.get(label, label)}（{label}）：{_pct(a, t)}\n")
    if not misses:
        return
    for r in ev.results:
        if r.ok or r.case.ambiguous:
            continue
        out.write(f"\n✗ {safe_text(r.case.name)}\n")
        if r.error:
            out.write(f"    无法检查：{safe_text(r.error)}\n")
        for c in r.checks:
            if not c.ok:
                out.write(f"    {c.label}：应为 {safe_text(str(c.expected))}，检查结果 {safe_text(str(c.got))}\n")
                if c.why:
                    out.write(f"      原因：{safe_text(c.why)}\n")


@app.command(help="用审查人员的既往结论（案例集的 expected.yaml 或语料的 labels.json）检验本工具：逐项、逐案例"
                  "给出一致率，列出每个不一致之处及其原因。退出码 0 全部一致，1 有不一致，2 无法读取。")
def main(
    dirs: List[str] = typer.Argument(..., metavar="目录", help="含 expected.yaml 或 labels.json 的目录（可多个）", show_default=False),
    format: str = typer.Option("text", "--format", "-f", metavar="格式", help="text 或 json"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只打印一致率，不列出不一致的案例"),
) -> None:
    if format not in ("text", "json"):
        from checker.errors import CheckError

        raise CheckError(f"--format 只能是 text 或 json，收到：{format}")
    evals = [evaluate_dir(d) for d in dirs]
    if format == "json":
        doc = evals[0].to_dict() if len(evals) == 1 else {"evaluations": [e.to_dict() for e in evals]}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for i, ev in enumerate(evals):
            if i:
                sys.stdout.write("\n")
            render_text(ev, sys.stdout, misses=not quiet)
    raise typer.Exit(0 if all(r.ok or (r.case.ambiguous and r.error is None) for e in evals for r in e.results) else 1)
