"""``check rules lint``: every problem of a rulebook, each with file, line and a Chinese message.

Looks for YAML errors and duplicate keys, unknown keys and wrong types (checker.rulebook.schema),
duplicate ids, patterns that do not compile, unknown checks and check options, references to
unknown elements, elements left incomplete after ``extends``, and example snippets that the
rule itself fails. Line numbers come from the YAML node tree (``start_mark``), so each problem
points at the line to edit. The example runner is shared with the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from checker.errors import CheckError, RulebookError, clip


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:  # a value quoted from the rulebook may be long: one bounded line
        return clip(f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}")


# ---------- YAML with line numbers ----------

def load_with_lines(text: str):
    """(data, {path: line}, [(line, duplicate key)]) from YAML text; raises yaml.YAMLError."""
    from checker.rulebook import safeyaml

    loader, node = safeyaml.compose(text, yaml.SafeLoader)  # refuses alias bombs before the walk below
    try:
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    positions: dict[tuple, int] = {}
    dups: list[tuple[int, str]] = []

    def walk(n, path):
        positions.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            seen = set()
            for k, v in n.value:
                key = k.value
                if key in seen:
                    dups.append((k.start_mark.line + 1, key))
                seen.add(key)
                positions[path + (key,)] = k.start_mark.line + 1
                walk(v, path + (key,))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, path + (i,))
    if node is not None:
        walk(node, ())
    return data, positions, dups


def line_of(positions: dict, path: tuple) -> int | None:
    """The line of ``path``, or of its nearest ancestor the file has."""
    for n in range(len(path), -1, -1):
        if path[:n] in positions:
            return positions[path[:n]]
    return None


# ---------- examples: shared by the lint and the tests ----------

@dataclass(frozen=True)
class Case:
    kind: str  # "element" or "check"
    rule: str  # element id or check id
    expect: str  # "pass", "partial" or "fail"
    index: int
    snippet: str


def example_cases(book):
    for el in book.elements:
        for expect in ("pass", "partial", "fail"):
            for i, s in enumerate(el.examples.get(expect) or []):
                yield Case("element", el.id, expect, i, s)
    for cid, opts in (book.raw.get("checks") or {}).items():
        for expect in ("pass", "fail"):
            for i, s in enumerate(((opts or {}).get("examples") or {}).get(expect) or []):
                yield Case("check", cid, expect, i, s)


def run_case(book, case: Case) -> tuple[bool, str]:
    """(as expected?, what the rule gave, in Chinese)."""
    from checker.document.model import build_document
    from checker.judge.engine import evaluate
    from checker.ingest.plain import split_lines

    report = evaluate(build_document(split_lines(case.snippet), "example.txt"), book)
    if case.kind == "element":
        status = report.element(case.rule).status
        ok = {"pass": status == "present", "partial": status == "partial", "fail": status != "present"}[case.expect]
        return ok, {"present": "已覆盖", "partial": "部分覆盖", "missing": "缺失"}[status]
    found = [f for f in report.findings if f.rule.split(".", 1)[0] == case.rule]
    ok = bool(found) if case.expect == "fail" else not found
    return ok, "；".join(f.message for f in found) or "没有报出问题"


_EXPECT = {"pass": "应判为已覆盖", "partial": "应判为部分覆盖", "fail": "应判为未覆盖"}
_EXPECT_CHECK = {"pass": "不应报出问题", "fail": "应报出问题"}


# ---------- the lint ----------

def _patterns_at(data: dict):
    """(path, pattern) for every pattern the rulebook file holds."""
    from checker.judge.checks import REGISTRY, module

    def items(v, path):
        if isinstance(v, str):
            yield path, v
        elif isinstance(v, list):
            for i, x in enumerate(v):
                yield from items(x, path + (i,))

    for i, el in enumerate(data.get("elements") or []):
        if isinstance(el, dict):
            for key in ("headings", "evidence", "generic"):
                yield from items(el.get(key), ("elements", i, key))
    for name, spec in (data.get("parts") or {}).items():
        if isinstance(spec, dict):
            for key in ("headings", "not_headings", "body", "markers", "inside_work", "dated"):
                yield from items(spec.get(key), ("parts", name, key))
    for key, spec in (data.get("document") or {}).items():
        if isinstance(spec, dict):
            for label, v in spec.items():
                yield from items(v, ("document", key, label))
        else:
            yield from items(spec, ("document", key))
    for cid, opts in (data.get("checks") or {}).items():
        if cid not in REGISTRY or not isinstance(opts, dict):
            continue
        for spec in getattr(module(cid), "PATTERNS", ()):
            yield from _walk_spec(opts, spec, ("checks", cid), items)


def _walk_spec(obj, spec: tuple, path: tuple, items):
    if not spec:
        yield from items(obj, path)
        return
    head, rest = spec[0], spec[1:]
    if head == "*":
        for i, x in enumerate(obj if isinstance(obj, list) else []):
            yield from _walk_spec(x, rest, path + (i,), items)
    elif isinstance(obj, dict) and head in obj:
        yield from _walk_spec(obj[head], rest, path + (head,), items)


def _check_options(data: dict, add) -> None:
    from checker.judge.checks import COMMON, REGISTRY, module
    from checker.judge.checks.options import describe_path, option_problems

    for cid, opts in (data.get("checks") or {}).items():
        if cid not in REGISTRY:
            add(("checks", cid), f"未知的检查“{cid}”，可用：{'、'.join(REGISTRY)}")
            continue
        mod = module(cid)
        allowed = set(COMMON) | set(getattr(mod, "OPTIONS", {}))
        for key in (opts or {}):
            if key not in allowed:
                add(("checks", cid, key), f"检查 {cid} 没有选项“{key}”，可用：{'、'.join(sorted(allowed))}")
        if not isinstance(opts, dict):
            continue  # None takes the defaults; any other shape is the schema's message
        table = getattr(mod, "ROWS", None)
        if table:
            _check_rows(opts.get(table) or [], mod, ("checks", cid, table), add)
        for sub, msg in option_problems(cid, opts):
            add(("checks", cid) + sub, f"{describe_path(cid, sub)}：{msg}")
        ex = opts.get("examples")
        if ex is not None and (not isinstance(ex, dict) or set(ex) - {"pass", "fail"}):
            add(("checks", cid, "examples"), "检查的 examples 只能有 pass 与 fail 两组，每组是报告片段的列表")


def _check_rows(rows: list, mod, path: tuple, add) -> None:
    """The rows of a check's table (timeliness terms, phrases rules): keys, values, unique ids."""
    ids: dict = {}
    for i, row in enumerate(rows):
        at = path + (i,)
        if not isinstance(row, dict):
            add(at, "每一行应为映射（键: 值）")
            continue
        for key in row:
            if key not in mod.ROW_KEYS:
                add(at + (key,), f"未知的键“{key}”，可用：{'、'.join(sorted(mod.ROW_KEYS))}")
        for key in getattr(mod, "ROW_REQUIRED", ()):
            if key not in row:
                add(at, f"缺少必填项“{key}”")
        for key, choices in getattr(mod, "ROW_CHOICES", {}).items():
            if key in row and row[key] not in choices:
                add(at + (key,), f"“{key}”的取值 {row[key]!r} 无效，可选：{'、'.join(choices)}")
        for key, msg in getattr(mod, "row_problems", lambda r: ())(row):
            add(at + (key,), msg)
        if row.get("id") in ids:
            add(at + ("id",), f"id“{row.get('id')}”重复（第 {ids[row.get('id')]} 项已用过）")
        ids.setdefault(row.get("id"), i + 1)


