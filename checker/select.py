"""Which rulebook judges a report: the one given with --rules, else the national rulebook of
the report's era.

Reports on years up to 2020 are judged against the 2015–2020 纲要 (``national-2015``), later
ones against the 2021–2025 纲要 (``national-2021``); a report whose year cannot be read is
judged as a current one. ``ERAS`` must agree with each rulebook's ``applies`` (a test checks
it): keeping the table here means a run reads only the rulebook it uses. The year is read by
the same code as the report's metadata (checker.metadata), over the outline the engine will
build anyway, so the choice costs one outline.
"""

from __future__ import annotations

from checker.paths import DEFAULT_RULEBOOK
from checker.rulebook import Rulebook, load_rulebook

# (last report year the rulebook is for, or None: every later year), rulebook id
ERAS = ((2020, "national-2015"), (None, "national-2021"))


def detect_year(doc) -> int | None:
    """The report year, read as checker.metadata reads it (the default rulebook's parts and
    title patterns: they are the same in every national rulebook)."""
    from checker.context import Context
    from checker.metadata import metadata_of

    return metadata_of(Context.build(doc, load_rulebook(DEFAULT_RULEBOOK))).year


def rulebook_for_year(year: int | None) -> str:
    if year is None:
        return DEFAULT_RULEBOOK
    return next(rid for last, rid in ERAS if last is None or year <= last)


def choose_rulebook(doc, requested: str | None) -> tuple[Rulebook, str]:
    """Return the rulebook and the reason (Chinese) it was chosen."""
    if requested:
        return load_rulebook(requested), "由 --rules 指定"
    year = detect_year(doc)
    rid = rulebook_for_year(year)
    book = load_rulebook(rid)
    if year is None:
        return book, "未能识别报告年度，按现行要求审查"
    return book, f"按报告年度 {year} 年自动选择：本规则集适用于{_years(book.applies)}的报告"


def _years(applies: dict) -> str:
    since, until = applies.get("from_year"), applies.get("to_year")
    if since and until:
        return f" {since}—{until} 年度"
    return f" {until} 年度及以前" if until else f" {since} 年度及以后" if since else "各年度"
