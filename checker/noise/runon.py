"""Paragraphs of a text whose line breaks were lost (copied from a web page or a PDF viewer into
one line, or joined with spaces).

A reader still sees the structure: a numbered heading (一、 （一） 1. 第一部分) starts after a
finished sentence or a gap of spaces, a sub-heading follows its part heading directly, a part
heading without punctuation ends with its last word (…情况, …不足, …安排) or where the body
opens (我县…, 2019年，…), a first 一是 or （一） right after a bare heading starts its body,
the title ends at 报告 before the first sentence, and the issuer and date close the text. Each
piece becomes a segment that starts a paragraph of its own; every segment keeps the number of
the line it came from, so evidence still points at the real line of the file.

Imported only for a text that needs it (``checker.noise.is_run_on``): its patterns cost a few
milliseconds to compile.
"""

from __future__ import annotations

import regex

from checker.noise import MIN_SPLIT, is_run_on  # noqa: F401  (the decision, made before this module loads)


_CN = "一二三四五六七八九十"
_D = "0-9０-９"
# Heading markers in the raw text (any width, spaces allowed inside: "三 、", "( 二 )").
_MARK = regex.compile(
    rf"(?P<part>第(?P<n1>[{_CN}]{{1,3}})部分)"
    rf"|(?P<cn>(?<![{_CN}第])(?P<n2>[{_CN}]{{1,3}})[ \t\u3000]?[、.．])"
    rf"|(?P<cnp>[（(][ \t\u3000]?(?P<n3>[{_CN}]{{1,3}})[ \t\u3000]?[）)])"
    rf"|(?P<num>(?<![{_D}.．])(?P<n4>[{_D}]{{1,2}})[ \t\u3000]?(?:、|[.．](?![{_D}])|[.．](?=[{_D}]{{4}}年)))"
    rf"|(?P<nump>[（(][ \t\u3000]?(?P<n5>[{_D}]{{1,2}})[ \t\u3000]?[）)])"
    rf"|(?P<item>(?<![{_CN}第])(?P<n6>[{_CN}]{{1,3}})是)"
)
_STYLES = ("part", "cn", "cnp", "num", "nump", "item")
_HEADINGS = ("part", "cn", "cnp", "num", "nump")
# Markdown structure run into the text: a heading mark, a rule, a bold heading at a segment start
_MD_CUT = regex.compile(r"(?<![#\\])#{1,6}[ \t]|(?<!-)---+(?!-)")
_BOLD_SPAN = regex.compile(r"\*\*[^*。!?！？]{2,60}\*\*")  # a bold heading, after a finished sentence
_MD_BOLD_HEAD = regex.compile(r"^[ \t]*(?:#{1,6}[ \t]*)?\*\*[^*]{1,60}\*\*")
# where a report's body usually starts: "我县…", "全市…", "2019年,…"
_BODY_OPENER = regex.compile(
    r"(?:我|本)(?:省|市|县|区|镇|乡|局|委|厅|办|街道|单位|部门)|全(?:省|市|县|区|镇|乡)(?!域)|(?:19|20)\d{2}年[,，]"
    r"|为(?:进一步|全面|深入|切实|认真|加快|推动|贯彻|落实)|(?:一年来|今年以来|本年度|近年来)|(?:坚持)?以习近平"
    r"|各(?:乡镇|部门|级|单位|区县|县区|街道)|(?<!\d)\d{1,2}月(?:底|中旬|上旬|下旬)?前|年底前|年内"
    r"|(?:县|市|区|镇|乡)(?:政府|委|人大)(?!工作|职能|部门)")
