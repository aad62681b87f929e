"""A Diff for each reader: the terminal (text), programs (``to_dict``, the JSON of
``docs/formats.md``) and the browser (``render_html``, the scorecard's style).

Every file name and report text reaching the terminal goes through ``render.escape.terminal``;
the HTML template autoescapes everything.
"""

from __future__ import annotations

from checker.diff.compare import Diff, ElementChange, FindingChange
from checker.render.escape import terminal as t
from checker.render.labels import SEVERITY, STATUS, line_position, lines_label, verdict

OUTCOME = {
    "unchanged": "没有变化",
    "better": "新稿有改进，没有变差",
    "worse": "新稿变差",
    "mixed": "新稿有改进，也有变差",
    "changed": "有变化，但没有变差",
}
REWRITTEN = "注：所引原文在新稿中已删除或改写，请核对问题是否随之解决"
CHANGE = {"fixed": "改进", "worse": "变差", "same": "不变"}


def _delta(d: float) -> str:
    return f"+{d:g}" if d > 0 else f"{d:g}" if d < 0 else "±0"


def where(f, report) -> str:
    """第12行 (第3页第5行 for a PDF draft), or 全文 for a finding about the whole report."""
    return line_position(f.line, report.line_pages) if f.line else "全文"


# --- JSON -------------------------------------------------------------------------------------

def _side(r, name: str) -> dict:
    meta = r.metadata.to_dict()
    if r.encoding:
        meta["encoding"] = r.encoding
    meta["format"] = r.format
    return {"file": name, "score": r.score, "grade": r.grade, "passed": r.passed,
            "gate": {"min_score": r.min_score, "reasons": list(r.gate_reasons)},
            "rulebook_notice": r.rulebook_notice, "metadata": meta}


def _finding(f, report) -> dict | None:
    if f is None:
        return None
    return {"severity": f.severity, "message": f.message, "line": f.line, "where": where(f, report)}


def _change(c: FindingChange, d: Diff) -> dict:
    return {"rule": c.rule, "severity": c.severity, "quote": c.quote, "rewritten": c.rewritten,
            "old": _finding(c.old, d.old), "new": _finding(c.new, d.new)}


def _element(e: ElementChange) -> dict:
    return {"id": e.id, "name": e.name, "mandatory": e.mandatory, "old": e.old, "new": e.new,
            "change": e.change, "old_evidence": [x.to_dict() for x in e.old_evidence],
            "new_evidence": [x.to_dict() for x in e.new_evidence], "advice": e.advice, "reason": e.reason}


def to_dict(d: Diff) -> dict:
    """The JSON of ``check diff --format json`` (schema: docs/formats.md, "check diff")."""
    return {
        "old": _side(d.old, d.old_name),
        "new": _side(d.new, d.new_name),
        "rulebook": {"id": d.new.rulebook_id, "version": d.new.rulebook_version, "name": d.new.rulebook_name,
                     "reason": d.rulebook_reason, "note": d.rulebook_note},
        "outcome": d.outcome,
        "changed": d.changed,
        "worse": d.worse,
        "worse_reasons": d.worse_reasons(),
        "score": {"old": d.old.score, "new": d.new.score, "delta": d.score_delta},
        "elements": [_element(e) for e in d.elements],
        "findings": {"fixed": [_change(c, d) for c in d.fixed], "new": [_change(c, d) for c in d.added],
                     "open": [_change(c, d) for c in d.still_open]},
    }


# --- text -------------------------------------------------------------------------------------

