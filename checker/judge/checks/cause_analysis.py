"""The shortcomings part must give causes (存在的不足**和原因**), not only list problems.

The part is cut into its problems (its sub-headings or 一是/二是 items; the whole part when it has
none); a problem counts as analysed when a cause phrase (``causes``: 原因、由于、导致 …) stands in
it. No cause anywhere is an error; causes for fewer than ``min_ratio`` of the problems, a warning.
No shortcomings part at all is the business of the ``shortcomings`` element, not of this check.
"""

from __future__ import annotations

from checker.judge.checks.common import patterns
from checker.judge.result import Finding

ID = "cause_analysis"
NAME = "不足的原因是否分析到位"
BASIS = "《法治政府建设与责任落实督察工作规定》第二十五条第（二）项（“存在的不足和原因”）"
ADVICE = "对列出的每一项不足写明原因（认识、制度、力量、能力、保障等方面），不要只写“有待加强”。"
DESCRIPTION = (
    "把“存在的不足”部分按小标题或“一是、二是”分成若干问题，逐项看是否写明原因（causes 中的用语：原因、由于、导致……）。整个部分都没有原因分析是错误；写明原因的问题少于 min_ratio 是警告。报告完全没有不足部分时由要素 shortcomings 判定，本检查不重复报告。"
)
OPTIONS = {"causes": ("patterns", "表示原因分析的用语（正则，列表）"),
           "min_ratio": ("share", "至少多大比例的问题要写明原因（0—1，默认 0.5）")}


PATTERNS = (("causes",),)  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    return dict(options, _causes=patterns(options, "causes", rule, book))


def _problems(ctx, part: list[int]) -> list[range]:
    first, last = part[0], part[-1] + 1
    units = [range(s.start, s.end) for s in ctx.outline.sections()
             if first < s.start < last and ctx.labels[s.start] == "shortcomings"
             and (s.parent is None or not (first < s.parent.start < last))]
    return units or [range(first, last)]


def check(ctx, options: dict):
    causes = options.get("_causes")
    part = [i for i, p in enumerate(ctx.labels) if p == "shortcomings"]
    if causes is None or not part:
        return
    line = ctx.sentences[part[0]].line
    units = _problems(ctx, part)
    analysed = [u for u in units if any(causes.search(ctx.sentences[i].norm) for i in u if ctx.labels[i] == "shortcomings")]
    if not analysed:
        yield Finding(f"{ID}.no-causes", "error",
                      f"“存在的不足”部分列出了 {len(units)} 项问题，但没有分析原因（未见“原因”“由于”“导致”等）", line)
        return
    ratio = float(options.get("min_ratio", 0.5))
    if len(units) >= 2 and len(analysed) / len(units) < ratio:
        yield Finding(f"{ID}.few-causes", "warning",
                      f"“存在的不足”部分列出 {len(units)} 项问题，只有 {len(analysed)} 项写明了原因", line)
