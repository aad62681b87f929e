"""A report page saved from a government site (.html/.htm), read with selectolax (Lexbor).

The article body is found the way a reader's eye finds it: first the content containers that
Chinese government site systems use (TRS ``#zoom``/``.TRS_Editor``, ``#UCAP-CONTENT`` ...), and
when none holds enough text, the element whose paragraphs carry the most Chinese text. Scripts,
styles, navigation, share widgets and forms are never read; block elements (p, div, li, br,
headings, table rows) end a line, so the body keeps its paragraph structure. h1-h6 inside the
body become Markdown heading lines, shifted so the body's biggest heading is level 1. The page's
own title (h1 outside the body) is kept as the first line when the body does not repeat it.

What a reader cannot see is not read: elements hidden by ``display:none``, ``visibility:hidden``
(unless a descendant makes itself visible again) or the ``hidden`` attribute, inline or through
a simple class/id rule of the page's own ``<style>``, are removed before the body is looked for
(``aria-hidden`` hides from screen readers only, so that text stays). Nesting deeper than
``MAX_DEPTH`` elements is flattened before parsing: the parser's time grows with the square of
the depth (200,000 nested ``<div>`` took two minutes), and no real page nests that deep.
"""

from __future__ import annotations

from pathlib import Path

import regex

from checker.document.model import Document, build_document
from checker.document.normalize import normalize
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
MAX_DEPTH = 128  # nesting kept; deeper elements are unwrapped (their text kept)

_DISPLAY_NONE = regex.compile(r"(?:^|;)\s*display\s*:\s*none\b", regex.I)
_VIS_HIDDEN = regex.compile(r"(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\b", regex.I)
_VIS_VISIBLE = regex.compile(r"(?:^|;)\s*visibility\s*:\s*visible\b", regex.I)
_BRACE = regex.compile(r"[{}]")
_SIMPLE_SELECTOR = regex.compile(r"^[A-Za-z0-9]*(?:[.#][A-Za-z_][\w-]*)+$|^[A-Za-z][A-Za-z0-9]*$")
_CSS_COMMENT = regex.compile(r"/\*.*?\*/", regex.S)
# Tags that never nest (void) or whose end the parser implies (p, li, td ...): not counted as depth.
_NO_DEPTH = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
             "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody",
             "thead", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body", "frame", "basefont", "isindex"}


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


def _flatten_deep(text: str) -> str:
    """The page with elements nested deeper than ``MAX_DEPTH`` unwrapped (a block tag becomes a
    ``<br>`` so that paragraphs stay apart); unchanged when it never nests that deep. One linear
    scan: a tag is ``<name ...>`` without ``<`` inside, comments and script/style bodies skipped."""
    import re

    if text.count("<") < MAX_DEPTH:
        return text
    tag = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>|<!--")
    lower = None
    out: list[str] = []
    stack: list[str] = []  # open elements kept, at most MAX_DEPTH
    changed, pos, last = False, 0, 0
    dropped: dict[str, int] = {}
    while True:
        m = tag.search(text, pos)
        if m is None:
            break
        if m.group() == "<!--":
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        closing, name = m.group(1), m.group(2).lower()
        pos = m.end()
        if not closing and name in ("script", "style", "textarea", "title", "xmp"):
            lower = lower if lower is not None else text.lower()
            end = lower.find(f"</{name}", pos)
            pos = len(text) if end < 0 else end
            continue
        if name in _NO_DEPTH:
            continue
        drop = False
        if not closing:
            if len(stack) >= MAX_DEPTH:
                dropped[name] = dropped.get(name, 0) + 1
                drop = True
            else:
                stack.append(name)
        elif dropped.get(name):  # the unwrapped elements are the innermost: their ends come first
            dropped[name] -= 1
            drop = True
        elif name in stack:  # an end tag closes the elements left open inside it, as the parser does
            del stack[len(stack) - 1 - stack[::-1].index(name):]
        if drop:
            out.append(text[last:m.start()])
            out.append("<br>" if name in _BLOCK else "")
            last, changed = m.end(), True
    if not changed:
        return text
    out.append(text[last:])
    return "".join(out)


def _hidden_style(style: str) -> bool:
    return bool(_DISPLAY_NONE.search(style) or _VIS_HIDDEN.search(style))


MAX_HIDING_RULES = 200  # class/id rules of a page's <style> looked up (each is a search of the page)


