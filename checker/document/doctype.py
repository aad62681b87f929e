"""What kind of document a text is, as a reviewer names it (``checker.document.kinds``), and why.

A reviewer decides from the top of the page, the way a letter is sorted: who writes, to whom,
in what voice. So does this module. It reads the title lines and the opening (the first
``HEAD`` normalised characters, cut after the reporting formula 现将…报告如下: whatever follows
is the report's own content, where a genuine report may well mention 述法 or a 新闻发布会).
Reading characters rather than lines keeps the verdict the same when line breaks are lost.

1. A look-alike gives itself away by formulas an annual report never uses in its opening
   (各位代表, 本报讯, 现将审议意见, 现将本人…, 根据《政府信息公开条例》, 现印发给你们, 下面是小编
   为大家整理…) or by its title (述法报告, 实施方案, 审议意见 …): the rulebook's
   ``document.kind_opening`` and ``document.kind_title``, tried kind by kind in their order.
2. An annual report shows itself by its title, its reporting formula, its addressee (区委、
   区政府:), or a covered-year opening (2024年，…) or the 督察规定 part headings, always with
   法治政府建设 / 依法行政 as its subject.
3. Anything else is ``other``: the checker does not guess.

Every verdict quotes what it rests on. The patterns are data (rulebook ``document``); this
module only orders the evidence.
"""

from __future__ import annotations

import regex

from checker.document.kinds import KINDS
from checker.document.model import HEADING_START
from checker.document.normalize import normalize, visible
from checker.document.signature import is_signature

HEAD = 1200  # normalised characters read as the opening: about the first screen of a report
TITLE_MAX = 80  # a line longer than this is body text, not a title
TITLE_MIN = 6  # a shorter line is a site's column name (政策解读) or a label, not a document's title
OPENING_MIN = 150  # an opening paragraph shorter than this does not end the opening at a heading
_WORDS = regex.compile(r"\p{Han}[^\p{Han}]*\p{Han}")  # two Chinese characters: a line with words
TITLE_END = regex.compile(r"(?:报告|总结|情况|汇报|方案|要点|规划|纲要|意见|通知|决议|讲话|\))$")
# a site's name and address glued to a line: 公文网 www.example.com
WATERMARK = regex.compile(r"(?:\s+\S{1,10})?\s*(?:https?://|www\.)\S+")
_CLAUSE = regex.compile(r"[,。:;!?]")
# how a sentence of running text starts, never a title: 为进一步…, 根据…, 近日，…, 3月12日…
_NOT_TITLE = regex.compile(r"(?:为|根据|按照|依据|近日|日前|近期|今年|去年|在|经|据|\d{1,2}月\d{1,2}日)")
_ENGLISH = regex.compile(r"[A-Za-z]{25,}")  # running English text (white space is gone)
_HALF_WIDTH = str.maketrans({0xFF01 + i: 0x21 + i for i in range(94)})  # ！..～ to !..~, one for one
_QUOTED = regex.compile(r"《[^《》]*(?:》|$)")  # the name of another document
# numbered headings inside running text, for texts whose line breaks were lost
_INLINE_HEADING = regex.compile(r"(?:^|[。:;!])((?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)[^。:;]{2,40})")


