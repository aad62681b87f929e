"""Everything the engine and the checks need to know about one report, computed once."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from checker.document.model import Document, Sentence
from checker.document.normalize import visible_prefix
from checker.document.outline import Outline, Section, build_outline
from checker.document.parts import assign_parts, find_misplaced
from checker.judge.result import Evidence, place
from checker.rulebook.model import Rulebook


@dataclass
class Context:
    doc: Document
    book: Rulebook
    outline: Outline
    labels: list[str]  # report part of each sentence
    text: str  # all normalised sentences joined: one string to run each signal set over
    starts: list[int]  # offset of each sentence in text
    metadata: object = None
    misplaced: dict = field(default_factory=dict)  # sentence -> the part it was written in (see parts)
    headings: frozenset = frozenset()  # sentences that are headings of their own, not content
    elements: dict = field(default_factory=dict)  # id -> ElementResult, filled by the engine
    _views: dict = field(default_factory=dict, repr=False)  # parts -> (text, sentence ids, starts)
    _titled: dict = field(default_factory=dict, repr=False)  # parts -> titled sections in them
    _found_metadata: object = field(default=None, repr=False)  # see checker.document.metadata.metadata_of
    _first: dict = field(default_factory=dict, repr=False)  # pattern source -> {sentence: first match}

    @classmethod
    def build(cls, doc: Document, book: Rulebook) -> Context:
        # Choosing the rulebook (checker.rulebook.select) builds a context for the same document just
        # before the engine does: hand the engine that one when it is unused, else its outline
        # (which depends only on the document).
        last_doc, last_book, last = _LAST
        if last_doc is doc:
            if last_book is book and last.metadata is None and not last.elements:
                _LAST[:] = [None, None, None]
                return last
            outline = last.outline
        else:
            outline = build_outline(doc)
        starts, pos = [], 0
        for s in outline.sentences:
            starts.append(pos)
            pos += len(s.norm)
        text = "".join(s.norm for s in outline.sentences)
        misplaced: dict[int, str] = {}
        labels = assign_parts(outline, book, misplaced)
        find_misplaced(outline, labels, book, misplaced)
        # a heading over text (a numbered line with nothing under it is an item of content)
        heads = frozenset(s.start for s in outline.sections() if s.title and s.kind != "item" and (
            s.cache.get(("part", book.id)) or (not s.runin and s.end > s.start + 1)))
        ctx = cls(doc, book, outline, labels, text, starts, misplaced=misplaced, headings=heads)
        _LAST[:] = [doc, book, ctx]
        return ctx

    @property
    def sentences(self) -> list[Sentence]:
        return self.outline.sentences

    def norm_length(self, start: int, end: int) -> int:
        """Total normalised length of sentences ``start`` to ``end - 1`` (a section's body), from
        the sentence offsets: the engine asks this for every section and element."""
        n = len(self.starts)
        if start >= end or start >= n:
            return 0
        return (self.starts[end] if end < n else len(self.text)) - self.starts[start]

    def signal_hits(self, signals, parts: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(signal, sentence index, matched text, offset in the sentence) for a signal set run over only the sentences of
        the given parts: an element never takes evidence elsewhere, so the rest need no scan."""
        key = frozenset(parts)
        view = self._views.get(key)
        if view is None:
            ids = [i for i, p in enumerate(self.labels) if p in key]
            if len(ids) == len(self.labels):
                view = (self.text, None, self.starts)
            else:
                starts, pos = [], 0
                for i in ids:
                    starts.append(pos)
                    pos += len(self.outline.sentences[i].norm)
                view = ("".join(self.outline.sentences[i].norm for i in ids), ids, starts)
            self._views[key] = view
        text, ids, starts = view
        out = []
        for sig, off, txt in signals.hits(text):
            k = bisect_right(starts, off) - 1
            out.append((sig, k if ids is None else ids[k], txt, off - starts[k]))
        return out

    def titled_sections(self, parts: tuple[str, ...]) -> list[Section]:
        """Sections with a title whose heading sentence is in one of ``parts``, in document order
        (once per set of parts: the engine asks for every element, and most share one scope)."""
        found = self._titled.get(parts)
        if found is None:
            labels = self.labels
            found = [s for s in self.outline.sections() if s.title and labels[s.start] in parts]
            self._titled[parts] = found
        return found

    def first_matches(self, pattern, idx: list[int]) -> list[str | None]:
        """The text of the first match of ``pattern`` in each sentence of ``idx`` (None: none),
        searched for all of them at once (``Pattern.first_in_each``) and remembered by pattern
        source, so that checks sharing a pattern (the figures) search each sentence once."""
        known = self._first.setdefault(pattern.source, {})
        todo = [i for i in dict.fromkeys(idx) if i not in known]
        if todo:
            sents = self.outline.sentences
            for i, found in zip(todo, pattern.first_in_each([sents[i].norm for i in todo])):
                known[i] = found
        return [known[i] for i in idx]

    def sentence_index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def evidence(self, idx: int, limit: int = 200) -> Evidence:
        s = self.outline.sentences[idx]
        text = visible_prefix(s.text, limit)  # as many characters as a reader sees, whatever is invisible
        text = text if len(text) == len(s.text) else text + "……"
        where, column = None, None
        if self.doc.pages:
            offset = max(0, self.doc.lines[s.line - 1].find(s.text[:12]))  # the sentence within its line
            where = self.doc.page_position(s.line, offset)
        elif s.line in self.doc.info.get("run_on_lines", ()):
            column = self.doc.lines[s.line - 1].find(s.text) + 1 or None  # a line holding many paragraphs
        return Evidence(s.line, text, *(where or (None, None)), column)

    def quote(self, idx: int, limit: int = 30) -> str:
        """A sentence as a finding's message cites it: where it is and its first words,
        第12行「……」 (第3页第5行「……」 in a PDF report)."""
        ev = self.evidence(idx)
        return f"{place(ev.line, ev.page, ev.page_line, ev.column)}「{visible_prefix(self.outline.sentences[idx].text, limit)}」"

    def sections(self) -> list[Section]:
        return self.outline.sections()

    def part_sentences(self, *parts: str) -> list[int]:
        return [i for i, p in enumerate(self.labels) if p in parts]


_LAST: list = [None, None, None]  # the last (document, rulebook, context) built, see Context.build
