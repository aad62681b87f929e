"""Title, the year the report covers, issuer, date (落款), and what kind of document it is.

The title is the first title-like line at the top (a line that reads as a report's title, or as
the title of whatever other document this is); a title broken over two lines is joined, a site
watermark glued to it dropped. The kind comes from ``checker.document.doctype``.

The covered year comes, in this order, from the title (2024年度, 二〇二四年度), the reporting
formula (现将我县2024年度…报告如下), an opening that dates a look back (2025年2月，…对上一年度… :
2024), an opening that starts with the year (2024年，我局…), the headings of the work part, the
years the work part names most, the plans part (its year − 1), and last the signature date of a
report written in the first half of the next year (its year − 1). A plans heading (2025年工作
安排), a writing date or a date in page chrome is never taken for the covered year itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import regex

from checker.judge.context import Context
from checker.document.doctype import TITLE_END as _TITLE_END
from checker.document.doctype import WATERMARK as _WATERMARK
from checker.document.doctype import TITLE_MAX, TITLE_MIN, classify, is_title_line, title_block_lines
from checker.document.normalize import normalize, visible
from checker.judge.result import Metadata
from checker.document.signature import CN_DATE, DATE, ISSUER, MONTH, SIGNED

# a year, Arabic or in Chinese numerals, that is not one end of a range (2021—2025年)
_Y = r"(?<![\d—–\-~至])((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
_YEAR = regex.compile(_Y + r"年")
_OPEN_YEAR = regex.compile(r"^((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年度?(?![\d〇○零一二三四五六七八九十]{1,2}月)")
_FORMULA_YEAR = regex.compile(r"现[将对就][^。]{0,60}?" + _Y + r"年度?[^。]{0,60}?(?:报告|汇报|总结|公布|公开)如下")
_LAST_YEAR = regex.compile(_Y + r"年[\d一二三四五六七八九十]{1,2}月[^。]{0,40}(?:上一?年度|上一年|去年)")
_SESSION = regex.compile(r"(?<!\d)((?:19|20)\d{2})年\d{1,2}月\d{1,2}日在[^。]{0,40}(?:人民代表大会|届)")
# how the first sentence of a body starts (2024年，…; 为…; 根据…), never a title
_SENTENCE_START = regex.compile(r"(?:(?:19|20)\d{2}年度?,|为|根据|按照|近日|今年|在)")
_NAME = regex.compile(r"^[\p{Han}()、]+$")  # a body's name alone (not 日期:… 来源:××局)
_TITLEISH = regex.compile(r"(?:报告|总结|情况|汇报)$")
_MD = regex.compile(r"\*\*|__|^#+\s*")
_HAN = regex.compile(r"\p{Han}")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "两": 2}


def cn_number(s: str) -> int:
    """A number in Chinese characters: 二〇二四 digit by digit, or 十, 十二, 二十, 二十五 (up to
    99). KeyError for what is not one."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def year_number(s: str) -> int:
    """2024 from "2024" or "二〇二四"."""
    return int(s) if s.isdigit() else cn_number(s)


def parse_date(norm: str) -> str | None:
    """YYYY-MM-DD from a date alone on its line; YYYY-MM when it gives only the month."""
    m = DATE.match(norm) or CN_DATE.match(norm) or MONTH.match(norm)
    if not m:
        return None
    y, mo = year_number(m[1]), year_number(m[2])
    d = year_number(m[3]) if m.lastindex >= 3 and m[3] else None
    try:
        date(y, mo, d or 1)
    except ValueError:
        return None  # 2月30日, 13月
    return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d is not None else "")


def _clean(text: str) -> str:
    """A title or issuer as a reader sees it: no invisible characters, Markdown marks or watermark."""
    return _WATERMARK.sub("", _MD.sub("", visible(text))).strip()


def metadata_of(ctx: Context) -> Metadata:
    """``detect_metadata``, once per context: choosing the rulebook reads the year from it, and
    the engine then judges with that same context (same document, rulebook and parts) when the
    rulebook chosen is the one the year was read with."""
    if ctx._found_metadata is None:
        ctx._found_metadata = detect_metadata(ctx)
    return ctx._found_metadata


