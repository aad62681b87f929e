"""Compare one checked report with the labels a reviewer gave it, label by label.

Every comparison says what was expected, what the checker found and, when they differ, why the
checker decided as it did (the element's reason, the document-kind reason, the gate), so that a
miss can be traced to its cause without rerunning anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.evaluate.labels import CORE, Case
from checker.document.kinds import KINDS, label_kind

STATUS_CODE = {"present": "P", "partial": "p", "missing": "-"}
# the order labels are reported in; ``kind`` and ``core`` first, metadata after
LABELS = ("is_annual_report", "kind", "core", "elements", "passed", "rulebook", "year", "title",
          "issuer", "date", "no_finding", "same_as")


@dataclass
class Check:
    label: str
    expected: object
    got: object
    ok: bool
    why: str = ""  # the checker's reason, when it disagrees

    def to_dict(self) -> dict:
        return {"label": self.label, "expected": self.expected, "got": self.got, "ok": self.ok, "why": self.why}


def core_code(statuses: tuple[str, ...]) -> str:
    return "".join(STATUS_CODE.get(s, "?") for s in statuses)


def _element_reasons(report, ids) -> str:
    parts = []
    for i in ids:
        try:
            e = report.element(i)
        except KeyError:
            parts.append(f"{i}: 规则集中没有此要素")
            continue
        parts.append(f"{e.name}（{e.id}）{STATUS_CODE[e.status]}：{e.reason}")
    return "；".join(parts)


def _status(report, element_id: str) -> str:
    try:
        return report.element(element_id).status
    except KeyError:
        return "missing"


def compare(case: Case, report, reference=None) -> list[Check]:
    """Checks for every label of ``case``; ``reference`` is the report of the case named by
    ``same_as`` (None when there is none, or it could not be read)."""
    meta = report.metadata
    out: list[Check] = []
    for label in LABELS:
        if label not in case.expect:
            continue
        want = case.expect[label]
        if label == "core":
            got = tuple(_status(report, i) for i in CORE)
            wrong = [CORE[k] for k in range(len(CORE)) if all(w[k] != got[k] for w in want)]
            out.append(Check("core", " 或 ".join(core_code(w) for w in want), core_code(got), got in want,
                             _element_reasons(report, wrong or CORE) if got not in want else ""))
        elif label == "elements":
            for eid, accepted in want.items():
                accepted = accepted if isinstance(accepted, list) else [accepted]
                got = _status(report, eid)
                out.append(Check(f"elements.{eid}", "/".join(accepted), got, got in accepted,
                                 "" if got in accepted else _element_reasons(report, [eid])))
        elif label == "passed":
            out.append(Check("passed", want, report.passed, report.passed == want,
                             "；".join(report.gate_reasons) if report.passed != want else ""))
        elif label == "rulebook":
            out.append(Check("rulebook", want, report.rulebook_id, report.rulebook_id == want, report.rulebook_reason))
        elif label == "is_annual_report":
            got = meta.is_annual_report
            out.append(Check(label, want, got, got == want, meta.doc_type_reason if got != want else ""))
        elif label == "kind":
            want_id = label_kind(str(want))
            got = getattr(meta, "kind", None) or ("annual_report" if meta.is_annual_report else "other")
            out.append(Check("kind", f"{want_id}（{want}）", got, got == want_id,
                             "" if got == want_id else f"判为{KINDS.get(got, got)}：{meta.doc_type_reason}"))
        elif label in ("year", "title", "issuer", "date"):
            got = getattr(meta, label)
            out.append(Check(label, want, got, str(got) == str(want) if want is not None else got is None))
        elif label == "no_finding":
            rules = want if isinstance(want, list) else [want]
            hit = [f for f in report.findings if f.rule in rules]
            out.append(Check("no_finding", "无 " + "、".join(rules), "、".join(f.rule for f in hit) or "无",
                             not hit, "；".join(f.message for f in hit)))
        elif label == "same_as":
            out.append(_same_as(want, report, reference))
    return out


def _verdict(report) -> dict:
    return {"elements": {e.id: e.status for e in report.elements}, "score": report.score,
            "passed": report.passed}


def _same_as(name: str, report, reference) -> Check:
    if reference is None:
        return Check("same_as", name, "参照案例无法检查", False)
    want, got = _verdict(reference), _verdict(report)
    if want == got:
        return Check("same_as", name, "相同", True)
    diffs = [f"{k}: {want['elements'].get(k)}→{v}" for k, v in got["elements"].items()
             if want["elements"].get(k) != v]
    if want["score"] != got["score"]:
        diffs.append(f"得分 {want['score']}→{got['score']}")
    if want["passed"] != got["passed"]:
        diffs.append(f"结论 {want['passed']}→{got['passed']}")
    why = _element_reasons(report, [k for k, v in got["elements"].items() if want["elements"].get(k) != v])
    return Check("same_as", name, "；".join(diffs), False, why)
