"""Small helpers shared by the depth checks: patterns from options, values that change with
the report year, and the sentences of a part or section."""

from __future__ import annotations

from checker.rulebook.matching import Pattern


def patterns(options: dict, key: str, rule: str, book: str) -> Pattern | None:
    """Compile a list of patterns (or one) under ``key`` into one Pattern, or None."""
    items = list(_flat(options.get(key)))
    return Pattern(items, f"{rule}.{key}", book) if items else None


def _flat(v):
    """Patterns may nest one list in another (a YAML alias such as ``- *figures``)."""
    if isinstance(v, (list, tuple)):
        for x in v:
            yield from _flat(x)
    elif v is not None:
        yield str(v)


def by_year(value, year: int | None, key: str = "value"):
    """A value that may change with the report year: a plain value, or a list of rows
    ``{until: YEAR, <key>: ...}`` / ``{from: YEAR, <key>: ...}`` / ``{<key>: ...}``; the first
    row that fits the year wins. An unknown year takes the row without a year (the current rule)."""
    if not isinstance(value, list):
        return value
    rows = [r for r in value if isinstance(r, dict)]
    for row in rows:
        until, since = row.get("until"), row.get("from")
        if year is None:
            fits = until is None and since is None
        else:
            fits = (until is None or year <= until) and (since is None or year >= since)
        if fits:
            return row.get(key)
    return None


def leaf_sections(ctx, part: str) -> list:
    """Titled sections of one part that have no titled sub-sections (``一是`` items do not count)."""
    out = []
    for sec in ctx.outline.sections():
        if not sec.title or sec.kind == "item" or ctx.labels[sec.start] != part:
            continue
        if any(c.kind != "item" and c.title for c in sec.children):
            continue
        out.append(sec)
    return out


def section_sentences(ctx, sec) -> list[int]:
    """The sentences a section says something in: its body (within its part) and, for a
    run-in heading ("（一）严格执法。全年办理…"), the heading sentence that opens the paragraph."""
    part = ctx.labels[sec.start]
    body = [i for i in ctx.outline.body(sec) if ctx.labels[i] == part]
    return ([sec.start] if sec.runin else []) + body
