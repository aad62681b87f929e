"""Analyses across the reports of a batch (issue 15): copied text (``similar``), and promises
kept from one year to the next (``promises``, checker/track).

A batch of two or more reports (``checker.pipeline``) runs in two passes when any analysis is on:

1. the check (in the worker pool): each report is read, judged, and each analysis's
   ``features`` computed from the same document and Context (``features_of``); the outcomes
   wait in a spool on disk, their per-report outputs not yet written;
2. link (``link``, main process): each analysis sees every file's features and returns a
   context for the reports it has something to say about; only features are held, never text;
3. then, in input order, ``apply_all`` fills each report's fields and its outputs are written
   (``pipeline.finish_file``). What an analysis needs of the text to fill its field it takes in
   pass one (``keep``: the sentences copy detection may quote) and the spool holds it; a report
   is read again only for an analysis that needs the whole document (promises to judge against
   it) or for outputs of its own (``needs_doc``).

The web page runs the same two passes over an upload's files (``checker.serve.app.check_uploads``).

Cross-report results never change a report's score, grade or gate: a report's score must not
depend on what else is in the batch. ``check FILE`` alone has none (the fields stay None).
"""

from __future__ import annotations

from checker.across.base import Analysis

ANALYSES: dict[str, Analysis] = {}
DEFAULT = ("similar", "promises")  # Options.analyses for a batch; --no-similar removes "similar"


def register(analysis: Analysis) -> Analysis:
    ANALYSES[analysis.name] = analysis
    return analysis


def enabled(names) -> list[Analysis]:
    """The registered analyses among ``names``, in registry order (an analysis not installed on
    this branch is simply absent)."""
    wanted = set(names or ())
    return [a for n, a in ANALYSES.items() if n in wanted]


def collected(names, reports: int) -> tuple[str, ...]:
    """The analyses whose features a batch of ``reports`` readable files collects: those of
    ``names`` that are registered, and none for fewer than two reports."""
    return tuple(a.name for a in enabled(names)) if reports >= 2 else ()


def features_of(doc, ctx, meta, path: str, names: tuple[str, ...]) -> dict:
    """{name: features} of a document already read and judged (the batch computes them in the
    check itself: ``checker.pipeline.check_file``, ``collect``)."""
    feats = {}
    for a in enabled(names):
        try:
            feats[a.name] = a.features(doc, ctx, meta, path)
        except Exception:  # noqa: BLE001 - one analysis failing on one file costs only that
            feats[a.name] = None
    return feats


def kept_of(doc, names: tuple[str, ...]) -> dict:
    """{name: what the analysis keeps of this document} for the analyses that keep something
    (``Analysis.keep``): pass one spools it, so pass two need not read the file again."""
    kept = {}
    for a in enabled(names):
        if a.keep is not None:
            try:
                kept[a.name] = a.keep(doc)
            except Exception:  # noqa: BLE001 - then pass two reads the file for it
                kept[a.name] = None
    return kept


def needs_doc(context: dict | None, kept: dict | None = None) -> bool:
    """Whether filling a report's cross-report fields needs its document read again: an analysis
    with something to say about the report keeps nothing of the text, or kept nothing this time."""
    kept = kept or {}
    return any(a.keep is None or kept.get(name) is None
               for name in (context or {}) if (a := ANALYSES.get(name)) is not None)


def link(found: list, opts, warn=None) -> dict[int, dict]:
    """{file index: {analysis name: ctx}} from every checked file's features. An analysis whose link
    fails leaves its field empty on every report (said once on ``warn``), the check goes on."""
    contexts: dict[int, dict] = {}
    for a in enabled(opts.analyses):
        items = [(i, f, meta, feats[a.name]) for i, f, meta, feats in found if feats.get(a.name) is not None]
        try:
            out = a.link(items)
        except Exception as e:  # noqa: BLE001
            if warn:
                warn(f"跨报告分析 {a.name} 失败（内部错误 {type(e).__name__}: {e}），各报告照常检查")
            continue
        for i, ctx in out.items():
            contexts.setdefault(i, {})[a.name] = ctx
    return contexts


def apply_all(report, doc, context: dict | None, kept: dict | None = None) -> list[str]:
    """Run each analysis's ``apply`` on a checked report; the Chinese messages of any that
    failed (the report keeps its own result, that field stays empty). ``kept``: what pass one
    kept of the text (``kept_of``); ``doc`` may be None when that is all the analyses need."""
    errors = []
    for name, ctx in (context or {}).items():
        a = ANALYSES.get(name)
        if a is None:
            continue
        try:
            if a.keep is None:
                a.apply(report, doc, ctx)
            else:
                have = (kept or {}).get(name)
                a.apply(report, have if have is not None else a.keep(doc), ctx)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{report.file}: 跨报告分析 {name} 失败（内部错误 {type(e).__name__}: {e}）")
    return errors


# the registry: each analysis module registers itself when imported
from checker.across import similar  # noqa: E402,F401
from checker.track import analysis as _promises  # noqa: E402,F401
