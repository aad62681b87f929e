"""Same report, same verdict: every seed, derived into each format a report really arrives in,
gets exactly the element statuses its UTF-8 .txt gets (asserted per seed and per element)."""

from __future__ import annotations

import pytest
import regex

import derive_formats as derive
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.rulebook.model import load_rulebook
from conftest import SEED, check_seed, statuses

CASES = [(k, v) for k in sorted(SEED) for v in derive.VARIANTS]


@pytest.fixture(scope="session")
def derived(tmp_path_factory):
    """All derived files, made once per session (the PDFs take a few seconds)."""
    return derive.derived_files(SEED, tmp_path_factory.getbasetemp() / "formats")


@pytest.fixture(scope="session")
def baseline():
    return {k: check_seed(k) for k in SEED}


def _rulebook_id(doc) -> str:
    from checker.rulebook.select import choose_rulebook

    return choose_rulebook(doc, None)[0].id


@pytest.mark.parametrize("key,variant", CASES, ids=[f"{k}-{v}" for k, v in CASES])
def test_same_statuses_as_utf8_text(derived, baseline, key, variant):
    base = baseline[key]
    doc = load(derived[key, variant])
    report = evaluate(doc, load_rulebook("national-2021"))  # the rulebook check_seed uses
    want, got = statuses(base), statuses(report)
    assert set(got) == set(want)
    for element, status in want.items():
        assert got[element] == status, f"{key} {variant}: {element} is {got[element]}, the .txt gets {status}"
    assert report.score == base.score
    # the rulebook chosen by the report year is the same too
    assert _rulebook_id(doc) == _rulebook_id(load(SEED[key]))


def test_formats_are_reported(derived):
    assert load(derived["001", "docx"]).format == "docx"
    assert load(derived["001", "pdf"]).format == "pdf"
    html = load(derived["001", "gbk.htm"])
    assert html.format == "html" and html.encoding == "gb18030"
    assert load(derived["001", "gb18030.txt"]).encoding == "gb18030"
    assert load(derived["001", "bom-crlf.txt"]).encoding == "utf-8 (BOM)"


@pytest.mark.parametrize("key", sorted(SEED))
def test_pdf_evidence_carries_the_page_it_is_on(derived, key):
    path = derived[key, "pdf"]
    doc = load(path)
    report = evaluate(doc, load_rulebook("national-2021"))
    pages = [_page_text(path, n) for n in range(1, doc.info["page_count"] + 1)] + [""]
    evidence = [ev for e in report.elements for ev in e.evidence]
    assert evidence and all(1 <= ev.page <= len(pages) - 1 for ev in evidence)
    for ev in evidence:
        quote = ev.text.replace(" ", "")[:8]
        # the page is where the quoted sentence's paragraph starts: the quote is on it, or on the
        # next page when the paragraph runs over a page break
        assert quote in pages[ev.page - 1] or quote in pages[ev.page - 1][-8:] + pages[ev.page], (ev.page, quote)
    first = doc.blocks[0].sentences[0]
    assert doc.page_of(first.line) == 1


def _page_text(path, page):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page - 1].get_textpage().get_text_range().replace("\r\n", "").replace(" ", "")
    finally:
        pdf.close()
    # the running header and page number that write_pdf adds at the end of each page's text
    return regex.sub(r"某某人民政府关于法治政府建设情况的报告(第\d+页|-\d+-)$", "", text)
