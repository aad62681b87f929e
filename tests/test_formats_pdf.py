"""PDF text layer: lines the layout wrapped are rejoined, running headers and page numbers are
dropped, each line knows its page, a scan without text asks for OCR."""

from __future__ import annotations

import pytest

import derive_formats as derive
from checker.errors import InputError
from checker.ingest import load
from checker.ingest.pdf import _PAGE_NO
from checker.document.normalize import normalize
from conftest import SEED


@pytest.fixture(scope="session")
def derived(tmp_path_factory):
    return derive.derived_files(SEED, tmp_path_factory.getbasetemp() / "formats")


@pytest.mark.parametrize("variant", ["pdf", "dash.pdf"])
@pytest.mark.parametrize("key", sorted(SEED))
def test_each_paragraph_comes_back_whole_and_chrome_is_dropped(derived, key, variant):
    """The reflow is exact: one Document line per paragraph of the seed, in order, and nothing else."""
    doc = load(derived[key, variant])
    want = [normalize(t) for t, _ in derive.seed_paragraphs(SEED[key])]
    got = [normalize(ln) for ln in doc.lines]
    assert got == want
    assert not any("某某人民政府关于法治政府建设情况的报告" in ln for ln in doc.lines)  # running header
    assert not any(_PAGE_NO.match(ln.strip()) for ln in doc.lines)  # 第 3 页 / - 3 -


@pytest.mark.parametrize("key", sorted(SEED))
def test_pages_are_known_for_every_line(derived, key):
    doc = load(derived[key, "pdf"])
    assert len(doc.pages) == len(doc.lines)
    assert doc.pages[0] == 1 and doc.pages == sorted(doc.pages)
    assert doc.pages[-1] in (doc.info["page_count"], doc.info["page_count"] - 1)
    assert doc.info["page_count"] > 1


@pytest.mark.parametrize("text", ["第 3 页", "第3页 共12页", "- 3 -", "— 12 —", "3", "3 / 12", "Page 3 of 9"])
def test_page_number_styles(text):
    assert _PAGE_NO.match(text)


@pytest.mark.parametrize("text", ["第三部分", "2021年", "一、主要举措", "3、加强执法"])
def test_body_lines_are_not_page_numbers(text):
    assert not _PAGE_NO.match(text)


def test_scan_without_text_layer_asks_for_ocr(tmp_path):
    import weasyprint

    path = tmp_path / "scan.pdf"
    weasyprint.HTML(string='<div style="width:400px;height:600px;background:#333"></div>'
                           '<div style="page-break-before:always;width:300px;height:300px;background:#999"></div>'
                    ).write_pdf(path)
    with pytest.raises(InputError, match="OCR") as e:
        load(path)
    assert str(path) in str(e.value) and "扫描件" in str(e.value)