_END = regex.compile(r"[。！？!?：:][”’」』\"')）]*$")  # a finished sentence (or a lead-in colon)
_LIST_OF_NUMERALS = regex.compile(rf"[{_CN}]")  # "一、二季度": numerals, not a heading
_FULL_STOP = regex.compile(r"[。！？!?][”’」』\"')）]*$")
_GAP = regex.compile(r"(?:[ \t]{2,}|\u3000)+")  # paragraph gaps: two spaces or an ideographic space
_PUNCT = regex.compile(r"[。！？!?；;，,：:]")
_SENTENCE_END = regex.compile(r"[。！？!?；;]")
_TITLE_END = regex.compile(
    r"(?:报告|總結|总结|通知|意见|方案|要点|规划|计划|决定|通报|讲话|纪要|函)》?(?:[（(][^）)]{1,20}[）)])?")
# the last word of a part heading, and what may not follow it inside the heading
_HEAD_END = regex.compile(
    r"(?:情况|成效|原因(?:分析)?|安排|打算|不足|问题|计划|思路|举措|措施|做法|短板|差距|展望|设想|要点|要求|目标|任务|保障)")
_JOINER = "和与及、并的等暨"
_DATE = regex.compile(
    rf"(?:[{_D}]{{4}}[ \t]?年[ \t]?[{_D}]{{1,2}}[ \t]?月(?:[ \t]?[{_D}]{{1,2}}[ \t]?日)?"
    rf"|[〇○零一二三四五六七八九]{{4}}年[{_CN}]{{1,2}}月(?:[{_CN}]{{1,3}}日)?)"
)
MAX_HEADING = 40  # characters of a part heading's words, marker excluded
LONGEST_HEADING = 60  # the outline's longest run-in heading (checker.document.outline.MAX_HEADING)
MAX_TITLE = 100
MAX_ISSUER = 40
MAX_HEADER_AREA = 400  # characters at the top of a run-on text where a web page's fields may be
# a web page's fields above the title (see checker/data/page_chrome.yaml), run into it
_PAGE_FIELD = regex.compile(r"(?:浏览次数|点击量|阅读量|访问量|点击数)[:：]\s*\d+|字号[:：]?\s*\[?[大中小\s]+\]?|【打印本页】|【关闭窗口】")


def _number(s: str) -> int:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)
    return _CN.index(s) + 1 if len(s) == 1 else 0


