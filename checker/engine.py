"""Judge each rulebook element against one report, with evidence; then score and gate it.

An element is ``present`` when the report gives it a heading of its own with substance under
it, or a paragraph clearly about it (several distinct signals together); ``partial`` when it is
only mentioned in passing, only promised for next year, or lacks a required sub-part;
``missing`` otherwise. Every present or partial verdict carries the lines it rests on.
"""

from __future__ import annotations

from collections import defaultdict

from checker.checks import run_checks
from checker.context import Context
from checker.document import Document
from checker.metadata import metadata_of
from checker.parts import heading_parts
from checker.result import ElementResult, Finding, Report
from checker.rulebook import Element, Rulebook
from checker.scoring import deduct, gate, points, total_score
from checker.select import notice_for

MAX_EVIDENCE = 4


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


def judge(el: Element, ctx: Context) -> tuple[str, list[int], str]:
    """Return (status, sentence indices of the evidence, reason in Chinese)."""
    labels = ctx.labels
    raw = ctx.signal_hits(el.signals, el.scope + el.promise_parts)
    in_scope = [h for h in raw if labels[h[1]] in el.scope and labels[h[1]] not in el.promise_parts]

    # 1. a heading of its own (or the report part this element stands for)
    thin = None
    best = None
    for sec in ctx.titled_sections(el.scope):
        by_part = el.part is not None and el.part in heading_parts(sec, ctx.book)
        if not (by_part or (el.headings is not None and el.headings.matches(sec.title))):
            continue
        body = ctx.norm_length(sec.start + 1, sec.end)
        sec_hits = [h for h in in_scope if sec.start <= h[1] < sec.end]
        if body >= el.min_body and (sec_hits or not el.signals):
            key = (len({h[0] for h in sec_hits}), body)
            if best is None or key > best[0]:
                best = (key, sec, sec_hits)
        elif thin is None:
            thin = sec
    if best is not None:
        _, sec, sec_hits = best
        idx = [sec.start] + [i for _, i in _distinct([(h[0], h[1]) for h in sec_hits]) if i != sec.start]
        reason = f"有专门的标题「{ctx.sentences[sec.start].text[:40]}」，其下有实质内容"
        if sec_hits:
            reason += f"（{_names(el, sec_hits)}）"
        return "present", idx[:MAX_EVIDENCE], reason

    # 2. a paragraph (or, for some elements, the whole part) clearly about it
    groups: dict[int, list] = defaultdict(list)
    for h in in_scope:
        groups[0 if el.count_in == "part" else ctx.outline.block_of[h[1]]].append(h)
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
        if work:
            return ("partial", [s.start for s in work],
                    f"没有总标题，只有 {len(work)} 个部分报告已做的工作，不足 {el.present_if_work_sections} 个")

    if in_scope:
        idx = [i for _, i in _distinct([(h[0], h[1]) for h in in_scope])]
        return "partial", idx[:MAX_EVIDENCE], f"只是零星提及（{_names(el, in_scope)}），没有集中论述"
    if thin is not None:
        return "partial", [thin.start], "有标题，但其下内容单薄或没有相关要点"
    promised = [h for h in raw if labels[h[1]] in el.promise_parts]
    if promised:
        idx = [i for _, i in _distinct([(h[0], h[1]) for h in promised])]
        return "partial", idx[:MAX_EVIDENCE], "只在下一年度安排中作为承诺出现，未报告上一年度的实际履行情况"
    return "missing", [], "报告中未见相关内容"


def evaluate(
    doc: Document,
    book: Rulebook,
    min_score: float | None = None,
    fail_level: str | None = None,
    skip: tuple[str, ...] = (),
    mandatory: tuple[str, ...] | None = None,
) -> Report:
    """Check one document. ``skip`` leaves elements out; ``mandatory`` overrides the rulebook's flags."""
    ctx = Context.build(doc, book)
    ctx.metadata = meta = metadata_of(ctx)
    elements = [el for el in book.elements if el.id not in skip]
    year = meta.year  # some rules apply, or are mandatory, only from a given report year
    total_weight = sum(el.weight_in(year) for el in elements)
    verdicts = {el.id: judge(el, ctx) for el in elements}
    results = []
    for el in elements:
        status, idx, reason = verdicts[el.id]
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
            advice=el.advice if status != "present" else None, mandatory=required, basis=el.basis, reason=reason,
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
