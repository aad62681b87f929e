"""Terms that date a report: outdated for the report year, or anachronistic (not yet in
existence), or a term a report of that year must not lack.

The rulebook keeps a dated table (``terms``); each row has an ``id``, a ``name``, a ``pattern``
and one or more of ``outdated_from`` (flag it in reports on that year or later),
``anachronism_before`` (flag it in reports on earlier years), ``required_from`` (flag its
absence from reports on that year or later) and a period, ``current_from``/``current_until``,
for a plan or campaign (十四五, 八五普法): current inside its period; in the year after it may be
named only as closing (收官, 总结验收: the check's ``closing`` patterns plus the row's
``closing_near``, in the same sentence); outdated after that. ``unless`` (anywhere in the
report) and ``unless_near`` (in the same sentence) keep a legitimate use from being flagged:
十九大 next to 二十大 is history, 原法制局 is a former body. A row marked ``confirmed: true``
rests on a fact confirmed in a published source (``source``): naming that plan after its period
is an error; every other finding is a warning unless the row sets ``severity``. Reports whose
year is unknown are not judged.
"""

from __future__ import annotations

from checker.judge.checks.common import _flat, patterns
from checker.judge.result import Finding

ID = "timeliness"
NAME = "用语是否合乎报告年度"
BASIS = "各规划、机构、会议的起止时间（见规则集 terms 表中每一行的 basis）"
ADVICE = "按报告年度核对所引用的规划、机构名称和会议精神，改用当年有效的提法。"
DESCRIPTION = (
    "按报告年度核对日期表（terms）中的用语：outdated_from 年度起仍在用的（如 2021 年度起的“七五”普法、2019 年度起作为现行机构的法制办）报过时；anachronism_before 年度以前就出现的（如 2019 年度报告中的习近平法治思想）报时代错误；required_from 年度起没有出现的（如 2021 年度起的习近平法治思想）报缺失；"
    "规划和专项行动写实施期（current_from、current_until，如“十四五”规划、“八五”普法 2021—2025 年）：实施期内是现行规划；实施期结束后的第一年只可作为收官、总结验收提及（同一句中有 closing 或 closing_near 的用语），作为正在实施的规划提及的报出；再往后一律报过时。"
    "unless（全文出现）与 unless_near（同一句出现）可排除正当用法，如“原法制局”、与二十大并提的十九大。实施期已核实（confirmed: true）的规划在实施期后仍被当作现行规划的，报为错误，其余为警告。无法确定报告年度时不判断。"
)
OPTIONS = {"terms": ("list", "日期表：每行 id、name、pattern，以及 outdated_from / anachronism_before / required_from / "
                            "current_from 与 current_until（实施期）中的一种或几种，可选 unless、unless_near、closing_near、"
                            "confirmed、source、severity、message、basis"),
           "closing": ("patterns", "实施期结束后的第一年，同一句中出现这些用语时，规划可作为收官、总结验收提及（如 收官|总结验收）")}
ROW_TYPES = {"id": "text", "name": "text", "pattern": "pattern", "outdated_from": "year", "anachronism_before": "year",
             "required_from": "year", "current_from": "year", "current_until": "year", "unless": "patterns",
             "unless_near": "patterns", "closing_near": "patterns", "confirmed": "bool", "source": "text",
             "severity": "severity", "message": "text", "basis": "text"}
ROW_KEYS = set(ROW_TYPES)


# for the lint: where the option patterns are, and the rows of the dated table
PATTERNS = (("terms", "*", "pattern"), ("terms", "*", "unless"), ("terms", "*", "unless_near"),
            ("terms", "*", "closing_near"), ("closing",))
ROWS = "terms"
ROW_REQUIRED = ("id", "name", "pattern")

def prepare(options: dict, rule: str, book: str) -> dict:
    rows = []
    for row in options.get("terms") or []:
        if not isinstance(row, dict) or "pattern" not in row:
            continue
        rid = f"{rule}.{row.get('id')}"
        closing = list(_flat(options.get("closing"))) + list(_flat(row.get("closing_near")))
        rows.append(dict(row, _pattern=patterns(row, "pattern", rid, book),
                         _unless=patterns(row, "unless", rid, book), _near=patterns(row, "unless_near", rid, book),
                         _closing=patterns({"closing": closing}, "closing", rid, book)))
    return dict(options, _terms=rows)


def row_problems(row: dict):
    """(key, Chinese message) for a row the lint should reject beyond its keys' types."""
    first, last = row.get("current_from"), row.get("current_until")
    if isinstance(first, int) and isinstance(last, int) and first > last:
        yield "current_from", f"实施期的起始年 {first} 晚于结束年 {last}"
    if row.get("severity") == "error" and not row.get("confirmed"):
        yield "severity", "只有已核实的事实（confirmed: true，并写明 source）才能报为错误；未核实的写 warning 或 info"
    if row.get("confirmed") and not row.get("source"):
        yield "confirmed", "已核实（confirmed: true）的一行应写明来源 source"
    if not any(k in row for k in ("outdated_from", "anachronism_before", "required_from", "current_until")):
        yield "id", "应写 outdated_from、anachronism_before、required_from 或 current_until 之一，否则这一行不会报出问题"


def severity_of(row: dict, period: bool = False) -> str:
    """A plan named after its period is an error only when the period is a confirmed fact; any
    other finding gives advice (a warning) unless the row says otherwise."""
    return row.get("severity") or ("error" if period and row.get("confirmed") else "warning")


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
        severity = severity_of(row)
        if row["_unless"] is not None and row["_unless"].search(ctx.text):
            continue
        required = row.get("required_from")
        if required is not None:
            if year >= required and not row["_pattern"].search(ctx.text):
                yield Finding(rid, severity, row.get("message") or f"{year} 年度的报告应提到{name}（{required} 年起）", None)
            continue
        until = row.get("current_until")
        if until is not None and year > until:
            yield from _after_period(ctx, row, rid, name, severity_of(row, period=True), year, until)
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


def _after_period(ctx, row, rid, name, severity, year, until):
    """A plan after its period: in the year after, flag the sentences that do not name it as
    closing (收官, 总结验收); later, flag every use."""
    hits = _uses(ctx, row)
    if year == until + 1:
        if row["_closing"] is not None:
            hits = [i for i in hits if not row["_closing"].search(ctx.sentences[i].norm)]
        why = row.get("message") or (f"{name}的实施期到 {until} 年为止，{until + 1} 年度起不应再作为正在实施的规划"
                                     f"（可写其收官、总结验收）")
    else:
        why = row.get("message") or (f"{name}的实施期到 {until} 年为止，{until + 2} 年度起的报告不应再引用"
                                     f"（{until + 1} 年度的报告可写其收官、总结验收）")
    if hits:
        yield Finding(rid, severity, f"{why}：{ctx.quote(hits[0])}" + (f"等 {len(hits)} 处" if len(hits) > 1 else ""),
                      ctx.sentences[hits[0]].line)
