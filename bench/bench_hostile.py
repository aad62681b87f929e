"""Hostile inputs (issue 12): time and peak memory of one child process per input, at a few
sizes, so that growth is visible (linear: doubling the size about doubles the time).

    .venv/bin/python bench/bench_hostile.py [--scale 1.0] [--only NAME[,NAME]]

Inputs (each rebuilt in a temporary folder; see tests/test_hostile_input_*.py for the same cases
as tests):
- long-paragraph: N lines of ~30 Chinese characters, none ending a sentence (one paragraph);
  ``check FILE --format json``.
- pdf-join: the PDF reader's ``_join`` over N printed lines of one paragraph (the text layer of
  a large PDF without its PDFium part).
- pdf-text-layer: a PDF of N pages of 50 lines that all run to the right edge (one paragraph
  of N x 4,500 characters); ``check FILE --format json``.
- nested-divs: a page of N nested ``<div>`` around one paragraph; ``check FILE --format json``.
- short-lines-html: N lines ``第i行文字。``; ``check FILE --format html`` (and ``json`` for
  comparison).
- billion-laughs: a rulebook of L levels of 9 aliases (9^L nodes expanded); ``check --rules``
  must refuse it at once.
- jobs: ``check DIR -j 1000`` over 8 seed copies: the number of processes started.
Figures: wall time, and the peak RSS of the process that runs the command (VmHWM: getrusage would
count the forking parent, whose maxrss survives exec).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, CHECK_CACHE_DIR="off")
_RUN = ("import resource, sys\nfrom checker.cli.main import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
        "    sys.stderr.write('PEAK %s\\n' % open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n")


def run_check(*args, timeout=900) -> tuple[float, int, int]:
    """(seconds, peak RSS of the main process in MB, exit code) of ``check ARGS``."""
    start = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-c", _RUN, *map(str, args)], capture_output=True, text=True,
                           timeout=timeout, cwd=ROOT, env=ENV)
    except subprocess.TimeoutExpired:
        return float("inf"), -1, -1
    took = time.monotonic() - start
    peak = [int(ln.split()[1]) for ln in p.stderr.splitlines() if ln.startswith("PEAK ")]
    return took, (peak[-1] // 1024 if peak else -1), p.returncode


def run_code(code: str, timeout=900) -> tuple[float, int]:
    start = time.monotonic()
    code += "\nimport sys\nsys.stderr.write('PEAK %s\\n' % open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
    try:
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return float("inf"), -1
    peak = [int(ln.split()[1]) for ln in p.stderr.splitlines() if ln.startswith("PEAK ")]
    return time.monotonic() - start, (peak[-1] // 1024 if peak else -1)


def row(name: str, size, took: float, peak: int, extra: str = "") -> None:
    print(f"{name:18} {size:>10} {took:8.2f} s {peak:7d} MB  {extra}", flush=True)


def long_paragraph(tmp: Path, scale: float) -> None:
    for n in (16_000, 32_000, 64_000):
        n = int(n * scale)
        f = tmp / f"long{n}.txt"
        f.write_text("\n".join(f"本年度我们持续推进法治政府建设工作并且取得了明显成效第{i}项" for i in range(n)), encoding="utf-8")
        took, peak, code = run_check(f, "-f", "json")
        row("long-paragraph", f"{n} lines", took, peak, f"exit {code}, {f.stat().st_size / 1e6:.1f} MB")


def pdf_join(tmp: Path, scale: float) -> None:
    for n in (100_000, 200_000, 400_000):
        n = int(n * scale)
        took, peak = run_code(
            "from checker.ingest.pdf import Line, _join\n"
            f"para = [Line(1 + i // 40, 'A全面推进依法行政工作取得明显成效B', 0, 100, 10, 10, i % 40 + 1) for i in range({n})]\n"
            "_join(para)\n")
        row("pdf-join", f"{n} lines", took, peak, f"~{n * 19 * 3 / 1e6:.0f} MB of text")


def text_pdf(path: Path, pages: int, rows: int = 50, width: int = 90) -> Path:
    """A PDF of ``pages`` pages, each ``rows`` lines of ``width`` Latin letters in Courier that
    run to the right edge (so the reader joins them all into one paragraph)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    kids = []
    for p in range(pages):
        text = b"BT /F1 6 Tf 36 800 Td 7 TL " + b" ".join(
            b"(%s) '" % (b"abcdefghij" * (width // 10)) for _ in range(rows)) + b" ET"
        objs.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % len(objs))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def pdf_text(tmp: Path, scale: float) -> None:
    for pages in (100, 200, 400):
        pages = int(pages * scale)
        f = text_pdf(tmp / f"text{pages}.pdf", pages)
        took, peak, code = run_check(f, "-f", "json")
        row("pdf-text-layer", f"{pages} pages", took, peak, f"exit {code}, {pages * 50 * 90 / 1e6:.1f} M characters")


def nested_divs(tmp: Path, scale: float) -> None:
    for n in (50_000, 100_000, 200_000):
        n = int(n * scale)
        f = tmp / f"deep{n}.html"
        body = "本年度我们推进依法行政，加强行政执法监督，法治政府建设取得明显成效。" * 5
        f.write_text("<html><body>" + "<div>" * n + f"<p>{body}</p>" + "</div>" * n + "</body></html>", encoding="utf-8")
        took, peak, code = run_check(f, "-f", "json")
        row("nested-divs", f"{n} deep", took, peak, f"exit {code}")


def short_lines(tmp: Path, scale: float) -> None:
    for n in (250_000, 500_000, 1_000_000):
        n = int(n * scale)
        f = tmp / f"short{n}.txt"
        f.write_text("".join(f"第{i}行文字。\n" for i in range(n)), encoding="utf-8")
        for fmt in ("json", "html"):
            took, peak, code = run_check(f, "-f", fmt, "-o", tmp / "out", "--max-size", "100MB")
            row(f"short-lines-{fmt}", f"{n} lines", took, peak, f"exit {code}, {f.stat().st_size / 1e6:.1f} MB")


def billion_laughs(tmp: Path, scale: float) -> None:
    report = tmp / "r.txt"
    shutil.copy(next((ROOT / "seeds").glob("001*.txt")), report)
    for levels in (5, 7, 9):
        lines = ['a: &a [' + ", ".join(['"lol"'] * 9) + "]"]
        prev = "a"
        for name in "bcdefghijk"[:levels - 1]:
            lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
            prev = name
        f = tmp / f"laughs{levels}.yaml"
        f.write_text("id: laughs\nextends: national-2021\n" + "\n".join(lines) + "\n", encoding="utf-8")
        took, peak, code = run_check(report, "--rules", f)
        row("billion-laughs", f"9^{levels}", took, peak, f"exit {code} ({f.stat().st_size} bytes)")


def jobs(tmp: Path, scale: float) -> None:
    folder = tmp / "batch"
    folder.mkdir(exist_ok=True)
    seed = next((ROOT / "seeds").glob("001*.txt"))
    for i in range(8):
        shutil.copy(seed, folder / f"r{i}.txt")
    code = ("import concurrent.futures as cf, sys\nfrom checker import pipeline\n"
            "made = []\norig = cf.ProcessPoolExecutor\n"
            "class P(orig):\n    def __init__(self, max_workers=None, **k):\n        made.append(max_workers)\n"
            "        super().__init__(max_workers=max_workers, **k)\n"
            "cf.ProcessPoolExecutor = P\n"
            f"pool = pipeline.start_workers([{str(folder)!r}], 1000)\n"
            "print('workers', made)\npool and pool.shutdown()\n")
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    row("jobs -j 1000", "8 files", time.monotonic() - start, -1, (p.stdout.strip() or p.stderr.strip()[-200:]))


CASES = {"long-paragraph": long_paragraph, "pdf-join": pdf_join, "pdf-text-layer": pdf_text, "nested-divs": nested_divs,
         "short-lines-html": short_lines, "billion-laughs": billion_laughs, "jobs": jobs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.25 for a quick look)")
    ap.add_argument("--only", default="", help="comma-separated case names: " + ", ".join(CASES))
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or list(CASES)
    print(f"{'case':18} {'size':>10} {'time':>10} {'peak RSS':>10}")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as d:
        for name in names:
            CASES[name](Path(d), args.scale)


if __name__ == "__main__":
    sys.exit(main())
