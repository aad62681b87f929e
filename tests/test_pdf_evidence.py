"""Evidence from a PDF names the page and the line on that page, so a reviewer holding the
printed PDF finds the quoted words there."""

import pypdfium2 as pdfium
import pytest

import derive_formats as derive
from checker.engine import evaluate
from checker.ingest import load
from checker.normalize import normalize
from checker.render.labels import lines_label, position
from checker.rulebook import load_rulebook
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


def test_evidence_points_to_page_and_line_on_the_page(pdf_path):
    report = evaluate(load(pdf_path), load_rulebook("national-2021"))
    checked = 0
    for e in report.elements:
        for ev in e.evidence:
            assert ev.page is not None and ev.page_line is not None, e.id
            rows = page_rows(pdf_path, ev.page)
            head = normalize(ev.text)[:6]
            assert head in rows[ev.page_line - 1] or head in rows[ev.page_line - 1] + rows[ev.page_line], (
                e.id, ev.page, ev.page_line, head)
            checked += 1
    assert checked > 20


def test_labels_name_the_page(pdf_path):
    report = evaluate(load(pdf_path), load_rulebook("national-2021"))
    ev = report.element("first_responsible").evidence[0]
    assert position(ev) == f"第{ev.page}页第{ev.page_line}行"
    assert lines_label(report.element("first_responsible").evidence).startswith(f"第{ev.page}页")
    d = ev.to_dict()
    assert d["page"] == ev.page and d["page_line"] == ev.page_line and d["line"] == ev.line
