"""``--format docx``: the draft with the review as Word comments (批注).

A .docx report comes back as itself -- every paragraph, run, style, table and part as it was --
with comments added: on the title paragraph the verdict, on each paragraph that carries
evidence the elements it evidences, on each finding's paragraph the finding with its advice and
basis (``notes``). Which paragraph holds report line N is decided by the .docx reader itself
(``checker.ingest.docx.paragraphs``), so hidden text, tables and Word numbering map exactly as
they were read (``anchors``). Any other input becomes a new .docx of the report, its headings
as Word headings (``fresh``), with the same comments.

python-docx is imported only here, when this format is asked for.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".审查意见.docx"  # never the suffix of a report: the output can never take an input's name


def output_name(stem: str) -> str:
    return stem + SUFFIX


def is_commented_output(path) -> bool:
    """Whether a ``*.审查意见.docx`` carries this program's comments (read from the start of its
    comments part only, without python-docx)."""
    import zipfile

    from checker.wordreview.notes import AUTHOR

    try:
        with zipfile.ZipFile(path) as z, z.open("word/comments.xml") as f:
            head = f.read(65536)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    return f'w:author="{AUTHOR}"'.encode() in head


def commented_docx(report, source: str | Path | None = None, book=None) -> bytes:
    """The commented .docx as bytes. ``source``: the .docx the report was read from (its own
    paragraphs get the comments), or None to build a new document from ``report.lines``
    (which must then have been kept). ``book``: the rulebook that judged it, for the findings'
    advice and basis in its own words (default: looked up by ``report.rulebook_id``)."""
    from checker.wordreview import build

    return build.commented(report, source, book)


def write(report, opts) -> Path:
    """Write ``<out_dir>/<stem>.审查意见.docx`` atomically and return its path (the per-report
    writer of ``checker.render``)."""
    from checker.render import report_stem, safe_output_path, write_atomic

    target = safe_output_path(Path(opts.out_dir), output_name(report_stem(report)), report.file)
    source = report.file if build_from_source(report) else None
    book = _rulebook(getattr(opts, "rules", None) or report.rulebook_id)
    return write_atomic(target, commented_docx(report, source, book))


def build_from_source(report) -> bool:
    """Comments go into the report's own file when it is a Word .docx (a .doc or .wps was read
    through a converted copy: a new document is made for it, as for text, PDF and web pages)."""
    return report.format == "docx" and Path(report.file).suffix.lower() == ".docx"


def _rulebook(name: str | None):
    if not name:
        return None
    try:
        from checker.rulebook.model import load_rulebook

        return load_rulebook(name)  # cached per process: the worker loaded it to check the report
    except Exception:  # noqa: BLE001 - without it, the check modules' own words are used
        return None
