"""The report as the engine sees it: original lines, and the logical paragraphs and sentences
rebuilt from them.

Every sentence keeps the number of the line it starts on and its original text, so that any
match in the normalised text can be quoted back to the reviewer exactly as written.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import regex
import yaml

from checker import noise
from checker.noise import pages, script, wrap
from checker.document.normalize import normalize, visible_map
from checker.paths import DATA_DIR
from checker.document.signature import is_signature

# A sentence ends at one of these (closing quotes after them stay with the sentence).
_SENTENCE = regex.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』\"')）]*|$)")
# A line that ends with one of these closes its paragraph.
_CLOSED = tuple("。！？!?；;：:")
_MID = tuple(",，、(（《“")
_MD_HEADING = regex.compile(r"^\p{DI}*(?:\s\p{DI}*){0,3}(#{1,6})[\s\p{DI}]*")  # DI: invisible characters
_MD_RULE = regex.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_PREFIX = regex.compile(r"^\s*(?:>\s*)+")
# The start of a numbered heading or item (normalised text).
HEADING_START = regex.compile(
    r"^(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+[、.]|"
    r"\([一二三四五六七八九十]+\)|\d{1,2}(?:、|\.(?!\d)|\.(?=\d{4}年))|\(\d{1,2}\)|[一二三四五六七八九十]+是)"
)
# A lone surrogate (from a damaged text layer) cannot be encoded for any output: U+FFFD instead.
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_BOLD_LINE = regex.compile(r"^\s*(\*\*|__)[^*_]{2,60}\1\s*$")
_BOLD_START = regex.compile(r"^\s*(?:\*\*|__)(?![*_])")  # a line that opens with bold text opens a paragraph
_ITEM_START = regex.compile(r"^[一二三四五六七八九十]+是")
_STOPS = regex.compile(r"[。！？!?；;]")
MAX_RUNIN_HEADING = 60  # checker.document.outline.MAX_HEADING
_NO_START = tuple("、，,。.；;：:）)》”’」』!！?？%")
# how a report part's heading ends (主要举措和成效, 存在的问题, 2025年工作安排 …)
_PART_HEADING_END = regex.compile(r"(?:成效|成绩|不足|原因|问题|短板|差距|安排|打算|思路|计划|重点|展望|举措|措施|做法|情况|工作)$")
_TITLE_LIKE = regex.compile(r"(?:报告|总结|情况|讲话|方案|计划|要点|意见|通知|办法|规定|解读)$")


@lru_cache(maxsize=1)
def _chrome_patterns() -> tuple[regex.Pattern, ...]:
    """The page-chrome patterns as one or two alternations; a line is chrome when any of them
    finds a match (``_is_chrome``).

    Patterns that open with ``^`` are kept apart from the others: ``regex`` then tries that
    alternation only at the start of a line, instead of every alternative at every position
    (about 3 µs a line together, under 1 µs apart). A match of either alternation is a match of
    one of the patterns, so the answer is the same; patterns with inline flags (which in a
    single alternation may apply to all of it) stay in one alternation.
    """
    data = yaml.safe_load((DATA_DIR / "page_chrome.yaml").read_text(encoding="utf-8"))
    pats = [str(p) for p in data["patterns"]]
    groups = [pats]
    if not any(regex.search(r"\(\?[a-zA-Z^-]", p) for p in pats):
        groups = [[p for p in pats if p.startswith("^")], [p for p in pats if not p.startswith("^")]]
    return tuple(regex.compile("|".join(f"(?:{p})" for p in g)) for g in groups if g)


def _is_chrome(norm: str, chrome: tuple[regex.Pattern, ...]) -> bool:
    for rx in chrome:
        if rx.search(norm):
            return True
    return False


@dataclass(slots=True)
class Sentence:
    line: int  # 1-based line where the sentence starts
    text: str  # original text, stripped; joined without newlines when it spans lines
    norm: str  # normalised text used for matching


@dataclass(slots=True)
class Block:
    """A logical paragraph: lines joined where a page or line break cut a sentence."""

    start: int
    end: int
    sentences: list[Sentence]
    norm: str = ""
    offsets: list[int] = field(default_factory=list)  # start of each sentence in norm
    md_level: int = 0  # Markdown heading level of its first line (0: none)

    def __post_init__(self) -> None:
        pos, offs = 0, []
        for s in self.sentences:
            offs.append(pos)
            pos += len(s.norm)
        self.offsets = offs
        self.norm = "".join(s.norm for s in self.sentences)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[bisect_right(self.offsets, offset) - 1]


@dataclass
class Document:
    path: str
    lines: list[str]  # original lines, without line ends; lines[0] is line 1
    blocks: list[Block]
    chrome: set[int]  # line numbers of page chrome
    encoding: str | None = None
    format: str = "txt"
    pages: list[int] | None = None  # page number of each line (PDF), same length as lines
    info: dict = field(default_factory=dict)  # reader notes (e.g. encoding detected)

    def line(self, n: int) -> str:
        return self.lines[n - 1]

    def matchable(self, texts: list[str]) -> list[str]:
        """Original text (lines, a title) as patterns see it: in simplified characters when the
        report is written in traditional ones, each the same length as the original."""
        if not self.info.get("traditional"):
            return texts
        from checker.noise import script

        return script.to_simplified(texts)

    def normalized(self, text: str) -> str:
        """Text taken from the report (a title, an issuer) normalised as patterns see the body:
        simplified characters for a report in traditional ones, no invisible characters."""
        return normalize(self.matchable([text])[0])

    def page_of(self, line: int) -> int | None:
        if self.pages and 0 < line <= len(self.pages):
            return self.pages[line - 1]
        return None

    def page_position(self, line: int, offset: int = 0) -> tuple[int, int | None] | None:
        """(page, line on that page) of the character at ``offset`` in a line, for formats with
        pages (PDF, where one Document line is a paragraph printed over several lines)."""
        rows = self.info.get("row_starts")
        if rows and 0 < line <= len(rows):
            here = rows[line - 1][0]
            for start in rows[line - 1]:
                if start[0] <= offset:
                    here = start
            return here[1], here[2]
        page = self.page_of(line)
        return (page, None) if page is not None else None


def _clean_line(raw: str) -> tuple[str, int, int]:
    """Strip Markdown structure from one line; return the content, its heading level and where
    the content starts in ``raw``."""
    if _MD_RULE.match(raw):
        return "", 0, 0
    level = at = 0
    m = _MD_HEADING.match(raw)
    if m:
        level, at = len(m.group(1)), m.end()
    p = _MD_PREFIX.match(raw[at:])
    if p:
        at += p.end()
    rest = raw[at:]
    content = rest.strip()
    return content, level, at + len(rest) - len(rest.lstrip()) if content else at


def _closes(norm: str) -> bool:
    return norm.rstrip("”’」』\"')）*").endswith(_CLOSED)


def _split_sentences(text: str, starts: list[int], first_line: list[int], conv: str | None = None,
                     origin: tuple[str, list[int]] | None = None) -> list[Sentence]:
    """Sentences of a paragraph. ``conv``: the paragraph as patterns see it before normalising
    (simplified characters), exactly as long as ``text``, so the same span is quoted. ``origin``:
    the paragraph as written when ``text`` is its visible text (invisible characters dropped), and
    where each character of ``text`` is in it: a sentence quotes the original."""
    out = []
    for m in _SENTENCE.finditer(text if conv is None else conv):
        chunk = m.group() if conv is None else text[m.start():m.end()]
        stripped = chunk.strip()
        if not stripped:
            continue
        at = m.start() + (len(chunk) - len(chunk.lstrip()))
        norm = normalize(stripped if conv is None else conv[at:at + len(stripped)])
        if not norm:
            continue
        line = first_line[bisect_right(starts, at) - 1]
        if origin is not None:
            stripped = origin[0][origin[1][at]:origin[1][at + len(stripped)]]
        out.append(Sentence(line, stripped, norm))
    return out


def _opening(cur: list[tuple], size: int = 60) -> str:
    """The paragraph's first ``size`` characters or more (all the checks below look at): built
    from its first lines only, so that joining a paragraph of n lines stays linear in n."""
    parts, total = [], 0
    for c in cur:
        parts.append(c[-1])
        total += len(c[-1])
        if total >= size:
            break
    return "".join(parts)


def _bold_open(cur: list[tuple], size: int = 80) -> bool:
    """The paragraph opens a bold span (``**``) in its first lines and has not closed it: a bold
    heading cut by a line break (only the opening is looked at, to stay linear)."""
    if not cur[0][1].lstrip().startswith(("**", "__")):
        return False
    marks = total = 0
    for c in cur:
        marks += c[1].count("**") + c[1].count("__")
        total += len(c[1])
        if total >= size:
            return False
    return marks % 2 == 1 and not cur[-1][1].rstrip().endswith(("*", "_"))  # "…情况*" + "*": closed


def _prose(norm: str) -> bool:
    """A numbered line that is a clause, not a heading: an item (一是…) with a comma, or any
    numbered line with two."""
    commas = norm.count(",")
    return commas >= 2 or (commas >= 1 and bool(_ITEM_START.match(norm)))


def _continues(cur: list[tuple], nxt: str, full: bool = False, nxt_full: bool = False, stop_in=None) -> bool:
    """Does the line ``nxt`` continue the paragraph ``cur`` (cut by a line or page break)?
    ``full``/``nxt_full``: the last line / ``nxt`` fills the width a hard-wrapped text was cut at
    (``noise.wrap``); ``stop_in(n)``: where the first sentence from ``nxt`` on ends, if within n
    characters (it may run over the following lines)."""
    prev = cur[-1][-1]
    if nxt.startswith(_NO_START) and not is_signature(prev):
        return True  # no line of its own starts with 、，。 or a closing bracket
    if len(cur) == 1 and _BOLD_LINE.match(cur[0][1]):
        return False  # a bold heading on a line of its own, even one that fills a wrapped width
    if full and len(cur) == 1 and not is_signature(prev) and is_signature(prev + nxt):
        return True  # the wrapper cut a signature line: 清镇市 / 人民政府
    if full and not is_signature(nxt) and not (HEADING_START.match(nxt) and not _ITEM_START.match(nxt)):
        # the wrapper, not the writer, ended the line; but a bare heading that happens to fill
        # the width may be followed by its body, whose first line fills the width again: it
        # continues only if its first sentence then ends as soon as a heading's would
        bare = len(cur) == 1 and HEADING_START.match(prev) and not _ITEM_START.match(prev) and not _STOPS.search(prev)
        if not (bare and nxt_full):
            return True
        stop = stop_in(MAX_RUNIN_HEADING - len(prev)) if stop_in else None
        if stop is not None:
            return True
    if _closes(prev) or HEADING_START.match(nxt) or is_signature(nxt):
        return False
    if prev.endswith(_MID):
        return True  # cut after a comma: certainly mid-sentence
    if _bold_open(cur):
        return True  # a bold heading whose closing marks are on a later line
    joined = _opening(cur)
    if len(prev) < 15 or (len(joined) < 50 and _TITLE_LIKE.search(joined)):
        return False  # a short line or a title ends its paragraph
    if HEADING_START.match(joined) and len(joined) < 60 and not _STOPS.search(joined) and not _prose(joined):
        return False  # a numbered heading without punctuation (no run-in sentence)
    if len(cur) == 1 and len(prev) <= 30 and len(nxt) > len(prev) + 8 and _PART_HEADING_END.search(prev):
        return False  # a part heading on a line of its own, shorter than the text after it
    return True


def _fills(wrapped, last: str, nxt: str) -> tuple[bool, bool]:
    return (False, False) if wrapped is None else (wrapped.fills(last), wrapped.fills(nxt))


def _segments(lines: list[str], fmt: str) -> list[tuple[int, str, bool]]:
    """(line number, text, starts a paragraph) for each line, or for each paragraph of a line
    that lost its line breaks (``checker.noise.runon``); a PDF's lines are already paragraphs.

    Lines that lost all their breaks (run-on) are cut at every heading and sentence boundary a
    reader sees; in a text that kept most of them, a line is cut only where its numbering shows
    a lost break (strict)."""
    flags = [] if fmt == "pdf" else noise.is_run_on([len(ln.strip()) for ln in lines])
    if fmt == "pdf" or not (any(flags) or any(noise.LOST_BREAK.search(ln) for ln in lines)):
        return [(i, ln, False) for i, ln in enumerate(lines, start=1)]
    from checker.noise import runon  # only for a text that lost line breaks

    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    first, last = (filled[0], filled[-1]) if filled else (0, 0)
    numbers: dict = {}
    out: list[tuple[int, str, bool]] = []
    for i, ln in enumerate(lines):
        if flags[i]:
            pieces = runon.split_run_on(ln, i == first, i == last)
            for seg in pieces:
                runon.note(seg, numbers)
            out.extend((i + 1, seg, True) for seg in pieces)
            continue
        pieces = runon.split_run_on(ln, False, i == last, numbers, strict=True) if ln.strip() else [ln]
        if len(pieces) == 1:
            out.append((i + 1, ln, False))
        else:
            out.extend((i + 1, seg, k > 0) for k, seg in enumerate(pieces))
    return out


def _chrome_rests(rows: list[tuple], wrapped, chrome_re) -> set[int]:
    """Lines that are the rest of a line of page chrome the wrapper cut ("…浏览次数：12" / "34",
    "…信息公开目录 »" / "权力清单和责任清单"): chrome too, never a title or a page number. (The
    wrapper counts a line's indent: "  • 信息名称：…" fills the width with it.)"""
    out: set[int] = set()
    if wrapped is None:
        return out
    cut = 0
    for i, _, _, norm, _, fresh, _, raw in rows:
        if fresh:
            cut = 0
            continue
        if cut and i == cut + 1 and not HEADING_START.match(norm) and not is_signature(norm):
            out.add(i)
        elif not _is_chrome(norm, chrome_re):
            cut = 0
            continue
        cut = i if wrapped.fills(raw) else 0
    return out


def _visible_lines(lines: list[str]) -> tuple[list[str], dict[int, list[int]]]:
    """The lines as a reader sees them, and for each line (by number) that held invisible
    characters where each visible character is in it (``normalize.visible_map``)."""
    shown, where = [], {}
    for n, ln in enumerate(lines, start=1):
        text, m = visible_map(ln)
        shown.append(text)
        if m is not None:
            where[n] = m
    return (shown if where else lines), where


def _segment_offsets(shown: list[str], segments: list[tuple[int, str, bool]], where: dict) -> list[int]:
    """Where each segment starts in its (visible) line, for lines with invisible characters
    (a run-on line's segments are consecutive pieces of it, ``runon.split_run_on``)."""
    out, cursor, last = [], 0, 0
    for i, seg, _ in segments:
        if i != last:
            cursor, last = 0, i
        if i not in where:
            out.append(0)
            continue
        at = shown[i - 1].find(seg, cursor)
        at = max(at, 0)
        out.append(at)
        cursor = at + len(seg)
    return out


def _joined_origin(cur: list[tuple], origins: list) -> tuple[str, list[int]]:
    """A paragraph as written, and where each character of its visible text is in it."""
    texts, where, base = [], [], 0
    for (_, content, _, _), origin in zip(cur, origins):
        written, m = origin if origin is not None else (content, range(len(content) + 1))
        where.extend(base + x for x in m[:-1])
        texts.append(written)
        base += len(written)
    where.append(base)
    return "".join(texts), where


def build_document(lines: list[str], path: str = "", **kw) -> Document:
    """Rebuild paragraphs and sentences from original lines (any format's reader ends here).

    Patterns see the normalised text, in simplified characters when the report is written in
    traditional ones (``checker.noise.script``); sentences keep the original text for quotes.
    The structure (Markdown marks, wrapping, lost line breaks, paragraphs) is read from the
    visible text: characters a reader cannot see change nothing but the quotes, which keep them."""
    lines = [_SURROGATE.sub("\ufffd", ln) if _SURROGATE.search(ln) else ln for ln in lines]
    shown, where = _visible_lines(lines)
    chrome_re = _chrome_patterns()
    chrome: set[int] = set()
    blocks: list[Block] = []
    cur: list[tuple[int, str, str, str]] = []  # (line number, cleaned content, matchable content, its norm)
    cur_origin: list[tuple[str, list[int]] | None] = []  # each row of cur as written, when it differs
    cur_level = 0
    segments = _segments(shown, kw.get("format", "txt"))
    texts = [seg for _, seg, _ in segments]
    offsets = _segment_offsets(shown, segments, where)
    matchable = script.to_simplified(texts) if script.looks_traditional("\n".join(texts)) else texts

    def flush() -> None:
        nonlocal cur, cur_level, cur_origin
        if not cur:
            return
        text_parts, starts, nums, pos = [], [], [], 0
        for n, content, _, _ in cur:
            starts.append(pos)
            nums.append(n)
            text_parts.append(content)
            pos += len(content)
        conv = None if matchable is texts else "".join(c[2] for c in cur)
        origin = _joined_origin(cur, cur_origin) if any(o is not None for o in cur_origin) else None
        sents = _split_sentences("".join(text_parts), starts, nums, conv, origin)
        if sents:
            blocks.append(Block(cur[0][0], cur[-1][0], sents, md_level=cur_level))
        cur, cur_level, cur_origin = [], 0, []

    closed = False
    rows = []  # (line number, content, matchable content, norm, Markdown level, starts a paragraph, as written, line)
    for k, ((i, raw, fresh), conv_raw) in enumerate(zip(segments, matchable)):
        content, level, at = _clean_line(raw)
        conv = _clean_line(conv_raw)[0] if conv_raw is not raw else content
        norm = normalize(conv)
        if norm:
            origin = None
            if i in where:  # the line holds invisible characters: where the content is as written
                m, start = where[i], offsets[k] + at
                first = m[start]
                origin = (lines[i - 1][first:m[start + len(content)]],
                          [m[start + j] - first for j in range(len(content) + 1)])
            rows.append((i, content, conv, norm, level, fresh or closed, origin, raw))
            closed = False
        elif rows and raw.strip() in ("**", "__", "*", "_"):
            closed = True  # the closing marks of a bold heading, wrapped onto a line of their own
    wrapped = wrap.wrap_width([r[1] for r in rows if not r[5]])
    rests = _chrome_rests(rows, wrapped, chrome_re)
    soft = pages.page_chrome([(r[0], r[3]) for r in rows if not r[5] and r[0] not in rests],
                             lambda n: bool(HEADING_START.match(n)) or is_signature(n), _closes, wrapped)
    def stop_in(k: int):
        def find(limit: int) -> int | None:
            seen = 0
            for row in rows[k:]:
                m = _STOPS.search(row[3], 0, max(0, limit - seen))
                if m:
                    return seen + m.start()
                seen += len(row[3])
                if seen >= limit:
                    return None
            return None
        return find

    last_raw = ""
    for k, (i, content, conv, norm, level, fresh, origin, raw) in enumerate(rows):
        if i in soft and not fresh:
            chrome.add(i)  # a page number or running header: the paragraph it cut goes on
            continue
        if i in rests or ((not fresh or len(norm) <= noise.MIN_SPLIT) and _is_chrome(norm, chrome_re)):
            # (a long paragraph of a run-on line is text, even with a web page's footer run into it)
            chrome.add(i)
            flush()
            continue
        if cur and (fresh or _BOLD_START.match(content) or not (not level and not cur_level and _continues(cur, norm, *_fills(wrapped, last_raw, raw), stop_in(k)))):
            flush()
        cur.append((i, content, conv, norm))
        cur_origin.append(origin)
        last_raw = raw  # as the wrapper counted it: with its indent
        cur_level = cur_level or level
        if level:
            flush()  # a Markdown heading stands alone
    flush()
    doc = Document(path=path, lines=list(lines), blocks=blocks, chrome=chrome, **kw)
    if wrapped is not None:
        doc.info["wrap"] = wrapped  # how the text was hard-wrapped (checker.noise.wrap.Wrap)
    if matchable is not texts:
        doc.info["traditional"] = True  # patterns see simplified text (see Document.matchable)
    run_on = {i for i, _, fresh in segments if fresh}
    if run_on:
        doc.info["run_on_lines"] = frozenset(run_on)  # evidence there says where in the line (column)
    return doc
