"""Whole-document checks that produce findings (as opposed to element verdicts).

Each check is a small module with ``ID``, ``NAME``, ``BASIS``, ``ADVICE``, ``DESCRIPTION`` (what
it looks for, in Chinese, for ``check explain`` and docs/rules.md), ``OPTIONS`` (its own option keys,
each with its value type and a Chinese description: the lint rejects any other key, and a value of
the wrong type stops the rulebook from loading; see checker.judge.checks.options), an optional
``prepare(options, rule, book) -> options`` that compiles its patterns once when the rulebook
is loaded, and ``check(ctx, options) -> Iterable[Finding]``. A rulebook turns a check on by
naming it under ``checks:`` with its options. Modules are listed here once, by id, and imported
only when a rulebook uses them.

Options every check accepts (``COMMON``): ``enabled``; ``penalty`` (points taken off the score
per finding, or per kind of finding; see checker.judge.scoring.deduct) and ``max_penalty``; ``name``,
``basis``, ``advice`` (override the module's text); ``examples`` (pass/fail snippets).
"""

from __future__ import annotations

import importlib

from checker.judge.result import SEVERITIES, Finding

REGISTRY = {
    "metadata": "checker.judge.checks.metadata",
    "cause_analysis": "checker.judge.checks.cause_analysis",
    "concreteness": "checker.judge.checks.concreteness",
    "boilerplate": "checker.judge.checks.boilerplate",
    "self_praise": "checker.judge.checks.self_praise",
    "timeliness": "checker.judge.checks.timeliness",
    "next_year": "checker.judge.checks.next_year",
    "phrases": "checker.judge.checks.phrases",
}

# option -> (value type, see checker.judge.checks.options; description)
COMMON = {
    "enabled": ("bool", "是否启用（true/false，默认 true）"),
    "penalty": ("points", "扣分：一个数（本检查每条问题扣几分），或“问题: 分数”的映射（如 {date-late: 2}）；默认 0，不扣分"),
    "max_penalty": ("number", "本检查最多扣除的分数（默认只扣一次，即 penalty 中最大的一项）"),
    "severity": ("severity", "问题级别（error、warning、info），覆盖检查的默认级别"),
    "name": ("text", "检查的中文名称（覆盖默认）"),
    "basis": ("text", "依据（覆盖默认）"),
    "advice": ("text", "修改建议（覆盖默认）"),
    "examples": ("any", "示例：pass（不应报出问题）与 fail（应报出问题）两组报告片段"),
}


def module(check_id: str):
    return importlib.import_module(REGISTRY[check_id])


def enabled(options) -> bool:
    return not (isinstance(options, dict) and options.get("enabled", True) is False)


def prepare_checks(raw: dict, book: str) -> dict[str, dict]:
    """Options of each known, enabled check with its patterns compiled (once, at load time)."""
    from checker.judge.checks.options import describe_path, option_problems
    from checker.errors import RulebookError

    out = {}
    for check_id, options in (raw or {}).items():
        opts = dict(options) if isinstance(options, dict) else {}
        if check_id in REGISTRY:
            for sub, msg in option_problems(check_id, opts):  # the first one stops the load
                raise RulebookError(book, f"{describe_path(check_id, sub)}：{msg}（运行 check rules lint 查看全部问题）")
            mod = module(check_id)
            if enabled(opts) and hasattr(mod, "prepare"):
                opts = mod.prepare(opts, f"checks.{check_id}", book)
        out[check_id] = opts
    return out


def describe(check_id: str, options: dict | None = None) -> dict:
    """Name, basis and advice of a check: the rulebook's words first, then the module's."""
    mod = module(check_id)
    options = options or {}
    return {
        "name": options.get("name") or getattr(mod, "NAME", check_id),
        "basis": options.get("basis") or getattr(mod, "BASIS", ""),
        "advice": options.get("advice") or getattr(mod, "ADVICE", ""),
        "description": getattr(mod, "DESCRIPTION", ""),
    }


def run_checks(ctx) -> list[Finding]:
    findings: list[Finding] = []
    for check_id, opts in (ctx.book.checks or {}).items():
        if check_id not in REGISTRY or not enabled(opts):
            continue  # unknown ids are reported by `check rules lint`
        found = list(module(check_id).check(ctx, opts))
        if opts.get("severity") in SEVERITIES:
            for f in found:
                f.severity = opts["severity"]
        findings.extend(found)
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order.get(f.severity, 3), f.line or 0))
    return findings
