"""Findings a rulebook writes itself: a phrase a report must contain (or must not), in the
whole report or in some parts. The way a province adds its own requirements without code:
the principal leader signs (主要负责人签发), a phrase a province bans, and so on."""

from __future__ import annotations

from checker.judge.checks.common import patterns
from checker.render.labels import PART
from checker.judge.result import Finding

ID = "phrases"
NAME = "规则集自定的必备或禁用用语"
BASIS = "见每一条的 basis（地方规定）"
ADVICE = "按每一条的说明修改。"
DESCRIPTION = (
    "规则集自己写的要求，每条一行（rules）：must: present 表示报告（或 parts 指定的部分）必须出现 pattern，"
    "未出现即报告；must: absent 表示不得出现，出现即报告。每条可写 severity、message、basis。"
    "地方规则集用它增加自己的要求，例如“报告须经主要负责人审定签发”。"
)
OPTIONS = {"rules": ("list", "要求列表：每条 id、name、pattern、must（present 或 absent），可选 parts、severity、message、basis")}
# for the lint: where the option patterns are, and the rows
PATTERNS = (("rules", "*", "pattern"),)
ROWS = "rules"
ROW_TYPES = {"id": "text", "name": "text", "pattern": "pattern", "must": "any", "parts": "list", "severity": "severity",
             "message": "text", "basis": "text"}
ROW_KEYS = set(ROW_TYPES)
ROW_REQUIRED = ("id", "name", "pattern", "must")
ROW_CHOICES = {"must": ("present", "absent")}


def prepare(options: dict, rule: str, book: str) -> dict:
    rows = [dict(r, _pattern=patterns(r, "pattern", f"{rule}.{r.get('id')}", book))
            for r in options.get("rules") or [] if isinstance(r, dict) and r.get("pattern")]
    return dict(options, _rules=rows)


def check(ctx, options: dict):
    for row in options.get("_rules", []):
        parts = row.get("parts")
        idx = [i for i, p in enumerate(ctx.labels) if not parts or p in parts]
        hits = [i for i in idx if row["_pattern"].search(ctx.sentences[i].norm)]
        where = "、".join(PART.get(p, p) for p in parts) + "部分" if parts else "报告"
        rid, severity = f"{ID}.{row.get('id')}", row.get("severity", "warning")
        if row.get("must") == "present" and not hits:
            yield Finding(rid, severity, row.get("message") or f"{where}中未见{row.get('name')}", None)
        elif row.get("must") == "absent" and hits:
            s = ctx.sentences[hits[0]]
            yield Finding(rid, severity, (row.get("message") or f"{where}中不应出现{row.get('name')}")
                          + "：" + ctx.quote(hits[0]), s.line)
