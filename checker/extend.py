"""How a rulebook that ``extends`` another changes it.

Top-level mappings merge key by key; ``elements`` merge by ``id`` (an element with a known id
changes only the fields it names, a new id is added, ``remove: true`` drops it); other values
replace the parent's.
"""

from __future__ import annotations

import copy


def _merge_dict(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge_dict(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def merge(parent: dict, child: dict) -> dict:
    out = _merge_dict({k: v for k, v in parent.items() if k != "elements"},
                      {k: v for k, v in child.items() if k not in ("elements", "extends")})
    elements = [copy.deepcopy(e) for e in parent.get("elements") or []]
    index = {e.get("id"): i for i, e in enumerate(elements)}
    for e in child.get("elements") or []:
        eid = e.get("id")
        if eid in index:
            if e.get("remove"):
                elements[index[eid]] = None
            else:
                elements[index[eid]] = _merge_dict(elements[index[eid]], e)
        elif not e.get("remove"):
            elements.append(copy.deepcopy(e))
    out["elements"] = [e for e in elements if e is not None]
    out["extends"] = child.get("extends")
    return out
