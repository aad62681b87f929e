"""Whole-document checks that produce findings (as opposed to element verdicts).

Each check is a small module with ``ID`` and ``check(ctx, options) -> Iterable[Finding]``; a
rulebook turns it on by naming it under ``checks:`` (with its options). Modules are listed here
once, by id, and imported only when a rulebook uses them.
"""

from __future__ import annotations

import importlib

from checker.result import Finding

REGISTRY = {
    "metadata": "checker.checks.metadata",
}


def run_checks(ctx) -> list[Finding]:
    findings: list[Finding] = []
    for check_id, options in (ctx.book.checks or {}).items():
        module = REGISTRY.get(check_id)
        if module is None:
            continue  # unknown ids are reported by `check rules lint`
        opts = options if isinstance(options, dict) else {}
        if opts.get("enabled", True) is False:
            continue
        findings.extend(importlib.import_module(module).check(ctx, opts))
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order.get(f.severity, 3), f.line or 0))
    return findings
