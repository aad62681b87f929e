"""Judge each rulebook element against one report, with evidence; then score and gate it.

An element is ``present`` when the report gives it a heading of its own with substance under
it, or a paragraph clearly about it (several distinct signals together); ``partial`` when it is
only mentioned in passing, only promised for next year, or lacks a required sub-part;
``missing`` otherwise. Every present or partial verdict carries the lines it rests on.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from checker.judge.checks import run_checks
from checker.judge.context import Context
from checker.document.model import Document
from checker.document.metadata import metadata_of
from checker.document.parts import section_parts
from checker.judge.result import ElementResult, Finding, Report
from checker.rulebook.model import Element, Rulebook
from checker.judge.scoring import deduct, gate, points, total_score
from checker.rulebook.select import notice_for

MAX_EVIDENCE = 4
MOVE_ADVICE = "把这些内容从“工作情况”部分移出，单列成部分。"


def _distinct(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One (signal, sentence) hit per signal, in document order."""
    seen, out = set(), []
    for sig, idx in sorted(hits, key=lambda h: h[1]):
        if sig not in seen:
            seen.add(sig)
            out.append((sig, idx))
    return out


def _names(el: Element, hits) -> str:
    return "、".join(dict.fromkeys(h[2] for h in hits))


def _usable(el: Element, ctx: Context, raw: list) -> tuple[list, list, list]:
    """Split signal hits into (evidence, generic, in headings): a hit inside a phrase that says
    nothing specific (the element's ``generic`` phrases: 高度重视…, 再接再厉, 亮点还不够多) is
    no evidence; for ``body_only`` elements neither is a hit in a heading of its own."""
    heads = []
    if el.body_only:
        heads = [h for h in raw if h[1] in ctx.headings]
        raw = [h for h in raw if h[1] not in ctx.headings]
    if el.generic is None or not raw:
        return raw, [], heads
    spans: dict[int, list] = {}
    keep, generic = [], []
    for h in raw:
        found = spans.get(h[1])
        if found is None:
            found = spans[h[1]] = [m.span() for m in el.generic.finditer(ctx.sentences[h[1]].norm)]
        (generic if any(a <= h[3] < b for a, b in found) else keep).append(h)
    return keep, generic, heads


_HAN = regex.compile(r"\p{Han}")
OWN_WORDS = 10  # Chinese characters outside generic phrases that make a sentence say something


def _own_words(el: Element, text: str) -> int:
    """Chinese characters of a sentence outside the element's generic phrases."""
    if el.generic is not None:
        text = "".join(text[a:b] for a, b in _gaps(el.generic.finditer(text), len(text)))
    return len(_HAN.findall(text))


def _gaps(matches, n: int):
    pos = 0
    for m in matches:
        yield pos, m.start()
        pos = m.end()
    yield pos, n


def _body_end(ctx: Context, sec) -> int:
    """One past the last sentence of a section's text, without the signature below it."""
    end = sec.end
    while end > sec.start + 1 and ctx.labels[end - 1] == "closing":
        end -= 1
    return end


