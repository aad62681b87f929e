"""Batch speed: one ``check DIR --format json`` run over N seed-sized reports, against the floor
of doing only the unavoidable work in one Python process (read, decode, NFKC-normalise, one
multi-keyword regex pass over the same files). Goal: at most 4 times the floor.

    .venv/bin/python bench/bench_batch.py [--n 500] [--reps 3] [--jobs 0]

The floor is timed inside its process (no interpreter start-up); the check run is timed from
outside, start-up and worker start included, so the ratio is on the strict side. Runs are
interleaved and medians reported, because other work on the machine moves single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, make_corpus  # noqa: E402

CHECK = [str(ROOT / ".venv" / "bin" / "check")] if (ROOT / ".venv" / "bin" / "check").exists() else \
    [sys.executable, "-m", "checker"]

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: with bytecode

FLOOR = r'''
import sys, time, unicodedata
from pathlib import Path
import regex
KEYWORDS = regex.compile("|".join(["法治政府", "依法行政", "行政执法", "行政复议", "行政诉讼", "规范性文件",
    "重大行政决策", "政务公开", "第一责任人", "主要负责人", "存在的问题", "不足", "原因", "下一步", "矛盾纠纷",
    "突发事件", "监督", "普法", "数字政府", "权责清单", "营商环境", "法律顾问", "合法性审查", "述法", "信访"]))
files = sorted(p for p in Path(sys.argv[1]).rglob("*.txt"))
t = time.perf_counter()
hits = 0
for f in files:
    text = unicodedata.normalize("NFKC", f.read_bytes().decode("utf-8"))
    hits += sum(1 for _ in KEYWORDS.finditer(text))
print(time.perf_counter() - t, len(files), hits)
'''


def floor(folder: Path) -> float:
    out = subprocess.run([sys.executable, "-c", FLOOR, str(folder)], capture_output=True, text=True, check=True)
    seconds, files, _ = out.stdout.split()
    return float(seconds)


def check(folder: Path, n: int, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the check process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(CHECK + [str(folder), "--format", "json", "--jobs", str(jobs)], capture_output=True, text=True,
                       env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f"check failed ({p.returncode}): {p.stderr[:500]}")
    total = json.loads(p.stdout)["summary"]["total"]
    assert total == n, (total, n)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i
    return x


def parallelism(jobs: int) -> float:
    """How many cores this run really gets: the speed-up of a pure CPU task on ``jobs`` processes
    (other work on the machine takes cores away from a benchmark)."""
    from concurrent.futures import ProcessPoolExecutor

    tasks = [2_000_000] * (jobs * 4)
    t = time.perf_counter()
    for n in tasks:
        _spin(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_spin, [1000] * jobs))  # workers started
        t = time.perf_counter()
        list(pool.map(_spin, tasks))
        parallel = time.perf_counter() - t
    return serial / parallel


def stages(files: list[Path]) -> dict[str, float]:
    """CPU milliseconds per report for each stage, in this process (no workers)."""
    sys.path.insert(0, str(ROOT))
    from checker.judge.engine import evaluate
    from checker.ingest import load
    from checker.render.json_out import outcome_dict
    from checker.pipeline import Options, Outcome, _rulebook_for

    opts = Options()
    evaluate(load(files[0]), _rulebook_for(load(files[0]), opts)[0])  # rulebooks compiled and cached
    out = {"read+decode+build document": 0.0, "choose rulebook": 0.0, "judge+score (engine)": 0.0, "JSON": 0.0}
    for f in files:
        t0 = time.process_time()
        doc = load(f)
        t1 = time.process_time()
        book, _ = _rulebook_for(doc, opts)
        t2 = time.process_time()
        report = evaluate(doc, book)
        t3 = time.process_time()
        json.dumps(outcome_dict(Outcome(str(f), report=report)), ensure_ascii=False)
        t4 = time.process_time()
        for key, dt in zip(out, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            out[key] += dt
    return {k: v / len(files) * 1000 for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="check --jobs (0: all cores)")
    ap.add_argument("--stages", action="store_true", help="also print the CPU cost of each stage per report")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-bench-") as tmp:
        folder = Path(tmp) / "reports"
        files = make_corpus(folder, args.n)
        size = sum(p.stat().st_size for p in files)
        floors, walls, cpus = [], [], []
        floor(folder)  # warm the page cache
        for _ in range(args.reps):
            floors.append(floor(folder))
            wall, cpu = check(folder, args.n, args.jobs)
            walls.append(wall)
            cpus.append(cpu)
        per_stage = stages(files) if args.stages else None
    jobs = args.jobs or os.cpu_count() or 1
    cores_free = parallelism(jobs) if jobs > 1 else 1.0
    f, w, c = statistics.median(floors), statistics.median(walls), statistics.median(cpus)
    cores = os.cpu_count()
    print(f"reports: {args.n} ({size / 1e6:.1f} MB, {size / args.n / 1e3:.1f} KB each), cores: {cores}, "
          f"jobs: {args.jobs or cores}, repetitions: {args.reps}, load average: {os.getloadavg()[0]:.2f}")
    print(f"floor (read+decode+NFKC+regex pass, one process): median {f:.3f} s  runs {[round(x, 3) for x in floors]}")
    print(f"check DIR --format json (wall, start-up included): median {w:.3f} s  runs {[round(x, 3) for x in walls]}")
    print(f"check CPU (all processes): median {c:.2f} s = {c / args.n * 1000:.1f} ms per report")
    print(f"throughput: {args.n / w:.0f} reports/s")
    ratio = w / f
    print(f"ratio check/floor: {ratio:.2f}x (goal <= 4x: {'met' if ratio <= 4 else 'MISSED'}); "
          f"CPU per report / floor per report: {c / f:.1f}x")
    if jobs > 1:
        est = c / jobs
        print(f"cores really available to this run: {cores_free:.2f} of {jobs} (speed-up of a pure CPU task); "
              f"with all {jobs} free: CPU time / {jobs} = {est:.2f} s, {est / f:.1f}x the floor "
              f"(an estimate, not a measurement; the fastest run above: {min(walls) / f:.1f}x)")
    if per_stage:
        print("CPU per report by stage (one process): " + ", ".join(f"{k} {v:.2f} ms" for k, v in per_stage.items())
              + f"; floor {f / args.n * 1000:.2f} ms")


if __name__ == "__main__":
    main()
