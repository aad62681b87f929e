"""The batch dashboard, ``index.html`` beside the per-report scorecards: the summary table
(sortable by clicking a column head; a plain table without script), the distribution of
scores (inline SVG), how often each element is missing or partial, and a link to each report's
scorecard ``<stem>.html``.

Activated by the CLI when HTML output is asked for on more than one input. It runs in the main
process and keeps only counters in memory; the table rows wait in a spool file on disk, and the
page is streamed from the template (``templates/dashboard.html.j2``) into place.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from checker.render import output_stem
from checker.render.summary import UNREADABLE, AtomicFile, RowSpool, row_of

RELATION = {"same_body": "同一单位其他年度", "other_body": "其他单位", "unknown": ""}
FILENAME = "index.html"
WRITES_FILE = True
TEMPLATE = "dashboard.html.j2"
BINS = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 101)]
# chart geometry (SVG user units)
_W, _H, _PAD_L, _PAD_B, _TOP = 560, 220, 34, 30, 14


def histogram(scores: Counter) -> dict:
    """Bars for the score distribution: ``scores`` counts reports per bin index."""
    peak = max(scores.values(), default=0) or 1
    slot = (_W - _PAD_L) / len(BINS)
    plot_h = _H - _PAD_B - _TOP
    bars = []
    for i, (lo, hi) in enumerate(BINS):
        n = scores.get(i, 0)
        h = round(plot_h * n / peak, 1)
        bars.append({"x": round(_PAD_L + i * slot + 3, 1), "y": round(_TOP + plot_h - h, 1), "w": round(slot - 6, 1),
                     "h": h, "n": n, "label": f"{lo}–{min(hi, 100)}", "cx": round(_PAD_L + (i + 0.5) * slot, 1),
                     "fail": hi <= 60})
    return {"w": _W, "h": _H, "base": _TOP + plot_h, "left": _PAD_L, "peak": peak, "bars": bars,
            "label_y": _H - _PAD_B + 16}


def score_bin(score: float) -> int:
    for i, (lo, hi) in enumerate(BINS):
        if lo <= score < hi:
            return i
    return len(BINS) - 1


def href(stem: str) -> str:
    """A link to a file beside the page: every ASCII character a URL gives a meaning to (``:``
    of a scheme such as ``javascript:``, ``#``, ``?``, ``%``, ``/``), white space and control
    characters percent-encoded, and ``./`` in front, so that the link is always that file and
    nothing else. Chinese letters stay as they are (browsers take them, readers can read them)."""
    import unicodedata

    def keep(ch: str) -> bool:
        if ch.isascii():
            return ch.isalnum() or ch in "-._~"
        return unicodedata.category(ch)[0] not in "CZ"

    def encoded(ch: str) -> str:
        try:  # an undecodable byte of the file name: that byte
            raw = ch.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = ch.encode("utf-8", "surrogatepass")
        return "".join(f"%{b:02X}" for b in raw)

    return "./" + "".join(ch if keep(ch) else encoded(ch) for ch in stem)


def _environment():
    import jinja2

    from checker.paths import TEMPLATES_DIR

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)


class Renderer:
    def __init__(self, out, out_dir: Path | None = None, open_form=None):
        """``open_form(i)``: the id of a form (outside the table) that opens the i-th row's
        scorecard, for a page whose scorecards are not files beside it (``check serve``)."""
        self.out = out
        self.out_dir = Path(out_dir or "reports_out")
        self.path = self.out_dir / FILENAME
        self.open_form = open_form

    def start(self, total: int) -> None:
        self.rows = RowSpool()
        self.bins: Counter = Counter()
        self.grades: Counter = Counter()
        self.elements: dict[str, dict] = {}  # id -> name, mandatory, missing, partial counts
        self.passed = self.failed = self.errors = 0
        self.score_sum = 0.0
        self.ended: Counter = Counter()  # rulebook id -> reports judged after its basis period ended
        self.similar_looked = self.similar_warned = self.similar_found = 0  # copy detection (checker.across)

    def add(self, outcome) -> None:
        row = row_of(outcome)
        self.rows.append(row)
        r = outcome.report
        if r is None:
            self.errors += 1
            return
        self.passed += r.passed
        self.failed += not r.passed
        self.score_sum += r.score
        self.bins[score_bin(r.score)] += 1
        self.grades[r.grade] += 1
        if r.rulebook_notice:
            self.ended[r.rulebook_id] += 1
        if getattr(r, "similar", None) is not None:
            self.similar_looked += 1
            self.similar_found += bool(r.similar)
            self.similar_warned += any(f.rule == "similar.copied-text" for f in r.findings)
        for e in r.elements:
            s = self.elements.setdefault(e.id, {"id": e.id, "name": e.name, "mandatory": e.mandatory,
                                                "missing": 0, "partial": 0, "present": 0})
            s[e.status] += 1
            s["mandatory"] = s["mandatory"] or e.mandatory

    def _rows(self):
        for i, row in enumerate(self.rows):
            link = form = None
            if row.verdict != UNREADABLE:
                if self.open_form is not None:
                    form = self.open_form(i)
                else:
                    link = href(row.stem or output_stem(row.file)) + ".html"
            yield {"row": row, "link": link, "form": form, "name": Path(row.file).name}

    def _copied(self):
        """Rows of the reports that share text with others, for the copied-text view (read back
        from the spool a second time: nothing is kept in memory)."""
        for item in self._rows():
            if item["row"].similar:
                item["others"] = [{"name": Path(f).name, "file": f, "pct": round(100 * share, 1),
                                   "relation": RELATION.get(rel, "")} for f, share, rel in item["row"].similar]
                yield item

    def finish(self) -> None:
        checked = self.passed + self.failed
        elements = sorted(self.elements.values(), key=lambda s: (-(s["missing"] + s["partial"]), -s["missing"]))
        for s in elements:  # shares of the reports judged on this element (rulebooks differ by year)
            judged = s["missing"] + s["partial"] + s["present"]
            s["missing_pct"] = round(100 * s["missing"] / judged, 1)
            s["partial_pct"] = round(100 * s["partial"] / judged, 1)
        context = {
            "total": self.rows.count, "passed": self.passed, "failed": self.failed, "errors": self.errors,
            "mean": round(self.score_sum / checked, 1) if checked else None,
            "grades": sorted(self.grades.items(), key=lambda g: "优良中差".find(g[0]) % 10), "chart": histogram(self.bins), "elements": elements,
            "ended": sorted(self.ended.items()), "rows": self._rows(),
            "similar": {"looked": self.similar_looked, "found": self.similar_found, "warned": self.similar_warned},
            "copied": self._copied(), "generated": datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M"),
        }
        target = AtomicFile(self.path)
        try:
            for chunk in _environment().get_template(TEMPLATE).generate(**context):
                target.write(chunk)
        except BaseException:
            target.abort()
            raise
        target.commit()
        self.rows.close()

    def abort(self) -> None:
        if getattr(self, "rows", None) is not None:
            self.rows.close()
