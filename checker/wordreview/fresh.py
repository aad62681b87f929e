"""A new .docx of a report that was not a Word file (text, PDF, web page, .doc/.wps): one
Word paragraph per paragraph the checker rebuilt, the title in the Title style, and the
headings the checker's outline found as Word headings (Heading 1, 2, ... by their depth)."""

from __future__ import annotations

from checker.wordreview.notes import xml_text

EAST_ASIA_FONT = "宋体"


def _heading_levels(doc, outline, title_block: int | None) -> dict[int, int]:
    """Block index -> Word heading level, for blocks that are a heading on their own (not a
    heading run into its paragraph's text, not an 一是 item)."""
    levels: dict[int, int] = {}
    title_sec = None
    for sec in outline.sections():
        if sec.kind == "item" or sec.runin:
            continue
        bi = outline.block_of[sec.start]
        if outline.block_first[bi] != sec.start or len(doc.blocks[bi].sentences) > 2:
            continue
        if bi == title_block:
            title_sec = sec
            continue
        depth = sec.level
        anc = sec.parent
        while anc is not None:
            if anc is title_sec:
                depth -= 1  # headings under a title that is itself a Markdown heading start at 1
                break
            anc = anc.parent
        levels[bi] = max(1, min(depth, 9))
    return levels


def new_document(report):
    """(python-docx Document, report line -> [(w:p, its text)]) for ``report.lines``."""
    import docx
    from docx.oxml.ns import qn

    from checker.document import build_document
    from checker.outline import build_outline

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
    for k, block in enumerate(doc.blocks):
        text = xml_text("".join(s.text for s in block.sentences))
        if k == title_block:
            p = d.add_paragraph(text, style="Title")
        elif k in levels:
            p = d.add_paragraph(text, style=f"Heading {levels[k]}")
        else:
            p = d.add_paragraph(text)
        for n in range(block.start, block.end + 1):
            by_line.setdefault(n, []).append((p._p, text))
    return d, by_line
