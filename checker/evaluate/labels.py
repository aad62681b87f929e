"""A reviewer's labels, read into cases: one file and the facts a reviewer gave for it.

Two formats are read:

- a casebook's ``expected.yaml``: ``file: {core: PPPpP | [accepted codes], passed, year, issuer,
  date, title, is_annual_report, rulebook, same_as, elements: {id: [statuses]}, no_finding}``;
  ``core`` lists the five parts of the 督察规定 (measures, shortcomings, causes,
  first_responsible, next_steps) as P present, p partial, - missing;
- a corpus's ``labels.json``: ``[{file, is_annual_report, report_year, kind, notes, ...}]``;
  cases whose notes start with ``AMBIGUOUS`` are kept but not scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from checker.errors import CheckError

CORE = ("measures", "shortcomings", "causes", "first_responsible", "next_steps")
CODES = {"P": "present", "p": "partial", "-": "missing"}


@dataclass
class Case:
    file: str  # path of the report
    name: str  # as the labels name it
    expect: dict  # label -> expected value (see agree.LABELS)
    ambiguous: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)


def decode_core(code: str) -> tuple[str, ...]:
    if len(code) != len(CORE) or any(c not in CODES for c in code):
        raise ValueError(code)
    return tuple(CODES[c] for c in code)


def _casebook(path: Path) -> list[Case]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise CheckError(f"{path}: 不是有效的 YAML（{str(e).splitlines()[0][:200]}）") from None
    if not isinstance(data, dict):
        raise CheckError(f"{path}: 应为“文件名: 标签”的映射")
    cases = []
    for name, labels in data.items():
        if not isinstance(labels, dict):
            raise CheckError(f"{path}: {name} 的标签应为映射")
        expect = dict(labels)
        if "core" in expect:
            codes = expect["core"] if isinstance(expect["core"], list) else [expect["core"]]
            try:
                expect["core"] = [decode_core(str(c)) for c in codes]
            except ValueError as e:
                raise CheckError(f"{path}: {name} 的 core 代码无效：{e}") from None
        cases.append(Case(str(path.parent / name), str(name), expect))
    return cases


def _corpus(path: Path) -> list[Case]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise CheckError(f"{path}: 不是有效的 JSON（{e.msg}，第 {e.lineno} 行）") from None
    if not isinstance(data, list):
        raise CheckError(f"{path}: 应为标签对象的列表")
    cases = []
    for item in data:
        if not isinstance(item, dict) or "file" not in item:
            raise CheckError(f"{path}: 每个标签对象都应有 file")
        expect = {"is_annual_report": bool(item.get("is_annual_report"))}
        if item.get("report_year") is not None:
            expect["year"] = int(item["report_year"])
        if item.get("kind"):
            expect["kind"] = str(item["kind"])
        note = str(item.get("notes") or "")
        cases.append(Case(str(path.parent / item["file"]), str(item["file"]), expect,
                          ambiguous=note.startswith("AMBIGUOUS"), note=note))
    return cases


def load_cases(target: str) -> tuple[str, list[Case]]:
    """(format name, cases) from a folder holding ``expected.yaml`` or ``labels.json``, or
    from either file itself."""
    p = Path(target)
    if p.is_dir():
        for name in ("expected.yaml", "labels.json"):
            if (p / name).is_file():
                p = p / name
                break
        else:
            raise CheckError(f"{target}: 目录中没有 expected.yaml 或 labels.json")
    if not p.is_file():
        raise CheckError(f"{target}: 文件不存在")
    if p.suffix == ".json":
        return "labels.json", _corpus(p)
    return "expected.yaml", _casebook(p)