def render_text(d: Diff) -> str:
    o, n = d.old, d.new
    out: list[str] = []
    w = out.append
    w(f"两稿比较 —— 旧稿 {t(d.old_name)} → 新稿 {t(d.new_name)}")
    w(f"规则集：{t(n.rulebook_id)} {t(n.rulebook_version)}（{t(n.rulebook_name)}；{t(d.rulebook_reason)}）")
    if d.rulebook_note:
        w(f"注意：{t(d.rulebook_note)}")
    for notice in dict.fromkeys(x for x in (o.rulebook_notice, n.rulebook_notice) if x):
        w(f"注意：{t(notice)}")
    w(f"得分：{o.score:g} → {n.score:g}（{_delta(d.score_delta)}）    等级：{t(o.grade)} → {t(n.grade)}    "
      f"结论：{verdict(o.passed)} → {verdict(n.passed)}（合格线 {n.min_score:g}）")
    for reason in n.gate_reasons:
        w(f"  新稿未通过原因：{t(reason)}")
    w(f"总体：{OUTCOME[d.outcome]}")
    for reason in d.worse_reasons():
        w(f"  变差：{t(reason)}")
    w("")
    moved = [e for e in d.elements if e.change != "same"]
    if moved:
        w(f"要素状态的变化（{len(moved)} 项）：")
        for e in moved:
            must = "（必备）" if e.mandatory else ""
            if e.change == "fixed":
                ev = f"（新稿证据：{lines_label(e.new_evidence)}）" if e.new_evidence else ""
                w(f"  改进  {t(e.name)}{must}：{STATUS[e.old]} → {STATUS[e.new]}{ev}")
            else:
                ev = f"（旧稿证据：{lines_label(e.old_evidence)}）" if e.old_evidence else ""
                w(f"  变差  {t(e.name)}{must}：{STATUS[e.old]} → {STATUS[e.new]}{ev}")
                if e.advice:
                    w(f"        建议：{t(e.advice)}")
        w(f"  其余 {len(d.elements) - len(moved)} 个要素的状态不变。")
    else:
        w(f"要素状态：{len(d.elements)} 个要素都没有变化。")
    for title, items, side in (("已解决的问题", d.fixed, "old"), ("新出现的问题", d.added, "new"),
                               ("仍未解决的问题", d.still_open, "new")):
        w("")
        if not items:
            w(f"{title}：无")
            continue
        w(f"{title}（{len(items)} 项）：")
        for c in items:
            f = getattr(c, side)
            report = o if side == "old" else n
            place = f"{'旧稿' if side == 'old' else '新稿'}{where(f, report)}"
            if c.old is not None and c.new is not None and (c.old.line or c.new.line):
                place += f"（旧稿{where(c.old, o)}）"
            up = "（升级为错误）" if c.escalated else ""
            w(f"  [{SEVERITY[f.severity]}]{up} {place}：{t(f.message)}（{t(c.rule)}）")
            if c.message_changed:
                w(f"        旧稿：{t(c.old.message)}")
            if c.rewritten:
                w(f"        {REWRITTEN}")
    if not d.changed:
        w("")
        w("没有变化：两稿的要素状态、问题、得分和结论都相同。")
    return "\n".join(out) + "\n"


# --- HTML -------------------------------------------------------------------------------------

TEMPLATE = "diff.html.j2"


def _card(d: Diff, checked_on: str | None) -> dict:
    from checker.render.scorecard import check_date

    data = to_dict(d)
    for group, items in data["findings"].items():
        for item, c in zip(items, {"fixed": d.fixed, "new": d.added, "open": d.still_open}[group]):
            item["severity_label"] = SEVERITY[c.severity]
            item["escalated"] = c.escalated
            item["message_changed"] = c.message_changed
    for item, e in zip(data["elements"], d.elements):
        item["old_label"], item["new_label"] = STATUS[e.old], STATUS[e.new]
        item["change_label"] = CHANGE[e.change]
        item["old_lines"] = lines_label(e.old_evidence)
        item["new_lines"] = lines_label(e.new_evidence)
    for side in ("old", "new"):
        data[side]["verdict"] = verdict(data[side]["passed"])
    data["outcome_label"] = OUTCOME[d.outcome]
    data["rewritten_label"] = REWRITTEN
    data["delta_label"] = _delta(d.score_delta)
    data["checked_on"] = checked_on or check_date()
    data["moved"] = [x for x in data["elements"] if x["change"] != "same"]
    data["same"] = [x for x in data["elements"] if x["change"] == "same"]
    return data


def stream_html(d: Diff, checked_on: str | None = None):
    """``render_html`` in pieces, for writing without holding the page."""
    from checker.render.scorecard import environment, fmt_points

    return environment().get_template(TEMPLATE).generate(diff=_card(d, checked_on), fmt_points=fmt_points)


def render_html(d: Diff, checked_on: str | None = None) -> str:
    """The comparison as one self-contained page (inline CSS, no scripts), in the scorecard's
    style; every value from the drafts is escaped."""
    return "".join(stream_html(d, checked_on))
