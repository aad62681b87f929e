"""Per-report HTML scorecard: one self-contained file (inline CSS and SVG, no scripts)."""

from __future__ import annotations

from pathlib import Path

from checker.render import report_stem, safe_output_path, write_atomic
from checker.render.scorecard import stream_html


def write(report, opts) -> Path:
    """Write ``<out_dir>/<stem>.html`` atomically and return its path."""
    target = safe_output_path(Path(opts.out_dir), report_stem(report) + ".html", report.file)
    return write_atomic(target, stream_html(report))
