"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps): one result per
element that is missing or partial and per finding, pointing at the file and line.

Results are streamed to the output file as reports arrive; only the rule table (one entry per
element or check id) is kept in memory, and written after the results -- key order does not
matter in JSON, so the file never has to be held whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.render.labels import STATUS
from checker.render.summary import AtomicFile

FILENAME = "check.sarif"
WRITES_FILE = True
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI (from the working directory) when the file is under it, so that code
    scanning can place the result in the repository; percent-encoded (Chinese file names)."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
        return quote(rel.as_posix(), safe="/")
    except ValueError:
        return p.resolve().as_uri()


def element_level(e) -> str:
    """A mandatory element not present fails the gate: error. Others: warning (missing) or note."""
    if e.mandatory:
        return "error"
    return "warning" if e.status == "missing" else "note"


def _location(uri: str, line: int | None, text: str | None = None, column: int | None = None) -> dict:
    region = {"startLine": max(1, int(line or 1))}
    if column:  # a line that holds a whole report (its line breaks lost)
        region["startColumn"] = column
    if text:
        region["snippet"] = {"text": text}
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}


class Renderer:
    def __init__(self, out, out_dir: Path | None = None):
        self.out = out
        self.path = Path(out_dir or "reports_out") / FILENAME
        self.rules: dict[str, dict] = {}
        self.index: dict[str, int] = {}
        self.notifications: list[dict] = []  # unreadable inputs (few)
        self.notices: dict[str, dict] = {}  # rulebook notices (basis period ended), one per distinct text
        self.count = 0

    def start(self, total: int) -> None:
        self.file = AtomicFile(self.path)
        self.file.write('{"$schema": "%s", "version": "2.1.0", "runs": [{"results": [\n' % SCHEMA)

    def _rule_index(self, rule_id: str, make) -> int:
        if rule_id not in self.rules:
            self.rules[rule_id] = {"id": rule_id} | make()
            self.index[rule_id] = len(self.index)
        return self.index[rule_id]

    def _emit(self, result: dict) -> None:
        self.file.write(("" if self.count == 0 else ",\n") + json.dumps(result, ensure_ascii=False))
        self.count += 1

    def add(self, outcome) -> None:
        r = outcome.report
        if r is None:
            uri = artifact_uri(outcome.path)
            self.notifications.append({
                "level": "error", "message": {"text": outcome.error or outcome.path},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            })
            return
        uri = artifact_uri(r.file)
        notice = f"\n规则集提示：{r.rulebook_notice}" if r.rulebook_notice else ""
        if r.rulebook_notice and r.rulebook_notice not in self.notices:
            self.notices[r.rulebook_notice] = {
                "level": "warning", "descriptor": {"id": "rulebook/period-ended"},
                "message": {"text": r.rulebook_notice}}
        for e in r.elements:
            if e.status == "present":
                continue
            rid = f"element/{e.id}"
            idx = self._rule_index(rid, lambda e=e: {
                "name": e.id,
                "shortDescription": {"text": e.name},
                "fullDescription": {"text": f"报告应包含“{e.name}”。依据：{e.basis}" if e.basis else f"报告应包含“{e.name}”。"},
                "help": {"text": (e.advice or f"补充“{e.name}”的内容。") + (f"\n依据：{e.basis}" if e.basis else "")},
                "defaultConfiguration": {"level": element_level(e)},
                "properties": {"basis": e.basis, "mandatory": e.mandatory, "tags": ["element"]},
            })
            lines = [ev.line for ev in e.evidence] or [r.metadata.title_line or 1]
            text = f"{e.name}：{STATUS[e.status]}。{e.reason}" + (f"。建议：{e.advice}" if e.advice else "") + notice
            result = {
                "ruleId": rid, "ruleIndex": idx, "level": element_level(e), "kind": "fail",
                "message": {"text": text},
                "locations": [_location(uri, lines[0], e.evidence[0].text if e.evidence else None,
                                        e.evidence[0].column if e.evidence else None)],
                "properties": {"status": e.status, "mandatory": e.mandatory, "score": r.score}
                | ({"rulebookNotice": r.rulebook_notice} if notice else {}),
            }
            if len(e.evidence) > 1:
                result["relatedLocations"] = [_location(uri, ev.line, ev.text, ev.column) | {"id": i}
                                              for i, ev in enumerate(e.evidence[1:], 1)]
            self._emit(result)
        for f in r.findings:
            idx = self._rule_index(f.rule, lambda f=f: _finding_rule(f))
            self._emit({
                "ruleId": f.rule, "ruleIndex": idx, "level": _LEVEL.get(f.severity, "note"), "kind": "fail",
                "message": {"text": f.message + notice},
                "locations": [_location(uri, f.line or r.metadata.title_line or 1)],
            } | ({"properties": {"rulebookNotice": r.rulebook_notice}} if notice else {}))

    def finish(self) -> None:
        driver = {
            "name": "check", "version": __version__, "semanticVersion": __version__,
            "fullName": "check —— 法治政府建设年度报告合规审查",
            "rules": list(self.rules.values()),
        }
        invocation = {"executionSuccessful": not self.notifications}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        if self.notices:
            invocation["toolConfigurationNotifications"] = list(self.notices.values())
        self.file.write("\n], \"tool\": {\"driver\": " + json.dumps(driver, ensure_ascii=False)
                        + "}, \"invocations\": [" + json.dumps(invocation, ensure_ascii=False)
                        + "], \"columnKind\": \"unicodeCodePoints\"}]}\n")
        self.file.commit()

    def abort(self) -> None:
        if getattr(self, "file", None) is not None:  # start() may not have run
            self.file.abort()


def _finding_rule(f) -> dict:
    """Name, help and basis of a finding's check, from the check module when it is known."""
    check_id = f.rule.split(".", 1)[0]
    info = {"name": check_id, "basis": "", "advice": ""}
    try:
        from checker.judge.checks import REGISTRY, describe

        if check_id in REGISTRY:
            info = describe(check_id)
    except Exception:  # noqa: BLE001 - a rule description must never cost the output
        pass
    return {
        "name": f.rule,
        "shortDescription": {"text": info.get("name") or f.rule},
        "fullDescription": {"text": f.message},
        "help": {"text": (info.get("advice") or f.message) + (f"\n依据：{info['basis']}" if info.get("basis") else "")},
        "defaultConfiguration": {"level": _LEVEL.get(f.severity, "note")},
        "properties": {"basis": info.get("basis") or "", "tags": ["finding"]},
    }

