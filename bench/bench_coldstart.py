"""Cold start: ``check report.txt`` (terminal scorecard) against a bare
``python -c "import typer, yaml, regex, jinja2"``. Goal: at most 1.6 times.

    .venv/bin/python bench/bench_coldstart.py [--reps 15] [--report seeds/001_....txt]

Each repetition runs both commands once, alternately, as new processes; medians are reported
(other work on the machine moves single runs). Also prints the slowest imports of ``check``
(python -X importtime) so that a regression names its cause.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, SEEDS  # noqa: E402

VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
CHECK = [str(VENV_BIN / "check")] if (VENV_BIN / "check").exists() else [PYTHON, "-m", "checker"]
BARE = [PYTHON, "-c", "import typer, yaml, regex, jinja2"]


# As installed: with bytecode caches. (Some shells set PYTHONDONTWRITEBYTECODE, which would make
# every run recompile the checker's sources while the libraries' caches were made by pip.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode()[:300]}")
    return elapsed


def slowest_imports(report: str, n: int = 6) -> list[tuple[int, str]]:
    p = subprocess.run([PYTHON, "-X", "importtime", "-m", "checker", report], capture_output=True, text=True, env=ENV)
    rows = []
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, self_us, _, name = (x.strip() for x in line.split("|", 1)[0].split(":", 1) + line.split("|")[1:])
            try:
                rows.append((int(self_us), name))
            except ValueError:
                pass
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--report", default=str(SEEDS[1]))
    args = ap.parse_args()
    timed(BARE), timed(CHECK + [args.report])  # warm the file cache, write bytecode and the rulebook cache
    bare, check = [], []
    for _ in range(args.reps):
        bare.append(timed(BARE))
        check.append(timed(CHECK + [args.report]))
    b, c = statistics.median(bare), statistics.median(check)
    print(f"report: {Path(args.report).name} ({Path(args.report).stat().st_size / 1e3:.1f} KB), "
          f"repetitions: {args.reps}, load average: {os.getloadavg()[0]:.2f}")
    print(f"bare python -c 'import typer, yaml, regex, jinja2': median {b * 1000:.0f} ms  "
          f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"check report.txt (terminal scorecard):             median {c * 1000:.0f} ms  "
          f"(min {min(check) * 1000:.0f}, max {max(check) * 1000:.0f})")
    ratio = c / b
    print(f"ratio: {ratio:.2f}x (goal <= 1.6x: {'met' if ratio <= 1.6 else 'MISSED'}); "
          f"min/min: {min(check) / min(bare):.2f}x")
    print("slowest imports of check (self time, ms):",
          ", ".join(f"{name} {us / 1000:.1f}" for us, name in slowest_imports(args.report)))


if __name__ == "__main__":
    main()