def split_run_on(line: str, first: bool, last: bool, numbers: dict | None = None, strict: bool = False) -> list[str]:
    """The paragraphs of one run-on line, in order; ``"".join`` of them, gaps aside, is the line.
    ``first``/``last``: the line opens/closes the text (where a title/signature may be).
    ``numbers``: the last number of each marker style so far, carried from line to line.
    ``strict``: the text kept most of its line breaks, and lost some: the line is cut only where
    a finished sentence is followed by the next number of a list the text has already begun
    ("…。（三）…" after a （二） at the start of a line)."""
    cuts = {0}
    bold_ends: set[int] = set()  # where a bold heading's closing marks end: they stay with it
    if not strict:
        for m in _GAP.finditer(line):
            cuts.add(m.end())
        for m in _PAGE_FIELD.finditer(line[:MAX_HEADER_AREA]):  # "浏览次数：1234青山县人民政府关于…"
            cuts.add(m.end())
        for m in _MD_CUT.finditer(line):
            cuts.add(m.start() if m.group().startswith("#") else m.end())
        for m in _BOLD_SPAN.finditer(line):  # "…报告如下：**主要举措和成效**（一）…"
            if m.start() == 0 or _END.search(line[:m.start()].rstrip(" \t\u3000")):
                cuts.update((m.start(), m.end()))
                bold_ends.add(m.end())
    last_num: dict[str, int] = numbers if numbers is not None else {}
    seg_start, seg_head, seg_style = 0, False, ""  # the current segment, opened by a heading marker?
    for m in _MARK.finditer(line):
        style = next(s for s in _STYLES if m.group(s))
        style += "." if regex.search(r"[.．]$", m.group()) else ""  # "1." and "1、" count apart
        n = _number(next(g for g in (m.group(f"n{k}") for k in range(1, 7)) if g))
        p = m.start()
        before = line[:p].rstrip(" \t\u3000*#")  # white space or Markdown marks: a boundary
        in_order = n == 1 or n <= last_num.get(style, 0) + 2  # the next (one may be lost), or a later list's
        recent = max((c for c in cuts if c <= p), default=0)
        if strict:
            numerals = style.rstrip(".") == "cn" and bool(_LIST_OF_NUMERALS.match(line, m.end()))
            top = style.rstrip(".") in ("part", "cn")
            if style == "item":  # 一是 run into its bare heading, as below
                ok = (p > 0 and n == 1 and seg_head and recent == seg_start and _bare(line, recent, p)
                      and not _PUNCT.search(line, recent, p))
            else:
                ok = not numerals and (p == 0 or (
                    bool(_FULL_STOP.search(before)) and (n >= 2 and n == last_num.get(style, 0) + 1
                                                         or top and n <= last_num.get(style, 0) + 2)
                ) or (  # a sub-heading run into its bare heading, as below
                    p > 0 and seg_head and recent == seg_start and not _FULL_STOP.search(before) and _bare(line, recent, p)
                    and not _PUNCT.search(line, recent, p) and n == 1 and style != seg_style))
        elif style == "item":
            # 一是 right after a bare heading opens its body; other items stay in their paragraph
            ok = n == 1 and seg_head and recent == seg_start and _bare(line, recent, p) and not _PUNCT.search(line, recent, p)
        elif p == 0 or p in cuts:
            ok = in_order or p == 0
        elif _END.search(before) or len(before) < len(line[:p]):
            ok = in_order
        else:  # directly after text: only the first sub-heading, or the next heading, right after a bare heading
            ok = (seg_head and recent == seg_start and _bare(line, recent, p)
                  and (n == 1 and style != seg_style or style == seg_style and n == last_num.get(style, 0) + 1))
        if not ok:
            continue
        while p > 0 and line[p - 1] in "*#" and p not in bold_ends:  # "## **二、…": the heading marks go with it
            p -= 1
        if strict:
            _record(last_num, style, n)
        else:
            last_num[style] = n
        cuts.add(p)
        seg_start, seg_head, seg_style = p, style.rstrip(".") in _HEADINGS, style
    segments = _pieces(line, sorted(cuts))
    out: list[str] = []
    at = 0
    for i, seg in enumerate(segments):
        if strict and i == 0 and len(segments) == 1:
            out.append(seg)  # a line not cut is as its writer left it
            continue
        # the title: in the first segment, or after a web page's fields at the top
        titled = first and i <= 2 and at < MAX_HEADER_AREA and not _MARK.match(seg)
        at += len(seg)
        for piece in _split_title(seg) if titled else [seg]:
            out.extend(_split_heads(piece))
    if last and out:
        out[-1:] = [q for piece in _split_signature(out[-1]) for q in _split_heads(piece)]
    return [s for s in out if s.strip()]


def _split_heads(seg: str) -> list[str]:
    """A segment that opens with a heading run into its body: the heading, then the rest (which
    may open with the next heading: "二、…不足和原因三、…情况县政府…")."""
    out = []
    while True:
        if (b := _MD_BOLD_HEAD.match(seg)) and b.end() < len(seg.rstrip()):
            head, rest = seg[:b.end()], seg[b.end():]
        elif (m := _MARK.match(seg, len(seg) - len(seg.lstrip(" \t\u3000*#")))) and m.group("item") is None:
            parts = _split_heading(seg, m)
            if len(parts) == 1:
                break
            head, rest = parts
        else:
            break
        out.append(head)
        seg = rest
    out.append(seg)
    return out


def note(piece: str, numbers: dict) -> None:
    """Record the heading number a paragraph opens with (for the strict cuts of later lines)."""
    m = _MARK.match(piece, len(piece) - len(piece.lstrip(" \t\u3000*#")))
    if m and m.group("item") is None:
        style = next(s for s in _STYLES if m.group(s))
        style += "." if regex.search(r"[.．]$", m.group()) else ""
        _record(numbers, style, _number(next(g for g in (m.group(f"n{k}") for k in range(1, 7)) if g)))


