"""Two checked drafts of one report compared: which elements changed status, which findings were
fixed, which are new and which are still open, and the score and verdict before and after.

Pure: it reads two ``Report`` objects (and, for findings that quote nothing, the sentence at
each finding's line) and builds a ``Diff``; reading files and rendering live elsewhere.

A finding is matched across drafts by its rule and the text it is about, never by its line
number, since lines move between drafts:

- a message that names a place by its own words -- 「一节的标题」, 标题「…」 -- is about that
  place: it matches the finding of the same rule about the same words (numbering, punctuation
  and white space aside; a quote cut short matches its longer form; a lightly edited heading
  still matches by similarity);
- any other finding is about the report as a whole or one of its parts (a quote after
  第N行 is only its first example, ``等 4 处`` the count): it matches by rule, the same quoted or
  cited sentence first, then in order of appearance.

Several findings of one rule are matched one to one, so three slogan-only sections in the old
draft and two in the new show which one was fixed.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Mapping

import regex

from checker.document.normalize import normalize
from checker.judge.result import ElementResult, Evidence, Finding, Report

RANK = {"missing": 0, "partial": 1, "present": 2}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SIMILAR = 0.75  # headings this alike (after normalising) are one heading lightly edited
MARK_REWRITTEN = 200  # fixed findings looked up in the new text (each lookup reads the whole text)
MIN_PREFIX = 8  # a cut-short quote matches a longer one starting with it from this many characters

# 第12行「…」, 第3页第5行「…」, 第1行第523字「…」: an example quoted after its place; 「…」 alone: a named place
_QUOTE = regex.compile(r"(第\d+(?:页第\d+)?行(?:第\d+字)?)?「([^「」]*)」")
# a heading's own number, which changes when sections move: 一、 （二） 3. (4) 第五章 一是
_NUMBER = regex.compile(
    r"^(?:第?[一二三四五六七八九十百零〇]+[、.．:：章节部分条]|[(（][一二三四五六七八九十百\d]+[)）][、.]?"
    r"|\d+(?:\.\d+)*[、.．)）]|[一二三四五六七八九十]+是)")
_PLACE = regex.compile(r"第\d+(?:页第\d+)?行(?:第\d+字)?")
_NOT_WORDS = regex.compile(r"[\p{P}\p{S}\p{Z}\s]+")


def text_key(text: str | None) -> str:
    """What two quotes of one sentence share across drafts: normalised (full/half width, white
    space, invisible characters), without a leading heading number and punctuation."""
    if not text:
        return ""
    s = normalize(text)
    s = _NUMBER.sub("", s, count=1)
    return _NOT_WORDS.sub("", s)


def quoted(message: str) -> tuple[str | None, bool]:
    """(the first 「…」 quote of a finding's message, whether it names a place by its words
    rather than giving an example after a line number)."""
    m = _QUOTE.search(message or "")
    if not m:
        return None, False
    return m.group(2), m.group(1) is None


@dataclass
class FindingChange:
    """One finding across the drafts: ``old`` only (fixed), ``new`` only (new), or both (open)."""

    rule: str
    old: Finding | None = None
    new: Finding | None = None
    quote: str | None = None  # the text the finding is about (its quote, or the sentence at its line)
    anchored: bool = False  # the quote names the place the finding is about (a heading, the title)
    rewritten: bool = False  # fixed, and the place it named is no longer in the new draft as it was

    @property
    def severity(self) -> str:
        return (self.new or self.old).severity

    @property
    def message_changed(self) -> bool:
        """Still open, and the message now says something else than where it is (other counts,
        another first example)."""
        return (self.old is not None and self.new is not None
                and _PLACE.sub("", self.old.message) != _PLACE.sub("", self.new.message))

    @property
    def escalated(self) -> bool:
        """Still open, and now an error where it was not."""
        return (self.old is not None and self.new is not None and self.new.severity == "error"
                and self.old.severity != "error")


@dataclass
class ElementChange:
    id: str
    name: str
    old: str  # status in the old draft
    new: str
    mandatory: bool
    old_evidence: list[Evidence] = field(default_factory=list)
    new_evidence: list[Evidence] = field(default_factory=list)
    advice: str | None = None  # the new draft's advice (None when present)
    reason: str = ""  # why the new status

    @property
    def change(self) -> str:
        """fixed (better), worse or same."""
        d = RANK[self.new] - RANK[self.old]
        return "fixed" if d > 0 else "worse" if d < 0 else "same"


@dataclass
class Diff:
    old: Report
    new: Report
    rulebook_reason: str = ""  # why this rulebook judges both drafts
    rulebook_note: str | None = None  # the new draft alone would have been judged by another rulebook
    elements: list[ElementChange] = field(default_factory=list)
    fixed: list[FindingChange] = field(default_factory=list)
    added: list[FindingChange] = field(default_factory=list)  # new findings
    still_open: list[FindingChange] = field(default_factory=list)
    old_name: str = ""  # the drafts as the user names them (the web page's uploads live in temp files)
    new_name: str = ""

    @property
    def better_elements(self) -> list[ElementChange]:
        return [e for e in self.elements if e.change == "fixed"]

    @property
    def worse_elements(self) -> list[ElementChange]:
        return [e for e in self.elements if e.change == "worse"]

    @property
    def score_delta(self) -> float:
        return round(self.new.score - self.old.score, 2)

    def worse_reasons(self) -> list[str]:
        """Why the new draft is worse, in Chinese; empty when it is not. An element that lost
        status, a new (or newly) error-level finding, a failed verdict, a lower score."""
        from checker.render.labels import STATUS

        out = [f"要素「{e.name}」由{STATUS[e.old]}变为{STATUS[e.new]}" for e in self.worse_elements]
        out += [f"新出现错误：{c.new.message}（{c.rule}）" for c in self.added if c.new.severity == "error"]
        out += [f"问题升级为错误：{c.new.message}（{c.rule}）" for c in self.still_open if c.escalated]
        if self.old.passed and not self.new.passed:
            out.append("结论由通过变为未通过")
        if self.score_delta < 0:
            out.append(f"得分由 {self.old.score:g} 降为 {self.new.score:g}")
        return out

    @property
    def worse(self) -> bool:
        return bool(self.worse_reasons())

    @property
    def improved(self) -> bool:
        return bool(self.better_elements or self.fixed or self.score_delta > 0
                    or (self.new.passed and not self.old.passed))

    @property
    def changed(self) -> bool:
        """Anything a reviewer would call a difference (a still-open finding whose message now
        gives other counts or lines is not one)."""
        o, n = self.old, self.new
        return bool(self.better_elements or self.worse_elements or self.fixed or self.added
                    or any(c.escalated for c in self.still_open) or o.score != n.score
                    or o.grade != n.grade or o.passed != n.passed)

    @property
    def outcome(self) -> str:
        """worse, mixed (better and worse), better, changed (only new warnings or notes), unchanged."""
        if self.worse:
            return "mixed" if self.improved else "worse"
        if self.improved:
            return "better"
        return "changed" if self.changed else "unchanged"


# --- findings ---------------------------------------------------------------------------------

@dataclass
class _Item:
    finding: Finding
    order: int
    anchored: bool  # about the place its quote names
    key: str  # normalised quote, or the sentence at its line; "" when neither
    quote: str | None


def _items(findings: list[Finding], line_text: Callable[[int], str | None],
           simplify: Callable[[str], str] | None = None) -> dict[str, list[_Item]]:
    by_rule: dict[str, list[_Item]] = {}
    for k, f in enumerate(findings):
        quote, anchored = quoted(f.message)
        if quote is None and f.line:
            quote = line_text(f.line)
        key = text_key(simplify(quote) if simplify and quote else quote)
        by_rule.setdefault(f.rule, []).append(_Item(f, k, anchored, key, quote))
    return by_rule


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if len(a) >= MIN_PREFIX and len(b) >= MIN_PREFIX and (a.startswith(b) or b.startswith(a)):
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_findings(old: list[Finding], new: list[Finding],
                   old_text: Callable[[int], str | None] = lambda n: None,
                   new_text: Callable[[int], str | None] = lambda n: None,
                   old_words: str | None = None, new_words: str | None = None,
                   simplify: Callable[[str], str] | None = None,
                   ) -> tuple[list[FindingChange], list[FindingChange], list[FindingChange]]:
    """(fixed, new, still open). ``old_text``/``new_text`` give the sentence at a line of each
    draft, the quote of a finding whose message quotes nothing; ``old_words``/``new_words`` each
    draft's whole text through ``text_key`` (a reworded heading: see ``_reworded``);
    ``simplify``: traditional characters to simplified, when a draft is written in them (the
    words then compare whatever the script; ``*_words`` are simplified by the caller)."""
    olds, news = _items(old, old_text, simplify), _items(new, new_text, simplify)
    fixed, added, still = [], [], []
    for rule in list(dict.fromkeys([*olds, *news])):
        pairs, a, b = _match_rule(olds.get(rule, []), news.get(rule, []), old_words, new_words)
        for i, j in pairs:
            still.append(FindingChange(rule, i.finding, j.finding, j.quote or i.quote, j.anchored))
        fixed += [FindingChange(rule, i.finding, None, i.quote, i.anchored) for i in a]
        added += [FindingChange(rule, None, j.finding, j.quote, j.anchored) for j in b]

    def by_place(c: FindingChange, side: str):
        f = getattr(c, side) or c.new or c.old
        return (f.line is None, f.line or 0)

    fixed.sort(key=lambda c: by_place(c, "old"))
    added.sort(key=lambda c: by_place(c, "new"))
    still.sort(key=lambda c: by_place(c, "new"))
    return fixed, added, still


REWORDED = 50  # leftover findings of one rule looked up in the other draft's text (each reads it all)
FUZZY_PAIRS = 10_000  # beyond this many old x new findings of one rule, only exact quotes match


def _match_rule(a: list[_Item], b: list[_Item], old_words, new_words):
    """One rule's findings paired: (pairs, old left over, new left over). Linear in the
    findings, but for the similarity pass, which is bounded by FUZZY_PAIRS."""
    pairs: list[tuple[_Item, _Item]] = []
    free_b: dict[tuple[bool, str], deque[_Item]] = {}
    for j in b:
        if j.key:
            free_b.setdefault((j.anchored, j.key), deque()).append(j)
    used: set[int] = set()  # ids of paired items
    for i in a:  # the same words
        same = free_b.get((i.anchored, i.key)) if i.key else None
        if same:
            j = same.popleft()
            pairs.append((i, j))
            used.update((id(i), id(j)))
    a = [i for i in a if id(i) not in used]
    b = [j for j in b if id(j) not in used]
    anch_a, anch_b = [i for i in a if i.anchored], [j for j in b if j.anchored]
    if anch_a and anch_b and len(anch_a) * len(anch_b) <= FUZZY_PAIRS:  # a heading lightly edited
        scored = sorted(((_similar(i.key, j.key), i.order, j.order, i, j) for i in anch_a for j in anch_b),
                        key=lambda t: (-t[0], t[1], t[2]))
        for score, _, _, i, j in scored:
            if score >= SIMILAR and id(i) not in used and id(j) not in used:
                pairs.append((i, j))
                used.update((id(i), id(j)))
    anch_a = [i for i in anch_a if id(i) not in used]
    anch_b = [j for j in anch_b if id(j) not in used]
    gone = [i for i in anch_a[:REWORDED] if _reworded(i.key, new_words)]
    came = [j for j in anch_b[:REWORDED] if _reworded(j.key, old_words)]
    if len(gone) == len(came) == 1 and len(anch_a) <= REWORDED and len(anch_b) <= REWORDED:
        # the only place gone and the only place new: one place reworded
        pairs.append((gone[0], came[0]))
        used.update((id(gone[0]), id(came[0])))
    loose_a = [i for i in a if not i.anchored and id(i) not in used]
    loose_b = [j for j in b if not j.anchored and id(j) not in used]
    for i, j in zip(loose_a, loose_b):  # about the report or a part of it: in order
        pairs.append((i, j))
        used.update((id(i), id(j)))
    return pairs, [i for i in a if id(i) not in used], [j for j in b if id(j) not in used]


def _reworded(key: str, other_words: str | None) -> bool:
    """The place a quote names is not in the other draft as written (None: not known)."""
    return other_words is not None and bool(key) and key not in other_words


# --- elements ---------------------------------------------------------------------------------

def compare_elements(old: list[ElementResult], new: list[ElementResult]) -> list[ElementChange]:
    """Every element judged in both drafts, in the rulebook's order."""
    before = {e.id: e for e in old}
    out = []
    for e in new:
        o = before.get(e.id)
        if o is None:
            continue
        out.append(ElementChange(e.id, e.name, o.status, e.status, e.mandatory or o.mandatory,
                                 list(o.evidence), list(e.evidence), e.advice, e.reason))
    return out


