"""The value types of the depth checks' options, and the one validator that both the lint (with
line numbers) and the rulebook loader (stopping the run with the rulebook's name) use.

A check module declares ``OPTIONS = {key: (type, description)}``; the types are the names in
``TYPES`` below, or ``by_year:<type>`` for a value that may change with the report year
(``"04-01"`` or ``[{until: 2018, value: "03-31"}, {value: "04-01"}]``, see
``checker.judge.checks.common.by_year``). A table of rows (timeliness terms, phrases rules) declares
``ROW_TYPES`` for its columns the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from checker.judge.result import SEVERITIES


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _patterns(v) -> bool:
    if isinstance(v, list):
        return all(_patterns(x) for x in v)  # a YAML alias may nest one list in another
    return isinstance(v, str) and v != ""


def _month_day(v) -> bool:
    if not isinstance(v, str) or len(v) != 5 or v[2] != "-" or not (v[:2] + v[3:]).isdigit():
        return False
    try:
        date(2024, int(v[:2]), int(v[3:]))  # a leap year: 02-29 is a valid deadline
    except ValueError:
        return False
    return True


def _points(v) -> bool:
    if isinstance(v, dict):
        return all(isinstance(k, str) and _number(x) and x >= 0 for k, x in v.items())
    return _number(v) and v >= 0


# type name -> (test, what is expected, in Chinese)
TYPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "bool": (lambda v: isinstance(v, bool), "true 或 false"),
    "count": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "非负整数"),
    "share": (lambda v: _number(v) and 0 <= v <= 1, "介于 0 和 1 之间的数（如 0.5）"),
    "number": (lambda v: _number(v) and v >= 0, "非负数"),
    "points": (_points, "非负数，或“问题: 分数”的映射（如 {date-late: 2}）"),
    "severity": (lambda v: v in SEVERITIES, "error、warning 或 info"),
    "text": (lambda v: isinstance(v, str), "文字"),
    "patterns": (_patterns, "正则表达式，或正则表达式的列表"),
    "pattern": (lambda v: isinstance(v, str) and v != "", "一个正则表达式"),
    "month_day": (_month_day, "次年的“月-日”，如 \"04-01\""),
    "year": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 1949 <= v <= 2100, "四位年份，如 2021"),
    "list": (lambda v: isinstance(v, list), "列表"),
    "any": (lambda v: True, ""),
}


def value_problems(kind: str, value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path below the option, message) for each way ``value`` is not of type ``kind``."""
    if kind.startswith("by_year:"):
        inner = kind.split(":", 1)[1]
        if not isinstance(value, list):
            yield from value_problems(inner, value, path)
            return
        for i, row in enumerate(value):
            if not isinstance(row, dict) or "value" not in row:
                yield path + (i,), "按年度区分时每一行应为 {until: 年份, value: …}、{from: 年份, value: …} 或 {value: …}"
                continue
            for key in row:
                if key not in ("until", "from", "value"):
                    yield path + (i, key), f"未知的键“{key}”，可用：until、from、value"
            for key in ("until", "from"):
                if key in row:
                    yield from value_problems("year", row[key], path + (i, key))
            yield from value_problems(inner, row["value"], path + (i, "value"))
        return
    test, expected = TYPES[kind]
    if not test(value):
        yield path, f"应为{expected}，实际是 {value!r}"


def option_problems(check_id: str, options: dict) -> Iterator[tuple[tuple, str]]:
    """(path below ``checks.<id>``, message) for every option value of the wrong type. Unknown
    keys, the rows' own keys and options that are not a mapping are the lint's and the schema's
    business (checker.rulebook.lint, checker.rulebook.schema)."""
    from checker.judge.checks import COMMON, module

    mod = module(check_id)
    declared = {**COMMON, **getattr(mod, "OPTIONS", {})}
    for key, value in options.items():
        if key in declared and key != "examples":
            yield from value_problems(declared[key][0], value, (key,))
    table = getattr(mod, "ROWS", None)
    rows = options.get(table) if table else None
    if isinstance(rows, list):
        for i, row in enumerate(rows):
            if isinstance(row, dict):
                for key, kind in getattr(mod, "ROW_TYPES", {}).items():
                    if key in row:
                        yield from value_problems(kind, row[key], (table, i, key))


def describe_path(check_id: str, path: tuple) -> str:
    """``checks.metadata.deadline[0].value``: where a problem is, for a message without a line."""
    out = f"checks.{check_id}"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
