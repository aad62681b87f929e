"""Word (.docx) with python-docx: body paragraphs and table cells in document order.

Headers, footers and footnotes live in other parts of the package and are never read. A
paragraph in a heading style becomes a Markdown heading line ("## ..."), so that it stands alone
as a heading; Word's automatic numbering is rendered into the text ("一、", "（一）", "1.") because
a heading numbered by Word has no number in its text and the outline needs it. Line N of the
Document is the N-th non-empty paragraph (table cells included).

Hidden text (``<w:vanish/>`` on a run, or through the run's character style or the paragraph's
style) is not read: Word does not show or print it, so it must not change a verdict.
"""

from __future__ import annotations

from pathlib import Path

import regex

from checker.document.model import Document, build_document
from checker.errors import InputError
from checker.ingest import zipguard

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = regex.compile(r"^(?:heading|标题)\s*(\d)$", regex.I)
_CN = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified",
               "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    return str(n)  # decimal, decimalZero and anything unknown


def _val(el, tag: str):
    if el is None:
        return None
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


class _Numbering:
    """Word's list numbering: (numId, ilvl) -> label text, counting as Word does."""

    def __init__(self, numbering_el):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> (start, fmt, text)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if numbering_el is None:
            return
        for a in numbering_el.iter(W + "abstractNum"):
            lv = {}
            for lvl in a.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                lv[ilvl] = (int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
            self.levels[a.get(W + "abstractNumId")] = lv
        for num in numbering_el.iter(W + "num"):
            overrides = {}
            for o in num.iter(W + "lvlOverride"):
                start = _val(o, "startOverride")
                if start is not None:
                    overrides[int(o.get(W + "ilvl", "0"))] = int(start)
            self.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                if lvl < 9:
                    counters[lvl] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][0]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def sub(m):
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return _format(counters[k] or levels[k][0], levels[k][1])

        return regex.sub(r"%(\d)", sub, text)


class _Styles:
    def __init__(self, styles_el):
        self.by_id = {s.get(W + "styleId"): s for s in styles_el.iter(W + "style")} if styles_el is not None else {}
        self._vanish: dict[str, bool] = {}
        self.hidden: list[str] = []  # hidden text skipped while reading (for the reader's note)

    def chain(self, style_id):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            style_id = _val(st, "basedOn")

    def heading_level(self, style_id) -> int:
        for st in self.chain(style_id):
            name = _val(st, "name") or ""
            m = _HEADING_STYLE.match(name.strip())
            if m:
                return int(m.group(1))
            lvl = _val(st.find(W + "pPr"), "outlineLvl")
            if lvl is not None and lvl.isdigit() and int(lvl) < 9:
                return int(lvl) + 1
        return 0

    def vanish(self, style_id) -> bool:
        """Does the style (or one it is based on) hide its text?"""
        if not style_id:
            return False
        if style_id not in self._vanish:
            hidden = False
            for st in self.chain(style_id):
                v = _on(st.find(f"{W}rPr/{W}vanish"))
                if v is not None:
                    hidden = v
                    break
            self._vanish[style_id] = hidden
        return self._vanish[style_id]

    def numbering(self, style_id) -> tuple[str | None, int | None]:
        for st in self.chain(style_id):
            num_pr = st.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                return _val(num_pr, "numId"), int(ilvl) if ilvl else None
        return None, None


def _on(el) -> bool | None:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="false"/>``): True, False or None if absent."""
    if el is None:
        return None
    return el.get(W + "val", "true").lower() not in ("0", "false", "off")


def _paragraph_text(p, styles: "_Styles | None" = None, hidden: list | None = None) -> str:
    """Visible text of a paragraph: runs, hyperlinks, insertions; not deleted text, field codes
    or hidden runs. ``hidden`` collects the hidden text skipped."""
    parts = []
    ppr = p.find(W + "pPr")
    para_hidden = styles.vanish(_val(ppr, "pStyle")) if styles is not None else False
    runs: dict = {}
    for el in p.iter(W + "t", W + "tab"):
        run = el.getparent()
        if run not in runs:
            runs[run] = _run_hidden(run, styles, para_hidden)
        text = (el.text or "") if el.tag == W + "t" else " "
        if runs[run]:
            if hidden is not None:
                hidden.append(text)
            continue
        parts.append(text)
    return "".join(parts)


def _run_hidden(run, styles, para_hidden: bool) -> bool:
    rpr = run.find(W + "rPr") if run is not None else None
    if rpr is not None:
        own = _on(rpr.find(W + "vanish"))
        if own is not None:
            return own
        if styles is not None:
            via = styles.vanish(_val(rpr, "rStyle"))
            if via:
                return True
    return para_hidden


def _lines(body, styles: _Styles, numbering: _Numbering, out: list[tuple]) -> None:
    """(text, w:p element) of every body paragraph, table cells included, in document order."""
    for el in body.iterchildren():
        tag = el.tag
        if tag == W + "p":
            out.append((_paragraph_line(el, styles, numbering), el))
        elif tag == W + "tbl":  # a merged cell is one w:tc; its vMerge continuations are empty
            for tc in el.iter(W + "tc"):
                for sub in tc.iterchildren(W + "p"):
                    out.append((_paragraph_line(sub, styles, numbering), sub))
        elif tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                _lines(content, styles, numbering, out)


def _paragraph_line(p, styles: _Styles, numbering: _Numbering) -> str:
    text = _paragraph_text(p, styles, styles.hidden).strip()
    ppr = p.find(W + "pPr")
    style_id = _val(ppr, "pStyle")
    level = styles.heading_level(style_id)
    own = _val(ppr, "outlineLvl")
    if own is not None and own.isdigit() and int(own) < 9:
        level = int(own) + 1
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    num_id, ilvl = styles.numbering(style_id)
    if num_pr is not None:
        num_id = _val(num_pr, "numId") or num_id
        il = _val(num_pr, "ilvl")
        ilvl = int(il) if il else ilvl
    if num_id and num_id != "0" and text:
        label = numbering.label(num_id, ilvl or 0)
        if label and not text.startswith(label.strip()):
            text = label + text
    if level and text:
        return "#" * min(level, 6) + " " + text
    return text


def paragraphs(d) -> tuple[list[str], list, list[str]]:
    """The Document's lines of an opened python-docx document, the ``w:p`` element each line
    comes from (line N is ``elements[N - 1]``), and the hidden text skipped. One mapping for the
    reader and for anything that must find a line's paragraph again (``checker.wordreview``)."""
    try:
        numbering_el = d.part.numbering_part.element
    except (NotImplementedError, KeyError):
        numbering_el = None
    styles = _Styles(d.styles.element)
    found: list[tuple] = []
    _lines(d.element.body, styles, _Numbering(numbering_el), found)
    kept = [(ln, el) for ln, el in found if ln.strip()]
    return [ln for ln, _ in kept], [el for _, el in kept], styles.hidden


def read(path: Path, opts) -> Document:
    zipguard.check(path, ".docx")
    try:
        import docx

        lines, _, hidden_text = paragraphs(docx.Document(str(path)))
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged package fails in many places
        raise InputError(path, f"无法解析 .docx 文件（文件已损坏或不完整：{type(e).__name__}）") from None
    doc = build_document(lines, str(path), encoding=None, format="docx")
    hidden = len(regex.findall(r"\p{Han}", "".join(hidden_text)))
    if hidden:
        doc.info["hidden_chars"] = hidden
    return doc
