"""The heading hierarchy of a report, as a tree of sections over a flat list of sentences.

Chinese reports number their headings 一、 / （一） / 1、 / （1）, but which style is the top
level varies, so levels come from the order in which the styles first appear (as a reader
would infer them), not from a fixed ranking. A heading may stand on its own line or open a
paragraph as its first sentence (a run-in heading); 一是 / 二是 items inside a paragraph
become the smallest sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from checker.document.model import Document, Sentence
from checker.document.normalize import visible
from checker.document.signature import is_signature

_MARKERS = [
    ("part", regex.compile(r"^第[一二三四五六七八九十]+(?:部分|章|节)[、.:]?")),
    ("cn", regex.compile(r"^[一二三四五六七八九十]+[、.]")),
    ("cn_paren", regex.compile(r"^\([一二三四五六七八九十]+\)[、.]?")),
    ("num", regex.compile(r"^\d{1,2}(?:、|\.(?!\d)|\.(?=\d{4}年))")),  # "2.5万" is a number, "1.2024年…" an item
    ("num_paren", regex.compile(r"^\(\d{1,2}\)[、.]?")),
]
_LEAD_ITEM = regex.compile(r"^第?[一二三四五六七八九十]+是")
# a heading line with no number: bold (**…**) or a short line of its own without final punctuation
_BOLD = regex.compile(r"^\s*(\*\*|__)(?P<t>[^*_]{2,60})\1?\s*$")  # the closing marks may have been wrapped away
_OPEN = tuple("。；;！!？?:：,，、")
_NOT_HEADING = regex.compile(r"[〔\[(（]\d{4}[〕\])）]|\d{4}[-/.]\d{1,2}|[|:：/]|号$|\d{5,}")  # document numbers, dates, chrome
MAX_PLAIN_HEADING = 30
_ITEM = regex.compile(r"(?:^|(?<=:))(?:第?[一二三四五六七八九十]+是|其[一二三四五六七八九十]是?[,:]?)")
MAX_HEADING = 60  # longest run-in heading, in normalised characters
MAX_ITEM_HEADING = 30


@dataclass(eq=False)
class Section:
    kind: str  # marker style: cn, cn_paren, num, num_paren, part, md1..md6, item, root
    marker: str  # the normalised marker, e.g. "一、"
    title: str  # normalised heading text without its marker ("" when none)
    line: int  # line of the heading
    start: int  # index of the heading sentence in Outline.sentences
    end: int = 0  # one past the last sentence of the section
    level: int = 0
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    runin: bool = False
    cache: dict = field(default_factory=dict, repr=False)  # per-rulebook facts about the heading

    @property
    def heading(self) -> str:
        return self.marker + self.title

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Outline:
    sentences: list[Sentence]  # every sentence of the document, in order
    block_of: list[int]  # block index of each sentence
    block_first: list[int]  # first sentence index of each block
    root: Section
    end_line: int = 0
    unit_of: list[int] = field(default_factory=list)  # paragraph unit of each sentence (see build_outline)
    _sections: list[Section] | None = None

    def sections(self) -> list[Section]:
        """All sections except the root, in document order (computed once)."""
        if self._sections is None:
            self._sections = list(self.root.walk())[1:]
        return self._sections

    def main_sections(self) -> list[Section]:
        """The outermost numbered sections (一、二、… in most reports), under any title headings."""
        numbered = [s for s in self.sections() if s.kind != "item" and not s.kind.startswith("md")]
        if not numbered:
            return []
        kind = numbered[0].kind
        return [s for s in numbered if s.kind == kind and (s.parent.kind == "root" or s.parent.kind.startswith("md"))]

    def body(self, sec: Section) -> range:
        """Sentence indices under a section's heading."""
        return range(sec.start + 1, sec.end)


def _match_marker(norm: str) -> tuple[str, str] | None:
    for kind, rx in _MARKERS:
        m = rx.match(norm)
        if m:
            return kind, m.group()
    return None


