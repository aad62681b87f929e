"""PDF text layer, read with pypdfium2 (PDFium: fast, robust on damaged files, gives each
character's box; see docs/formats.md for the comparison with pypdf and pdfminer.six).

The layout is undone before the checker sees the text:
- running headers and footers (a line in the top or bottom band of the page that is a page
  number, or that repeats on other pages) are dropped;
- a line that runs to the right edge of the text column is continued by the next line unless
  that one is indented (a new paragraph) — Chinese has no spaces, so this is decided by
  geometry, not by words; a paragraph continues across a page break the same way.
Each rebuilt paragraph becomes one line of the Document; ``Document.pages`` holds the page it
starts on, so evidence reads "第3页第12行" (12: the paragraph's line in the extracted text).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from checker.document.model import Document, build_document
from checker.errors import InputError

OCR_HINT = "PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR），例如 ocrmypdf --language chi_sim 输入.pdf 输出.pdf，再检查输出的 PDF"

_PAGE_NO = regex.compile(
    r"^(?:[-—–－_~·•]?\s*\d{1,4}\s*[-—–－_~·•]?|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|[-—–－]\s*[ivxlc]{1,6}\s*[-—–－])$",
    regex.I,
)
_DIGITS = regex.compile(r"\d+")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_HEADING = regex.compile(r"^\s*(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")
_CLOSED = tuple("。！？!?；;：:”」』")
_LATIN_END = regex.compile(r"[A-Za-z0-9]$")
_LATIN_START = regex.compile(r"^[A-Za-z0-9]")
SLACK = 4.5  # characters a wrapped line may fall short of the column edge: line-breaking rules keep
# punctuation off the start of a line and numbers like 〔2014〕29号 whole, so unjustified lines are
# ragged by several characters; the first-line indent of the next paragraph is the firmer signal
BAND = 0.12  # share of the page height at top and bottom where running headers/footers live


@dataclass
class Line:
    page: int  # 1-based
    text: str
    left: float
    right: float
    top: float  # distance from the top of the page
    height: float
    row: int = 0  # 1-based line on its page, running header left out


def _open(path: Path):
    import pypdfium2 as pdfium

    with open(path, "rb") as f:  # an unreadable file fails here, with the OS's reason
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise InputError(path, "不是有效的 PDF 文件（没有 PDF 文件头，可能是改了扩展名的其他格式）")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if getattr(e, "err_code", None) == 2 or "file access" in msg:
            raise InputError(path, "无法读取文件（没有权限或文件被占用）") from None
        if "password" in msg or getattr(e, "err_code", None) == 4:
            raise InputError(path, "PDF 已加密（需要密码才能打开），请先解除密码保护或另存为未加密的 PDF") from None
        if "security" in msg:
            raise InputError(path, "PDF 使用了不支持的加密方式，请另存为未加密的 PDF") from None
        raise InputError(path, "PDF 文件已损坏或不完整（可能下载或复制未完成），无法打开") from None


def _text(units: str) -> str:
    """PDFium gives UTF-16 code units: a character outside the BMP comes as a surrogate pair,
    and a damaged or hostile text layer has lone surrogates, which no encoder accepts (one aborted
    a whole batch with cut-off JSON). Pairs are joined, lone ones become U+FFFD."""
    if not _SURROGATE.search(units):
        return units
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _page_lines(pdf, index: int) -> list[Line]:
    import pypdfium2.raw as raw

    page = pdf[index]
    height = page.get_height()
    tp = page.get_textpage()
    lines: list[Line] = []
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []

    def end_line() -> None:
        text = _text("".join(chars)).strip()
        if text and boxes:
            left = min(b[0] for b in boxes)
            right = max(b[2] for b in boxes)
            top = height - max(b[3] for b in boxes)
            h = statistics.median(b[3] - b[1] for b in boxes)
            lines.append(Line(index + 1, text, left, right, top, h))
        chars.clear()
        boxes.clear()

    try:
        for i in range(tp.count_chars()):
            code = raw.FPDFText_GetUnicode(tp.raw, i)
            if code in (10, 13):
                if code == 10 or chars:
                    end_line()
                continue
            ch = chr(code) if 0 < code < 0x110000 else ""
            if ch == "\x02":  # soft hyphen marker
                continue
            chars.append(ch)
            if not ch.isspace():
                b = tp.get_charbox(i)
                if b[2] > b[0]:
                    boxes.append(b)
        end_line()
    finally:
        tp.close()
        page.close()
    return lines


def _drop_running(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove page numbers and headers/footers repeated in the top or bottom band of the pages."""
    def key(ln: Line) -> str:
        return _DIGITS.sub("#", regex.sub(r"\s+", "", ln.text))

    def in_band(ln: Line, h: float) -> bool:
        return ln.top < h * BAND or ln.top + ln.height > h * (1 - BAND)

    seen = Counter()
    for pl, h in zip(pages, heights):
        seen.update({key(ln) for ln in pl if in_band(ln, h)})
    # a running header is on most pages (odd and even pages may differ): 30 % of them, at least 2
    repeat = max(2, round(0.3 * len(pages))) if len(pages) > 1 else 10 ** 9
    out = []
    for pl, h in zip(pages, heights):
        out.append([ln for ln in pl
                    if not (in_band(ln, h) and (_PAGE_NO.match(ln.text.strip()) or seen[key(ln)] >= repeat))])
    return out