def _record(numbers: dict, style: str, n: int) -> None:
    """Note the number of a heading; the lists below it (styles first seen after it) start anew,
    as they do under a new heading."""
    order = numbers.setdefault(" order", [])
    if style not in order:
        order.append(style)
    for lower in order[order.index(style) + 1:]:
        numbers.pop(lower, None)
    numbers[style] = n


def _bare(line: str, start: int, end: int) -> bool:
    """Is line[start:end] a heading with no sentence in it (short, no full stop)?"""
    return end - start <= MAX_HEADING + 12 and not regex.search(r"[。！？!?；;]", line[start:end])


def _pieces(line: str, cuts: list[int]) -> list[str]:
    bounds = cuts + [len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:]) if line[a:b].strip()]


def _split_title(seg: str) -> list[str]:
    """"…关于2024年度法治政府建设情况的报告2024年，我县…": the title ends at the last 报告 (通知,
    方案, 要点 …) before the first punctuation."""
    m = _PUNCT.search(seg)
    head = seg[: m.start() if m else len(seg)]
    ends = [t.end() for t in _TITLE_END.finditer(head[:MAX_TITLE])]
    if not ends or ends[-1] < 8 or ends[-1] >= len(seg.rstrip()):
        return [seg]
    return [seg[: ends[-1]], seg[ends[-1]:]]


def _split_heading(seg: str, marker) -> list[str]:
    """"三、…第一责任人职责情况县政府主要负责同志…，": a heading without punctuation, run into its
    body. It ends after its last heading word (…情况, …不足); or where the body opens (我镇…,
    各部门…, 6月底前…), unless its first sentence is a run-in heading the outline reads as it is
    ("（一）…。"); or, when the outline could not read it as a heading any more (its first
    sentence longer than a heading), where the heading's own words come again ("九、加强…组织保障
    / 加强组织领导，…")."""
    m = _PUNCT.search(seg, marker.end())
    stop = m.start() if m else len(seg)
    window = min(stop, marker.end() + MAX_HEADING)
    end = _SENTENCE_END.search(seg, marker.end())
    long = (end.start() if end else len(seg)) - marker.start() > LONGEST_HEADING
    if long or marker.group("part") or marker.group("cn"):  # (sub-items: "3.建立…情况后评估…。")
        for w in _HEAD_END.finditer(seg, marker.end(), window):
            rest = seg[w.end():stop]
            if len(rest.strip()) < 4 or rest[0] in _JOINER or _HEAD_END.match(rest):
                continue
            return [seg[: w.end()], seg[w.end():]]
    if long or not (m and _SENTENCE_END.match(m.group())):
        opener = _BODY_OPENER.search(seg, marker.end() + 4, window)
        if opener and stop - opener.start() >= 4:
            return [seg[: opener.start()], seg[opener.start():]]
    if long:
        for size in (4, 3, 2):
            for k in range(marker.end() + 4, window - size + 1):
                if seg[k:k + size] in seg[marker.end():k] and regex.fullmatch(r"\p{Han}+", seg[k:k + size]):
                    return [seg[:k], seg[k:]]
    return [seg]


def _split_signature(seg: str) -> list[str]:
    """"…推动述法全覆盖。青山县人民政府2025年2月20日": the issuer and the date after the last
    sentence, each on its own (and whatever a web page put after them)."""
    ends = list(regex.finditer(r"[。！？!?][”’」』\"')）]*", seg))
    at = ends[-1].end() if ends else 0
    tail = seg[at:]
    d = _DATE.search(tail)
    if d is None or len(tail[: d.start()].strip()) > MAX_ISSUER:
        return [seg]
    return [p for p in (seg[:at], tail[: d.start()], tail[d.start(): d.end()], tail[d.end():]) if p.strip()]
