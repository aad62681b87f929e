"""What each Word comment says: plain Chinese text built from a Report, no Word library needed.

Three kinds of comment (``Note``): on the title paragraph the verdict (score, grade, gate
reasons, every missing element with its advice); on each paragraph that carries evidence the
elements it evidences and their status; on each finding's line the finding with its advice and
basis. ``line`` is the report line the comment belongs on (None: the title paragraph).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from checker.render.escape import terminal
from checker.render.labels import SEVERITY, STATUS, verdict

AUTHOR = "check 法治政府建设年度报告审查"
INITIALS = "check"

# characters XML 1.0 forbids (C0 controls other than tab and line ends, U+FFFE/U+FFFF) and
# lone surrogates (undecodable bytes of a file name), which no XML serialiser can write
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value) -> str:
    """``value`` as text any .docx can hold: characters XML 1.0 forbids dropped."""
    return _FORBIDDEN.sub("", "" if value is None else str(value))


def _name(value) -> str:
    """A file name or rulebook text in a comment: control and bidirectional characters shown
    as escapes (``\\u202e``), so a name can neither break the file nor disguise itself."""
    return terminal(value)


def _points(v: float) -> str:
    return f"{round(v, 1):g}"


@dataclass
class Note:
    kind: str  # "verdict", "evidence" or "finding"
    line: int | None  # report line the comment is anchored on; None: the title paragraph
    text: str  # paragraphs separated by "\n"
    quote: str = ""  # the evidence quote or finding line the comment is about (for tests and checks)


def title_line(report) -> int | None:
    return report.metadata.title_line


def verdict_note(report) -> Note:
    """The title paragraph's comment: the whole result in a few lines."""
    m = report.metadata
    out = [f"【审查结论】得分 {_points(report.score)} / 100，等级 {report.grade}，结论：{verdict(report.passed)}"
           f"（合格线 {_points(report.min_score)}）"]
    for reason in report.gate_reasons:
        out.append(f"未通过原因：{_name(reason)}")
    if not m.is_annual_report:
        from checker.document.kinds import kind_name

        out.append(f"文件类型：{kind_name(m.kind)}（{_name(m.doc_type_reason)}）")
    missing = [e for e in report.elements if e.status == "missing"]
    partial = [e for e in report.elements if e.status == "partial"]
    if missing:
        out.append(f"缺失要素 {len(missing)} 项：")
        for k, e in enumerate(missing, 1):
            tag = "（必备）" if e.mandatory else ""
            out.append(f"{k}. {_name(e.name)}{tag}：{_name(e.advice or e.reason or '请补写本部分内容。')}")
    else:
        out.append("缺失要素：无")
    if partial:
        out.append("部分覆盖：" + "、".join(_name(e.name) for e in partial) + "（修改建议见对应段落的批注）")
    if report.findings:
        counts = [f"{SEVERITY[s]} {n} 条" for s in ("error", "warning", "info")
                  if (n := sum(1 for f in report.findings if f.severity == s))]
        out.append("发现问题：" + "，".join(counts) + "（见各段批注）")
    out.append(f"规则集：{_name(report.rulebook_name or report.rulebook_id)} {_name(report.rulebook_version)}；"
               f"审查文件：{_name(os.path.basename(report.file))}")
    return Note("verdict", title_line(report), "\n".join(out))


def evidence_notes(report) -> list[Note]:
    """One comment per paragraph (report line) that carries evidence, naming every element it
    evidences, in rulebook order."""
    by_line: dict[int, list] = {}
    for e in report.elements:
        for ev in e.evidence:
            seen = by_line.setdefault(ev.line, [])
            if all(x[0] is not e for x in seen):
                seen.append((e, ev.text))
    notes = []
    for line in sorted(by_line):
        out = []
        for e, _ in by_line[line]:
            head = f"【要素】{_name(e.name)}：{STATUS[e.status]}（{_points(e.points)}/{_points(e.max_points)} 分）"
            out.append(head)
            if e.status != "present" and e.advice:
                out.append(f"修改建议：{_name(e.advice)}")
        notes.append(Note("evidence", line, "\n".join(out), quote=by_line[line][0][1]))
    return notes


def finding_info(finding, book=None) -> dict:
    """Name, advice and basis of the check that made a finding: the rulebook's own words when
    the rulebook is at hand, else the check module's (as SARIF does)."""
    check_id = finding.rule.split(".", 1)[0]
    info = {"name": check_id, "basis": "", "advice": ""}
    try:
        from checker.judge.checks import REGISTRY, describe

        if check_id in REGISTRY:
            options = (book.checks or {}).get(check_id) if book is not None else None
            options = options if isinstance(options, dict) else None
            info = describe(check_id, options)
            row = _row(options, finding.rule.partition(".")[2])
            if row is not None:  # a row of the check's table (a term, a phrase) has its own basis
                info = {**info, **{k: str(row[k]) for k in ("basis", "advice") if row.get(k)}}
    except Exception:  # noqa: BLE001 - a rule description must never cost the output
        pass
    return info


def _row(options: dict | None, row_id: str) -> dict | None:
    """The row of a check's table (``terms`` of timeliness, ``rules`` of phrases…) whose id is
    the finding's, if any."""
    if not options or not row_id:
        return None
    for value in options.values():
        if isinstance(value, list):
            for row in value:
                if isinstance(row, dict) and row.get("id") == row_id:
                    return row
    return None


def finding_notes(report, book=None) -> list[Note]:
    notes = []
    for f in report.findings:
        info = finding_info(f, book)
        out = [f"【{SEVERITY.get(f.severity, f.severity)}】{_name(f.message)}",
               f"检查项：{_name(info.get('name') or f.rule)}（{_name(f.rule)}）"]
        if info.get("advice"):
            out.append(f"修改建议：{_name(info['advice'])}")
        if info.get("basis"):
            out.append(f"依据：{_name(info['basis'])}")
        notes.append(Note("finding", f.line, "\n".join(out), quote=f.message))
    return notes


def all_notes(report, book=None) -> list[Note]:
    """Every comment of a report, in the order they are added: verdict, evidence, findings."""
    return [verdict_note(report), *evidence_notes(report), *finding_notes(report, book)]
