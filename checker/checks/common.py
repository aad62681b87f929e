"""Small helpers shared by the depth checks: patterns from options, values that change with
the report year, and the sentences of a part or section."""

from __future__ import annotations

from checker.matching import Pattern


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
    """A value that may change with the report year: a plain value, or a list of
    ``{until: YEAR, <key>: ...}`` / ``{<key>: ...}`` rows, the first row that fits wins."""
    if not isinstance(value, list):
        return value
    for row in value:
        if not isinstance(row, dict):
            continue
        until, since = row.get("until"), row.get("from")
        if year is not None and ((until is not None and year > until) or (since is not None and year < since)):
            continue
        if year is None and (until is not None or since is not None) and row is not value[-1]:
            continue
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


def part_runs(ctx, part: str) -> list[int]:
    return [i for i, p in enumerate(ctx.labels) if p == part]