def _top_lines(ctx: Context, first_heading_line: int) -> list[tuple[int, str, str]]:
    """(line, original, normalised) of the non-empty, non-chrome lines above the first heading
    (at most 15): where a title, a subtitle and an issuer stand."""
    out = []
    lines = ctx.doc.lines[:min(200, max(0, first_heading_line - 1))]
    for n, (raw, conv) in enumerate(zip(lines, ctx.doc.matchable(lines)), start=1):  # simplified, as the body
        if len(out) >= 15:
            break
        if n in ctx.doc.chrome:
            continue
        norm = normalize(_clean(conv))
        if "。" in norm:
            break  # the body has started
        if norm:
            out.append((n, raw.strip(), norm))
    return out


def _title(ctx: Context, top: list[tuple[int, str, str]]) -> tuple[str | None, int | None]:
    spec = ctx.book.document
    patterns = [spec.get("title"), *(spec.get("kind_title") or {}).values()]

    def titled(norm: str) -> bool:
        return any(p is not None and p.search(norm) for p in patterns) or bool(_TITLEISH.search(norm))

    where = title_block_lines(ctx.doc)
    short = [(n, o, t) for n, o, t in top if is_title_line(t, n, where)]
    paragraph_end = {n: b.end for b in ctx.doc.blocks[:40] for n in range(b.start, b.end)}
    for k, (n, orig, norm) in enumerate(short):
        joined, last, para = norm, n, norm
        for n2, _, t2 in short[k + 1:k + 3]:  # the lines right below, for a title over lines
            if n2 != last + 1:
                break
            joined, last = joined + t2, n2
            if paragraph_end.get(n, 0) >= n2:
                para += t2  # (one paragraph: a title the wrapper cut)
        if norm.endswith(":") or (len(norm) < TITLE_MIN and not norm.endswith("关于")) or not (
                titled(norm) or (not _TITLE_END.search(norm) and (titled(joined) or titled(para)))):
            continue
        if parse_date(norm) or (ISSUER.match(para) and not norm.endswith("关于")) or len(_HAN.findall(norm)) < 4:
            continue
        parts, first = [orig], n
        if norm.startswith("关于") and k and ISSUER.match(short[k - 1][2]) and short[k - 1][0] == n - 1:
            parts.insert(0, short[k - 1][1])  # 重庆市××镇人民政府 / 关于2025年……的报告
            first = short[k - 1][0]
        last, text = n, norm
        for n2, o2, t2 in short[k + 1:k + 3]:  # a title broken over lines
            if n2 != last + 1 or parse_date(t2) or t2.startswith("——") or t2.endswith(":"):
                break  # (县人民政府：is the addressee, even after a title that fills a wrapped width)
            # a line the wrapper cut goes on in the next (one paragraph: checker.noise.wrap),
            # however it ends: …第一责任人职责情况 / 述法报告
            if paragraph_end.get(last, 0) < n2 and (
                    _TITLE_END.search(text) or (ISSUER.match(t2) and not text.endswith("关于"))):
                break
            parts.append(o2)
            last, text = n2, text + t2
        return _clean("".join(p.strip() for p in parts)), first
    # no title line: a report whose text starts with its title run into the first sentence
    if ctx.doc.blocks:
        head = ctx.doc.blocks[0].norm[:TITLE_MAX]
        title_re = spec.get("title")
        m = title_re.search(head) if title_re is not None else None
        if m and m.start() < 40 and not _SENTENCE_START.match(head):
            cut = regex.search(r"情况的?(?:报告|总结|汇报)|报告|总结|汇报|情况", head[m.start():])
            end = m.start() + cut.end() if cut else m.end()
            return head[:end], ctx.doc.blocks[0].start
    for n, orig, norm in short[:3]:  # the title of whatever other document this is
        if TITLE_MIN <= len(norm) <= 60 and not norm.endswith(":") and not parse_date(norm) and not ISSUER.match(norm):
            return _clean(orig), n
    return None, None


