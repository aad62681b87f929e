"""Load a YAML rulebook into compiled, ready-to-run objects.

A rulebook is data a reviewer can read: the report parts it recognises (``parts``), how to tell an
annual report from other documents (``document``), the elements it scores (``elements``), the
depth checks it runs (``checks``) and how points become a grade (``scoring``, ``gate``).
Everything is compiled once here; the engine never compiles a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from checker.judge.checks import prepare_checks
from checker.errors import RulebookError
from checker.rulebook.matching import Pattern, SignalSet
from checker.paths import RULES_DIR, rulebook_path

WORK = "work"
PART_NAMES = ("preamble", "work", "shortcomings", "responsible", "next", "other", "closing")


@dataclass
class Element:
    id: str
    name: str
    basis: str
    weight: float
    mandatory: bool
    advice: str
    scope: tuple[str, ...]
    headings: Pattern | None
    signals: SignalSet
    min_signals: int = 3
    min_body: int = 30
    requires: tuple[str, ...] = ()
    promise_parts: tuple[str, ...] = ()
    present_if_work_sections: int | None = None
    part: str | None = None  # the report part whose heading makes this element present
    count_in: str = "block"  # where distinct signals are counted: block (paragraph) or part
    body_only: bool = False  # evidence only from the text: a heading's own words are never content
    generic: Pattern | None = None  # phrases that say nothing specific: a signal inside one is no evidence
    substance: str = "signals"  # under its heading: signals needed, or any text beyond generic phrases
    description: str = ""
    examples: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    applies_from_year: int | None = None  # earlier reports: not scored (the rule did not exist yet)
    mandatory_from_year: int | None = None  # earlier reports: ``mandatory`` is advice only

    def applies_in(self, year: int | None) -> bool:
        """An unknown year counts as a current report: every rule applies."""
        return year is None or self.applies_from_year is None or year >= self.applies_from_year

    def weight_in(self, year: int | None) -> float:
        return self.weight if self.applies_in(year) else 0.0

    def mandatory_in(self, year: int | None) -> bool:
        if not self.mandatory or not self.applies_in(year):
            return False
        return year is None or self.mandatory_from_year is None or year >= self.mandatory_from_year


@dataclass
class Part:
    """How a report part is recognised: its heading words, and what its text does."""

    name: str
    headings: Pattern | None  # heading words that name the part
    not_headings: Pattern | None = None  # heading words that veto it ("问题整改" is work done)
    body: Pattern | None = None  # a sentence of this part's kind (a problem, a plan, a leader's duty)
    markers: Pattern | None = None  # a sentence where this part begins inside a combined section
    inside_work: Pattern | None = None  # a sentence that begins this part's content inside the work part
    dated: Pattern | None = None  # a heading led by a year: this part when the year follows the covered year

    def search(self, title: str):
        """The heading words' match in a title (None: none), vetoes aside."""
        return None if self.headings is None else self.headings.search(title)

    def matches(self, title: str) -> bool:
        """Whether a title names this part: its heading words, and none of its vetoes."""
        if self.headings is None or not self.headings.matches(title):
            return False
        return self.not_headings is None or not self.not_headings.matches(title)


@dataclass
class Rulebook:
    id: str
    version: str
    name: str
    path: Path
    elements: list[Element]
    parts: dict[str, Part]  # part name -> how it is recognised
    next_markers: Pattern | None  # a sentence that turns a combined section to next-year plans
    document: dict  # compiled patterns deciding whether the text is an annual report
    partial_factor: float
    grades: list[tuple[str, float]]  # (grade, minimum score), best first
    min_score: float
    checks: dict[str, dict]
    applies: dict
    description: str = ""
    raw: dict = field(default_factory=dict)

    def element(self, element_id: str) -> Element:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)

    def grade(self, score: float) -> str:
        for g, minimum in self.grades:
            if score >= minimum:
                return g
        return self.grades[-1][0]


_CJK_GAP = regex.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def tidy(text) -> str:
    """Folded YAML joins lines with a space; Chinese text wants none between characters."""
    return _CJK_GAP.sub("", str(text or "")).strip()


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def _patterns(v, rule: str, book: str) -> Pattern | None:
    items = _as_list(v)
    return Pattern(items, rule, book) if items else None


def read_yaml(path: Path) -> dict:
    from checker.rulebook import safeyaml

    try:
        text = safeyaml.read_text(path)
    except FileNotFoundError:
        raise RulebookError(path, "规则集文件不存在") from None
    except safeyaml.YamlLimit as e:
        raise RulebookError(path, f"无法读取规则集（{e.reason}）") from None
    except UnicodeDecodeError:
        raise RulebookError(path, "无法读取规则集（不是 UTF-8 编码的文本）") from None
    except OSError as e:
        raise RulebookError(path, f"无法读取规则集（{e.strerror or e}）") from None
    try:
        data = safeyaml.load(text)
    except safeyaml.YamlLimit as e:
        raise RulebookError(path, e.reason) from None
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise RulebookError(path, f"YAML 语法错误（{getattr(e, 'problem', e)}）", line + 1 if line is not None else None) from None
    except RecursionError:
        raise RulebookError(path, "嵌套层数过多，无法读取") from None
    if not isinstance(data, dict):
        raise RulebookError(path, "规则集应为 YAML 映射（键: 值）")
    return data


