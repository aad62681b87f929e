"""The seam every cross-report analysis plugs into (see checker/across/__init__.py for the
three passes). An analysis is three plain functions, so it can run in worker processes: only
its features and its per-report context travel between processes, never report text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Analysis:
    name: str  # "similar" / "promises": the Report field, the JSON key, the context key
    # (doc, ctx, meta, file) -> small picklable value, or None when nothing to offer
    features: Callable[..., Any]
    # [(index, file, meta, features)] for every readable file -> {index: ctx}
    link: Callable[[list], dict]
    # (report, doc, ctx) after the check: fill report.<name>, append findings. With ``keep``,
    # apply gets what keep took of the document instead of the document
    apply: Callable[..., None]
    # (doc) -> what ``apply`` needs of the report's text, small and JSON-able (similar: the
    # sentences it may quote). A batch takes it in the check and spools it with the outcome, so
    # the file is not read again to fill the fields. None: apply needs the document itself (its
    # Context), and a report this analysis has something to say about is read again
    keep: Callable[[Any], Any] | None = None