def build_outline(doc: Document) -> Outline:
    sentences: list[Sentence] = []
    block_of: list[int] = []
    block_first: list[int] = []
    heads: list[Section] = []
    unit_of: list[int] = []
    plain: list[Section] = []  # short lines of their own: headings only in a report without 一、
    numbered_top = False
    seen_text = False  # a paragraph of text has been seen (the title and subtitle come before)
    bold_title = False
    for bi, block in enumerate(doc.blocks):
        first = len(sentences)
        block_first.append(first)
        sentences.extend(block.sentences)
        block_of.extend([bi] * len(block.sentences))
        s0 = block.sentences[0]
        # 一是/二是 items on lines of their own belong to the paragraph that leads them in
        unit = unit_of[-1] if bi and _LEAD_ITEM.match(s0.norm) else bi
        unit_of.extend([unit] * len(block.sentences))
        found = _match_marker(s0.norm)
        numbered_top = numbered_top or (found is not None and found[0] in ("cn", "part"))
        if not found and len(block.sentences) == 1 and not block.md_level:
            # the block's own text (a line of its own, or a piece cut from a run-on line)
            if _BOLD.match(visible(s0.text)) and len(s0.norm) <= MAX_HEADING \
                    and not s0.norm.endswith(_OPEN) and not is_signature(s0.norm):
                if not seen_text and not bold_title:
                    bold_title = True  # the first bold line above any text is the title
                    continue
                heads.append(Section("bold", "", s0.norm, s0.line, first))
                seen_text = True
                continue
            if seen_text and 4 <= len(s0.norm) <= MAX_PLAIN_HEADING and not s0.norm.endswith(_OPEN) \
                    and not is_signature(s0.norm) and not _LEAD_ITEM.match(s0.norm) \
                    and not _NOT_HEADING.search(s0.norm):
                plain.append(Section("line", "", s0.norm, s0.line, first))
                continue
        seen_text = seen_text or (len(block.sentences) > 1 or block.norm.endswith(_OPEN))
        if found:
            kind, marker = found
            title = s0.norm[len(marker):]
            single = len(block.sentences) == 1
            if len(title) <= MAX_HEADING:
                heads.append(Section(kind, marker, title.rstrip("。;:"), s0.line, first, runin=not single))
            elif not single:
                # a numbered paragraph whose first sentence is too long to be a title
                heads.append(Section(kind, marker, "", s0.line, first, runin=True))
        elif block.md_level and len(block.sentences) <= 2 and len(block.norm) <= 80:
            heads.append(Section(f"md{block.md_level}", "", block.norm, s0.line, first))
        # 一是 / 二是 items: sentences that open with an item marker
        for k, s in enumerate(block.sentences):
            m = _ITEM.search(s.norm)
            if m and not (k == 0 and found):
                title = s.norm[m.end():]  # an item opened after a colon starts with its sentence
                heads.append(Section("item", m.group(), title.rstrip("。;:") if len(title) <= MAX_ITEM_HEADING else "",
                                     s.line, first + k, runin=True))
    if plain and not numbered_top and not any(h.kind == "bold" or h.kind in ("md2", "md3", "md4") for h in heads):
        heads = sorted(heads + plain, key=lambda h: h.start)
    root = Section("root", "", "", 0, -1, end=len(sentences), level=0)
    _nest(root, heads, len(sentences), block_first)
    return Outline(sentences, block_of, block_first, root, end_line=len(doc.lines), unit_of=unit_of)


def _nest(root: Section, heads: list[Section], total: int, block_first: list[int]) -> None:
    """Place headings in a tree: a style seen before closes back to that level."""
    stack: list[Section] = [root]
    for h in heads:
        if h.kind == "item":
            # items belong to the innermost section; they end at the next item or section
            parent = stack[-1]
            while parent.kind == "item":
                stack.pop()
                parent = stack[-1]
        else:
            kinds = [s.kind for s in stack]
            if h.kind in kinds:
                while stack[-1].kind != h.kind:
                    stack.pop()
                stack.pop()
            else:
                while stack[-1].kind == "item":
                    stack.pop()
            parent = stack[-1]
        h.parent = parent
        h.level = parent.level + 1
        parent.children.append(h)
        stack.append(h)
    _close(root, total)


def _close(sec: Section, end: int) -> None:
    sec.end = end
    kids = sec.children
    for i, c in enumerate(kids):
        _close(c, kids[i + 1].start if i + 1 < len(kids) else end)
