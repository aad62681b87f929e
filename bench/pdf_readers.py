"""Which library reads the text layer of Chinese PDFs best and fastest (issue 4).

Renders every seed to PDF the way tests/derive_formats.py does (WeasyPrint, Noto CJK, running
header, page numbers), extracts the text with pypdf, pdfminer.six and pypdfium2, and prints per
library: seconds for all seeds (best of --rounds), and how much of the seed's text comes back
(share of the seed's CJK characters found in order, by difflib over CJK-only strings), and the
number of spurious spaces inserted between two CJK characters.

    .venv/bin/python bench/pdf_readers.py [--rounds 3]

A library that is not installed is reported as missing (pdfminer.six is not a dependency).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from derive_formats import seed_paragraphs, write_pdf  # noqa: E402

CJK = regex.compile(r"\p{Han}")
GAP = regex.compile(r"(?<=\p{Han})[ \u3000]+(?=\p{Han})")


def with_pypdf(path):
    import pypdf

    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages)


def with_pdfminer(path):
    from pdfminer.high_level import extract_text

    return extract_text(path)


def with_pypdfium2(path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


READERS = {"pypdf": with_pypdf, "pdfminer.six": with_pdfminer, "pypdfium2": with_pypdfium2}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        pdfs, truth = [], []
        for s in seeds:
            pdfs.append(write_pdf(s, Path(tmp) / (s.stem + ".pdf")))
            truth.append("".join(CJK.findall("".join(t for t, _ in seed_paragraphs(s)))))
        print(f"{len(pdfs)} PDFs, {sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB, "
              f"{sum(map(len, truth))} CJK characters in the seeds")
        print(f"{'library':14} {'seconds':>8} {'recall':>8} {'CJK gaps':>9}")
        for name, fn in READERS.items():
            try:
                fn(pdfs[0])
            except ImportError:
                print(f"{name:14} not installed")
                continue
            best = float("inf")
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                texts = [fn(p) for p in pdfs]
                best = min(best, time.perf_counter() - t0)
            matched = total = gaps = 0
            for text, want in zip(texts, truth):
                got = "".join(CJK.findall(text))
                sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
                matched += sum(b.size for b in sm.get_matching_blocks())
                total += len(want)
                gaps += len(GAP.findall(text))
            print(f"{name:14} {best:8.2f} {matched / total:8.1%} {gaps:9d}")


if __name__ == "__main__":
    main()
