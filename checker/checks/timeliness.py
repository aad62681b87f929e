"""Terms that date a report: outdated for the report year, or anachronistic (not yet in
existence), or a term a report of that year must not lack.

The rulebook keeps a dated table (``terms``); each row has an ``id``, a ``name``, a ``pattern``
and one of ``outdated_from`` (flag it in reports on that year or later), ``anachronism_before``
(flag it in reports on earlier years) or ``required_from`` (flag its absence from reports on
that year or later). ``unless`` (anywhere in the report) and ``unless_near`` (in the same
sentence) keep a legitimate use from being flagged: 十九大 next to 二十大 is history, 原法制局
is a former body. Reports whose year is unknown are not judged.
"""

from __future__ import annotations

from checker.checks.common import patterns
from checker.result import Finding

ID = "timeliness"
NAME = "用语是否合乎报告年度"
BASIS = "各规划、机构、会议的起止时间（见规则集 terms 表中每一行的 basis）"
ADVICE = "按报告年度核对所引用的规划、机构名称和会议精神，改用当年有效的提法。"
DESCRIPTION = (
    "按报告年度核对日期表（terms）中的用语：outdated_from 年度起仍在用的（如 2021 年度起的“七五”普法、2019 年度起作为现行机构的法制办）报过时；anachronism_before 年度以前就出现的（如 2019 年度报告中的习近平法治思想）报时代错误；required_from 年度起没有出现的（如 2021 年度起的习近平法治思想）报缺失。unless（全文出现）与 unless_near（同一句出现）可排除正当用法，如“原法制局”、与二十大并提的十九大。无法确定报告年度时不判断。"
)
OPTIONS = {"terms": ("list", "日期表：每行 id、name、pattern，以及 outdated_from / anachronism_before / required_from 之一，"
                            "可选 unless、unless_near、severity、message、basis")}
ROW_TYPES = {"id": "text", "name": "text", "pattern": "pattern", "outdated_from": "year", "anachronism_before": "year",
             "required_from": "year", "unless": "patterns", "unless_near": "patterns", "severity": "severity",
             "message": "text", "basis": "text"}
ROW_KEYS = set(ROW_TYPES)


# for the lint: where the option patterns are, and the rows of the dated table
PATTERNS = (("terms", "*", "pattern"), ("terms", "*", "unless"), ("terms", "*", "unless_near"))
ROWS = "terms"
ROW_REQUIRED = ("id", "name", "pattern")

def prepare(options: dict, rule: str, book: str) -> dict:
    rows = []
    for row in options.get("terms") or []:
        if not isinstance(row, dict) or "pattern" not in row:
            continue
        rid = f"{rule}.{row.get('id')}"
        rows.append(dict(row, _pattern=patterns(row, "pattern", rid, book),
                         _unless=patterns(row, "unless", rid, book), _near=patterns(row, "unless_near", rid, book)))
    return dict(options, _terms=rows)


def _uses(ctx, row) -> list[int]:
    hits = sorted({ctx.sentence_index(m.start()) for m in row["_pattern"].finditer(ctx.text)})
    if row["_near"] is not None:
        hits = [i for i in hits if not row["_near"].search(ctx.sentences[i].norm)]
    return hits


def check(ctx, options: dict):
    year = ctx.metadata.year
    if year is None:
        return
    for row in options.get("_terms", []):
        rid = f"{ID}.{row.get('id')}"
        name = row.get("name", row.get("id"))
        severity = row.get("severity", "warning")
        if row["_unless"] is not None and row["_unless"].search(ctx.text):
            continue
        required = row.get("required_from")
        if required is not None:
            if year >= required and not row["_pattern"].search(ctx.text):
                yield Finding(rid, severity, row.get("message") or f"{year} 年度的报告应提到{name}（{required} 年起）", None)
            continue
        outdated, before = row.get("outdated_from"), row.get("anachronism_before")
        if outdated is not None and year >= outdated:
            why = row.get("message") or f"{name}在 {outdated} 年及以后已过时"
        elif before is not None and year < before:
            why = row.get("message") or f"{name}在 {before} 年以前尚未出现，{year} 年度的报告不应引用"
        else:
            continue
        hits = _uses(ctx, row)
        if hits:
            first = ctx.sentences[hits[0]]
            yield Finding(rid, severity, f"{why}：{ctx.quote(hits[0])}" +
                          (f"等 {len(hits)} 处" if len(hits) > 1 else ""), first.line)