def lint_file(path: str | Path) -> list[Problem]:
    """Every problem of one rulebook file, in line order."""
    return sorted(_lint(Path(path)), key=lambda p: p.line or 0)


def _lint(path: Path) -> list[Problem]:
    from checker.rulebook import schema
    from checker.rulebook.extend import parent_path
    from checker.rulebook.model import compile_rulebook, resolve

    file = str(path)
    problems: list[Problem] = []
    from checker.rulebook import safeyaml

    try:
        text = safeyaml.read_text(path)
    except FileNotFoundError:
        raise CheckError(f"{file}: 规则集文件不存在") from None
    except safeyaml.YamlLimit as e:
        raise CheckError(f"{file}: 无法读取规则集（{e.reason}）") from None
    except UnicodeDecodeError:
        raise CheckError(f"{file}: 无法读取规则集（不是 UTF-8 编码的文本）") from None
    except OSError as e:
        raise CheckError(f"{file}: 无法读取规则集（{e.strerror or e}）") from None
    try:
        data, pos, dups = load_with_lines(text)
    except safeyaml.YamlLimit as e:
        return [Problem(file, None, e.reason)]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return [Problem(file, mark.line + 1 if mark else None, f"YAML 语法错误（{getattr(e, 'problem', e)}）")]
    if not isinstance(data, dict):
        return [Problem(file, 1, "规则集应为 YAML 映射（键: 值）")]

    def add(loc, msg):
        problems.append(Problem(file, line_of(pos, tuple(loc)), msg))

    for line, key in dups:
        problems.append(Problem(file, line, f"键“{key}”重复出现，后一个会覆盖前一个"))
    for loc, msg in schema.validate(data):
        add(loc, msg)
    shape_ok = not problems

    # duplicate element ids, within this file
    first: dict = {}
    for i, el in enumerate(data.get("elements") or []):
        if isinstance(el, dict) and "id" in el:
            if el["id"] in first:
                add(("elements", i, "id"), f"要素 id“{el['id']}”重复（第 {line_of(pos, ('elements', first[el['id']]))} 行已定义）")
            first.setdefault(el["id"], i)

    # document kinds: the closed set of checker.document.kinds (metadata.kind is part of the JSON contract)
    from checker.document.kinds import KINDS

    for key in ("kind_title", "kind_opening"):
        spec = (data.get("document") or {}).get(key) if isinstance(data.get("document"), dict) else None
        for kind in spec if isinstance(spec, dict) else ():
            if kind not in KINDS or kind == "annual_report":
                add(("document", key, kind), f"document.{key} 的类型“{kind}”不在文件类型中，可选：{'、'.join(k for k in KINDS if k != 'annual_report')}")

    # every pattern on its own, so the message points at its line
    bad_patterns = False
    for loc, src in _patterns_at(data):
        try:
            regex.compile(src, regex.V0)
        except regex.error as e:
            bad_patterns = True
            add(loc, f"正则表达式无法编译（{e}）：{src}")
    before = len(problems)
    _check_options(data, add)
    options_ok = len(problems) == before

    # the merged rulebook: extends, references, complete elements
    try:
        merged = resolve(path)
    except RulebookError as e:
        problems.append(Problem(file, e.line or line_of(pos, ("extends",)), e.reason))
        return problems
    if shape_ok:
        _lint_period(path, merged, pos, add)
    ids = [e.get("id") for e in merged.get("elements") or [] if isinstance(e, dict)]
    own = {el.get("id"): i for i, el in enumerate(data.get("elements") or []) if isinstance(el, dict)}
    extends = data.get("extends")
    inherited = set()
    if extends:
        inherited = {e.get("id") for e in resolve(parent_path(path, extends)).get("elements") or []}
        for key in ("id", "name"):
            if not data.get(key):
                add((), f"扩展规则集应写明自己的 {key}（不继承 {extends} 的 {key}）")
    for eid, i in own.items():
        el = data["elements"][i]
        if el.get("remove") and eid not in inherited:
            add(("elements", i, "id"), f"要删除的要素“{eid}”在 {extends or '本规则集'} 中不存在")
        for r in el.get("requires") if isinstance(el.get("requires"), list) else []:
            if r not in ids:
                add(("elements", i, "requires"), f"requires 引用了不存在的要素“{r}”")
    for el in merged.get("elements") or []:
        if not isinstance(el, dict):
            continue
        lacking = [k for k in schema.REQUIRED_ELEMENT_FIELDS if el.get(k) in (None, "")]
        if lacking and el.get("id") in own:
            add(("elements", own[el.get("id")]), f"要素“{el.get('id')}”缺少必填项：{'、'.join(lacking)}"
                + ("（新增的要素要写全这些项）" if extends else ""))
    if not shape_ok or bad_patterns or not options_ok:
        return problems  # the examples need a rulebook that compiles
    try:
        book = compile_rulebook(merged, path)
    except RulebookError as e:
        problems.append(Problem(file, e.line, e.reason))
        return problems
    problems.extend(_lint_examples(book, data, pos, file, own))
    return problems


