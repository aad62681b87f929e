"""The shape of a rulebook, as pydantic models: what ``check rules lint`` validates against.

Every mapping forbids unknown keys, so a typo (``mandatroy``) is reported instead of being
silently ignored. Fields are optional here because a rulebook that ``extends`` another writes
only its differences; the fields a complete element needs are checked after the merge
(``REQUIRED_ELEMENT_FIELDS``). Imported only by the lint, never by a plain run.
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

PartName = Literal["preamble", "work", "shortcomings", "responsible", "next", "other", "closing"]
Patterns = Union[StrictStr, list[StrictStr]]
Number = Union[StrictInt, StrictFloat]
REQUIRED_ELEMENT_FIELDS = ("name", "basis", "weight", "advice")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Examples(Strict):
    pass_: Optional[list[StrictStr]] = Field(None, alias="pass")
    partial: Optional[list[StrictStr]] = None
    fail: Optional[list[StrictStr]] = None


class ElementSpec(Strict):
    id: StrictStr
    name: Optional[StrictStr] = None
    basis: Optional[StrictStr] = None
    weight: Optional[Number] = Field(None, ge=0)
    mandatory: Optional[StrictBool] = None
    advice: Optional[StrictStr] = None
    description: Optional[StrictStr] = None
    scope: Optional[list[PartName]] = None
    headings: Optional[Patterns] = None
    evidence: Optional[Patterns] = None
    min_signals: Optional[StrictInt] = Field(None, ge=1)
    min_body: Optional[StrictInt] = Field(None, ge=0)
    requires: Optional[list[StrictStr]] = None
    promise_parts: Optional[list[PartName]] = None
    present_if_work_sections: Optional[StrictInt] = Field(None, ge=1)
    part: Optional[PartName] = None
    count_in: Optional[Literal["block", "part"]] = None
    body_only: Optional[StrictBool] = None
    generic: Optional[Patterns] = None
    substance: Optional[Literal["signals", "text"]] = None
    applies_from_year: Optional[StrictInt] = None
    mandatory_from_year: Optional[StrictInt] = None
    remove: Optional[StrictBool] = None
    examples: Optional[Examples] = None


class PartSpec(Strict):
    name: Optional[StrictStr] = None
    headings: Optional[Patterns] = None
    not_headings: Optional[Patterns] = None
    body: Optional[Patterns] = None
    markers: Optional[Patterns] = None
    inside_work: Optional[Patterns] = None
    dated: Optional[Patterns] = None


class Grade(Strict):
    grade: StrictStr
    min: Number


class Scoring(Strict):
    partial_factor: Optional[Number] = Field(None, ge=0, le=1)
    grades: Optional[list[Grade]] = None


class Gate(Strict):
    min_score: Optional[Number] = Field(None, ge=0, le=100)


class Similar(Strict):
    """Copy detection in a batch (checker.across.similar): never scored, only a warning."""
    warn_share: Optional[Number] = Field(None, ge=0, le=1)


class Applies(Strict):
    """The basis period: first and last report year the basis covers, and the documents."""
    from_year: Optional[StrictInt] = None
    to_year: Optional[StrictInt] = None
    basis: Optional[list[StrictStr]] = None


class RulebookSpec(Strict):
    extends: Optional[StrictStr] = None
    id: Optional[StrictStr] = None
    version: Optional[StrictStr] = None
    name: Optional[StrictStr] = None
    description: Optional[StrictStr] = None
    applies: Optional[Applies] = None
    scoring: Optional[Scoring] = None
    gate: Optional[Gate] = None
    similar: Optional[Similar] = None
    parts: Optional[dict[Literal["shortcomings", "responsible", "next", "other"], PartSpec]] = None
    document: Optional[dict[StrictStr, Union[Patterns, dict[StrictStr, Patterns]]]] = None
    checks: Optional[dict[StrictStr, Optional[dict]]] = None
    elements: Optional[list[ElementSpec]] = None


_TYPES = {
    "string_type": "应为文本", "int_type": "应为整数", "int_parsing": "应为整数", "float_type": "应为数字",
    "float_parsing": "应为数字", "bool_type": "应为 true 或 false", "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）", "model_type": "应为映射（键: 值）", "model_attributes_type": "应为映射（键: 值）",
}


def message(err: dict) -> str:
    """A pydantic error in Chinese."""
    kind, loc = err["type"], err["loc"]
    key = (f"第 {loc[-1] + 1} 项" if isinstance(loc[-1], int) else str(loc[-1])) if loc else ""
    if kind == "extra_forbidden":
        return f"未知的键“{key}”"
    if kind == "missing":
        return f"缺少必填项“{key}”"
    if kind in _TYPES:
        return f"“{key}”的类型错误：{_TYPES[kind]}，实际为 {type(err.get('input')).__name__}：{err.get('input')!r}"
    if kind == "literal_error":
        return f"“{key}”的取值 {err.get('input')!r} 无效，可选：{err.get('ctx', {}).get('expected', '')}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("le"))
        side = "不能小于" if kind == "greater_than_equal" else "不能大于"
        return f"“{key}”的取值 {err.get('input')!r} {side} {bound}"
    return f"“{key}”的取值无效（{err.get('msg')}）"


def validate(data) -> list[tuple[tuple, str]]:
    """(path in the data, Chinese message) for every schema error; [] when the shape is right.
    A union (text or list, integer or decimal) reports one message, at the deepest path."""
    from pydantic import ValidationError

    try:
        RulebookSpec.model_validate(data)
    except ValidationError as e:
        by_loc: dict[tuple, list[dict]] = {}
        for err in e.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in _UNION_TAGS))
            by_loc.setdefault(loc, []).append(dict(err, loc=loc))
        out = []
        for loc, errs in by_loc.items():
            if any(other[: len(loc)] == loc and len(other) > len(loc) for other in by_loc):
                continue  # a deeper path says it more precisely
            kinds = {x["type"] for x in errs}
            if {"int_type", "float_type"} <= kinds:
                errs = [dict(errs[0], type="float_type")]
            out.append((loc, message(errs[0])))
        return out
    return []


_UNION_TAGS = {"str", "list[str]", "int", "float", "dict[str,union[str,list[str]]]", "function-after[str]"}
