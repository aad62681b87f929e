"""The scorecard as data: what the HTML and PDF templates show, computed once from a Report.

Both formats render the same Jinja template (``templates/scorecard.html.j2``); everything that
needs arithmetic (chart geometry, element colours, where each piece of evidence sits in the
report's own lines) is done here so the template stays declarative. Report text only ever
reaches the template as plain strings: Jinja's autoescaping turns markup in a report into text.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone
from functools import lru_cache

from checker.document.kinds import kind_name
from checker.paths import TEMPLATES_DIR
from checker.render.labels import SEVERITY, STATUS, line_position, verdict
from checker.render.textwidth import width
from checker.judge.result import SEVERITIES, Report

# One accent per element (categorical, in rulebook order); the highlight tint is derived from it.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
STATUS_COLOUR = {"present": "#2e7d32", "partial": "#ef8f00", "missing": "#c62828"}
TEMPLATE = "scorecard.html.j2"

# chart geometry (SVG user units): two columns of bars, so the chart stays short on page 1
_CHART_W, _COL_W, _LABEL_W, _VALUE_W, _ROW_H, _BAR_H, _TOP = 720, 360, 162, 52, 15, 10, 3
_LABEL_ROOM = 144  # a chart label's room in chart units: 14 Chinese characters of 10 units


def _tint(hex_colour: str, keep: float = 0.28) -> str:
    """The accent mixed with white: light enough to read black text on."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = (round(255 - (255 - c) * keep) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mix)


