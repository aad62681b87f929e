"""``check diff``: what comparing costs beyond checking the two drafts, and how it grows.

    .venv/bin/python bench/bench_diff.py [--reps 20]

1. Each seed against itself with a section deleted: ``diff_reports`` against two plain checks of
   the same files (``pipeline.check_file``). Goal: at most 1.2 times (the comparison itself is
   small next to reading and judging two drafts; single runs of a small seed take 10-30 ms, so
   other work on the machine moves them: keep --reps high).
2. Growth: a long report made of one seed repeated k times (k = 10, 20, 40: many sections, many
   findings of one rule), against the same with its lines in reverse order. The comparison's own
   time (``compare`` on the two checked reports) is printed apart from the whole. Goal: the
   comparison's time per copy stays roughly flat (linear, not quadratic, in the size); the whole
   grows as checking does.

Medians of ``--reps`` runs, in-process (no start-up time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))


def median_time(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=20)
    args = ap.parse_args()
    from checker.diff import compare, diff_reports
    from checker.pipeline import Options, check_file
    from checker.rulebook.model import load_rulebook
    from conftest import SEED
    from test_deletion import CASES, delete_section
    from checker.ingest.plain import split_lines

    book = load_rulebook("national-2021")
    tmp = Path(tempfile.mkdtemp(prefix="bench-diff-"))
    print("1. diff against two checks (median seconds)")
    ratios = []
    for key in sorted(SEED):
        heading = next(c[1] for c in CASES if c[0] == key)
        lines = split_lines(SEED[key].read_text(encoding="utf-8"))
        old = tmp / f"{key}_cut.txt"
        old.write_text("\n".join(delete_section(lines, book, heading)) + "\n", encoding="utf-8")
        diff_reports(str(old), str(SEED[key]))  # warm: rulebooks compiled once per process
        checks = median_time(lambda: (check_file(str(old), Options()), check_file(str(SEED[key]), Options())), args.reps)
        diff = median_time(lambda: diff_reports(str(old), str(SEED[key])), args.reps)
        ratios.append(diff / checks)
        print(f"   {key}: two checks {checks:.3f}  diff {diff:.3f}  ratio {diff / checks:.2f}")
    print(f"   worst ratio {max(ratios):.2f} (goal <= 1.2)")

    print("2. growth: one seed repeated k times, against its lines reversed")
    text = SEED["004"].read_text(encoding="utf-8")
    body = [x for x in split_lines(text) if x.strip()]
    per_copy = []
    for k in (10, 20, 40):
        a, b = tmp / f"long{k}_a.txt", tmp / f"long{k}_b.txt"
        a.write_text("\n".join(body * k) + "\n", encoding="utf-8")
        b.write_text("\n".join(list(reversed(body)) * k) + "\n", encoding="utf-8")
        t = median_time(lambda: diff_reports(str(a), str(b)), max(1, args.reps // 2))
        d = diff_reports(str(a), str(b))
        c = median_time(lambda: compare(d.old, d.new), args.reps)
        per_copy.append(c / k)
        print(f"   k={k:3d}: {a.stat().st_size / 1024:7.0f} KB, {len(d.old.findings) + len(d.new.findings):5d} findings, "
              f"whole {t:.2f} s, comparison {c * 1000:.1f} ms ({c / k * 1000:.2f} ms per copy)")
    print(f"   comparison per copy k=40 / k=10: {per_copy[-1] / per_copy[0]:.2f} (goal: about 1, linear)")


if __name__ == "__main__":
    main()