def _lint_period(path: Path, merged: dict, pos: dict, add) -> None:
    """The basis period: first year not after the last; and, for a rulebook that comes with the
    tool (it takes part in the choice by year), no overlap with another's period and no gap
    between periods (checker.season)."""
    from checker.season.catalog import entries, shipped_paths
    from checker.season.periods import Period, period_problems

    period = Period.of(merged.get("applies"))
    if period and period.first is not None and period.last is not None and period.first > period.last:
        add(("applies", "from_year"), f"依据期的起始年 {period.first} 晚于结束年 {period.last}")
        return
    here = path.resolve()
    shipped = shipped_paths()
    if here not in {p.resolve() for p in shipped}:
        return  # a local rulebook is chosen with --rules, not by year
    for concerned, msg in period_problems(entries(shipped)):
        if any(Path(e.path).resolve() == here for e in concerned):
            inherited = ("applies",) not in pos
            add(("applies",), msg + ("（本规则集没有写自己的 applies，沿用了 extends 的依据期）" if inherited else ""))


def _lint_examples(book, data, pos, file, own) -> list[Problem]:
    out = []
    for case in example_cases(book):
        if case.kind == "element":
            i = own.get(case.rule)
            loc = ("elements", i, "examples", case.expect, case.index) if i is not None else None
            label = f"要素 {case.rule} 的 {case.expect} 示例第 {case.index + 1} 个"
            expect = _EXPECT[case.expect]
        else:
            loc = ("checks", case.rule, "examples", case.expect, case.index)
            label = f"检查 {case.rule} 的 {case.expect} 示例第 {case.index + 1} 个"
            expect = _EXPECT_CHECK[case.expect]
        where = pos.get(loc) if loc else None
        inherited = "" if where else f"（继承自 {data.get('extends')}）"
        if where is None and loc:
            where = line_of(pos, loc[:2])  # the inherited example fails under this file's changes
        try:
            ok, got = run_case(book, case)
        except RulebookError as e:
            out.append(Problem(file, where, f"{label}{inherited}：{e.reason}"))
            break  # a pattern that times out would time out on every snippet
        if not ok:
            out.append(Problem(file, where, f"{label}{inherited}{expect}，实际：{got}"))
    return out