class Head:
    """The top of a document as a reviewer reads it: title lines and opening paragraphs."""

    def __init__(self, doc, title: str | None, first_heading: int | None = None, title_line: int | None = None):
        # the opening twice: as rebuilt paragraphs (sentences run on when line breaks were
        # lost) and as the original lines (a title glued to the next paragraph stays a line)
        self.lines = _read(((b.start, b.norm) for b in doc.blocks))
        self.raw = _read(_unwrapped(doc, doc.matchable(doc.lines)))
        self.first_heading = first_heading  # line of the first part heading, when known
        self.title = doc.normalized(title) if title else None
        # title candidates: short lines above the first heading, the title found by the
        # metadata, and the start of a text with no line breaks at all
        where = title_block_lines(doc)
        self.titles = [(n, t) for n, t in self.raw[:15] if is_title_line(t, n, where)
                       and (first_heading is None or n < first_heading)]
        if self.title and all(t != self.title for _, t in self.titles):
            self.titles.insert(0, (title_line or (self.lines[0][0] if self.lines else 1), self.title))
        if len(doc.blocks) == 1 and self.lines:  # no line breaks: the title runs into the text
            start = _CLAUSE.split(self.lines[0][1][:2 * TITLE_MAX], 1)[0]
            if start != self.lines[0][1] and not _NOT_TITLE.match(start):
                self.titles.append((self.lines[0][0], start))
        self.headings = [(n, m) for n, t in self.lines for m in _INLINE_HEADING.findall(t)]

    def opening(self, formula) -> list[tuple[int, str]]:
        """The opening, as paragraphs and as lines: up to the end of the reporting formula, or
        up to the first part heading once there is an opening paragraph before it (a
        look-alike's formulas stand before its first heading; what follows is content)."""
        paragraphs = self._opening(self.lines, formula)
        seen = {t for _, t in paragraphs}
        return paragraphs + [(n, t) for n, t in self._opening(self.raw, formula) if t not in seen]

    def _opening(self, lines, formula) -> list[tuple[int, str]]:
        out, total = [], 0
        for n, t in lines:
            if total >= OPENING_MIN and self.first_heading is not None and n >= self.first_heading:
                break
            m = formula.search(t) if formula is not None else None
            if m:
                out.append((n, t[: m.end()]))
                break
            h = _INLINE_HEADING.search(t, max(1, OPENING_MIN - total))
            if h:
                t = t[: h.start() + 1]  # no line breaks: the opening ends at 一、
            out.append((n, t))
            total += len(t)
        return out


def _unwrapped(doc, texts: list[str]):
    """(line, normalised text) of the lines as written, chrome left out; in a hard-wrapped text
    (``doc.info["wrap"]``) the lines the wrapper cut are joined again, so that no pattern reads
    the end of a cut line as the end of the writer's ("…要求，现将我" / "县2024年度…报告如下")."""
    wrapped = doc.info.get("wrap")
    held = None  # [line, text, last line, fills the width]
    for n, t in enumerate(texts, start=1):
        if n in doc.chrome:
            continue
        norm = normalize(unmarked(t))
        full = wrapped is not None and wrapped.fills(visible(t))
        if held is not None and held[3] and held[2] == n - 1 and norm \
                and not HEADING_START.match(norm) and not is_signature(norm):
            held[1], held[2], held[3] = held[1] + norm, n, full
            continue
        if held is not None:
            yield held[0], held[1]
        held = [n, norm, n, full]
    if held is not None:
        yield held[0], held[1]


def unmarked(line: str) -> str:
    """The line without a site watermark."""
    return WATERMARK.sub("", line) if "www." in line or "://" in line else line


def _read(lines) -> list[tuple[int, str]]:
    """(line, text) of the first HEAD characters of ``lines``, skipping lines with no words."""
    out, total = [], 0
    for n, norm in lines:
        if total >= HEAD:
            break
        if not _WORDS.search(norm, 0, 40) and not _ENGLISH.search(norm):
            continue  # rules, table pipes, URLs: no words to read
        norm = norm[: HEAD - total]
        out.append((n, norm))
        total += len(norm)
    return out


def title_block_lines(doc) -> tuple[set[int], set[int]]:
    """(lines of the paragraphs that may be a title: short, no comma or full stop; first lines
    of the others)."""
    short, first = set(), set()
    for b in doc.blocks[:40]:
        if len(b.norm) <= TITLE_MAX and "," not in b.norm and "。" not in b.norm:
            short.update(range(b.start, b.end + 1))
        else:
            first.add(b.start)
    return short, first


def is_title_line(norm: str, n: int, where: tuple[set[int], set[int]]) -> bool:
    """A line that may be a title: short, no comma or full stop, and a paragraph of its own (or a title
    over two lines), or the first line of a paragraph that ends as titles end (a title run into
    the next paragraph). A short line of hard-wrapped body text is neither."""
    short, first = where
    return len(norm) <= TITLE_MAX and "," not in norm and not norm.endswith("。") and (
        n in short or (n in first and bool(TITLE_END.search(norm))))


