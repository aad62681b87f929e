"""Seed-sized test corpora for the benchmarks: variants of the five seed reports (the issuer,
the year and the figures change from copy to copy, so no two files are the same text)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def variant(text: str, i: int) -> str:
    """Copy ``i`` of a seed: figures shifted, a numbered issuer line, the same structure."""
    text = re.sub(r"(\d+)(件|次|人|个|项|场)", lambda m: f"{int(m[1]) + i % 17}{m[2]}", text)
    return text + f"\n\n（第 {i} 份，测试副本）\n"


def make_corpus(folder: Path, n: int) -> list[Path]:
    """Write ``n`` variants of the seeds into ``folder`` (in sub-folders of 100, like districts)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    out = []
    for i in range(n):
        sub = folder / f"district_{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"report_{i:05d}.txt"
        p.write_text(variant(texts[i % len(texts)], i), encoding="utf-8")
        out.append(p)
    return out