def compare(old: Report, new: Report,
            old_text: Mapping[int, str] | Callable[[int], str | None] | None = None,
            new_text: Mapping[int, str] | Callable[[int], str | None] | None = None,
            rulebook_reason: str = "", rulebook_note: str | None = None,
            old_name: str = "", new_name: str = "", old_words: str | None = None,
            new_words: str | None = None, simplify: Callable[[str], str] | None = None) -> Diff:
    """The Diff of two checked drafts. ``old_text``/``new_text``: the sentence starting at a
    line (a mapping or a function), for findings whose message quotes nothing. ``new_words``:
    each draft's whole text through ``text_key``: a finding about a place whose words only the
    old draft has matches the one finding of its rule about a place only the new draft has (the
    heading reworded), and a fixed finding about a place the new draft no longer has is marked
    ``rewritten`` (the section was deleted or reworded: the reviewer should look whether the
    problem went with it)."""
    fixed, added, still = match_findings(old.findings, new.findings, _lookup(old_text), _lookup(new_text),
                                         old_words, new_words, simplify)
    for c in fixed[:MARK_REWRITTEN]:
        quote = simplify(c.quote) if simplify and c.quote else c.quote
        c.rewritten = c.anchored and _reworded(text_key(quote), new_words)
    return Diff(old, new, rulebook_reason or old.rulebook_reason, rulebook_note,
                compare_elements(old.elements, new.elements), fixed, added, still,
                old_name or old.file, new_name or new.file)


def _lookup(text) -> Callable[[int], str | None]:
    if text is None:
        return lambda n: None
    if callable(text):
        return text
    return text.get
