"""How a rulebook that ``extends`` another changes it.

- Mappings merge key by key, at any depth: a local rulebook that writes
  ``checks: {metadata: {deadline: "03-01"}}`` changes the deadline and keeps the other options.
- Lists of items with an ``id`` (``elements``, the ``timeliness`` table …) merge by id: an item
  with a known id changes only the fields it names; a new id is added at the end;
  ``remove: true`` drops the item.
- Any other value (a text, a number, a plain list of patterns) replaces the parent's; ``null``
  clears it.
- The parent's identity (``id``, ``name``, ``version``, ``description``) is not inherited: a
  local rulebook names itself (its id defaults to its file name).
"""

from __future__ import annotations

import copy
from pathlib import Path

from checker.errors import RulebookError

IDENTITY = ("id", "name", "version", "description")


def parent_path(child: Path, parent) -> Path:
    """``extends: national-2021`` names a shipped rulebook; ``extends: ../x.yaml`` a file
    relative to the child."""
    from checker.paths import rulebook_path

    name = str(parent)
    p = (child.parent / name) if name.endswith((".yaml", ".yml")) else rulebook_path(name)
    if not p.exists():
        raise RulebookError(child, f"extends 指向的规则集“{name}”不存在（{p}）")
    return p


def _has_ids(v) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) and "id" in x for x in v)


def _merge_list(base: list, over: list) -> list:
    out = [copy.deepcopy(x) for x in base]
    index = {x.get("id"): i for i, x in enumerate(out)}
    for item in over:
        i = index.get(item.get("id"))
        if i is not None:
            out[i] = None if item.get("remove") else merge_value(out[i], item)
        elif not item.get("remove"):
            index[item.get("id")] = len(out)
            out.append(copy.deepcopy(item))
    return [x for x in out if x is not None]


def merge_value(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge_value(out[k], v) if k in out else copy.deepcopy(v)
        return out
    if _has_ids(base) and isinstance(over, list) and all(isinstance(x, dict) and "id" in x for x in over):
        return _merge_list(base, over)
    return copy.deepcopy(over)


def merge(parent: dict, child: dict) -> dict:
    """The rulebook ``child`` describes: ``parent`` changed by the child's differences."""
    base = {k: v for k, v in parent.items() if k not in IDENTITY and k != "extends"}
    out = merge_value(base, {k: v for k, v in child.items() if k != "extends"})
    out["extends"] = child.get("extends")
    return out