def _find(pattern, lines):
    """(line, matched text) of the first match of ``pattern`` in ``lines``."""
    if pattern is None:
        return None
    for n, t in lines:
        m = pattern.search(t)
        if m:
            return n, m.group()
    return None


def _quote(doc, hit) -> str:
    """第n行「…」 with the words as the report writes them (full-width, spaces), not normalised."""
    n, text = hit
    return f"第{n}行「{original(doc, n, text[:40])}」"


def original(doc, n: int, norm: str) -> str:
    """The original text of a normalised match that starts on line ``n``: each character as
    itself or its full-width form, white space and Markdown marks allowed between them."""
    line = doc.lines[n - 1][:HEAD + 300] if 0 < n <= len(doc.lines) else ""
    if norm in line:
        return norm
    k = line.translate(_HALF_WIDTH).find(norm)  # the common case: no white space inside
    if k >= 0:
        return line[k:k + len(norm)]
    window = "\n".join(doc.lines[n - 1:n + 5])[:3000]
    parts = []
    for c in norm:
        alts = [regex.escape(c)] + ([regex.escape(chr(ord(c) + 0xFEE0))] if "!" <= c <= "~" else [])
        parts.append(alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})")
    m = regex.search(r"[\s*_#\p{DI}\uFFF9-\uFFFB]*".join(parts), window)  # invisible characters too
    return regex.sub(r"\s+", " ", m.group()).strip() if m else norm


def classify(doc, spec: dict, title: str | None = None, sections=(), first_heading: int | None = None,
             title_line: int | None = None):
    """(kind id, reason in Chinese) for a document, from the rulebook's ``document`` section
    ``spec``; ``title`` (on ``title_line``) is the title the metadata found, ``sections`` are
    outline headings (line, title) and ``first_heading`` the line of the first one, when known."""
    head = Head(doc, title, first_heading, title_line)
    formula = spec.get("opening")
    opening = head.opening(formula)
    titles, openings = spec.get("kind_title") or {}, spec.get("kind_opening") or {}
    # a document names itself in its title; a name in 《》 is another document's, and a word or
    # two alone on a line (规划计划, 政策解读) is a site's column, not a title
    unquoted = [(n, _QUOTED.sub("", t)) for n, t in head.titles if len(t) >= TITLE_MIN]
    for kind, pat in titles.items():
        hit = _find(pat, unquoted)
        if hit:
            return kind, f"标题{_quote(doc, hit)}表明这是{KINDS.get(kind, kind)}，不是法治政府建设年度报告"
    for kind, pat in openings.items():
        hit = _find(pat, opening)
        if hit:
            return kind, f"开头{_quote(doc, hit)}是{KINDS.get(kind, kind)}的写法，不是法治政府建设年度报告"

    subject = spec.get("subject")
    if _find(subject, head.lines) is None and _find(subject, head.titles) is None:
        return "other", "开头未提及法治政府建设或依法行政，不是法治政府建设年度报告"
    hit = _find(spec.get("title"), head.titles)
    if hit:
        return "annual_report", f"标题{_quote(doc, hit)}表明是法治政府建设（依法行政）年度报告"
    hit = _find(formula, opening)
    if hit:
        return "annual_report", f"开头以{_quote(doc, hit)}报告一个年度的法治政府建设（依法行政）情况"
    hit = _find(spec.get("addressee"), head.lines[:4])
    if hit:
        return "annual_report", f"开头{_quote(doc, hit)}写明报送机关，正文报告法治政府建设（依法行政）情况"
    structure = spec.get("structure")
    parts = [h for h in [*sections, *head.headings] if structure is not None and structure.search(h[1])]
    year = _find(spec.get("covered_year"), head.lines[:4])
    if parts and year:
        return "annual_report", f"开头{_quote(doc, year)}总结一个年度，并有年度报告的部分（{_quote(doc, parts[0])}）"
    distinct = list({structure.search(t).group(): (n, t) for n, t in reversed(parts)}.values())
    if len(distinct) >= 2:
        return "annual_report", (f"有年度报告的部分（{_quote(doc, distinct[-1])}、{_quote(doc, distinct[-2])}），"
                                 "主题是法治政府建设")
    return "other", "开头没有年度报告的标题、报告用语（现将…报告如下）、报送机关或年度报告的部分"
