"""The batch hook of promise tracking (the ``Analysis`` interface of docs/ACROSS: features /
link / apply). In a batch, every report whose body also has a report of the year before gets
that report's promises judged against it.

* ``features`` (in the check, in the workers): the body's key, the year and the promises
  (compressed: 0.5—2.5 KB for the seeds and test reports); nothing for a document that is not an annual report or whose body or
  year cannot be told.
* ``link`` (main process): reports of one body (``issuer.same_body``) and consecutive years are
  paired; THIS gets LAST's file, year and promises. Two reports of one body for the same year
  make the pairing ambiguous (which one made the promises?): neither is used as LAST, and both
  are still paired with the year before them.
* ``apply`` (in the worker, after the check): judge and fill the report (``fill``).
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict

from checker.across import Analysis, register
from checker.track.extract import Promise, promises_of
from checker.track.fill import fill
from checker.track.issuer import body_of, same_body

NAME = "promises"


def pack(promises: list[Promise]) -> bytes:
    """Promises as compressed JSON: a batch of 10,000 reports holds every report's promises in the
    main process until the check pass, and plans compress about threefold."""
    data = [[p.text, p.line, list(p.tasks), list(p.amounts)] for p in promises]
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def unpack(blob: bytes) -> list[Promise]:
    return [Promise(str(text), int(line), tuple(map(str, tasks)), tuple(map(str, amounts)))
            for text, line, tasks, amounts in json.loads(zlib.decompress(blob).decode("utf-8"))]


def features(doc, ctx, meta, file: str):
    """(body key, year, packed promises) of one report, or None."""
    if not getattr(meta, "is_annual_report", False) or meta.year is None:
        return None
    key = body_of(doc, meta)
    if key is None:
        return None
    return key, meta.year, pack(promises_of(ctx))


def _groups(keys: list[str]) -> dict[str, str]:
    """Each key -> the key of its body: a key that leaves out higher places of exactly one other
    body joins it; one that could be either of two bodies stays on its own."""
    known = set(keys)
    longer: dict[str, set[str]] = defaultdict(set)
    for k in known:
        for cut in range(1, len(k) - 1):  # every shorter key that ends this one
            tail = k[cut:]
            if tail in known and same_body(tail, k):
                longer[tail].add(k)
    out = {}
    for k in known:
        cands = longer.get(k)
        if not cands:
            out[k] = k
        else:
            top = max(cands, key=len)
            out[k] = top if all(c == top or same_body(c, top) for c in cands) else k
    # chains (黄花店镇政府 -> 武清区黄花店镇政府 -> 天津市武清区黄花店镇政府)
    for k in out:
        seen = {k}
        while out[out[k]] != out[k] and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return out


def link(entries) -> dict[int, dict]:
    """[(index, file, meta, features)] -> {index of THIS: {"file", "year", "items"} of LAST}."""
    entries = [e for e in entries if e[3] is not None]
    body = _groups([e[3][0] for e in entries])
    by_year: dict[tuple[str, int], list] = defaultdict(list)
    for e in entries:
        key, year, _ = e[3]
        by_year[(body[key], year)].append(e)
    out = {}
    for (key, year), these in by_year.items():
        before = by_year.get((key, year - 1))
        if not before or len(before) != 1:
            continue  # no report of the year before, or two of them: nothing to compare with
        _, last_file, _, (_, last_year, items) = before[0]
        for index, _file, _meta, _ in these:
            out[index] = {"file": last_file, "year": last_year, "items": items}
    return out


def this_context(doc, report):
    """THIS report's context: the one the engine just built when it is still at hand, else a
    new one with the rulebook it was checked with."""
    from checker.judge.context import _LAST, Context

    if _LAST[0] is doc and _LAST[2] is not None:
        return _LAST[2]
    from checker.rulebook.model import load_rulebook
    from checker.rulebook.select import choose_rulebook

    try:
        book = load_rulebook(report.rulebook_id)
    except Exception:  # noqa: BLE001 - a rulebook given by path: the parts are the national ones
        book, _ = choose_rulebook(doc, None)
    return Context.build(doc, book)


def apply(report, doc, ctx) -> None:
    """Judge LAST's promises (``ctx`` from ``link``) against THIS report and record them."""
    fill(report, this_context(doc, report), ctx["file"], ctx["year"], unpack(ctx["items"]))


ANALYSIS = register(Analysis(NAME, features, link, apply))
