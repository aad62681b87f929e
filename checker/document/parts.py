"""Label every sentence with the report part it belongs to, by what the heading says and what
the text under it does.

The 督察工作规定 asks for parts (work done, shortcomings, the 第一责任人, next year's plans);
evidence for work done must come only from the work part, so every sentence gets one label:
preamble, work, shortcomings, responsible, next, other or closing.

How a section is labelled (the words are the rulebook's ``parts``):

1. Its heading names a part (``headings``, unless ``not_headings`` vetoes it: 问题整改 is work
   done). A heading led by a year (``dated``: 2025年重点工作) names next year's plans when the
   year follows the year the report covers, and work done otherwise (2024年工作情况).
2. The text decides where it disagrees with the heading: a 不足 heading over text without a
   single problem statement (``body``) is not the 不足 part; an outer section with no part
   heading whose text is mostly problem statements, or mostly plans, is that part.
3. A section naming two parts (存在不足及下步打算) switches to ``next`` at the sentence where
   plans begin (``markers``).
4. Content written in the wrong place: inside the work part, a paragraph that turns to the
   shortcomings (但仍存在一些不足：…) or ends on next year's plans (下一步，将…) is labelled
   with its own part and remembered as *misplaced* (``inside_work``), so that the engine can
   give it partial credit with advice to move it.
"""

from __future__ import annotations

import regex

from checker.document.outline import Outline, Section
from checker.rulebook.model import Rulebook
from checker.document.signature import is_signature

_ORDER = ("shortcomings", "responsible", "next", "other")
_YEAR = regex.compile(r"((?:19|20)\d{2})年")
# the year a report covers, as its title or opening gives it ("2024年度", "2024年，…"), not a
# date ("2025年2月") nor a plan ("2025年工作安排")
_COVERED = regex.compile(r"((?:19|20)\d{2})年度|^((?:19|20)\d{2})年(?:[,，以是来]|全年)|关于((?:19|20)\d{2})年"
                         r"|((?:19|20)\d{2})年(?!\d{1,2}月)[^。]{0,30}(?:报告|总结)$")
# share of an outer section's sentences that makes the text decide its part: plans are often
# written as imperatives and 不足 parts mix in a sentence of praise, while a work section of the
# seeds and casebook never has more than a quarter of either kind
BODY_SHARE = {"shortcomings": 0.35, "next": 0.45}
SUB_SHARE = 0.5  # inside the work part, share of problem statements a 不足 sub-heading needs


def covered_year(outline: Outline) -> int | None:
    """The year the report covers, from the title and opening (before the first heading)."""
    first = next((s.start for s in outline.sections() if not s.kind.startswith("md")), len(outline.sentences))
    for s in outline.sentences[: max(first, 1)][:8]:
        m = _COVERED.search(s.norm)
        if m:
            return int(next(g for g in m.groups() if g))
    return None


def heading_parts(sec: Section, book: Rulebook, year: int | None = None) -> list[str]:
    """Parts whose heading words match this section's title, in report order (computed once
    per section and rulebook: the engine asks again for every element that stands for a part)."""
    if not sec.title:
        return []
    key = ("parts", book.id)
    found = sec.cache.get(key)
    if found is None:
        found = [p for p in _ORDER if p in book.parts and book.parts[p].matches(sec.title)]
        nxt = book.parts.get("next")
        if nxt is not None and nxt.dated is not None and "next" not in found and nxt.dated.matches(sec.title):
            m = _YEAR.search(sec.title)
            if m and year is not None and int(m.group(1)) > year:
                found.append("next")  # "2025年重点工作" in a 2024 report; "2024年重点工作" is work
        sec.cache[key] = found
    return found


def section_parts(sec: Section, book: Rulebook) -> tuple[str, ...]:
    """The parts a section stands for (by its heading, or by its text), as ``assign_parts``
    decided; () for a section inside a part or a work section."""
    return sec.cache.get(("part", book.id), ())


def _profile(outline: Outline, sec: Section, book: Rulebook, names: tuple[str, ...],
             share: float = 0.0) -> tuple[int, dict[str, int]]:
    """(sentences, {part: sentences of that part's kind}) of a section's text below its heading;
    a count stops early once ``share`` of the sentences can no longer be of that kind."""
    body = [outline.sentences[i].norm for i in range(sec.start + 1, sec.end)]
    if sec.runin:
        body.insert(0, outline.sentences[sec.start].norm[len(sec.marker) + len(sec.title):] or "")
        body = [b for b in body if b]
    body = [b for b in body if not (len(b) <= 40 and is_signature(b))]
    counts = {}
    limit = len(body) - share * len(body)  # more misses than this: the share cannot be reached
    for name in names:
        spec = book.parts.get(name)
        if spec is not None and spec.body is not None:
            hit = miss = 0
            for b in body:
                if spec.body.search(b):
                    hit += 1
                else:
                    miss += 1
                    if miss > limit:
                        break
            counts[name] = hit
    return len(body), counts