def judge(el: Element, ctx: Context) -> tuple[str, list[int], str]:
    """Return (status, sentence indices of the evidence, reason in Chinese)."""
    labels = ctx.labels
    raw, generic, in_headings = _usable(el, ctx, ctx.signal_hits(el.signals, el.scope + el.promise_parts))
    in_scope = [h for h in raw if labels[h[1]] in el.scope and labels[h[1]] not in el.promise_parts]
    mentions = in_scope + [h for h in generic if labels[h[1]] in el.scope and labels[h[1]] not in el.promise_parts]

    # 1. a heading of its own (or the report part this element stands for), with substance in
    #    the text under it: the heading's own words are never its content
    thin = empty = None
    best = None
    for sec in ctx.titled_sections(el.scope):
        by_part = el.part is not None and el.part in section_parts(sec, ctx.book)
        if not (by_part or (el.headings is not None and el.headings.matches(sec.title))):
            continue
        end = _body_end(ctx, sec)
        body = ctx.norm_length(sec.start + 1, end)
        sec_hits = [h for h in in_scope if sec.start <= h[1] < end]
        said = []
        if body >= el.min_body and not sec_hits and el.substance == "text":
            said = [i for i in range(sec.start + 1, end) if i not in ctx.headings
                    and _own_words(el, ctx.sentences[i].norm) >= OWN_WORDS]
        if body >= el.min_body and (sec_hits or said or not el.signals):
            key = (len({h[0] for h in sec_hits}), body)
            if best is None or key > best[0]:
                best = (key, sec, sec_hits or [(None, i, "") for i in said[:MAX_EVIDENCE - 1]])
        elif end <= sec.start + 1 and not (sec.runin and sec_hits):
            empty = empty or sec
        elif thin is None:
            thin = sec
    if best is not None:
        _, sec, sec_hits = best
        idx = [sec.start] + [i for _, i in _distinct([(h[0], h[1]) for h in sec_hits]) if i != sec.start]
        reason = f"有专门的标题「{ctx.sentences[sec.start].text[:40]}」，其下有实质内容"
        if sec_hits and sec_hits[0][0] is not None:
            reason += f"（{_names(el, sec_hits)}）"
        return "present", idx[:MAX_EVIDENCE], reason

    # 2. a paragraph (or, for some elements, the whole part) clearly about it; 一是/二是 items
    #    on lines of their own count as one paragraph with the line that leads them in
    groups: dict[int, list] = defaultdict(list)
    for h in in_scope:
        groups[0 if el.count_in == "part" else ctx.outline.unit_of[h[1]]].append(h)
    for g in sorted(groups.values(), key=lambda g: -len({h[0] for h in g})):
        if len({h[0] for h in g}) >= el.min_signals:
            idx = [i for _, i in _distinct([(h[0], h[1]) for h in g])]
            where = "该部分" if el.count_in == "part" else "一段文字"
            return "present", idx[:MAX_EVIDENCE], f"{where}集中论述（{_names(el, g)}）"
        break

    # 3. no heading, but the report is organised by tasks: enough work sections
    if el.present_if_work_sections:
        work = [s for s in ctx.outline.main_sections()
                if s.title and labels[s.start] == "work"
                and ctx.norm_length(s.start + 1, s.end) >= el.min_body]
        if len(work) >= el.present_if_work_sections:
            return ("present", [s.start for s in work][:MAX_EVIDENCE],
                    f"没有总标题，但按任务分 {len(work)} 个部分报告了已做的工作")
        # one outer section whatever its heading, with the tasks as its sub-sections: the text decides
        items = [c for s in work for c in s.children if c.kind != "item" and c.title and labels[c.start] == "work"
                 and ctx.norm_length(c.start + 1 if not c.runin else c.start, c.end) >= el.min_body]
        if len(items) >= el.present_if_work_sections:
            return ("present", [work[0].start] + [c.start for c in items][:MAX_EVIDENCE - 1],
                    f"标题「{ctx.sentences[work[0].start].text[:40]}」下按任务分 {len(items)} 项报告了已做的工作")
        if work:
            return ("partial", [s.start for s in work],
                    f"没有总标题，只有 {len(work)} 个部分报告已做的工作，不足 {el.present_if_work_sections} 个")

    if in_scope or (mentions and thin is None):
        idx = [i for _, i in _distinct([(h[0], h[1]) for h in mentions])]
        what = "只是零星提及" if in_scope else "只有一般性表述"
        return "partial", idx[:MAX_EVIDENCE], f"{what}（{_names(el, mentions)}），没有集中论述"
    if thin is not None:
        end = _body_end(ctx, thin)
        said = [h for h in generic if thin.start < h[1] < end]
        idx = [thin.start] + ([said[0][1]] if said else [thin.start + 1] if thin.start + 1 < end else [])
        what = f"只有一般性表述（{_names(el, said)}）" if said else "没有相关的具体内容"
        return "partial", idx, f"有标题「{ctx.sentences[thin.start].text[:40]}」，但其下{what}"
    promised = [h for h in raw + generic if labels[h[1]] in el.promise_parts]
    if promised:
        idx = [i for _, i in _distinct([(h[0], h[1]) for h in promised])]
        return "partial", idx[:MAX_EVIDENCE], "只在下一年度安排中作为承诺出现，未报告上一年度的实际履行情况"
    if empty is not None:
        s = ctx.sentences[empty.start]
        return "missing", [], f"第{s.line}行有标题「{s.text[:40]}」，但其下没有内容"
    titled = [h for h in in_headings if labels[h[1]] in el.scope]
    if titled:
        s = ctx.sentences[titled[0][1]]
        return "missing", [], f"只有第{s.line}行的标题「{s.text[:40]}」提到（{_names(el, titled)}），正文中未见相关内容"
    return "missing", [], "报告中未见相关内容"


