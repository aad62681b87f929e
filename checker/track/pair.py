"""Two reports of one body, LAST (year N) and THIS (year N+1): check both and judge LAST's
promises against THIS. ``check track`` prints the result; the web page can call ``track_pair``."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.judge.result import Report


@dataclass
class Pair:
    last: Report
    this: Report  # with ``promises`` and ``promises_from`` filled
    warnings: list[str] = field(default_factory=list)  # in Chinese: bodies differ, years not consecutive


def _check(path: str, encoding: str | None, max_size: int | None, rules: str | None):
    from checker.judge.engine import evaluate
    from checker.ingest import ReadOptions, load
    from checker.rulebook.select import choose_rulebook
    from checker.track.analysis import this_context

    opts = ReadOptions(encoding=encoding) if max_size is None else ReadOptions(encoding=encoding, max_size=max_size)
    doc = load(path, opts)
    book, reason = choose_rulebook(doc, rules)
    report = evaluate(doc, book)
    report.rulebook_reason = reason
    return doc, report, this_context(doc, report)


def track_pair(last: str, this: str, encoding: str | None = None, max_size: int | None = None,
               rules: str | None = None) -> Pair:
    """Check ``last`` and ``this`` and judge ``last``'s promises against ``this``. Raises
    ``checker.errors.InputError`` (a one-line Chinese message) for a file that cannot be read."""
    from checker.track.extract import promises_of
    from checker.track.fill import fill
    from checker.track.issuer import body_key, same_body

    last_doc, last_report, last_ctx = _check(last, encoding, max_size, rules)
    promises = promises_of(last_ctx)
    this_doc, this_report, this_ctx = _check(this, encoding, max_size, rules)
    fill(this_report, this_ctx, last, last_report.metadata.year, promises)
    warnings = []
    keys = []
    for doc, rep in ((last_doc, last_report), (this_doc, this_report)):
        m = rep.metadata
        keys.append(body_key(doc.matchable([m.issuer])[0] if m.issuer else None,
                             doc.matchable([m.title])[0] if m.title else None))
    names = [r.metadata.issuer or "（未识别）" for r in (last_report, this_report)]
    if None in keys:
        warnings.append(f"未能识别{'上一年度' if keys[0] is None else '本年度'}报告的单位，无法确认两份报告出自同一单位")
    elif not same_body(*keys):
        warnings.append(f"两份报告的单位不同（{names[0]}、{names[1]}），比对结果可能没有意义")
    y0, y1 = last_report.metadata.year, this_report.metadata.year
    if y0 is None or y1 is None:
        warnings.append("未能识别报告年度，无法确认两份报告是相邻两年的报告")
    elif y1 != y0 + 1:
        warnings.append(f"两份报告的年度不相邻（{y0} 年、{y1} 年），承诺应与下一年度的报告比对")
    for rep, which in ((last_report, "上一年度"), (this_report, "本年度")):
        if not rep.metadata.is_annual_report:
            warnings.append(f"{which}的文件不是法治政府建设年度报告")
    if not promises:
        warnings.append("上一年度报告的下一年度安排中没有可核对的具体事项")
    return Pair(last_report, this_report, warnings)
