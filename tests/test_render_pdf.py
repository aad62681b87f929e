"""PDF scorecards: every seed through the real pipeline, read back from the PDF's text layer,
and every glyph drawn checked against the font embedded for it (no .notdef, no missing glyph).

When the system packages are missing these tests skip -- except as root (CI), where
``scripts/sysdeps.sh`` installs them, so a missing piece there is a failure, not a skip.
"""

from __future__ import annotations

import io
import os
import re

import pytest

from checker.pipeline import Options, check_file
from checker.render.scorecard import fmt_points
from conftest import SEEDS, check_text


def _pdf_blocker() -> str | None:
    from checker.cli.doctor import check_cjk_font, check_pango, check_weasyprint

    bad = [c for c in (check_weasyprint(), check_pango(), check_cjk_font()) if not c.ok]
    return "；".join(f"{c.name}：{c.detail}（修复：{c.fix}）" for c in bad) or None


BLOCKER = _pdf_blocker()
if BLOCKER:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.fail(f"PDF output unavailable although running as root: {BLOCKER}", pytrace=False)
    pytest.skip(f"PDF output unavailable here (run scripts/sysdeps.sh as root): {BLOCKER}", allow_module_level=True)

pypdf = pytest.importorskip("pypdf")
from fontTools.ttLib import TTFont  # noqa: E402  (a WeasyPrint dependency)
from pypdf.generic import ContentStream  # noqa: E402


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drawn_glyphs(data: bytes) -> list[tuple[str, int, int]]:
    """(font, glyph code, glyph count of the embedded font) for every glyph drawn on every page,
    including form XObjects (the SVG chart). WeasyPrint writes Identity-H codes = glyph ids."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    sizes: dict[int, int] = {}
    out: list[tuple[str, int, int]] = []

    def size(font) -> int:
        key = id(font)
        if key not in sizes:
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            stream = (desc.get("/FontFile2") or desc.get("/FontFile3") or desc.get("/FontFile")).get_object()
            sizes[key] = TTFont(io.BytesIO(stream.get_data()), lazy=True)["maxp"].numGlyphs
        return sizes[key]

    def walk(contents, resources) -> None:
        fonts = resources.get("/Font", {}) if resources else {}
        xobjects = resources.get("/XObject", {}) if resources else {}
        font = None
        for operands, op in ContentStream(contents, reader).operations:
            if op == b"Tf":
                font = fonts[operands[0]].get_object()
            elif op in (b"Tj", b"TJ"):
                assert font is not None and font["/Subtype"] == "/Type0", "text drawn in a non-CID font"
                items = operands[0] if op == b"TJ" else operands
                for item in items:
                    raw = getattr(item, "original_bytes", None)
                    if raw is None:
                        continue  # a kerning number in TJ
                    for i in range(0, len(raw), 2):
                        out.append((str(font["/BaseFont"]), int.from_bytes(raw[i:i + 2], "big"), size(font)))
            elif op == b"Do":
                x = xobjects[operands[0]].get_object()
                if x.get("/Subtype") == "/Form":
                    walk(x, x.get("/Resources"))

    for page in reader.pages:
        walk(page.get_contents(), page.get("/Resources"))
    return out


def missing_glyphs(data: bytes) -> list[tuple[str, int]]:
    """Glyphs drawn as .notdef (id 0) or with an id the embedded font does not have."""
    return [(f, code) for f, code, n in drawn_glyphs(data) if code == 0 or code >= n]


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    result = {}
    for seed in SEEDS:
        outcome = check_file(str(seed), Options(out_dir=out, per_report_formats=("html", "pdf")))
        assert outcome.error is None, outcome.error
        pdf = [p for p in outcome.outputs if p.endswith(".pdf")]
        assert pdf and pdf[0].endswith(seed.stem + ".pdf")
        with open(pdf[0], "rb") as f:
            result[seed] = (outcome.report, f.read())
    return result


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_first_page_is_the_whole_summary(seed, rendered):
    report, data = rendered[seed]
    pages = page_texts(data)
    first = _flat(pages[0])
    assert _flat(fmt_points(report.score)) in first and report.grade in first
    assert ("未通过" if not report.passed else "通过") in first and "审查日期" in first
    for e in report.elements:  # chart label and table row: each name twice on page 1
        assert first.count(_flat(e.name)) >= 2, e.name
    assert "发现的问题" not in first and "报告原文" not in first
    assert "发现的问题" in _flat(pages[1])
    assert all(re.search(r"第\d+页/共%d页" % len(pages), _flat(p)) for p in pages)  # page numbers


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_report_sentences_are_in_the_text_layer(seed, rendered):
    _, data = rendered[seed]
    text = _flat("".join(page_texts(data)[1:]))
    lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines() if len(ln.strip()) >= 30]
    for line in sorted(lines, key=len)[-5:] + lines[:3]:
        mid = len(line) // 2
        assert _flat(line[mid - 12:mid + 12]) in text, line[:40]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_missing_glyphs_anywhere(seed, rendered):
    _, data = rendered[seed]
    glyphs = drawn_glyphs(data)
    assert len(glyphs) > 1000
    assert missing_glyphs(data) == []
    text = "".join(page_texts(data))
    assert "\ufffd" not in text and not re.search(r"[\ue000-\uf8ff]", text)


def test_missing_glyph_check_catches_tofu():
    """The check above can fail: a character no installed font has is drawn as .notdef."""
    from checker.render.pdf import _weasyprint

    weasyprint, fonts = _weasyprint()
    html = '<html lang="zh-CN"><body style="font-family: Noto Sans CJK SC">法治\U000f0000政府</body></html>'
    assert missing_glyphs(weasyprint.HTML(string=html).write_pdf(font_config=fonts))


def test_markup_in_a_report_prints_as_text(tmp_path):
    from checker.render.pdf import render_pdf
    from test_render_html import HOSTILE

    report = check_text(HOSTILE, path="hostile.txt")
    report.lines = HOSTILE.splitlines()
    text = _flat("".join(page_texts(render_pdf(report))))
    assert _flat("<script>document.location='http://evil.example/'") in text
    assert _flat('<img src=x onerror="alert(1)">') in text


A4_WIDTH_PT = 595.28
RIGHT_MARGIN_PT = 14 / 25.4 * 72  # @page margin in scorecard-print.css


def past_the_right_margin(data: bytes) -> list[tuple[int, str, float]]:
    """(page, character, right edge) of every character printed past the right margin."""
    pdfium = pytest.importorskip("pypdfium2")
    limit = A4_WIDTH_PT - RIGHT_MARGIN_PT + 1.0  # one point for glyph side bearings
    worst = []
    for number, page in enumerate(pdfium.PdfDocument(data), start=1):
        text = page.get_textpage()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if char.isspace():
                continue  # line ends pdfium makes up; they have no glyph
            right = text.get_charbox(i)[2]
            if right > limit:
                worst.append((number, char, round(right, 1)))
    return worst


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_nothing_is_printed_past_the_right_margin(seed, rendered):
    """A table whose columns add up to more than the line (fixed percentages plus cell padding)
    runs past the margin: every character stays inside the page's text area."""
    _, data = rendered[seed]
    assert not (worst := past_the_right_margin(data)), worst[:5]


