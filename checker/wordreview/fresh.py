"""A new .docx of a report that was not a Word file (text, PDF, web page, .doc/.wps): one
Word paragraph per paragraph the checker rebuilt, the title in the Title style, and the
headings the checker's outline found as Word headings (Heading 1, 2, ... by their depth)."""

from __future__ import annotations

import regex

from checker.wordreview.notes import xml_text

EAST_ASIA_FONT = "宋体"


def _heading_levels(doc, outline, title_block: int | None) -> dict[int, int]:
    """Block index -> Word heading level, for blocks after the title that are a heading on their
    own (not a heading run into its paragraph's text, not an 一是 item). Levels are the ranks of
    the outline's depths, so the outermost headings are Heading 1 whatever stands above them
    (a masthead, a title written as a Markdown heading)."""
    depth: dict[int, int] = {}
    for sec in outline.sections():
        if sec.kind == "item" or sec.runin:
            continue
        bi = outline.block_of[sec.start]
        if outline.block_first[bi] != sec.start or len(doc.blocks[bi].sentences) > 2:
            continue
        if title_block is not None and bi <= title_block:
            continue
        depth[bi] = sec.level
    rank = {d: k for k, d in enumerate(sorted(set(depth.values())), 1)}
    return {bi: min(rank[d], 9) for bi, d in depth.items()}


_BOLD = regex.compile(r"(\*\*|__)(.+?)\1")


def paragraph_text(block) -> str:
    """The paragraph as Word shows it: its sentences joined, Markdown bold marks removed."""
    text = "".join(s.text for s in block.sentences)
    return xml_text(_BOLD.sub(r"\2", text) if "**" in text or "__" in text else text)


def new_document(report):
    """(python-docx Document, report line -> [(w:p, its text)]) for ``report.lines``."""
    import docx
    from docx.oxml.ns import qn

    from checker.document.model import build_document
    from checker.document.outline import build_outline

    doc = build_document(list(report.lines), report.file, format=report.format)
    outline = build_outline(doc)
    title = report.metadata.title_line
    title_block = next((k for k, b in enumerate(doc.blocks) if b.start <= (title or 0) <= b.end), None)
    levels = _heading_levels(doc, outline, title_block)

    d = docx.Document()
    normal = d.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIA_FONT)
    d.core_properties.title = xml_text(report.metadata.title or "")
    d.core_properties.author = ""
    by_line: dict[int, list] = {}
    body = d.element.body
    end = body.find(qn("w:sectPr"))
    style_ids = {name: d.styles[name].style_id for name in ("Title", *(f"Heading {k}" for k in range(1, 10)))}
    for k, block in enumerate(doc.blocks):
        text = paragraph_text(block)
        style = "Title" if k == title_block else f"Heading {levels[k]}" if k in levels else None
        p = _paragraph(text, style_ids.get(style))
        if end is not None:
            end.addprevious(p)
        else:
            body.append(p)
        for n in range(block.start, block.end + 1):
            by_line.setdefault(n, []).append((p, text))
    return d, by_line


def _paragraph(text: str, style_id: str | None):
    """A ``w:p`` with one run of ``text`` (built directly: python-docx's add_paragraph looks the
    style up by name each time and costs seconds on a long report)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", attrs={qn("w:val"): style_id}))
        p.append(ppr)
    if text:
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        p.append(r)
    return p
