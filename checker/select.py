"""Which rulebook judges a report: the one given with --rules, else the default."""

from __future__ import annotations

from checker.paths import DEFAULT_RULEBOOK
from checker.rulebook import Rulebook, load_rulebook


def choose_rulebook(doc, requested: str | None) -> tuple[Rulebook, str]:
    """Return the rulebook and the reason (Chinese) it was chosen."""
    if requested:
        return load_rulebook(requested), "由 --rules 指定"
    return load_rulebook(DEFAULT_RULEBOOK), "默认规则集"
