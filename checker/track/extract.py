"""The promises of a report: the items of its 下一年度安排 part that name a concrete task.

An item is the smallest numbered unit of the plans part: an 一是 item, a （一）/1. section with
its text, or, where the part has no numbering, one sentence. A run-in heading (（一）加强普法
宣传。…) is the item's theme, not a task, when the text under it names tasks. An item is a
promise when one of its clauses names a concrete object (``keywords``): a named document, a
quoted name, or at least four characters of object left once plan verbs and generic words are
taken out, and not a set phrase (the rulebook's ``boilerplate`` phrases, the checker's notion of
套话) without a figure. "继续深入推进法治政府建设，不断提升依法行政水平" is no promise.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.track.keywords import clauses, keys

MAX_TEXT = 300  # a promise's quote (a longer item is cut, its tasks are kept whole)
MIN_OBJECT = 4  # characters of object a clause needs to be a task
MAX_PROMISES = 200  # a plans part is a page; a "plans part" of thousands of items is no plan to track
MAX_TASKS = 30  # tasks of one item (a long item is judged by its first 30 clauses)
_MARKER = regex.compile(r"^(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)[、.]?"
                        r"|\d{1,2}(?:、|\.(?!\d))|\(\d{1,2}\)[、.]?|第?[一二三四五六七八九十]+是|其[一二三四五六七八九十]是?)[,:]?")
_ITEM = regex.compile(r"第?[一二三四五六七八九十]+是|其[一二三四五六七八九十]是?")


@dataclass(frozen=True)
class Promise:
    text: str  # the item as written (original characters), cut at MAX_TEXT
    line: int
    tasks: tuple[str, ...]  # its concrete clauses, normalised (simplified characters)
    # per task: its clause and the clauses after it that name no object of their own, where the
    # figure it promises may stand (组织执法人员专题轮训，轮训不少于3期); empty: the tasks themselves
    amounts: tuple[str, ...] = ()

    def amount_text(self, k: int) -> str:
        return self.amounts[k] if k < len(self.amounts) else self.tasks[k]


def _check_patterns(book):
    """The rulebook's set phrases and figures (boilerplate / concreteness checks), when it has them."""
    checks = getattr(book, "checks", None) or {}
    phrases = (checks.get("boilerplate") or {}).get("_phrases")
    figures = (checks.get("concreteness") or {}).get("_figures")
    return phrases, figures


def is_task(clause: str, phrases=None, figures=None) -> bool:
    """A clause that names a concrete object (see the module docstring)."""
    k = keys(_MARKER.sub("", clause))
    if k.titles:
        return True
    if sum(len(r) for r in k.runs) < MIN_OBJECT:
        return False
    return not (phrases is not None and phrases.search(clause) and not (figures is not None and figures.search(clause)))


def _units(ctx) -> list[tuple[list[int], object]]:
    """(sentence indices, section or None) of each item of the plans part, in order."""
    labels, book = ctx.labels, ctx.book
    part = {i for i, p in enumerate(labels) if p == "next"}
    if not part:
        return []
    units, used = [], set()
    for sec in ctx.outline.sections():
        if sec.start not in part:
            continue
        if sec.cache.get(("part", book.id)) or any(c.start in part for c in sec.children):
            used.add(sec.start)  # the part's heading, or a heading over items: a theme
            continue
        idx = [i for i in range(sec.start, sec.end) if i in part]
        units.append((idx, sec))
        used.update(idx)
    # sentences of their own (a plans part without numbering, an intro before the items)
    units += [([i], None) for i in sorted(part - used)]
    units.sort(key=lambda u: u[0][0])
    return units


def _heading_only(ctx, i: int, sec) -> bool:
    """The sentence is the section's heading and nothing more (（一）加强普法宣传。)."""
    return sec is not None and i == sec.start and bool(sec.title) and \
        len(ctx.sentences[i].norm) <= len(sec.marker) + len(sec.title) + 1


def promises_of(ctx) -> list[Promise]:
    """The promises of the report ``ctx`` was built for (no plans part: none)."""
    phrases, figures = _check_patterns(ctx.book)
    sents = ctx.sentences
    out = []
    for idx, sec in _units(ctx):
        texts, norms = [], []
        for k, i in enumerate(idx):
            s = sents[i]
            text, norm = s.text, s.norm  # norm: simplified characters already (Document)
            if k == 0 and sec is not None and sec.kind == "item":
                m, n = _ITEM.search(text), _ITEM.search(norm)
                if m and n:  # "…重点抓好以下工作：一是制定…": the item starts at its marker
                    text, norm = text[m.start():], norm[n.start():]
            texts.append(text)
            norms.append(norm)
        theme = clauses(norms[0]) if _heading_only(ctx, idx[0], sec) and len(idx) > 1 else []
        body = norms[1:] if theme else norms
        tasks, amounts = [], []
        for c in (c for n in body for c in clauses(_MARKER.sub("", n))):
            if is_task(c, phrases, figures):
                tasks.append(c)
                amounts.append(c)
            elif amounts:
                amounts[-1] += "，" + c  # no object of its own: a figure here is the task's before it
        if not tasks:
            tasks = amounts = [c for c in theme if is_task(_MARKER.sub("", c), phrases, figures)]
        if not tasks:
            continue  # a slogan: nothing anyone could check
        tasks, amounts = tasks[:MAX_TASKS], amounts[:MAX_TASKS]
        text = "".join(texts)
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + "……"
        out.append(Promise(text, sents[idx[0]].line, tuple(_MARKER.sub("", t)[:MAX_TEXT] for t in tasks),
                           tuple(_MARKER.sub("", a)[:MAX_TEXT] for a in amounts)))
        if len(out) >= MAX_PROMISES:
            break
    return out