def test_long_runs_without_break_opportunities_stay_inside_the_margin(tmp_path):
    """A URL, a long file number or a long Latin word has nowhere for a line break: such a line
    (and a long ASCII file name in the header) must break anywhere rather than run off the page."""
    url = "详见 http://www.example.gov.cn/zwgk/fzzfjs/" + "a1b2c3d4e5" * 20 + "/index.html。"
    lines = SEEDS[4].read_text(encoding="utf-8").splitlines()
    lines[5:5] = [url, "编号" + "1234567890" * 15, "Englishwordswithoutanyspaces" * 8]
    source = tmp_path / ("report_" + "x" * 90 + ".txt")
    source.write_text("\n".join(lines), encoding="utf-8")
    outcome = check_file(str(source), Options(out_dir=tmp_path / "out", per_report_formats=("pdf",)))
    assert outcome.error is None, outcome.error
    with open(outcome.outputs[0], "rb") as f:
        data = f.read()
    assert not (worst := past_the_right_margin(data)), worst[:5]
    text = _flat("".join(page_texts(data)))
    assert "a1b2c3d4e5a1b2c3d4e5" in text and "1234567890123" in text  # still all there


def test_a_summary_too_long_for_one_page_continues_cleanly():
    """A draft that misses every element gets advice in every row, more than one A4 page holds at
    a readable size: the table goes on over the next page with its header repeated, and the
    findings still start on a page of their own after the whole table."""
    from checker.render.pdf import render_pdf

    text = "某县人民政府关于2023年法治政府建设情况的报告\n\n今年我们做了很多工作。\n"
    report = check_text(text, path="tiny.txt")
    report.lines = text.splitlines()
    assert all(e.status == "missing" for e in report.elements)
    pages = [_flat(p) for p in page_texts(render_pdf(report, "2026-01-01"))]
    findings = next(i for i, p in enumerate(pages) if "发现的问题" in p)
    assert findings >= 2, "the table should not fit on page 1 here; if it now does, use a longer case"
    summary = "".join(pages[:findings])
    for e in report.elements:
        assert _flat(e.name) in summary, e.name
        assert _flat(e.advice)[:20] in summary, e.name
    assert all(_flat("修改建议与依据") in p for p in pages[:findings])  # header on each page
    assert not any(_flat(e.name) in pages[findings].split(_flat("发现的问题"))[0] for e in report.elements)


