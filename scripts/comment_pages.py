"""Show a commented .docx as LibreOffice lays it out, with its comments beside the page.

LibreOffice converts the .docx to PDF (``soffice --headless``, a private profile in a temporary
folder), exporting each Word comment as a PDF note at its anchor: the page and the note icons
are LibreOffice's. LibreOffice 7.4 cannot print comments in the margin when exporting a PDF
(the ``ExportNotesInMargin`` option came later and is passed for versions that have it), so
this script reads the notes LibreOffice exported -- author and text -- and draws them in a
column to the right of the page, numbered and joined to their icons, as Word's and
LibreOffice's margin balloons are. ``docs/word-comments.png`` in the README is made with
``make docs-comments``.

    .venv/bin/python scripts/comment_pages.py reports_out/报告.审查意见.docx --page 1 --to docs/word-comments.png
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.render import write_atomic  # noqa: E402

FILTER = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
          '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
BALLOON, EDGE, ACCENT = (255, 249, 196), (214, 182, 0), (180, 120, 0)


def to_pdf(docx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("错误：未安装 LibreOffice（soffice），请先运行 scripts/sysdeps.sh")
    src = folder / "in.docx"
    shutil.copy(docx, src)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", FILTER, "--outdir", str(folder), str(src)],
                   check=True, capture_output=True, timeout=300)
    pdf = folder / "in.pdf"
    if not pdf.is_file():
        raise SystemExit(f"错误：LibreOffice 未能转换 {docx}")
    return pdf


def notes(pdf: Path, index: int) -> list[tuple[float, float, str, str]]:
    """(x, y from the top, author, text) of each note LibreOffice exported on a page, in points."""
    import pypdf

    page = pypdf.PdfReader(pdf).pages[index]
    height = float(page.mediabox.height)
    out = []
    for ref in page.get("/Annots") or []:
        a = ref.get_object()
        if a.get("/Subtype") != "/Text":
            continue
        x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
        author = str(a.get("/T", "")).split(",")[0]
        out.append((x1, height - y1, author, str(a.get("/Contents", ""))))
    return sorted(out, key=lambda n: (n[1], n[0]))


def wrap(draw, text: str, font, width: int) -> list[str]:
    lines = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if draw.textlength(line + ch, font=font) > width:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return lines


def compose(pdf: Path, index: int, dpi: int) -> bytes:
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    page = pdfium.PdfDocument(str(pdf))[index].render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    w, h = page.size
    panel = int(w * 0.72)
    img = Image.new("RGB", (w + panel, h), (238, 238, 238))
    img.paste(page, (0, 0))
    draw = ImageDraw.Draw(img)
    size = max(11, int(dpi / 8.2))
    font, bold = ImageFont.truetype(FONT, size), ImageFont.truetype(BOLD, size)
    small = ImageFont.truetype(BOLD, max(10, size - 2))
    row = int(size * 1.35)
    items = notes(pdf, index)
    boxes = [(x * scale, y * scale, author, wrap(draw, text, font, panel - 3 * size)) for x, y, author, text in items]
    # fit the column: every balloon keeps its first lines, long ones are cut with an ellipsis
    def height(n: int) -> int:
        return row * (n + 1) + size // 2

    budget = max((len(b[3]) for b in boxes), default=1)
    while budget > 2 and sum(height(min(len(b[3]), budget)) + size // 2 for b in boxes) + size > h:
        budget -= 1
    shown = [b[3] if len(b[3]) <= budget else b[3][:budget - 1] + [b[3][budget - 1][:-1] + "…"] for b in boxes]
    need = [height(len(lines)) + size // 2 for lines in shown]
    top = size
    for k, ((x, y, author, _), lines) in enumerate(zip(boxes, shown), 1):
        # beside its icon when there is room, never so low that the balloons after it fall off the page
        by = max(top, min(int(y) - size, h - sum(need[k - 1:]) - size // 2))
        box = (w + size, by, w + panel - size, by + height(len(lines)))
        draw.line([(x + 6, y + 6), (w, y + 6), (box[0], by + row // 2)], fill=EDGE, width=2)
        draw.text((x + 8, y - size), str(k), font=small, fill=ACCENT)
        draw.rectangle(box, fill=BALLOON, outline=EDGE, width=2)
        draw.text((box[0] + size // 2, by + size // 4), f"{k}  {author}", font=bold, fill=ACCENT)
        for i, line in enumerate(lines, 1):
            draw.text((box[0] + size // 2, by + size // 4 + i * row), line, font=font, fill=(30, 30, 30))
        top = box[3] + size // 2
    buf = io.BytesIO()
    img.quantize(colors=256, method=2).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description="用 LibreOffice 排版带批注的 .docx，把一页连同批注画成 PNG")
    ap.add_argument("docx", type=Path, help="带批注的 .docx（check --format docx 的输出）")
    ap.add_argument("--page", type=int, default=1, help="第几页（从 1 起，默认 1）")
    ap.add_argument("--to", type=Path, required=True, help="PNG 文件")
    ap.add_argument("--dpi", type=int, default=110, help="分辨率（默认 110）")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-comments-") as tmp:
        pdf = to_pdf(args.docx, Path(tmp))
        write_atomic(args.to, compose(pdf, args.page - 1, args.dpi))
    print(args.to)
    return 0


if __name__ == "__main__":
    sys.exit(main())