def _by_body(n: int, counts: dict[str, int]) -> str | None:
    """The part the text of an unlabelled outer section clearly belongs to, if any."""
    for name in ("shortcomings", "next"):
        if n >= 2 and counts.get(name, 0) >= 2 and counts[name] >= BODY_SHARE[name] * n:
            other = "next" if name == "shortcomings" else "shortcomings"
            if counts.get(other, 0) < counts[name]:
                return name
    return None


def assign_parts(outline: Outline, book: Rulebook, moved: dict[int, str] | None = None) -> list[str]:
    """The part of every sentence; a 不足 sub-section of the work part is recorded in ``moved``
    (sentence -> "work"): the content is there, but not in a part of its own."""
    n = len(outline.sentences)
    labels = ["preamble"] * n
    mains = outline.main_sections()
    year = covered_year(outline)
    seen_non_work = False  # sections after the next-year plans are "other", not work

    def label(sec: Section, inherited: str | None) -> None:
        nonlocal seen_non_work
        found = list(heading_parts(sec, book, year))
        if inherited is not None:
            # inside a work section a sub-heading may open the shortcomings or the 第一责任人
            # part, but "…年度工作计划" there is work done, not next year's plans
            found = [p for p in found if p in ("shortcomings", "responsible")] if inherited in ("work", "other") else found
        if "shortcomings" in found:
            size, counts = _profile(outline, sec, book, ("shortcomings",), 0.0 if inherited is None else SUB_SHARE)
            need = 1 if inherited is None else max(1, SUB_SHARE * size)
            if size and counts.get("shortcomings", 0) < need:
                found.remove("shortcomings")  # the heading names problems, the text reports work
        # (a plain line of its own is a heading only by its words: in web pages such lines are
        # often navigation and titles)
        if not found and inherited is None and sec is not mains[0] and sec.kind != "line":
            by_body = _by_body(*_profile(outline, sec, book, ("shortcomings", "next"), min(BODY_SHARE.values())))
            if by_body:
                found = [by_body]
        if found:
            sec.cache[("part", book.id)] = tuple(found)  # the parts this section stands for
            seen_non_work = seen_non_work or found[-1] in ("next", "other")
            first = found[0]
            for i in range(sec.start, sec.end):
                labels[i] = first
                if inherited == "work" and first == "shortcomings" and moved is not None:
                    moved[i] = "work"
            markers = book.parts["next"].markers if "next" in book.parts else None
            if len(found) > 1 and "next" in found and markers is not None:
                for i in range(sec.start + 1, sec.end):
                    if markers.search(outline.sentences[i].norm):
                        for j in range(i, sec.end):
                            labels[j] = "next"
                        break
            return
        if inherited is None:
            inherited = "other" if seen_non_work else "work"
            for i in range(sec.start, sec.end):
                labels[i] = inherited
        for child in sec.children:
            if child.kind != "item":
                label(child, inherited)

    for sec in mains:
        label(sec, None)
    return _tail(outline, labels)


def find_misplaced(outline: Outline, labels: list[str], book: Rulebook,
                   moved: dict[int, str] | None = None) -> dict[int, str]:
    """Relabel content written inside the work part that belongs to another part (a paragraph
    turning to the shortcomings, a closing 下一步 sentence): from the sentence that begins it to
    the end of its paragraph. Returns {sentence: the part it was written in}."""
    moved = {} if moved is None else moved
    rules = [(name, book.parts[name].inside_work) for name in ("shortcomings", "next")
             if name in book.parts and book.parts[name].inside_work is not None]
    if not rules:
        return moved
    sents = outline.sentences
    for first in outline.block_first:
        if labels[first] != "work":
            continue
        b = outline.block_of[first]
        i = first
        while i < len(sents) and outline.block_of[i] == b:
            if labels[i] == "work":
                part = next((name for name, rx in rules if rx.search(sents[i].norm)), None)
                if part is not None:
                    j = i
                    while j < len(sents) and outline.block_of[j] == b and labels[j] == "work":
                        labels[j] = part
                        moved[j] = "work"
                        j += 1
                    break
            i += 1
    return moved


def _tail(outline: Outline, labels: list[str]) -> list[str]:
    """Signature lines (issuer, date) at the end of the report are the closing."""
    i = len(labels) - 1
    while i >= 0 and len(outline.sentences[i].norm) <= 40 and is_signature(outline.sentences[i].norm):
        labels[i] = "closing"
        i -= 1
    return labels
