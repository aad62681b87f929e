"""Metadata a reviewer expects on every annual report: it is one, and it names its year,
title, issuer and date (落款)."""

from __future__ import annotations

from checker.result import Finding

ID = "metadata"


def check(ctx, options: dict):
    meta = ctx.metadata
    if not meta.is_annual_report:
        yield Finding("metadata.not-annual-report", "error", meta.doc_type_reason or "不是法治政府建设年度报告", None)
    if meta.year is None:
        yield Finding("metadata.year-missing", "warning", "无法确定报告所属年度：标题和开头都没有写明年份", None)
    if meta.title is None:
        yield Finding("metadata.title-missing", "warning", "报告没有标题（应为“××年度法治政府建设情况报告”一类）", 1)
    if meta.issuer is None:
        yield Finding("metadata.issuer-missing", "warning", "未见报告单位（落款或标题中的单位名称）", None)
    if meta.date is None:
        yield Finding("metadata.date-missing", "warning", "未见落款日期", None)
