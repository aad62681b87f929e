"""Which rulebook judges a report: the one given with --rules, else the rulebook whose basis
period covers the report's year.

Each shipped rulebook declares its period (``applies``: first and last report year, and the
documents it rests on); ``checker.season`` reads the periods and makes the choice: a report
inside a period gets that rulebook, a report before the first period the oldest, a report after
the last period -- or whose year cannot be read -- the newest. When the report's year is after
the period of the rulebook that judges it (chosen or given), the report carries a notice
(``notice_for``, set by the engine). The year is read by the same code as the report's
metadata (checker.document.metadata), over the outline the engine will build anyway, so the choice
costs one outline.
"""

from __future__ import annotations

from checker.paths import DEFAULT_RULEBOOK
from checker.rulebook.model import Rulebook, load_rulebook


def __getattr__(name):
    # ERAS: (last report year of the period, or None for an open end; rulebook id), oldest first,
    # read from the rulebooks' periods (kept for callers that list the national rulebooks)
    if name == "ERAS":
        from checker.season.periods import dated
        from checker.season.catalog import entries

        return tuple((e.period.last, e.id) for e in dated(entries()))
    raise AttributeError(name)


def detect_year(doc) -> int | None:
    """The report year, read as checker.document.metadata reads it (the default rulebook's parts and
    title patterns: they are the same in every national rulebook)."""
    from checker.judge.context import Context
    from checker.document.metadata import metadata_of

    return metadata_of(Context.build(doc, load_rulebook(DEFAULT_RULEBOOK))).year


def rulebook_for_year(year: int | None, paths=None) -> str:
    """The id of the rulebook for a report on ``year`` (``paths``: the rulebooks to choose
    from, default the shipped ones)."""
    return _entry_for_year(year, paths)[0].id


def _entry_for_year(year, paths=None):
    from checker.season.catalog import entries
    from checker.season.periods import choose

    entry, after = choose(year, entries(paths))
    if entry is None:  # no rulebook declares a period
        from checker.paths import rulebook_path
        from checker.season.periods import Entry

        entry = Entry(DEFAULT_RULEBOOK, DEFAULT_RULEBOOK, "", str(rulebook_path(DEFAULT_RULEBOOK)), None)
    return entry, after


def choose_rulebook(doc, requested: str | None, paths=None) -> tuple[Rulebook, str]:
    """Return the rulebook and the reason (Chinese) it was chosen."""
    if requested:
        return load_rulebook(requested), "由 --rules 指定"
    year = detect_year(doc)
    entry, after = _entry_for_year(year, paths)
    book = load_rulebook(entry.path)
    if year is None:
        return book, "未能识别报告年度，按最新的规则集审查"
    if after:
        return book, (f"按报告年度 {year} 年自动选择：没有依据期覆盖 {year} 年度的规则集，"
                      f"使用最新的规则集（依据期 {entry.period.label()}）")
    return book, f"按报告年度 {year} 年自动选择：本规则集适用于{_years(entry.period)}的报告"


def notice_for(book: Rulebook, year: int | None) -> str | None:
    """The notice a report on ``year`` judged by ``book`` carries when the book's basis period
    ended before that year; None otherwise."""
    from checker.season.periods import Period, notice

    return notice(book.id, Period.of(book.applies), year)


def _years(period) -> str:
    return f" {period.label()}" if period is not None else "各年度"
