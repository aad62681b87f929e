"""Render PDF scorecards' pages to PNG images, to look at them as a reviewer would.

Uses pypdfium2 (already a dependency, for reading PDF reports) and Pillow (a WeasyPrint
dependency), so it works on a machine without poppler's pdftoppm. Images are palette PNGs, small
enough to commit; ``docs/scorecard-page1.png`` in the README is made with ``make docs-image``.

    .venv/bin/python scripts/pages.py reports_out/*.pdf -o reports_out/pages [--dpi 110] [--page 1]
    .venv/bin/python scripts/pages.py reports_out/004.pdf --page 1 --to docs/scorecard-page1.png
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.render import write_atomic  # noqa: E402


def png(page, dpi: int) -> bytes:
    image = page.render(scale=dpi / 72).to_pil().convert("RGB")
    buf = io.BytesIO()
    # fast octree keeps the small colour swatches (median cut turns them grey) and is smallest
    image.quantize(colors=256, method=2).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description="把 PDF 评分卡的各页渲染为 PNG 图片")
    ap.add_argument("pdfs", nargs="+", type=Path, help="PDF 文件")
    ap.add_argument("-o", "--out", type=Path, default=Path("reports_out/pages"), help="输出目录（默认 reports_out/pages）")
    ap.add_argument("--to", type=Path, help="只渲染一个 PDF 的一页，写到这个文件")
    ap.add_argument("--page", type=int, help="只渲染第几页（从 1 起）")
    ap.add_argument("--dpi", type=int, default=110, help="分辨率（默认 110）")
    args = ap.parse_args()
    if args.to and (len(args.pdfs) != 1 or not args.page):
        ap.error("--to 需要正好一个 PDF 和 --page")

    import pypdfium2 as pdfium

    for path in args.pdfs:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except (OSError, pdfium.PdfiumError) as e:
            print(f"错误：{path}：无法打开 PDF（{e}）", file=sys.stderr)
            return 2
        numbers = [args.page] if args.page else range(1, len(pdf) + 1)
        for n in numbers:
            if not 1 <= n <= len(pdf):
                print(f"错误：{path}：没有第 {n} 页（共 {len(pdf)} 页）", file=sys.stderr)
                return 2
            target = args.to or args.out / f"{path.stem}-{n}.png"
            write_atomic(target, png(pdf[n - 1], args.dpi))
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