def check_date() -> str:
    """The date of the check; ``SOURCE_DATE_EPOCH`` fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat()
    return date.today().isoformat()


def _locate(lines: list[str], line: int, text: str) -> list[tuple[int, int, int]]:
    """Where an evidence sentence sits: (line, start, end) pieces. A sentence starts on its line
    and may run on over the next lines; when it cannot be found the whole line is marked."""
    if not 1 <= line <= len(lines):
        return []
    quote = text[:-2] if text.endswith("……") else text
    src = lines[line - 1]
    pos = src.find(quote)
    if pos >= 0:
        return [(line, pos, pos + len(quote))]
    head = quote[: min(len(quote), 12)]
    pos = src.find(head) if head else -1
    if pos < 0:
        return [(line, 0, len(src))] if src.strip() else []
    pieces, rest, n, start = [], quote, line, pos
    while rest and n <= len(lines):
        src = lines[n - 1]
        k = 0
        while k < len(rest) and start + k < len(src) and src[start + k] == rest[k]:
            k += 1
        if k:
            pieces.append((n, start, start + k))
        rest = rest[k:].lstrip()
        if k == 0 and n != line or not rest:
            break
        n += 1
        if n <= len(lines):
            nxt = lines[n - 1]
            start = len(nxt) - len(nxt.lstrip())
    return pieces or [(line, 0, len(lines[line - 1]))]


def _number(n: int) -> str:
    """A line number right-aligned in three digit widths by figure spaces (U+2007), then an en
    space: the PDF prints it as plain text, which costs WeasyPrint far less than a styled box
    on every line."""
    return f"{n:\u2007>3}\u2002"


# A run this long with no space and no CJK character may be wider than the text column (a URL, a
# file number, a hash), and a line break has nowhere to go in it.
_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]{40,}")


def unbreakable(text) -> bool:
    """Whether ``text`` has a run no line break can go into that may be wider than its column."""
    return bool(_UNBREAKABLE.search(str(text or "")))


def _annotate(lines: list[str], elements: list[dict], line_pages: list | None = None):
    """Each line of the report, cut into segments that carry the element (if any) they evidence;
    for a PDF report, ``page`` on each line that starts a new page of the PDF. A generator: the
    template consumes each line as it writes it (a list of a million line dicts took 2 GB)."""
    marks: dict[int, list[tuple[int, int, int]]] = {}
    for el in elements:
        for ev in el["evidence"]:
            for n, a, b in _locate(lines, ev["line"], ev["text"]):
                if b > a:
                    marks.setdefault(n, []).append((a, b, el["index"]))
    return _annotated(lines, elements, marks, line_pages)


def _annotated(lines, elements, marks, line_pages):
    by_index = {el["index"]: el for el in elements}
    pages = [p for p, _ in line_pages] if line_pages and len(line_pages) == len(lines) else None
    for n, src in enumerate(lines, 1):
        if pages and (n == 1 or pages[n - 1] != pages[n - 2]):
            yield {"page": pages[n - 1]}
        spans = marks.get(n)
        if not spans:
            yield {"n": n, "no": _number(n), "segments": [(src, None)] if src else [], "labels": [],
                   "wrap": unbreakable(src)}
            continue
        cuts = sorted({0, len(src), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
        segments = []
        for a, b in zip(cuts, cuts[1:]):
            owners = sorted(i for s, e, i in spans if s <= a and b <= e)
            segments.append((src[a:b], by_index[owners[0]] if owners else None))
        labels = [by_index[i] for i in sorted({i for _, _, i in spans})]
        yield {"n": n, "no": _number(n), "segments": segments, "labels": labels, "wrap": unbreakable(src)}


def _chart_label(name: str) -> str:
    """The name as it fits left of its bar (a local rulebook may have long ones; the table below
    has them whole). A Chinese character is 10 chart units wide, any other at most 6."""
    def units(c: str) -> int:
        return 10 if width(c) == 2 else 6

    if sum(map(units, name)) <= _LABEL_ROOM:
        return name
    kept, used = [], 10  # the ellipsis, full width in a CJK font
    for c in name:
        if used + units(c) > _LABEL_ROOM:
            break
        kept.append(c)
        used += units(c)
    return "".join(kept).rstrip() + "…"


def _chart(elements: list[dict]) -> dict:
    top = max((e["max_points"] for e in elements), default=1) or 1
    span = _COL_W - _LABEL_W - _VALUE_W - 6
    per_col = (len(elements) + 1) // 2
    rows = []
    for k, e in enumerate(elements):
        x = (k // per_col) * _COL_W if per_col else 0
        y = _TOP + (k % per_col) * _ROW_H
        track = span * e["max_points"] / top
        rows.append({
            **{key: e[key] for key in ("name", "anchor", "accent", "status", "points", "max_points")},
            "label": _chart_label(e["name"]),
            "x": x, "y": y, "text_y": y + _BAR_H - 1.5, "label_x": x + _LABEL_W - 6, "bar_x": x + _LABEL_W,
            "value_x": x + _LABEL_W + span + 4, "track": round(track, 1),
            "fill": round(track * (e["points"] / e["max_points"] if e["max_points"] else 0), 1),
            "colour": STATUS_COLOUR[e["status"]],
        })
    # every bar of one colour in one path: each SVG node costs WeasyPrint a cascade and a draw
    def box(x, y, w):
        return f"M{x:g} {y:g}h{w:g}v{_BAR_H}h{-w:g}z"
    tracks = "".join(box(r["bar_x"], r["y"], r["track"]) for r in rows)
    fills: dict[str, str] = {}
    for r in rows:
        if r["fill"] > 0:
            fills[r["colour"]] = fills.get(r["colour"], "") + box(r["bar_x"], r["y"], r["fill"])
    outline = "".join(box(r["bar_x"], r["y"], r["track"]) for r in rows if r["status"] == "missing")
    return {"width": _CHART_W, "height": _TOP * 2 + per_col * _ROW_H, "bar_h": _BAR_H, "rows": rows,
            "tracks": tracks, "fills": sorted(fills.items()), "outline": outline,
            "outline_colour": STATUS_COLOUR["missing"]}


def build(report: Report, checked_on: str | None = None) -> dict:
    """Everything the template needs, as plain values."""
    m = report.metadata
    elements = []
    for k, e in enumerate(report.elements):
        colour = k % len(PALETTE)
        accent = PALETTE[colour]
        evidence = [{"line": ev.line, "text": ev.text} for ev in e.evidence]
        # the table's links: each evidence line once, named as the reviewer finds it in the report
        # (a PDF report: page-line, "3-12" for 第3页第12行, short enough for the narrow column)
        refs: dict[int, str] = {}
        for ev in e.evidence:
            refs.setdefault(ev.line, str(ev.line) if ev.page is None else f"{ev.page}-{ev.page_line or ev.line}")
        elements.append({
            "index": k, "id": e.id, "anchor": f"el-{e.id}", "name": e.name, "status": e.status,
            "status_label": STATUS[e.status], "points": e.points, "max_points": e.max_points,
            "mandatory": e.mandatory, "evidence": evidence,
            "lines": sorted(refs), "refs": [{"line": n, "label": refs[n]} for n in sorted(refs)],
            "advice": e.advice if e.status != "present" else None, "basis": e.basis, "reason": e.reason,
            "color": colour, "accent": accent, "tint": _tint(accent),
        })
    findings = [
        {"severity": sev, "label": SEVERITY[sev],
         "items": [{"severity": f.severity, "rule": f.rule, "message": f.message, "line": f.line,
                    "where": line_position(f.line, report.line_pages) if f.line else ""}
                   for f in report.findings if f.severity == sev]}
        for sev in SEVERITIES
    ]
    return {
        "file": report.file,
        "file_name": os.path.basename(report.file),
        "title": m.title,
        "doc_title": m.title or os.path.basename(report.file),
        "issuer": m.issuer,
        "year": m.year,
        "date": m.date,
        "is_annual_report": m.is_annual_report,
        "doc_type_reason": m.doc_type_reason,
        "kind": m.kind,
        "kind_name": kind_name(m.kind),
        "rulebook": {"id": report.rulebook_id, "version": report.rulebook_version,
                     "name": report.rulebook_name, "reason": report.rulebook_reason,
                     "notice": report.rulebook_notice},
        "score": report.score,
        "grade": report.grade,
        "passed": report.passed,
        "verdict": verdict(report.passed),
        "min_score": report.min_score,
        "gate_reasons": report.gate_reasons,
        "checked_on": checked_on or check_date(),
        "elements": elements,
        "counts": {s: sum(1 for e in elements if e["status"] == s) for s in STATUS},
        "status_colour": STATUS_COLOUR,
        "chart": _chart(elements),
        "palette": [{"accent": c, "tint": _tint(c)} for c in PALETTE],
        "weak": [e for e in elements if e["status"] != "present"],
        "findings": [g for g in findings if g["items"]],
        "finding_total": len(report.findings),
        "lines": _annotate(report.lines, elements, report.line_pages),
        "paged": bool(report.line_pages),  # a PDF report: evidence and findings say page and line
        # the lines a link points at (evidence and findings): the only ones the PDF gives an id
        "linked": {n for e in elements for n in e["lines"]} | {f.line for f in report.findings if f.line}
                  | {ev["line"] for row in report.promises or () for ev in row["evidence"]}
                  | {p["line"] for o in report.similar or () for p in o["passages"]},
        "has_text": bool(report.lines),
        "promises": _promises(report),
        "similar": _similar(report),
    }


def _promises(report: Report) -> dict | None:
    """The section 上年承诺落实情况 (checker.track), or None when the report was not compared."""
    if report.promises is None or report.promises_from is None:
        return None
    from checker.judge.result import place
    from checker.track.fill import STATUS_LABEL
    from checker.track.show import share_text

    badge = {"kept": "present", "partial": "partial", "missing": "missing"}  # the elements' colours
    src = report.promises_from
    rows = [{"text": r["text"], "line": r["line"], "label": STATUS_LABEL[r["status"]], "badge": badge[r["status"]],
             "note": r.get("note"),
             "evidence": [{"line": ev["line"], "text": ev["text"],
                           "where": place(ev["line"], ev.get("page"), ev.get("page_line"), ev.get("column"))}
                          for ev in r["evidence"]]}
            for r in report.promises]
    return {"file_name": os.path.basename(src.get("file") or ""), "year": src.get("year"),
            "share": share_text(src.get("kept_share")), "rows": rows,
            "counts": {s: sum(1 for r in report.promises if r["status"] == s) for s in STATUS_LABEL}}


RELATION = {"same_body": "同一单位其他年度的报告", "other_body": "其他单位的报告", "unknown": ""}


def _similar(report: Report) -> dict | None:
    """The copied-text section (a batch only): each other report with its passages."""
    if report.similar is None:
        return None
    return {"pct": round(100 * (report.similar_share or 0)), "others": [
        {"file": o["file"], "name": os.path.basename(o["file"]), "pct": round(100 * o["share"], 1),
         "relation": RELATION.get(o.get("relation"), ""), "year": o.get("year"),
         "passages": [dict(p, where=line_position(p["line"], report.line_pages)) for p in o["passages"]]}
        for o in report.similar]}


@lru_cache(maxsize=1)
def environment():
    """One Jinja environment per process, autoescaping everything (templates end in .j2)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # a report's text is data, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["unbreakable"] = unbreakable
    return env