def _misplaced(el: Element, ctx: Context, verdict: tuple[str, list[int], str]) -> tuple[str, list[int], str, bool]:
    """A verdict resting only on content written inside another part (不足 in the 成效 part,
    下一步 at the end of each work item) is partial: the content is there, not where it belongs."""
    status, idx, reason = verdict
    if status == "missing" or not idx or not all(i in ctx.misplaced for i in idx):
        return status, idx, reason, False
    part = ctx.labels[idx[0]]  # quote where each misplaced passage begins (下一步 in every work item)
    starts = [i for i in sorted(ctx.misplaced) if ctx.labels[i] == part and (i - 1) not in ctx.misplaced]
    idx = sorted(dict.fromkeys(idx + starts))[:MAX_EVIDENCE]
    where = "、".join(f"第{line}行" for line in dict.fromkeys(ctx.sentences[i].line for i in idx))
    if len(starts) > len(idx):
        where += f"等 {len(starts)} 处"
    return "partial", idx, f"写在“工作情况”部分中（{where}），没有单列成部分；{reason}", True


def evaluate(
    doc: Document,
    book: Rulebook,
    min_score: float | None = None,
    fail_level: str | None = None,
    skip: tuple[str, ...] = (),
    mandatory: tuple[str, ...] | None = None,
    context: Context | None = None,
) -> Report:
    """Check one document. ``skip`` leaves elements out; ``mandatory`` overrides the rulebook's flags;
    ``context``: ``Context.build(doc, book)`` when the caller built it already (and reads it after)."""
    ctx = context or Context.build(doc, book)
    ctx.metadata = meta = metadata_of(ctx)
    elements = [el for el in book.elements if el.id not in skip]
    year = meta.year  # some rules apply, or are mandatory, only from a given report year
    total_weight = sum(el.weight_in(year) for el in elements)
    verdicts = {el.id: _misplaced(el, ctx, judge(el, ctx)) for el in elements}
    results = []
    for el in elements:
        status, idx, reason, moved = verdicts[el.id]
        if status == "present" and el.requires:
            lacking = [book.element(r).name for r in el.requires if r in verdicts and verdicts[r][0] != "present"]
            if lacking:
                status, reason = "partial", reason + "；但缺少" + "、".join(lacking)
        pts, max_pts = points(total_weight, el.weight_in(year), status, book.partial_factor)
        required = el.mandatory_in(year) if mandatory is None else el.id in mandatory
        if not el.applies_in(year):
            reason += f"；{el.applies_from_year} 年以前尚无此要求，不计分"
        elif el.mandatory and not required and mandatory is None:
            reason += f"；{el.mandatory_from_year} 年起才是必备要素"
        seen, evidence = set(), []
        for i in idx:
            if i not in seen:
                seen.add(i)
                evidence.append(ctx.evidence(i))
        evidence.sort(key=lambda e: e.line)
        results.append(ElementResult(
            id=el.id, name=el.name, status=status, points=pts, max_points=max_pts, evidence=evidence,
            advice=(MOVE_ADVICE + el.advice if moved else el.advice) if status != "present" else None, mandatory=required, basis=el.basis, reason=reason,
        ))
    ctx.elements = {r.id: r for r in results}
    findings = run_checks(ctx)
    hidden = doc.info.get("hidden_chars")
    if hidden:  # the reader dropped text a reader of the document does not see
        findings.append(Finding("input.hidden-text", "info",
                                f"文件中有 {hidden} 个字的隐藏文字（Word 隐藏格式或网页中不显示的内容），审查时已忽略", None))
    score = total_score(results, deduct(findings, book.checks))
    threshold = book.min_score if min_score is None else min_score
    reasons = gate(meta, score, results, findings, threshold, fail_level)
    return Report(
        file=doc.path, rulebook_id=book.id, rulebook_version=book.version, rulebook_name=book.name,
        rulebook_notice=notice_for(book, year),
        metadata=meta, score=score, grade=book.grade(score), passed=not reasons, elements=results,
        findings=findings, min_score=threshold, gate_reasons=reasons, encoding=doc.encoding,
        format=doc.format, lines=doc.lines, line_pages=doc.info.get("page_lines"),
    )