def test_pages_script_renders_scorecard_pages_to_png(tmp_path, rendered):
    """scripts/pages.py: the way to look at the PDF as a person would (and how
    docs/scorecard-page1.png is made) without poppler."""
    import subprocess
    import sys

    from PIL import Image

    from conftest import ROOT

    _, data = rendered[SEEDS[0]]
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(data)
    script = str(ROOT / "scripts" / "pages.py")
    done = subprocess.run([sys.executable, script, str(pdf), "-o", str(tmp_path / "pages")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    made = sorted((tmp_path / "pages").glob("card-*.png"))
    assert len(made) == len(page_texts(data)) >= 2
    with Image.open(made[0]) as image:
        width, height = image.size  # A4 at 110 dpi, give or take pdfium's rounding
        assert abs(width - A4_WIDTH_PT * 110 / 72) < 1.5 and abs(height - 841.89 * 110 / 72) < 1.5
        assert len(image.getcolors(256) or []) > 8  # colour survives the palette
    bad = subprocess.run([sys.executable, script, str(pdf), "--page", "99"], capture_output=True, text=True)
    assert bad.returncode == 2 and "没有第 99 页" in bad.stderr and "Traceback" not in bad.stderr


def test_weasyprint_still_takes_the_scorecards_small_ua_stylesheet(monkeypatch):
    """checker/render/pdf.py swaps WeasyPrint's HTML5 user-agent stylesheet for
    templates/scorecard-ua.css through WeasyPrint's private HTML._ua_stylesheets hook. A WeasyPrint
    that stops calling the hook still prints, only slower: this test is what notices."""
    from checker.render.pdf import _stylesheets, render_pdf

    card_html, _ = _stylesheets()
    calls = []
    hook = card_html._ua_stylesheets
    monkeypatch.setattr(card_html, "_ua_stylesheets", lambda self, *a, **k: calls.append(a or k) or hook(self, *a, **k))
    report = check_text("2021年法治政府建设情况报告。\n一、主要举措和成效\n我们做了工作。", path="ua.txt")
    report.lines = ["2021年法治政府建设情况报告。"]
    assert render_pdf(report, "2026-01-01").startswith(b"%PDF")
    assert calls, "WeasyPrint no longer calls HTML._ua_stylesheets: update checker/render/pdf.py"


def test_characters_no_font_has_print_as_a_geta_mark_not_a_missing_glyph():
    """Text taken from a PDF with a custom font encoding comes out as private-use code points;
    a stray control character or an unassigned code point can come from anywhere. No font draws
    them: each prints as 〓 (the typesetter's mark for a missing character), never as .notdef."""
    from checker.render.pdf import render_pdf

    odd = "\x07\x1b\x7f\ue000\uf8ff\ud7ff\U000f0000\U0010fffd"
    fine = "①⑴㈠〇▲★√×≥‰℃㎡§№Ⅲ\u3000é\ufffd"
    text = f"某县人民政府关于2023年法治政府建设情况的报告\n一、主要举措和成效\n甲{odd}乙{fine}丙\n"
    report = check_text(text, path=f"odd{odd[3]}.txt")
    report.lines = text.splitlines()
    data = render_pdf(report, "2026-01-01")
    assert missing_glyphs(data) == []
    body = _flat("".join(page_texts(data)))
    assert "甲" + "〓" * len(odd) + "乙" in body
    assert _flat(fine.replace("\ufffd", "")) in body  # characters a font has are left alone


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_pdf_links_go_both_ways_between_the_table_and_the_text(seed, rendered):
    """In the printed-to-PDF scorecard too, an evidence line number in the table jumps to that line
    of the annotated text, and a margin label jumps back to its element's row on page 1."""
    report, data = rendered[seed]
    reader = pypdf.PdfReader(io.BytesIO(data))
    places = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    links = [(number, str(a.get_object()["/Dest"])) for number, page in enumerate(reader.pages)
             for a in page.get("/Annots") or [] if "/Dest" in a.get_object()]
    assert all(dest in places for _, dest in links), "a link to nowhere"
    forward = {dest for number, dest in links if number == 0 and dest.startswith("L")}
    evidence = {f"L{ev.line}" for e in report.elements for ev in e.evidence}
    assert evidence and evidence <= forward
    text_from = next(i for i, t in enumerate(page_texts(data)) if _flat("报告原文（标注证据）") in _flat(t))
    assert text_from >= 1 and all(places[dest] >= text_from for dest in forward)
    back = {dest for number, dest in links if number >= text_from and dest.startswith("el-")}
    assert {f"el-{e.id}" for e in report.elements if e.evidence} <= back  # (plus the reasons list's links)
    assert all(places[dest] == 0 for dest in back)
