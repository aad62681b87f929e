"""Metadata a reviewer expects on every annual report: it is one; its title names the year and
法治政府建设 (依法行政 before 2019); it has an issuer and a date (落款); and the date falls after
the end of the report year and on or before the disclosure deadline of the next year
(督察工作规定第二十四条: 4月1日; a rulebook may set a stricter one, such as 3月1日 for departments).
A date inside the report year is a warning: the year was not over when the report was written.
"""

from __future__ import annotations

from datetime import date

import regex

from checker.judge.checks.common import by_year
from checker.rulebook.matching import Pattern
from checker.judge.result import Finding

ID = "metadata"
NAME = "标题、落款和成文日期"
BASIS = "《法治政府建设与责任落实督察工作规定》第二十四条（每年4月1日之前公开）；各地工作指引（标题为“法治政府建设年度报告”）"
ADVICE = "标题写明年度和“法治政府建设”，文末落款写明报告单位和成文日期，并在次年规定期限前成文、公开。"
DESCRIPTION = (
    "报告应有标题，标题写明年度和“法治政府建设”（2018 年度及以前也可写“依法行政”）；文末落款写明报告单位和成文日期。成文日期应在报告年度结束之后、次年公开期限（deadline，默认 4月1日）之前：日期在报告年度之内是警告（年度尚未结束），晚于期限是警告（逾期），早于报告年度是错误。"
)
OPTIONS = {"title_terms": ("by_year:pattern", "标题应含的用语，可按年度不同：[{until: 年份, value: 正则}, {value: 正则}]"),
           "deadline": ("by_year:month_day",
                        "成文（公开）期限，次年的“月-日”，可按年度不同：\"04-01\" 或 [{until: 年份, value: \"03-31\"}, …]")}


PATTERNS = (("title_terms", "*", "value"),)  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    terms = options.get("title_terms")
    rows = terms if isinstance(terms, list) else ([{"value": terms}] if terms else [])
    return dict(options, _title_terms=[dict(r, value=Pattern(str(r.get("value")), f"{rule}.title_terms", book))
                                       for r in rows if isinstance(r, dict) and r.get("value")])


_TITLE_YEAR = regex.compile(r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年")  # 2024年, 二〇二四年
_MONTH_DAY = regex.compile(r"(\d{1,2})-(\d{1,2})")


def _deadline(options: dict, year: int) -> date | None:
    md = by_year(options.get("deadline"), year)
    m = _MONTH_DAY.fullmatch(str(md or ""))
    return date(year + 1, int(m[1]), int(m[2])) if m else None


def check(ctx, options: dict):
    meta = ctx.metadata
    if not meta.is_annual_report:
        yield Finding("metadata.not-annual-report", "error", meta.doc_type_reason or "不是法治政府建设年度报告", None)
    if meta.year is None:
        yield Finding("metadata.year-missing", "warning", "无法确定报告所属年度：标题和开头都没有写明年份", None)
    if meta.title is None:
        yield Finding("metadata.title-missing", "warning", "报告没有标题（应为“××年度法治政府建设情况报告”一类）", 1)
    else:
        title = ctx.doc.normalized(meta.title)  # as patterns see the body: simplified, full-width digits as ASCII
        if not _TITLE_YEAR.search(title):
            yield Finding("metadata.title-no-year", "warning", f"标题「{meta.title[:40]}」没有写明报告年度", meta.title_line)
        terms = by_year(options.get("_title_terms"), meta.year)
        if terms is not None and not terms.search(title):
            yield Finding("metadata.title-subject", "warning",
                          f"标题「{meta.title[:40]}」没有写明“{terms.source.replace('|', '”或“')}”", meta.title_line)
    if meta.issuer is None:
        yield Finding("metadata.issuer-missing", "warning", "未见报告单位（落款或标题中的单位名称）", None)
    if meta.date is None:
        yield Finding("metadata.date-missing", "warning", "未见落款日期", None)
    elif meta.year is not None:
        # a signature may give the month only (2025-02): judged by the month's first day
        d = date.fromisoformat(meta.date if len(meta.date) > 7 else meta.date + "-01")
        limit = _deadline(options, meta.year)
        if d.year < meta.year:
            yield Finding("metadata.date-before-year", "error",
                          f"落款日期 {meta.date} 早于报告年度 {meta.year} 年：日期或年度有误", meta.date_line)
        elif d.year == meta.year:
            yield Finding("metadata.date-in-year", "warning",
                          f"落款日期 {meta.date} 在报告年度 {meta.year} 年之内：年度尚未结束就成文，全年情况无法完整报告",
                          meta.date_line)
        elif limit is not None and d > limit:
            yield Finding("metadata.date-late", "warning",
                          f"落款日期 {meta.date} 晚于 {limit.year}年{limit.month}月{limit.day}日的公开期限", meta.date_line)
