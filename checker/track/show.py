"""The promise table as text: shared by ``check track`` and the terminal scorecard."""

from __future__ import annotations

import os

from checker.render.escape import terminal as t
from checker.track.fill import STATUS_LABEL

HEADING = "上年承诺落实情况"


def share_text(share) -> str:
    return "—" if share is None else f"{share:.0%}"


def text_lines(report, clip_to: int = 70) -> list[str]:
    """The section's lines (without colour), or [] when the report was not compared."""
    if report.promises is None or report.promises_from is None:
        return []
    src = report.promises_from
    name = t(os.path.basename(src.get("file") or ""))
    year = f"{src['year']}年度" if src.get("year") else "上一年度"
    rows = report.promises
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_LABEL}
    out = [f"{HEADING}（对照{year}报告 {name}；跨报告比对，不计分）："]
    if not rows:
        out.append("  上一年度报告的下一年度安排中没有可核对的具体事项")
        return out
    out.append(f"  落实率 {share_text(src.get('kept_share'))}：已落实 {counts['kept']}，部分落实 {counts['partial']}，"
               f"未提及 {counts['missing']}（共 {len(rows)} 项）")
    for r in rows:
        text = t(r["text"])
        text = text if len(text) <= clip_to else text[:clip_to] + "……"
        out.append(f"  ● [{STATUS_LABEL[r['status']]}] 上年第{r['line']}行「{text}」")
        if r.get("note"):
            out.append(f"      {t(r['note'])}")
        for ev in r["evidence"][:3]:
            q = t(ev["text"])
            out.append(f"      本报告第{ev['line']}行「{q if len(q) <= 60 else q[:60] + '……'}」")
    return out
