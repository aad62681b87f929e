"""Problems phrased as achievements: a shortcomings part that praises (亮点还不够多、成效显著、
圆满完成) instead of naming what went wrong.

Sentences of the shortcomings part that match ``praise`` are flagged, unless they also turn to
a problem (``pivot``: 但、仍、还存在 …), as in the usual "虽然取得了一定成绩，但…".
"""

from __future__ import annotations

from checker.judge.checks.common import patterns
from checker.judge.result import Finding

ID = "self_praise"
NAME = "不足部分是否变成了讲成绩"
BASIS = "《法治政府建设与责任落实督察工作规定》第二十五条第（二）项：报告“存在的不足和原因”"
ADVICE = "“存在的不足”只写问题和原因；成绩放到“主要举措和成效”部分。"
DESCRIPTION = (
    "“存在的不足”部分中讲成绩的句子（praise：成效显著、圆满完成、受到好评、亮点不够多……）即报告；同一句转而讲问题的（pivot：但、仍存在、不足……，如“虽然取得了一定成绩，但……”）不算。"
)
OPTIONS = {"praise": ("patterns", "讲成绩的用语（正则，列表）"),
           "pivot": ("patterns", "转向问题的用语（正则，列表；含这些的句子不算）")}


PATTERNS = (("praise",), ("pivot",))  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    return dict(options, _praise=patterns(options, "praise", rule, book), _pivot=patterns(options, "pivot", rule, book))


def check(ctx, options: dict):
    praise, pivot = options.get("_praise"), options.get("_pivot")
    if praise is None:
        return
    hits = [i for i, p in enumerate(ctx.labels) if p == "shortcomings" and praise.search(ctx.sentences[i].norm)
            and not (pivot is not None and pivot.search(ctx.sentences[i].norm))]
    if hits:
        s = ctx.sentences[hits[0]]
        yield Finding(f"{ID}.praise-in-shortcomings", "warning",
                      f"“存在的不足”部分有 {len(hits)} 句在讲成绩而不是问题，如{ctx.quote(hits[0])}", s.line)
