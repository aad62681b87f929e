"""Copy detection in a batch (issue 15): time of ``check DIR --format json`` with and without
it (goal: with <= 1.5x without), peak memory of the main process, and recall and precision
on the copies planted in the generated reports.

    .venv/bin/python bench/bench_similar.py [--n 2000] [--jobs 0] [--reps 3]

The reports are generated from the seeds: each keeps the headings of one seed, under its own
issuer; its paragraphs hold new sentences made of the seeds' words in new orders (so no two
reports share a passage by chance), and four of the seeds' 30 longest sentences, verbatim and
placed at random (swapped between reports: each is in about 13% of the batch, the batch's
template, which must not count as copying). Copies planted:
- a paragraph of report A placed in report B, reworded (two words changed in each sentence,
  two sentences swapped): 1 pair in 20 reports;
- report A re-dated as its issuer's next year's report (years +1, new figures, a fifth of its
  sentences reworded, a few reordered): 1 pair in 50 reports.
A pair is found when either report names the other in ``similar``; precision counts every pair
named, planted or not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, SEEDS  # noqa: E402

CHECK = [str(ROOT / ".venv" / "bin" / "check")] if (ROOT / ".venv" / "bin" / "check").exists() else \
    [sys.executable, "-m", "checker"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SENT = re.compile(r"[^。！？\n]+[。！？]")


def _heading(line: str) -> bool:
    s = line.strip()
    return len(s) < 40 and s.count("。") <= 1 and not re.search(r"[，,；;]", s)


def _pools(rng: random.Random) -> tuple[list[str], list[str]]:
    """(words, stock sentences): the seeds' text cut into words of 2 to 4 characters, and the
    30 longest sentences of the seeds, kept verbatim (text many reports share: template)."""
    words, sents = set(), set()
    for p in SEEDS:
        text = p.read_text(encoding="utf-8")
        for run in _RUN.findall(text):
            i = 0
            while i + 2 <= len(run):
                n = rng.randint(2, 4)
                words.add(run[i:i + n])
                i += n
        sents.update(m.group().strip() for m in _SENT.finditer(text) if 40 <= len(m.group().strip()) <= 200)
    return sorted(w for w in words if len(w) >= 2), sorted(sents, key=lambda x: (-len(x), x))[:30]


def sentence(rng: random.Random, words: list[str]) -> str:
    """A new sentence: 10 to 20 of the seeds' words in a new order, with a figure."""
    parts = rng.sample(words, rng.randint(10, 20))
    out = ""
    for k, w in enumerate(parts):
        out += w + ("，" if k % 5 == 4 and k < len(parts) - 1 else "")
    return out + f"{rng.randint(2, 400)}{rng.choice('件次人个项场')}。"


def reword(s: str, rng: random.Random, words: list[str], changes: int = 2) -> str:
    """A few words of ``s`` changed for others (a reworded sentence)."""
    for _ in range(changes):
        i = rng.randrange(max(1, len(s) - 3))
        s = s[:i] + rng.choice(words) + s[i + 2:]
    return s


def _figures(text: str, rng: random.Random) -> str:
    return re.sub(r"(?<!20)\d+(?!年)", lambda m: str(rng.randint(2, 400)), text)


def report(i: int, rng: random.Random, words: list[str], stock: list[str], seeds: list[list[str]]) -> tuple[str, list]:
    """(issuer, paragraphs): the headings of seed i % 5; each paragraph as many new sentences
    as the seed's (at most 8), and four of the stock sentences placed at random (swapped
    between reports)."""
    town = f"测试{i:05d}镇"
    paras = []
    for line in seeds[i % len(seeds)][1:]:
        s = line.strip()
        if not s or re.match(r"^\S{2,20}(人民政府|委员会|局|办公室)$", s) or re.match(r"^\d{4}年\d", s):
            continue
        if _heading(s):
            paras.append([s])
            continue
        paras.append([sentence(rng, words) for _ in range(min(8, max(1, len(_SENT.findall(s)))))])
    for st in rng.sample(stock, 4):
        body = [p for p in paras if len(p) > 1 or not _heading(p[0])]
        para = rng.choice(body) if body else paras[-1]
        para.insert(rng.randint(0, len(para)), st)
    return town, paras


def render(town: str, year: int, paras: list) -> str:
    title = f"{town}人民政府关于{year}年度法治政府建设情况的报告"
    body = "\n".join("".join(p) for p in paras)
    return f"{title}\n{body}\n{town}人民政府\n{year + 1}年2月10日\n"


def make_batch(folder: Path, n: int, seed: int = 15) -> set[tuple[str, str]]:
    """Write ``n`` reports; the planted pairs (file names, sorted)."""
    rng = random.Random(seed)
    words, stock = _pools(rng)
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in SEEDS]
    docs = {i: report(i, rng, words, stock, seeds) for i in range(n)}
    years = {i: 2024 for i in range(n)}
    order = list(range(n))
    rng.shuffle(order)
    planted = set()
    k_para, k_year = n // 20, n // 50
    pairs = [(order[2 * j], order[2 * j + 1]) for j in range(k_para + k_year)]
    for j, (a, b) in enumerate(pairs):
        town_a, paras_a = docs[a]
        if j < k_para:  # a paragraph of A in B: two words changed in each sentence, two sentences swapped
            body = [p for p in paras_a if sum(s not in stock for s in p) >= 3] or [max(paras_a, key=len)]
            para = [reword(s, rng, words) for s in rng.choice(body) if s not in stock]
            if len(para) >= 2:
                x, y = rng.sample(range(len(para)), 2)
                para[x], para[y] = para[y], para[x]
            town_b, paras_b = docs[b]
            paras_b.insert(rng.randint(1, len(paras_b)), para)
        else:  # A's next year's report: new figures, a fifth of the sentences reworded, some reordered
            new = []
            for p in paras_a:
                p = [_figures(reword(s, rng, words) if rng.random() < 0.2 else s, rng).replace("2024", "2025") for s in p]
                if len(p) >= 3 and rng.random() < 0.3:
                    p[0], p[1] = p[1], p[0]
                new.append(p)
            docs[b] = (town_a, new)
            years[b] = 2025
        planted.add(tuple(sorted((f"r{a:05d}.txt", f"r{b:05d}.txt"))))
    for i, (town, paras) in docs.items():
        sub = folder / f"d{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{i:05d}.txt").write_text(render(town, years[i], paras), encoding="utf-8")
    return planted


