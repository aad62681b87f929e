"""Word files: order, headings, Word's own numbering, tables; headers, footers, footnotes left out."""

from __future__ import annotations

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

import derive_formats as derive
from checker.ingest import load
from checker.document.normalize import normalize
from conftest import SEED

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("key", sorted(SEED))
def test_numbered_headings_get_their_number_back(tmp_path, key):
    plain = load(derive.write_docx(SEED[key], tmp_path / "plain.docx"))
    path = derive.write_docx(SEED[key], tmp_path / "numbered.docx", word_numbering=True)
    stripped = [p.text for p in docx.Document(str(path)).paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    numbered = load(path)
    if key != "004":  # 004's headings are not numbered 一、二、 in sequence, so Word numbering is not used
        assert stripped, "the variant must really leave the numbers to Word"
        assert not any(t.startswith(tuple("一二三四五六七八九十（(")) for t in stripped)
    # the reader puts back the text the numbered seed had (up to width and spacing: 一、 vs 一、)
    assert [normalize(ln) for ln in numbered.lines] == [normalize(ln) for ln in plain.lines]


def test_heading_styles_become_headings(tmp_path):
    doc = load(derive.write_docx(SEED["001"], tmp_path / "r.docx"))
    heads = [ln for ln in doc.lines if ln.startswith("#")]
    assert heads[0] == "# 一、2024年度推进法治政府建设的主要举措和成效"
    assert "## (一)扛牢政治责任,确保法治建设引领方向。" not in heads  # run-in headings stay body text
    assert sum(h.startswith("# ") for h in heads) == 4


def test_tables_in_order_headers_footers_and_footnotes_left_out(tmp_path):
    d = docx.Document()
    d.add_paragraph("2023年度法治政府建设情况报告", style="Title")
    d.add_paragraph("一、主要举措和成效", style="Heading 1")
    d.add_paragraph("我县全面推进依法行政。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成情况"
    table.cell(1, 0).text = "行政复议案件"
    table.cell(1, 1).text = "办结36件"
    merged = d.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格只读一次"
    run = d.add_paragraph("二、存在的不足和原因", style="Heading 1")
    body = d.add_paragraph("法治宣传不够深入")
    body.add_run()._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="1"/>'))
    body.add_run("。")
    d.sections[0].header.paragraphs[0].text = "页眉文字不是正文"
    d.sections[0].footer.paragraphs[0].text = "页脚文字 第 1 页"
    notes = Part(PackURI("/word/footnotes.xml"),
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                 (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>脚注文字不是正文</w:t>'
                  "</w:r></w:p></w:footnote></w:footnotes>").encode(), d.part.package)
    d.part.relate_to(notes, RT.FOOTNOTES)
    path = tmp_path / "t.docx"
    d.save(path)
    assert run is not None
    lines = load(path).lines
    assert lines == ["2023年度法治政府建设情况报告", "# 一、主要举措和成效", "我县全面推进依法行政。", "指标", "完成情况",
                     "行政复议案件", "办结36件", "合并单元格只读一次", "# 二、存在的不足和原因", "法治宣传不够深入。"]


def _numbering(fmt_text: str) -> str:
    return (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">{fmt_text}</w:abstractNum>'
            '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
            "</w:lvlOverride></w:num></w:numbering>")


def test_numbering_formats_levels_and_restart(tmp_path):
    lvls = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>')
    d = docx.Document()
    d.part.numbering_part._element = parse_xml(_numbering(lvls))
    items = [(5, 0, "总体情况"), (5, 1, "甲"), (5, 1, "乙"), (5, 2, "要点"), (5, 0, "存在问题"), (5, 1, "丙")]
    items += [(5, 0, "x")] * 9 + [(6, 0, "重新编号")]
    for num, lvl, text in items:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'))
    path = tmp_path / "n.docx"
    d.save(path)
    lines = load(path).lines
    assert lines[:6] == ["一、总体情况", "1.甲", "2.乙", "要点", "二、存在问题", "1.丙"]
    assert lines[14] == "十一、x" and lines[15] == "一、重新编号"


def test_wps_that_is_really_a_docx_is_read_without_libreoffice(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda *a, **k: None)
    path = tmp_path / "report.wps"
    path.write_bytes(derive.write_docx(SEED["002"], tmp_path / "r.docx").read_bytes())
    doc = load(path)
    assert doc.format == "wps" and doc.lines == load(tmp_path / "r.docx").lines


def test_word_lock_files_in_a_folder_are_skipped(tmp_path):
    from checker.pipeline import collect_inputs

    derive.write_docx(SEED["001"], tmp_path / "报告.docx")
    (tmp_path / "~$报告.docx").write_bytes(b"\x0cowner name" + b"\x00" * 150)
    files, errors = collect_inputs([str(tmp_path)])
    assert files == [str(tmp_path / "报告.docx")] and not errors
