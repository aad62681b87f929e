"""A report page saved from a government site (.html/.htm), read with selectolax (Lexbor).

The article body is found the way a reader's eye finds it: first the content containers that
Chinese government site systems use (TRS ``#zoom``/``.TRS_Editor``, ``#UCAP-CONTENT`` ...), and
when none holds enough text, the element whose paragraphs carry the most Chinese text. Scripts,
styles, navigation, share widgets and forms are never read; block elements (p, div, li, br,
headings, table rows) end a line, so the body keeps its paragraph structure. h1-h6 inside the
body become Markdown heading lines, shifted so the body's biggest heading is level 1. The page's
own title (h1 outside the body) is kept as the first line when the body does not repeat it.
"""

from __future__ import annotations

from pathlib import Path

import regex

from checker.document import Document, build_document
from checker.errors import InputError
from checker.ingest.text import decode

_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
_SKIP = {"script", "style", "noscript", "iframe", "nav", "form", "button", "select", "option", "textarea",
         "svg", "template", "head", "title", "object", "embed", "video", "audio", "canvas", "input"}
_BLOCK = {"p", "div", "li", "ul", "ol", "br", "tr", "table", "tbody", "section", "article", "blockquote",
          "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "dl", "hr", "header", "footer", "aside",
          "main", "center", "td", "th", "figure", "figcaption", "address"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Content containers of the site systems Chinese governments use, most specific first.
_CONTENT = ["#zoom", ".TRS_Editor", ".trs_editor", "#UCAP-CONTENT", ".view.TRS_UEDITOR", "#Zoom", "#fontzoom",
            ".article-content", ".article_content", ".articleContent", ".art_con", ".artcon", ".news_content",
            ".content_text", ".detail-content", ".detail_content", "#content", ".content", "article", ".article",
            "#article", ".main-content", "#main-content"]
# Class/id words of site chrome; a class token matches when one of its parts (split at - and _)
# starts with one of them: "con_nav", "bdshare_t", "footer-links", "dqwz" (当前位置).
_CHROME = ("nav", "subnav", "menu", "crumb", "breadcrumb", "position", "location", "dqwz", "footer", "foot",
           "share", "bdshare", "fenxiang", "sidebar", "related", "xgxx", "xgwz", "copyright", "banner", "toolbar",
           "tools", "print", "header", "topbar", "search", "login", "gotop", "backtop")
_TOKEN = regex.compile(r"[\s_\-]+")
_HAN = regex.compile(r"\p{Han}")
MIN_BODY = 100  # Chinese characters a content container must hold to be taken as the body


def _decode(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    if not encoding and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            declared = "gb18030" if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else declared
            try:
                return data.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    return decode(data, path, encoding)


def _han(node) -> int:
    return len(_HAN.findall(node.text(deep=True, separator="")))


def _is_chrome(node) -> bool:
    attrs = node.attributes or {}
    names = " ".join(v for k, v in attrs.items() if k in ("class", "id", "role") and v)
    if node.tag in ("header", "footer", "aside"):
        return True
    return bool(names) and any(part.startswith(_CHROME) for part in _TOKEN.split(names.lower()) if part)


def _find_body(tree):
    known = None
    for sel in _CONTENT:
        nodes = [n for n in tree.css(sel) if not _is_chrome(n)]
        if nodes:
            known = max(nodes, key=_han)
            if _han(known) >= MIN_BODY:
                return known
            break
    dense = _densest(tree)
    if dense is None:
        return known or tree.body
    if known is not None and _han(known) >= _han(dense):
        return known  # a short body in a known container
    return dense


def _densest(tree):
    """The element whose own paragraphs carry the most Chinese text (links and chrome not counted)."""
    scores: dict[int, tuple[float, object]] = {}
    for p in tree.css("p, div, td, li, span, font"):
        if _is_chrome(p):
            continue
        own = sum(len(_HAN.findall(c.text_content or "")) for c in p.iter(include_text=True) if c.tag == "-text")
        if own < 10:
            continue
        parent = p.parent
        for weight in (1.0, 0.5):
            if parent is None:
                break
            prev = scores.get(parent.mem_id, (0.0, parent))  # mem_id: the DOM node, not the proxy
            scores[parent.mem_id] = (prev[0] + own * weight, parent)
            parent = parent.parent
    if not scores:
        return None
    return max(scores.values(), key=lambda s: s[0])[1]


def _lines(root) -> list[tuple[str, int]]:
    """(text, heading level) for each line of the body, walking the tree without recursion."""
    out: list[tuple[str, int]] = []
    cur: list[str] = []
    level = 0

    def newline() -> None:
        nonlocal level
        text = regex.sub(r"[ \t\r\n\f\u00a0\u3000]+", lambda m: "" if "\n" in m.group() else " ", "".join(cur)).strip()
        if text:
            out.append((text, level))
        cur.clear()
        level = 0

    stack = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            newline()
            continue
        if tag == "-text":
            cur.append(node.text_content or "")
            continue
        if tag in _SKIP or tag == "-comment" or (node is not root and _is_chrome(node)):
            continue
        block = tag in _BLOCK
        if block:
            newline()
            stack.append((node, True))
            if tag in _HEADINGS:
                level = _HEADINGS[tag]
        children = list(node.iter(include_text=True))
        stack.extend((c, False) for c in reversed(children))
    newline()
    return out


def read(path: Path, opts) -> Document:
    text, encoding = _decode(path.read_bytes(), path, opts.encoding)
    try:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(text)
        body = _find_body(tree)
        if body is None:
            raise InputError(path, "网页中没有正文")
        found = _lines(body)
        title = None
        for h in tree.css("h1, .title, .article-title"):
            t = h.text(deep=True, separator="").strip()
            if t and _han(h) >= 4 and not _is_chrome(h):
                title = t
                break
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - the parser must not cost the batch its other files
        raise InputError(path, f"无法解析网页（{type(e).__name__}）") from None
    levels = [lv for _, lv in found if lv]
    top = min(levels) if levels else 1
    lines = ["#" * (lv - top + 1) + " " + t if lv else t for t, lv in found]
    flat = "".join(t for t, _ in found[:3]).replace(" ", "")
    if title and title.replace(" ", "") not in flat:
        lines.insert(0, title)
    return build_document(lines, str(path), encoding=encoding, format="html")
