"""Assemble the commented document: open the source .docx (or make a new one), find the
paragraph of each note's line, and anchor the comments."""

from __future__ import annotations

import io
from bisect import bisect_left
from pathlib import Path

from checker.errors import CheckError, InputError
from checker.wordreview.anchors import add_comment, comment_date
from checker.wordreview.notes import all_notes


def _source_paragraphs(report, source: Path):
    """The source document and the ``w:p`` of each of its report lines, as the reader mapped
    them. A file that no longer reads as the lines that were checked is refused: its comments
    would land on the wrong paragraphs."""
    import docx

    from checker.ingest import zipguard
    from checker.ingest.docx import paragraphs

    try:
        zipguard.check(source, ".docx")
        d = docx.Document(str(source))
        lines, elements, _ = paragraphs(d)
    except InputError as e:
        raise CheckError(f"无法生成批注文档：{e}") from None
    except Exception as e:  # noqa: BLE001 - a damaged package fails in many places
        raise CheckError(f"{source}: 无法生成批注文档（.docx 无法解析：{type(e).__name__}）") from None
    if report.lines and lines != list(report.lines):
        raise CheckError(f"{source}: 文件在审查后被改动，批注会落在错误的段落上；请重新审查后再生成批注文档")
    return d, elements


def _pick(candidates: list, quote: str):
    """Among the paragraphs of one line (a line cut into several paragraphs), the one that holds
    the quote's beginning; else the first."""
    head = quote[:12]
    for p, text in candidates:
        if head and head in text:
            return p
    return candidates[0][0]


def commented(report, source, book=None) -> bytes:
    if source is not None:
        d, elements = _source_paragraphs(report, Path(source))
        by_line = {n: [(p, "")] for n, p in enumerate(elements, 1)}
    else:
        if not report.lines:
            raise CheckError(f"{report.file}: 没有报告原文，无法生成批注文档")
        from checker.wordreview.fresh import new_document

        d, by_line = new_document(report)
    if not by_line:
        raise CheckError(f"{report.file}: 报告没有可以加批注的段落")
    numbered = sorted(by_line)
    title = report.metadata.title_line
    when = comment_date()
    for note in all_notes(report, book):
        line = note.line if note.line in by_line else None
        if line is None and note.line is not None:
            # a line outside any paragraph (page chrome, a blank line): the paragraph before it
            k = bisect_left(numbered, note.line)
            line = numbered[k - 1] if k else None
        if line is None:
            line = title if title in by_line else numbered[0]
        add_comment(d, _pick(by_line[line], note.quote), note.text, when)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