def render_html(report: Report, checked_on: str | None = None, pdf: bool = False) -> str:
    """The self-contained scorecard page (inline CSS and SVG, no scripts). ``pdf``: the page
    WeasyPrint prints, without the inline stylesheet (``print_css`` is passed separately) and
    with lighter markup for the annotated text."""
    return "".join(stream_html(report, checked_on, pdf))


def stream_html(report: Report, checked_on: str | None = None, pdf: bool = False):
    """``render_html`` in pieces, for writing a large report without holding the page."""
    return environment().get_template(TEMPLATE).generate(card=build(report, checked_on), fmt_points=fmt_points,
                                                         pdf=pdf)


def print_css() -> str:
    """The PDF's stylesheet: ``scorecard-print.css`` and the element colour classes."""
    palette = "".join(
        f".k{k} {{ background: {_tint(c)}; border-color: {c}; }} .a{k} {{ color: {c}; border-color: {c}; }} "
        f".s{k} {{ background: {c}; }}\n" for k, c in enumerate(PALETTE))
    return (TEMPLATES_DIR / "scorecard-print.css").read_text(encoding="utf-8") + palette


def fmt_points(value: float) -> str:
    """10.0 -> 10, 3.5 -> 3.5, 11.111 -> 11.1 (weights of some rulebooks are fractions)."""
    return f"{round(value, 1):g}"
