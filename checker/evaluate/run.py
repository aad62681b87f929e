"""Check every labelled file and gather the comparisons into one result."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from checker.evaluate.agree import Check, compare
from checker.evaluate.labels import Case, load_cases


@dataclass
class CaseResult:
    case: Case
    checks: list[Check] = field(default_factory=list)
    error: str | None = None  # the file could not be read

    @property
    def ok(self) -> bool:
        return self.error is None and all(c.ok for c in self.checks)

    def to_dict(self) -> dict:
        d = {"file": self.case.name, "agree": self.ok, "ambiguous": self.case.ambiguous,
             "checks": [c.to_dict() for c in self.checks]}
        if self.error:
            d["error"] = self.error
        return d


@dataclass
class Evaluation:
    source: str
    format: str
    results: list[CaseResult]

    def scored(self) -> list[CaseResult]:
        return [r for r in self.results if not r.case.ambiguous]

    def by_label(self) -> dict[str, tuple[int, int]]:
        """label -> (agreeing, total) over the scored cases; ``elements.x`` count under ``elements``."""
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.scored():
            for c in r.checks:
                t = tally[c.label.split(".")[0]]
                t[0] += c.ok
                t[1] += 1
        return {k: (v[0], v[1]) for k, v in tally.items()}

    def cases_agreeing(self) -> tuple[int, int]:
        s = self.scored()
        return sum(r.ok for r in s), len(s)

    def to_dict(self) -> dict:
        agree, total = self.cases_agreeing()
        return {"source": self.source, "format": self.format,
                "cases": {"agree": agree, "total": total,
                          "ambiguous": sum(r.case.ambiguous for r in self.results)},
                "labels": {k: {"agree": a, "total": t} for k, (a, t) in self.by_label().items()},
                "results": [r.to_dict() for r in self.results]}


def evaluate_dir(target: str, opts=None) -> Evaluation:
    from checker.pipeline import Options, check_file

    fmt, cases = load_cases(target)
    opts = opts or Options()
    reports: dict[str, object] = {}
    errors: dict[str, str] = {}
    from pathlib import Path

    todo = {c.name: c.file for c in cases}
    for case in cases:  # a case may name as its reference a file that carries no labels itself
        ref = case.expect.get("same_as")
        if ref is not None and ref not in todo:
            todo[ref] = str(Path(case.file).parent / ref)
    for name, file in todo.items():
        outcome = check_file(file, opts)
        if outcome.fatal:
            from checker.errors import CheckError

            raise CheckError(outcome.error)
        if outcome.report is None:
            errors[name] = outcome.error or "无法读取"
        else:
            reports[name] = outcome.report
    results = []
    for case in cases:
        if case.name in errors:
            results.append(CaseResult(case, error=errors[case.name]))
            continue
        ref = reports.get(case.expect["same_as"]) if "same_as" in case.expect else None
        results.append(CaseResult(case, compare(case, reports[case.name], ref)))
    return Evaluation(target, fmt, results)