def detect_metadata(ctx: Context) -> Metadata:
    meta = Metadata()
    sents = ctx.sentences
    first_heading = next((s.start for s in ctx.outline.sections() if not s.kind.startswith("md")), len(sents))
    heading_line = sents[first_heading].line if first_heading < len(sents) else len(ctx.doc.lines) + 1
    top = _top_lines(ctx, heading_line)
    meta.title, meta.title_line = _title(ctx, top)
    for n, orig, norm in top:  # an issuer line at the top (中共××委员会 / ××局)
        if (meta.issuer is None and ISSUER.match(norm) and _NAME.match(norm) and not _TITLEISH.search(norm)
                and n != meta.title_line):
            meta.issuer, meta.issuer_line = _clean(orig), n

    # signature at the end: issuer and date, on lines of their own or on one line
    for i in range(len(sents) - 1, max(-1, len(sents) - 8), -1):
        norm = sents[i].norm
        if len(norm) > 40:
            break
        signed = SIGNED.match(norm)
        when = parse_date(signed[2] if signed else norm)
        if when and meta.date is None:
            meta.date, meta.date_line = when, sents[i].line
        if signed or (not when and ISSUER.match(norm)):
            if meta.issuer is None or meta.issuer_line is None or meta.issuer_line < sents[i].line:
                issuer = signed[1] if signed else norm
                meta.issuer, meta.issuer_line = _issuer_text(sents[i].text, issuer), sents[i].line

    sections = [(s.line, s.title) for s in ctx.outline.sections() if s.kind != "item" and s.title][:12]
    meta.kind, meta.doc_type_reason = classify(ctx.doc, ctx.book.document, meta.title, sections,
                                               heading_line if first_heading < len(sents) else None,
                                               meta.title_line)
    meta.is_annual_report = meta.kind == "annual_report"
    meta.year = _year(ctx, meta, first_heading)
    return meta


def _issuer_text(original: str, issuer_norm: str) -> str:
    """The issuer as written, from a line that may also hold the date. The normalised issuer may
    be in simplified characters where the report is in traditional ones (a conversion that keeps
    lengths), so the original is cut where its normalised form is as long as the issuer's."""
    text = _clean(original)
    if len(normalize(text)) == len(issuer_norm):
        return text
    out, seen = [], ""
    for ch in text:  # the original characters up to the issuer's last normalised one
        out.append(ch)
        seen = normalize("".join(out))
        if len(seen) >= len(issuer_norm):
            break
    return "".join(out).strip() if len(seen) == len(issuer_norm) else issuer_norm


def _year(ctx: Context, meta: Metadata, first_heading: int) -> int | None:
    if meta.kind != "annual_report":
        # a work report delivered to a people's congress (政府、法院、检察院、常委会) reviews the
        # year before the session: ——2020年1月14日在××省第十三届人民代表大会第三次会议上
        for s in ctx.sentences[:min(first_heading, 12)]:
            m = _SESSION.search(s.norm)
            if m:
                return int(m[1]) - 1
    if meta.title:
        m = _YEAR.search(ctx.doc.normalized(meta.title))  # simplified, as the body is
        if m:
            year = year_number(m[1])
            # a 政府工作报告 is titled by the year it is delivered, and reviews the year before
            return year - 1 if meta.kind == "gov_work_report" else year
    sents = ctx.sentences
    opening = [s.norm for s in sents[:min(first_heading, 8)] if s.line != meta.title_line]
    text = "".join(opening)
    for rx, back in ((_FORMULA_YEAR, 0), (_LAST_YEAR, 1)):
        m = rx.search(text)
        if m:
            return year_number(m[1]) - back
    for norm in opening[:3]:
        m = _OPEN_YEAR.match(norm)
        if m:
            return year_number(m[1])
    labels = ctx.labels
    for sec in ctx.outline.sections():
        if sec.kind == "item" or sec.start >= len(labels) or labels[sec.start] == "next":
            continue
        m = regex.search(_Y + r"年度?(?![\d一二三四五六七八九十]{1,2}月)", sec.title)
        if m:
            return year_number(m[1])
    counts = Counter(year_number(m[1]) for i, p in enumerate(labels) if p not in ("closing", "next")
                     for m in _YEAR.finditer(sents[i].norm))
    if counts:
        return counts.most_common(1)[0][0]
    plans = [year_number(m[1]) for i, p in enumerate(labels) if p == "next" for m in _YEAR.finditer(sents[i].norm)]
    if plans:
        return min(plans) - 1
    if meta.date and int(meta.date[5:7]) <= 6:
        return int(meta.date[:4]) - 1
    return None
