"""Label every sentence with the report part it belongs to.

The 督察工作规定 asks for parts (work done, shortcomings, the 第一责任人, next year's plans);
evidence for work done must come only from the work part, so every sentence gets one label:
preamble, work, shortcomings, responsible, next, other or closing. A heading that matches a
part's patterns labels its whole section; a section that names two parts ("存在不足及下步打算")
switches from the first to ``next`` at the sentence where plans begin.
"""

from __future__ import annotations

from checker.outline import Outline, Section
from checker.rulebook import Rulebook
from checker.signature import is_signature

_ORDER = ("shortcomings", "responsible", "next", "other")


def heading_parts(sec: Section, book: Rulebook) -> list[str]:
    """Parts whose heading patterns match this section's title, in report order (computed once
    per section and rulebook: the engine asks again for every element that stands for a part)."""
    if not sec.title:
        return []
    found = sec.cache.get(("parts", book.id))
    if found is None:
        found = [p for p in _ORDER if p in book.parts and book.parts[p].matches(sec.title)]
        sec.cache[("parts", book.id)] = found
    return found


def assign_parts(outline: Outline, book: Rulebook) -> list[str]:
    n = len(outline.sentences)
    labels = ["preamble"] * n
    mains = outline.main_sections()
    seen_non_work = False  # sections after the next-year plans are "other", not work

    def label(sec: Section, inherited: str | None) -> None:
        nonlocal seen_non_work
        found = heading_parts(sec, book)
        if inherited is not None:
            # inside a work section a sub-heading may open the shortcomings or the 第一责任人
            # part, but "…年度工作计划" there is work done, not next year's plans
            found = [p for p in found if p in ("shortcomings", "responsible")] if inherited in ("work", "other") else found
        if found:
            seen_non_work = seen_non_work or found[-1] in ("next", "other")
            first = found[0]
            for i in range(sec.start, sec.end):
                labels[i] = first
            if len(found) > 1 and "next" in found and book.next_markers is not None:
                for i in range(sec.start + 1, sec.end):
                    if book.next_markers.search(outline.sentences[i].norm):
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


def _tail(outline: Outline, labels: list[str]) -> list[str]:
    """Signature lines (issuer, date) at the end of the report are the closing."""
    i = len(labels) - 1
    while i >= 0 and len(outline.sentences[i].norm) <= 40 and is_signature(outline.sentences[i].norm):
        labels[i] = "closing"
        i -= 1
    return labels
