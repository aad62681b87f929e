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
    # (report, doc, ctx), in the worker after evaluate: fill report.<name>, append findings
    apply: Callable[..., None]
    # (ctx) -> whether ``apply`` needs the report's document for this ctx; when no analysis of a
    # report needs it, the batch fills the fields without reading the report again
    needs_doc: Callable[[Any], bool] = lambda ctx: True
