"""Points, grade and the pass/fail gate: the only arithmetic in the checker."""

from __future__ import annotations

from checker.judge.result import ElementResult, Finding, Metadata

_FACTOR = {"present": 1.0, "missing": 0.0}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def points(total_weight: float, weight: float, status: str, partial_factor: float) -> tuple[float, float]:
    """(points, max points) for one element; max points of all elements add up to 100."""
    max_points = round(weight * 100.0 / (total_weight or 1.0), 2)
    factor = partial_factor if status == "partial" else _FACTOR[status]
    return round(max_points * factor, 2), max_points


def total_score(elements: list[ElementResult], deduction: float = 0.0) -> float:
    return round(max(0.0, min(100.0, sum(e.points for e in elements)) - deduction), 1)


def deduct(findings: list[Finding], checks: dict) -> float:
    """Points the depth checks take off where the rulebook gives them a ``penalty``: a number
    (for each finding of the check) or a mapping from finding to points (``{date-late: 2}``);
    at most ``max_penalty`` per check (default: one penalty, the largest). A finding that costs
    points says so in its message."""
    charged: dict[str, float] = {}
    for f in findings:
        cid, _, name = f.rule.partition(".")
        opts = checks.get(cid) or {}
        penalty = opts.get("penalty") or 0
        table = penalty if isinstance(penalty, dict) else {}
        per = float(table.get(name, 0) if table else penalty)
        cap = float(opts.get("max_penalty", max(map(float, table.values()), default=0) if table else per))
        share = min(per, cap - charged.get(cid, 0.0))
        if share > 0:
            charged[cid] = charged.get(cid, 0.0) + share
            f.message += f"（扣 {share:g} 分）"
    return sum(charged.values())


def gate(
    meta: Metadata,
    score: float,
    elements: list[ElementResult],
    findings: list[Finding],
    min_score: float,
    fail_level: str | None = None,
) -> list[str]:
    """Reasons (Chinese) the report fails the gate; an empty list means it passes."""
    reasons = []
    if not meta.is_annual_report:
        reasons.append("不是法治政府建设年度报告")
    if score < min_score:
        reasons.append(f"得分 {score:g} 低于合格线 {min_score:g}")
    missing = [e.name for e in elements if e.mandatory and e.status != "present"]
    if missing:
        reasons.append("必备要素未达到“已覆盖”：" + "、".join(missing))
    if fail_level:
        rank = SEVERITY_RANK[fail_level]
        bad = [f for f in findings if SEVERITY_RANK.get(f.severity, 0) >= rank]
        if bad:
            label = {"error": "错误", "warning": "警告", "info": "提示"}[fail_level]
            reasons.append(f"有 {len(bad)} 条{label}及以上级别的问题")
    return reasons