def _top_level_rules(css: str):
    """(selector, declarations) of the style sheet's plain rules. Rules inside ``@media`` and
    other at-rule blocks are left out: ``@media print {.x {display:none}}`` hides nothing on screen."""
    depth, start, open_at, nested = 0, 0, -1, False
    for m in _BRACE.finditer(css):
        if m.group() == "{":
            depth += 1
            if depth == 1:
                open_at, nested = m.start(), False
            else:
                nested = True
        elif depth:
            depth -= 1
            if depth == 0:
                selector = css[start:open_at].strip()
                if not nested and not selector.startswith("@") and len(selector) <= 500:
                    yield selector, css[open_at + 1:m.start()]
                start = m.end()


def _remove_hidden(tree) -> int:
    """Remove what a sighted reader does not see; return the number of Chinese characters removed
    from the part of the page that would have been taken as the body (hidden menus of the site
    around it are not worth a note)."""
    selectors: set[str] = set()
    for st in tree.css("style"):
        css = _CSS_COMMENT.sub("", st.text(deep=True, separator="") or "")
        for selector, decls in _top_level_rules(css):
            if _hidden_style(decls.replace("!important", "")):
                for sel in selector.split(","):
                    sel = sel.strip()
                    if _SIMPLE_SELECTOR.match(sel) and len(selectors) < MAX_HIDING_RULES:
                        selectors.add(sel)
    doomed = []
    for sel in sorted(selectors):
        try:
            doomed.extend(tree.css(sel))
        except Exception:  # noqa: BLE001 - a selector the parser does not take: ignore the rule
            continue
    doomed.extend(tree.css("[hidden]"))
    for node in tree.css("[style]"):
        style = (node.attributes or {}).get("style") or ""
        if _DISPLAY_NONE.search(style):
            doomed.append(node)
        elif _VIS_HIDDEN.search(style):
            if not any(_VIS_VISIBLE.search((d.attributes or {}).get("style") or "") for d in node.css("[style]")):
                doomed.append(node)
            else:  # a visible descendant stays: drop only the text that inherits "hidden"
                doomed.extend(t for t in node.traverse(include_text=True)
                              if t.tag == "-text" and not _visible_again(t, node))
    if not doomed:
        return 0
    scope = _find_body(tree)
    removed = 0
    # decompose() frees a node's subtree: only the outermost hidden nodes, each once, all chosen
    # before the first is removed
    unique = list({n.mem_id: n for n in doomed}.values())
    for node in _outermost(unique):
        if node.tag == "html" or node.parent is None:
            continue
        if scope is not None and _inside(node, scope):
            removed += len(_HAN.findall(node.text_content or "")) if node.tag == "-text" else _han(node)
        node.decompose()
    return removed


def _inside(node, ancestor) -> bool:
    target = ancestor.mem_id
    while node is not None:
        if node.mem_id == target:
            return True
        node = node.parent
    return False


def _visible_again(text_node, hidden) -> bool:
    node = text_node.parent
    while node is not None and node.mem_id != hidden.mem_id:
        style = (node.attributes or {}).get("style") or ""
        if _VIS_VISIBLE.search(style):
            return True
        if _VIS_HIDDEN.search(style):
            return False
        node = node.parent
    return False


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
        nodes = _outermost([n for n in tree.css(sel) if not _is_chrome(n)])
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


def _outermost(nodes: list) -> list:
    """The nodes that are not inside another of them (an outer node holds at least the Chinese
    text of an inner one): counting the text of every nested container would be quadratic."""
    if len(nodes) < 2:
        return nodes
    ids = {n.mem_id for n in nodes}
    out = []
    for n in nodes:
        parent = n.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(n)
    return out


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


_SPACES = regex.compile(r"[ \t\r\n\f\u00a0\u3000]+")


def _space(m) -> str:
    return "" if "\n" in m.group() else " "


def _lines(root) -> list[tuple[str, int]]:
    """(text, heading level) for each line of the body, walking the tree without recursion."""
    out: list[tuple[str, int]] = []
    cur: list[str] = []
    level = 0

    def newline() -> None:
        nonlocal level
        if not cur:
            level = 0
            return
        text = _SPACES.sub(_space, "".join(cur)).strip()
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

        tree = LexborHTMLParser(_flatten_deep(text))
        hidden = _remove_hidden(tree)
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
    flat = normalize("".join(t for t, _ in found[:3]))
    if title and normalize(title) not in flat:  # (spaces and invisible characters aside)
        lines.insert(0, title)
    doc = build_document(lines, str(path), encoding=encoding, format="html")
    if hidden:
        doc.info["hidden_chars"] = hidden
    return doc
