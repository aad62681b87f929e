"""Put the verdicts on THIS report: the ``promises`` and ``promises_from`` fields and a finding
for each promise not mentioned. Score, grade and gate are left as they are (they were computed
before, and a report's score must not depend on another report)."""

from __future__ import annotations

import os

from checker.judge.result import Finding, Report
from checker.track.extract import Promise
from checker.track.match import match

RULE_MISSING = "track.promise-missing"
STATUSES = ("kept", "partial", "missing")
STATUS_LABEL = {"kept": "已落实", "partial": "部分落实", "missing": "未提及"}


def kept_share(promises: list[dict]) -> float | None:
    """Share of LAST's promises kept (partial counts half); None when it made none."""
    if not promises:
        return None
    return round(sum({"kept": 1.0, "partial": 0.5}.get(p["status"], 0.0) for p in promises) / len(promises), 2)


def fill(report: Report, ctx, last_file: str, last_year: int | None, promises: list[Promise]) -> None:
    """Judge ``promises`` (LAST's) against THIS (``ctx``: THIS report's context) and record it."""
    rows = []
    for p, v in match(promises, ctx):
        row = {"text": p.text, "line": p.line, "status": v.status, "evidence": [e.to_dict() for e in v.evidence]}
        if v.notes:
            row["note"] = "；".join(v.notes)
        rows.append(row)
    report.promises = rows
    report.promises_from = {"file": last_file, "year": last_year, "kept_share": kept_share(rows)}
    name = os.path.basename(last_file)
    year = f"{last_year}年度" if last_year else "上一年度"
    for row in rows:
        if row["status"] == "missing":
            quote = row["text"] if len(row["text"]) <= 40 else row["text"][:40] + "……"
            report.findings.append(Finding(
                RULE_MISSING, "warning",
                f"{year}报告（{name}）第{row['line']}行的安排「{quote}」在本报告的工作情况中未见落实情况"
                "（跨报告比对，不计分）", None))