def run(folder: Path, jobs: int, similar: bool) -> tuple[float, float, int, dict]:
    """(wall seconds, CPU seconds of check and its workers, peak RSS of the main process in KB,
    JSON output). CPU time is the steadier figure on a machine that others share."""
    # the plain batch: no cross-report analysis at all (promise tracking off as well)
    args = CHECK + [str(folder), "--format", "json", "--jobs", str(jobs)] + ([] if similar else ["--no-similar", "--no-promises"])
    peak = [0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        p = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, env=ENV)

        def watch():
            while p.poll() is None:
                try:
                    for row in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                        if row.startswith("VmHWM:"):
                            peak[0] = max(peak[0], int(row.split()[1]))
                except OSError:
                    pass
                time.sleep(0.2)

        w = threading.Thread(target=watch, daemon=True)
        w.start()
        _, err = p.communicate()
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        w.join()
        if p.returncode not in (0, 1):
            sys.exit(f"check failed ({p.returncode}): {err[:500]!r}")
        out.seek(0)
        data = json.load(out)
    if len(data["reports"]) != len(list(folder.rglob("*.txt"))):
        sys.exit("check did not report every file")
    return wall, cpu, peak[0], data


def feature_bytes(folder: Path, sample: int = 100) -> tuple[float, float]:
    """(bytes of copy-detection features per report, per passage), from a sample of the batch
    checked in this process: what the main process holds for each report during the link."""
    sys.path.insert(0, str(ROOT))
    from checker.pipeline import Options, check_file

    files = sorted(folder.rglob("*.txt"))[:sample]
    total = passages = 0
    for f in files:
        feats = check_file(str(f), Options(), collect=("similar",)).features["similar"]
        total += sum(v.nbytes for v in feats.values() if hasattr(v, "nbytes"))
        passages += len(feats["sig"])
    return total / len(files), total / max(1, passages)


def score(data: dict, planted: set) -> tuple[float, float, int, int]:
    found = set()
    for r in data["reports"]:
        me = Path(r["file"]).name
        for s in r.get("similar") or []:
            found.add(tuple(sorted((me, Path(s["file"]).name))))
    hit = len(found & planted)
    return hit / max(1, len(planted)), hit / max(1, len(found)), len(found), hit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=0)
    # each rep runs both batches, one after the other; the figures are the least of each. On a
    # machine shared with others one run in a few takes a tenth longer (seen: 60 s, then 71 s)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-similar-") as tmp:
        folder = Path(tmp) / "reports"
        t = time.perf_counter()
        planted = make_batch(folder, args.n)
        made = time.perf_counter() - t
        size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
        plain, with_, mem_plain, mem_with, cpu_plain, cpu_with = [], [], [], [], [], []
        data = None
        for _ in range(args.reps):
            w, c, m, _ = run(folder, args.jobs, similar=False)
            plain.append(w)
            cpu_plain.append(c)
            mem_plain.append(m)
            w, c, m, data = run(folder, args.jobs, similar=True)
            with_.append(w)
            cpu_with.append(c)
            mem_with.append(m)
        per_report, per_passage = feature_bytes(folder)
    recall, precision, found, hit = score(data, planted)
    warned = sum(1 for r in data["reports"] if any(f["rule"] == "similar.copied-text" for f in r["findings"]))
    p, w = min(plain), min(with_)
    cp, cw = min(cpu_plain), min(cpu_with)
    print(f"reports: {args.n} ({size / 1e6:.1f} MB), generated in {made:.1f} s; cores: {os.cpu_count()}, "
          f"jobs: {args.jobs or os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    print(f"plain batch (--no-similar --no-promises): {p:.1f} s  runs {[round(x, 1) for x in plain]}")
    print(f"batch with copy detection:                   {w:.1f} s  runs {[round(x, 1) for x in with_]}")
    print(f"CPU (check and its workers): {cp:.1f} s without, {cw:.1f} s with = "
          f"{cp / args.n * 1000:.1f} and {cw / args.n * 1000:.1f} ms per report")
    print(f"ratio: wall {w / p:.2f}x, CPU {cw / cp:.2f}x (goal <= 1.5x: {'met' if max(w / p, cw / cp) <= 1.5 else 'MISSED'}); "
          f"load average now {os.getloadavg()[0]:.2f}")
    print(f"peak memory of the main process: {max(mem_plain) / 1024:.0f} MB without, {max(mem_with) / 1024:.0f} MB with; "
          f"features held: {per_report / 1024:.1f} KB per report ({per_passage:.0f} bytes per passage), "
          f"{per_report * args.n / 1e6:.0f} MB for the batch")
    print(f"planted pairs: {len(planted)}; pairs named: {found}; found planted: {hit}; "
          f"recall {recall:.3f}, precision {precision:.3f}; reports with the warning: {warned}")


if __name__ == "__main__":
    main()