def resolve(path: Path, seen: tuple = ()) -> dict:
    """Read a rulebook and merge it onto the rulebook it ``extends`` (if any)."""
    from checker.rulebook.extend import merge, parent_path  # small module; kept apart so the merge rules read on their own

    data = read_yaml(path)
    parent = data.get("extends")
    if not parent:
        return data
    ppath = parent_path(path, parent)
    if ppath.resolve() in seen:
        raise RulebookError(path, f"extends 形成循环：{parent}")
    merged = merge(resolve(ppath, seen + (path.resolve(),)), data)
    merged.setdefault("id", path.stem)
    return merged


def compile_rulebook(data: dict, path: Path) -> Rulebook:
    book = str(path)
    rid = str(data.get("id") or path.stem)
    elements = []
    for raw in _as_list(data.get("elements")):
        eid = str(raw.get("id"))
        elements.append(
            Element(
                id=eid,
                name=str(raw.get("name", eid)),
                basis=str(raw.get("basis", "")),
                weight=float(raw.get("weight", 0)),
                mandatory=bool(raw.get("mandatory", False)),
                advice=tidy(raw.get("advice")),
                scope=tuple(_as_list(raw.get("scope", [WORK]))),
                headings=_patterns(raw.get("headings"), eid, book),
                signals=SignalSet(_as_list(raw.get("evidence")), eid, book),
                min_signals=int(raw.get("min_signals", 3)),
                min_body=int(raw.get("min_body", 30)),
                requires=tuple(_as_list(raw.get("requires"))),
                promise_parts=tuple(_as_list(raw.get("promise_parts"))),
                present_if_work_sections=raw.get("present_if_work_sections"),
                part=raw.get("part"),
                count_in=str(raw.get("count_in", "block")),
                body_only=bool(raw.get("body_only", False)),
                substance=str(raw.get("substance", "signals")),
                generic=_patterns(raw.get("generic"), f"{eid}.generic", book),
                description=tidy(raw.get("description")),
                examples=raw.get("examples") or {},
                raw=raw,
                applies_from_year=raw.get("applies_from_year"),
                mandatory_from_year=raw.get("mandatory_from_year"),
            )
        )
    parts = {}
    for name, spec in (data.get("parts") or {}).items():
        if not isinstance(spec, dict):
            continue
        pats = {key: _patterns(spec.get(key), f"parts.{name}.{key}", book)
                for key in ("headings", "not_headings", "body", "markers", "inside_work", "dated")}
        parts[name] = Part(name=str(spec.get("name", name)), **pats)
    doc = {}
    for key, spec in (data.get("document") or {}).items():
        if isinstance(spec, dict):  # label -> patterns (kinds of non-annual documents)
            doc[key] = {label: _patterns(p, f"document.{key}.{label}", book) for label, p in spec.items()}
        else:
            doc[key] = _patterns(spec, f"document.{key}", book)
    scoring = data.get("scoring") or {}
    grades = [(str(g["grade"]), float(g["min"])) for g in _as_list(scoring.get("grades"))] or [
        ("优", 90.0), ("良", 75.0), ("中", 60.0), ("差", 0.0)]
    grades.sort(key=lambda g: -g[1])
    return Rulebook(
        id=rid,
        version=str(data.get("version", "")),
        name=str(data.get("name", rid)),
        path=path,
        elements=elements,
        parts=parts,
        next_markers=_patterns((data.get("parts") or {}).get("next", {}).get("markers"), "parts.next.markers", book),
        document=doc,
        partial_factor=float(scoring.get("partial_factor", 0.5)),
        grades=grades,
        min_score=_gate_score((data.get("gate") or {}).get("min_score", 60), path),
        checks=prepare_checks(data.get("checks") or {}, book),
        applies=data.get("applies") or {},
        description=tidy(data.get("description")),
        raw=data,
    )


def _gate_score(value, path) -> float:
    """The rulebook's pass mark: a finite number from 0 to 100 (NaN would switch the gate off)."""
    import math

    try:
        score = float(value)
    except (TypeError, ValueError):
        score = math.nan
    if isinstance(value, bool) or not (math.isfinite(score) and 0 <= score <= 100):
        raise RulebookError(path, f"gate.min_score 应为 0 到 100 之间的数，收到：{value!r}")
    return score


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime: float) -> Rulebook:
    p = Path(path)
    from checker.rulebook.cache import cached  # compiled once, kept on disk between runs

    try:
        return cached(resolve(p), p, compile_rulebook)
    except (AttributeError, TypeError, ValueError, KeyError) as e:  # a key of the wrong type: a rulebook error, not a crash
        raise RulebookError(p, f"规则集的结构不符合要求（{type(e).__name__}: {e}），可用 check rules lint 查看") from None


def load_rulebook(name_or_path: str) -> Rulebook:
    """Load (once per process) a rulebook by id (``national-2021``) or path."""
    p = rulebook_path(name_or_path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise RulebookError(p, "规则集文件不存在") from None
    return _load_cached(_resolved(p), mtime)


def _resolved(p: Path) -> str:
    """``p.resolve()`` (13 µs, twice per report in a batch), remembered for the rulebooks of the
    project, whose absolute paths do not depend on the working directory."""
    if p.is_absolute() and p.parent == RULES_DIR:
        return _resolved_rule(str(p))
    return str(p.resolve())


@lru_cache(maxsize=16)
def _resolved_rule(path: str) -> str:
    return str(Path(path).resolve())
