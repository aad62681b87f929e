"""Title, the year the report covers, issuer, date (落款), and whether it is an annual report.

The year comes from the title, then from the opening sentence ("2021年，我区…"), then from
headings ("2024年度推进法治政府建设…"), and only last from the most frequent year in the body;
dates in page chrome and the signature are never taken for the report year.
"""

from __future__ import annotations

from collections import Counter

import regex

from checker.context import Context
from checker.result import Metadata
from checker.signature import CN_DATE, DATE, ISSUER

_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})年")
_OPEN_YEAR = regex.compile(r"^((?:19|20)\d{2})年")
_TITLEISH = regex.compile(r"(?:报告|总结|情况)$")
_MD = regex.compile(r"\*\*|__|^#+\s*")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _cn_number(s: str) -> int:
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def parse_date(norm: str) -> str | None:
    m = DATE.match(norm)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = CN_DATE.match(norm)
        if not m:
            return None
        y, mo, d = _cn_number(m[1]), _cn_number(m[2]), _cn_number(m[3])
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _clean(text: str) -> str:
    return _MD.sub("", text).strip()


def metadata_of(ctx: Context) -> Metadata:
    """``detect_metadata``, once per context: choosing the rulebook reads the year from it, and
    the engine then judges with that same context (same document, rulebook and parts) when the
    rulebook chosen is the one the year was read with."""
    if ctx._found_metadata is None:
        ctx._found_metadata = detect_metadata(ctx)
    return ctx._found_metadata


def detect_metadata(ctx: Context) -> Metadata:
    meta = Metadata()
    doc, sents = ctx.doc, ctx.sentences
    spec = ctx.book.document
    first_heading = next((s.start for s in ctx.outline.sections() if not s.kind.startswith("md")), len(sents))

    # title and issuer at the top: short blocks before the body begins
    for block_i, block in enumerate(doc.blocks[:6]):
        first = ctx.outline.block_first[block_i]
        if first >= first_heading:
            break
        norm = block.norm
        if len(norm) > 80 or norm.endswith("。"):
            break  # the body has started
        title_re = spec.get("title")
        if ISSUER.match(norm) and not _TITLEISH.search(norm):
            if meta.issuer is None:
                meta.issuer, meta.issuer_line = _clean(block.sentences[0].text), block.start
        elif meta.title is None and parse_date(norm) is None and (
                (title_re is not None and title_re.search(norm)) or _TITLEISH.search(norm) or len(norm) <= 60):
            # a report's title, or the title of whatever other document this is (方案, 讲话 …)
            meta.title = _clean(" ".join(s.text for s in block.sentences))
            meta.title_line = block.start

    # signature at the end: issuer and date
    for i in range(len(sents) - 1, max(-1, len(sents) - 8), -1):
        norm = sents[i].norm
        if len(norm) > 40:
            break
        date = parse_date(norm)
        if date and meta.date is None:
            meta.date, meta.date_line = date, sents[i].line
        elif ISSUER.match(norm) and (meta.issuer is None or meta.issuer_line is None or meta.issuer_line < sents[i].line):
            meta.issuer, meta.issuer_line = _clean(sents[i].text), sents[i].line

    meta.year = _year(ctx, meta)
    meta.is_annual_report, meta.doc_type_reason = _is_annual(ctx, meta, first_heading)
    return meta


def _year(ctx: Context, meta: Metadata) -> int | None:
    if meta.title:
        m = _YEAR.search(regex.sub(r"\s+", "", meta.title))
        if m:
            return int(m[1])
    body = [i for i, p in enumerate(ctx.labels) if p not in ("closing",)]
    for i in body[:3]:
        m = _OPEN_YEAR.match(ctx.sentences[i].norm)
        if m:
            return int(m[1])
    for sec in ctx.outline.sections():
        m = regex.search(r"((?:19|20)\d{2})年度?", sec.title)
        if m and sec.kind != "item":
            return int(m[1])
    counts = Counter(int(m[1]) for i in body for m in _YEAR.finditer(ctx.sentences[i].norm))
    return counts.most_common(1)[0][0] if counts else None


def _is_annual(ctx: Context, meta: Metadata, first_heading: int) -> tuple[bool, str]:
    spec = ctx.book.document
    opening = " ".join(s.norm for s in ctx.sentences[: max(1, min(first_heading, 3))])
    probes = [("标题", regex.sub(r"\s+", "", meta.title))] if meta.title else []
    probes.append(("开头", opening))
    for where, text in probes:
        for label, pat in (spec.get("not_annual") or {}).items():
            if pat is not None and pat.search(text):
                return False, f"{where}显示这是{label}，不是法治政府建设年度报告"
    title_re, subject = spec.get("title"), spec.get("subject")
    if meta.title and title_re is not None and title_re.search(regex.sub(r"\s+", "", meta.title)):
        return True, "标题表明是法治政府建设（依法行政）报告"
    mentions = len(subject.finditer(ctx.text)) if subject is not None else 0
    parts_found = {p for i, p in enumerate(ctx.labels)  # parts of its own, not 下一步 in a paragraph
                   if p in ("shortcomings", "responsible", "next") and i not in ctx.misplaced}
    open_re = spec.get("opening")
    says_report = open_re is not None and open_re.search(opening) is not None
    if mentions >= 3 and (says_report or parts_found):
        return True, "正文以法治政府建设（依法行政）为主题，并有年度报告的结构"
    if mentions < 3:
        return False, "正文很少提及法治政府建设或依法行政，不像法治政府建设年度报告"
    return False, "没有年度报告的结构（未见“报告如下”，也未见存在问题、下一步安排等部分）"
