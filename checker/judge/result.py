"""What a check produces. ``to_dict`` is the JSON contract (see README); renderers read these."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUSES = ("present", "partial", "missing")
SEVERITIES = ("error", "warning", "info")


def place(line: int, page: int | None = None, page_line: int | None = None, column: int | None = None) -> str:
    """Where a line is, as a reviewer finds it: 第12行, in a PDF report 第3页第5行, and in a
    line that holds a whole report (its line breaks lost) 第1行第523字."""
    where = f"第{line}行" if page is None else f"第{page}页第{page_line or line}行"
    return where if column is None else f"{where}第{column}字"


@dataclass(slots=True)
class Evidence:
    line: int
    text: str
    page: int | None = None  # PDF page where the line (a rebuilt paragraph) starts, when known
    page_line: int | None = None  # its line on that page
    column: int | None = None  # where the quote starts in a line that lost its line breaks (1-based)

    def to_dict(self) -> dict:
        d = {"line": self.line, "text": self.text}
        if self.page is not None:
            d["page"] = self.page
            d["page_line"] = self.page_line
        if self.column is not None:
            d["column"] = self.column
        return d


@dataclass
class ElementResult:
    id: str
    name: str
    status: str
    points: float
    max_points: float
    evidence: list[Evidence]
    advice: str | None
    mandatory: bool = False
    basis: str = ""
    reason: str = ""  # why this status, in Chinese, for the reviewer

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "points": self.points,
            "max_points": self.max_points,
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": self.advice,
            "mandatory": self.mandatory,
            "basis": self.basis,
            "reason": self.reason,
        }


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "line": self.line}


@dataclass
class Metadata:
    title: str | None = None
    year: int | None = None
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD, or YYYY-MM when the signature gives the month only
    is_annual_report: bool = False  # kind == "annual_report"
    kind: str = "other"  # one of checker.document.kinds.KINDS
    title_line: int | None = None
    date_line: int | None = None
    issuer_line: int | None = None
    doc_type_reason: str = ""  # why this kind, in Chinese, quoting the evidence

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "year": self.year,
            "issuer": self.issuer,
            "date": self.date,
            "is_annual_report": self.is_annual_report,
            "kind": self.kind,
        }


@dataclass
class Report:
    file: str
    rulebook_id: str
    rulebook_version: str
    metadata: Metadata
    score: float
    grade: str
    passed: bool
    elements: list[ElementResult]
    findings: list[Finding]
    rulebook_name: str = ""
    rulebook_reason: str = ""  # why this rulebook was used
    rulebook_notice: str | None = None  # the rulebook's basis period ended before the report year
    min_score: float = 0
    gate_reasons: list[str] = field(default_factory=list)  # why the gate failed, in Chinese
    encoding: str | None = None
    format: str = "txt"
    lines: list[str] = field(default_factory=list)  # the original text, for annotated output
    # PDF input: [page, line on that page] where each line (a rebuilt paragraph) starts
    line_pages: list | None = None
    stem: str = ""  # output file name (without extension), unique within a batch
    # last year's promises and whether this report kept them (checker.track; None: not compared).
    # Cross-report results never change the score, grade or gate.
    promises: list[dict] | None = None  # [{"text", "line", "status", "evidence": [{"line", "text"}]}]
    promises_from: dict | None = None  # {"file", "year", "kept_share"}
    # copied text across a batch (checker.across.similar), None outside a batch: per other report
    # {"file", "share", "relation", "year", "passages": [{"line", "other_line", "text"}]}
    similar: list[dict] | None = None
    similar_share: float | None = None  # share of the body found in the batch's other reports

    def to_dict(self) -> dict:
        meta = self.metadata.to_dict()
        if self.encoding:
            meta["encoding"] = self.encoding
        meta["format"] = self.format
        d = {
            "file": self.file,
            "rulebook": {"id": self.rulebook_id, "version": self.rulebook_version, "reason": self.rulebook_reason,
                         "notice": self.rulebook_notice},
            "metadata": meta,
            "score": self.score,
            "grade": self.grade,
            "passed": self.passed,
            "gate": {"min_score": self.min_score, "reasons": self.gate_reasons},
            "elements": [e.to_dict() for e in self.elements],
            "findings": [f.to_dict() for f in self.findings],
        } | self._across()
        return d

    def _across(self) -> dict:
        """Cross-report fields, present only when a batch's analyses (or ``check track``) filled them."""
        out = {}
        if self.similar is not None:
            out["similar"] = self.similar
            out["similar_share"] = self.similar_share
        if self.promises is not None:
            out["promises"] = self.promises
        if self.promises_from is not None:
            out["promises_from"] = self.promises_from
        return out

    def element(self, element_id: str) -> ElementResult:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)


def report_record(r: Report) -> dict:
    """What ``dataclasses.asdict`` gives for a Report, built directly: asdict deep-copies every
    value, which cost a batch about a sixth of a check per report. The inverse is
    ``report_from_dict``; a batch's spool and the web page's sealed state use both."""
    d = dict(r.__dict__)
    d["metadata"] = dict(r.metadata.__dict__)
    d["elements"] = [dict(e.__dict__, evidence=[{k: getattr(v, k) for k in Evidence.__slots__} for v in e.evidence])
                     for e in r.elements]
    d["findings"] = [{k: getattr(f, k) for k in Finding.__slots__} for f in r.findings]
    return d


def report_from_dict(d: dict) -> Report:
    """The inverse of ``dataclasses.asdict`` for a Report (a batch's spool, the web page's
    sealed state): plain JSON in, the dataclasses back."""
    d = dict(d)
    d["metadata"] = Metadata(**d["metadata"])
    d["elements"] = [ElementResult(**{**e, "evidence": [Evidence(**v) for v in e["evidence"]]}) for e in d["elements"]]
    d["findings"] = [Finding(**f) for f in d["findings"]]
    return Report(**d)


def statuses(report: Report) -> dict[str, str]:
    return {e.id: e.status for e in report.elements}


__all__ = ["Evidence", "ElementResult", "Finding", "Metadata", "Report", "asdict", "place", "report_from_dict", "report_record", "statuses"]
