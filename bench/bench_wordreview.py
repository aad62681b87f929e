"""Cost of ``--format docx`` per report, and how it grows with the report's length.

For each seed, as text (a new document is built) and as a Word file (tests/derive_formats; its
own paragraphs get the comments): the time of ``checker.wordreview.commented_docx`` alone,
after one warm-up call. Then a long report (a seed repeated) at two lengths: the time per
1,000 lines should stay about the same (linear in the report's size).

    .venv/bin/python bench/bench_wordreview.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import derive_formats as derive  # noqa: E402
from _corpus import SEEDS  # noqa: E402
from checker.pipeline import Options, check_file  # noqa: E402
from checker.wordreview import commented_docx  # noqa: E402


def timed(report, source, repeat: int = 5) -> float:
    commented_docx(report, source)
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        commented_docx(report, source)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("seed  text→new .docx  .docx→commented")
        for seed in SEEDS:
            src = derive.write_docx(seed, folder / (seed.stem + ".docx"))
            text = check_file(str(seed), Options(), keep_text=True).report
            word = check_file(str(src), Options(), keep_text=True).report
            print(f"{seed.name[:3]}   {timed(text, None) * 1000:8.0f} ms   {timed(word, src) * 1000:8.0f} ms")
        body = SEEDS[1].read_text(encoding="utf-8")
        for copies in (20, 80):
            long = folder / f"long{copies}.txt"
            long.write_text(body * copies, encoding="utf-8")
            src = derive.write_docx(long, folder / f"long{copies}.docx")
            for path, source in ((long, None), (src, src)):
                r = check_file(str(path), Options(), keep_text=True).report
                t = timed(r, source, repeat=3)
                print(f"{path.suffix:5} {len(r.lines):6} lines: {t:.2f} s, {t / len(r.lines) * 1000 * 1000:.0f} ms per 1,000 lines")


if __name__ == "__main__":
    main()
