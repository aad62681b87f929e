"""Memory: peak resident memory of one ``check DIR --format json`` run over 500 and over 5,000
seed-sized reports, main process and worker processes included. Goal: flat (not growing with
the number of reports).

    .venv/bin/python bench/bench_memory.py [--sizes 500,5000] [--format json]

Three figures per run: the peak of the whole process tree's RSS (sampled from /proc every 20 ms),
the same for PSS (proportional set size: a page the forked workers share with the main process is
counted once, split between them, where RSS counts it in each), and the largest single process
(getrusage RUSAGE_CHILDREN in a helper process that runs check).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, make_corpus  # noqa: E402

VENV_CHECK = ROOT / ".venv" / "bin" / "check"
CHECK = [str(VENV_CHECK)] if VENV_CHECK.exists() else [sys.executable, "-m", "checker"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _children() -> dict[int, int]:
    """pid -> parent pid for every process."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    stat = f.read()
                out[int(d)] = int(stat[stat.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    return out


def _kb(pid: int, file: str, key: str) -> int:
    """One "Key:  N kB" figure of a /proc file (status: VmRSS; smaps_rollup: Pss); 0 if gone."""
    try:
        with open(f"/proc/{pid}/{file}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_kb(root: int) -> tuple[int, int]:
    """RSS and PSS of ``root`` and all its descendants."""
    parents = _children()
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(_kb(p, "status", "VmRSS:") for p in tree), sum(_kb(p, "smaps_rollup", "Pss:") for p in tree)


def one(folder: str, fmt: str, out_dir: str) -> None:
    """Helper mode: run check once, print the figures as JSON."""
    t = time.perf_counter()
    proc = subprocess.Popen(CHECK + [folder, "--format", fmt, "-o", out_dir], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=ENV)
    peak = peak_pss = 0
    done = threading.Event()

    def sample():
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_kb(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    done.set()
    th.join()
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}): {err.decode()[:300]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    print(json.dumps({"tree_kb": peak, "tree_pss_kb": peak_pss, "largest_kb": largest, "wall": wall}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,5000")
    ap.add_argument("--format", default="json", help="output format(s) of the measured run")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return one(args.one, args.format, args.out)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="check-mem-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"r{n}"
            make_corpus(folder, n)
            p = subprocess.run([sys.executable, __file__, "--one", str(folder), "--format", args.format,
                                "--out", str(Path(tmp) / f"out{n}")], capture_output=True, text=True, check=True)
            d = json.loads(p.stdout)
            rows.append((n, d))
            print(f"{n:>6} reports: peak RSS of all processes {d['tree_kb'] / 1024:6.1f} MB "
                  f"(PSS {d['tree_pss_kb'] / 1024:5.1f} MB), largest single process "
                  f"{d['largest_kb'] / 1024:6.1f} MB, wall {d['wall']:.1f} s ({n / d['wall']:.0f} reports/s)", flush=True)
    (n0, a), (n1, b) = rows[0], rows[-1]
    print(f"growth from {n0} to {n1} reports: all processes x{b['tree_kb'] / a['tree_kb']:.2f} "
          f"(PSS x{b['tree_pss_kb'] / a['tree_pss_kb']:.2f}), "
          f"largest process x{b['largest_kb'] / a['largest_kb']:.2f} (flat: about x1.0 for x{n1 / n0:.0f} reports)")


if __name__ == "__main__":
    main()