def _reflow(lines: list[Line]) -> list[tuple[str, Line]]:
    """Join lines the layout wrapped; return (paragraph text, its first line)."""
    return [(_join(para)[0], para[0]) for para in _paragraphs(lines)]


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group the page lines into paragraphs (the lines of each, in order)."""
    if not lines:
        return []
    size = statistics.median(ln.height for ln in lines) or 10.0
    right_edge = _column_edge([ln.right for ln in lines], size, max)
    left_edge = _column_edge([ln.left for ln in lines], size, min)
    paras: list[list[Line]] = []
    for ln in lines:
        if paras and _wraps(paras[-1][-1], ln, left_edge, right_edge, size):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _join(para: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """The paragraph's text and, for each of its lines, (offset in the text, page, line on page)."""
    parts = [para[0].text]
    size = len(para[0].text)
    starts = [(0, para[0].page, para[0].row)]
    for ln in para[1:]:
        if _LATIN_END.search(parts[-1][-1:]) and _LATIN_START.match(ln.text):  # the last character only:
            parts.append(" ")  # searching the whole paragraph so far made long paragraphs quadratic
            size += 1
        starts.append((size, ln.page, ln.row))
        parts.append(ln.text)
        size += len(ln.text)
    return "".join(parts), starts


def _column_edge(values: list[float], size: float, pick) -> float:
    """The column edge most lines share (the most common position, rounded to half a character)."""
    step = size / 2
    counts = Counter(round(v / step) for v in values)
    common = max(counts.values())
    bucket = pick(b for b, c in counts.items() if c >= common * 0.5)
    return statistics.median(v for v in values if abs(v / step - bucket) <= 1)


def _wraps(prev: Line, nxt: Line, left_edge: float, right_edge: float, size: float) -> bool:
    short = right_edge - prev.right
    if short > SLACK * size:
        return False  # the line stops well short of the column edge: its paragraph ends here
    if short > 2 * size and prev.text.rstrip().endswith(_CLOSED):
        return False  # a sentence ends and the line does not fill the column
    if nxt.left > left_edge + 1.2 * size:
        return False  # the next line is indented: a new paragraph
    if _HEADING.match(nxt.text) and prev.text.rstrip().endswith(_CLOSED):
        return False
    return True


def read(path: Path, opts) -> Document:
    pdf = _open(path)
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(path, "PDF 没有页面")
        pages, heights = [], []
        for i in range(count):
            pages.append(_page_lines(pdf, i))
            heights.append(pdf.get_page_size(i)[1])
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - PDFium reports damage in many ways
        raise InputError(path, f"PDF 文件已损坏，无法读取（{type(e).__name__}）") from None
    finally:
        pdf.close()
    if not any(ln.text.strip() for pl in pages for ln in pl):
        raise InputError(path, OCR_HINT)
    body = []
    for pl in _drop_running(pages, heights):
        for row, ln in enumerate(pl, start=1):
            ln.row = row
            body.append(ln)
    paras = [_join(para) for para in _paragraphs(body)]
    doc = build_document([t for t, _ in paras], str(path), encoding=None, format="pdf",
                         pages=[starts[0][1] for _, starts in paras])
    doc.info["page_count"] = count
    # where each Document line starts in the PDF: [page, line on that page]
    doc.info["page_lines"] = [list(starts[0][1:]) for _, starts in paras]
    # and where each of its printed lines starts: [offset in the Document line, page, line on page]
    doc.info["row_starts"] = [[list(r) for r in starts] for _, starts in paras]
    empty = [i + 1 for i, pl in enumerate(pages) if not pl]
    if empty:
        doc.info["pages_without_text"] = empty
    return doc
