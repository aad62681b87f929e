"""Evidence from a PDF names the page and the line on that page, so a reviewer holding the
printed PDF finds the quoted words there."""

import pypdfium2 as pdfium
import pytest

import derive_formats as derive
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.document.normalize import normalize
from checker.render.labels import lines_label, position
from checker.rulebook.model import load_rulebook
from conftest import SEED

RUNNING_HEADER = "某某人民政府关于法治政府建设情况的报告"  # what derive_formats puts on every page


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    return derive.write_pdf(SEED["001"], tmp_path_factory.mktemp("pdfev") / "001.pdf")


def page_rows(path, page: int) -> list[str]:
    """The page's text lines as a reader sees them, running header and page number left out."""
    pdf = pdfium.PdfDocument(str(path))
    text = pdf[page - 1].get_textpage().get_text_range()
    rows = [normalize(r) for r in text.replace("\r", "").split("\n")]
    return [r for r in rows if r and RUNNING_HEADER not in r and not derive_is_page_number(r)]


def derive_is_page_number(row: str) -> bool:
    from checker.ingest.pdf import _PAGE_NO

    return bool(_PAGE_NO.match(row))


def _on_row(path, page: int, row: int, text: str) -> bool:
    """Whether ``text`` begins on that row of that page (or runs on from it into the next)."""
    rows = page_rows(path, page)
    head = normalize(text)[:6]
    return head in rows[row - 1] or head in "".join(rows[row - 1:row + 1])


def test_evidence_points_to_page_and_line_on_the_page(pdf_path):
    report = evaluate(load(pdf_path), load_rulebook("national-2021"))
    checked = 0
    for e in report.elements:
        for ev in e.evidence:
            assert ev.page is not None and ev.page_line is not None, e.id
            assert _on_row(pdf_path, ev.page, ev.page_line, ev.text), (e.id, ev.page, ev.page_line, ev.text[:6])
            checked += 1
    assert checked > 20


def test_labels_name_the_page(pdf_path):
    report = evaluate(load(pdf_path), load_rulebook("national-2021"))
    ev = report.element("first_responsible").evidence[0]
    assert position(ev) == f"第{ev.page}页第{ev.page_line}行"
    assert lines_label(report.element("first_responsible").evidence).startswith(f"第{ev.page}页")
    d = ev.to_dict()
    assert d["page"] == ev.page and d["page_line"] == ev.page_line and d["line"] == ev.line


@pytest.fixture(scope="module", params=["000", "004"])
def pdf_report(request, tmp_path_factory):
    """Seeds 000 and 004 printed as PDFs: findings of theirs quote a sentence (法治办, 七五普法)."""
    key = request.param
    path = derive.write_pdf(SEED[key], tmp_path_factory.mktemp("pdfev" + key) / f"{key}.pdf")
    return path, evaluate(load(path), load_rulebook("national-2021"))


def test_findings_name_the_page_too(pdf_report):
    """A finding's line and the sentence its message quotes are placed like evidence: 第3页第5行,
    where a reviewer holding the PDF finds those words."""
    import re

    from checker.render.labels import line_position

    path, report = pdf_report
    quoted = 0
    for f in report.findings:
        assert not re.search(r"(?<!页)第\d+行「", f.message), f.message  # no bare paragraph numbers
        for page, row, words in re.findall(r"第(\d+)页第(\d+)行「(.+?)」", f.message):
            assert _on_row(path, int(page), int(row), words), (f.rule, page, row, words)
            quoted += 1
        if f.line:
            page, row = map(int, re.fullmatch(r"第(\d+)页第(\d+)行", line_position(f.line, report.line_pages)).groups())
            assert _on_row(path, page, row, report.lines[f.line - 1]), f.rule
    assert quoted >= 1


def test_the_scorecard_of_a_pdf_report_says_page_and_line(pdf_report):
    """The HTML/PDF scorecard of a PDF report: the table's evidence links read page-line (3-12),
    the findings 第3页第12行, and the annotated text marks where each page of the PDF begins."""
    import re
    from html import unescape

    from checker.render.scorecard import render_html

    path, report = pdf_report
    html = render_html(report, "2026-01-01")
    assert "证据（页-行）" in html
    for e in report.elements:
        row = re.search(rf'<tr id="el-{e.id}".*?</tr>', html, re.S).group(0)
        links = dict(re.findall(r'<a class="ev" href="#L(\d+)">(.*?)</a>', row))
        by_line = {ev.line: ev for ev in e.evidence}
        assert {int(n) for n in links} == set(by_line), e.id
        for n, label in links.items():
            first = min((ev for ev in e.evidence if ev.line == int(n)), key=e.evidence.index)
            assert label == f"{first.page}-{first.page_line}", (e.id, n, label)
    findings = html.split('<section class="findings">')[1].split("</section>")[0]
    assert re.findall(r'<a href="#L\d+">第\d+页第\d+行</a>', findings)
    marks = [int(p) for p in re.findall(r'<p class="pg">原文第 (\d+) 页</p>', html)]
    starts = [page for page, _ in report.line_pages]
    assert marks == sorted(set(starts)) and marks[0] == 1
    for page in marks:  # each mark stands right before the first paragraph that starts on its page
        n = starts.index(page) + 1
        after = html.split(f'<p class="pg">原文第 {page} 页</p>', 1)[1]
        assert re.match(rf'\s*<p id="L{n}">', after), page
    assert unescape(re.sub(r"<[^>]+>", "", html)).count("原文第") == len(marks) + 1  # (+ the legend)


def test_the_terminal_scorecard_places_findings_by_page(pdf_report, capsys):
    import re

    from checker.cli.main import main

    path, _ = pdf_report
    with pytest.raises(SystemExit):
        main([str(path)])
    out = capsys.readouterr().out.split("发现的问题：")[1]
    placed = re.findall(r"\] (第\d+(?:页第\d+)?行) ", out)
    assert placed and all("页" in p for p in placed), placed
