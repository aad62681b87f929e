"""``check rules diff A B``: what a rulebook changes relative to another -- elements, patterns,
weights and checks added, removed or changed, the basis period and anything else -- so a
maintainer adding the next season's rulebook, and the reviewer of that change, see the
difference in the merged rulebooks (after ``extends``), not in the two files' text.

Both rulebooks are compared as data: lists of items with an ``id`` (elements, timeliness terms,
phrases rules) by id, lists of patterns as sets, everything else value by value.
"""

from __future__ import annotations

from checker.season.periods import Period

IDENTITY = ("id", "name", "version", "description", "extends")
PATTERN_KEYS = {"headings", "evidence", "markers", "pattern", "unless", "unless_near", "closing_near", "causes",
                "figures", "phrases", "praise", "pivot", "commitments", "past", "title", "opening", "subject"}


def _has_ids(v) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) and "id" in x for x in v)


def _scalars(v) -> tuple:
    """A list of patterns (a YAML alias may nest one list in another) as a flat tuple."""
    out = []
    for x in v:
        out.extend(_scalars(x) if isinstance(x, list) else [x])
    return tuple(out)


def flatten(v, path: tuple = ()) -> dict:
    """{path: leaf}; items of id-keyed lists are addressed by their id."""
    out = {}
    if isinstance(v, dict):
        for k, x in v.items():
            out.update(flatten(x, path + (str(k),)))
    elif _has_ids(v):
        for x in v:
            out.update(flatten({k: y for k, y in x.items() if k != "id"}, path + (str(x["id"]),)))
            out.setdefault(path + (str(x["id"]),), {})  # the item itself, so an empty one is seen
    elif isinstance(v, list) and all(not isinstance(x, dict) for x in v):
        out[path] = _scalars(v)
    else:
        out[path] = v
    return out


def _is_pattern(path: tuple) -> bool:
    return bool(path) and (path[-1] in PATTERN_KEYS or path[0] == "document") and "examples" not in path


def _patterns(flat: dict) -> set:
    """(path, pattern) for every pattern of a flattened rulebook."""
    return {(k, p) for k, v in flat.items() if _is_pattern(k)
            for p in (v if isinstance(v, tuple) else (v,)) if isinstance(p, str)}


def _change(path: tuple, a, b) -> dict:
    if isinstance(a, tuple) and isinstance(b, tuple) and _is_pattern(path):
        return {"field": ".".join(path), "added": [x for x in b if x not in a], "removed": [x for x in a if x not in b]}
    if isinstance(a, tuple) and isinstance(b, tuple):
        return {"field": ".".join(path), "from": list(a), "to": list(b)}
    return {"field": ".".join(path), "from": list(a) if isinstance(a, tuple) else a,
            "to": list(b) if isinstance(b, tuple) else b}


def _changes(fa: dict, fb: dict, prefix: tuple) -> list[dict]:
    """Changed leaves under ``prefix`` (paths relative to it); example snippets as one change."""
    out, examples = [], False
    n = len(prefix)
    keys = [k for k in fa if k[:n] == prefix] + [k for k in fb if k[:n] == prefix and k not in fa]
    for k in keys:
        a, b = fa.get(k, _MISSING), fb.get(k, _MISSING)
        if a == b or (isinstance(a, tuple) and isinstance(b, tuple) and _is_pattern(k) and set(a) == set(b)):
            continue
        if len(k) == n or a == {} or b == {} or any(
                (fa.get(k[:j]) == {}) != (fb.get(k[:j]) == {}) for j in range(n + 1, len(k))):
            continue  # an item added or removed (reported as such), or a field of one
        if "examples" in k[n:]:
            examples = True
            continue
        out.append(_change(k[n:], None if a is _MISSING else a, None if b is _MISSING else b))
    if examples:
        out.append({"field": "examples", "from": "…", "to": "…"})
    return out


_MISSING = object()


def _period(data: dict) -> dict | None:
    p = Period.of(data.get("applies"))
    return None if p is None else {"from_year": p.first, "to_year": p.last, "label": p.label(), "basis": list(p.basis)}


def _who(data: dict, path: str) -> dict:
    return {"id": str(data.get("id") or ""), "name": str(data.get("name") or ""), "version": str(data.get("version") or ""),
            "path": path, "period": _period(data)}


def diff(a: dict, b: dict, path_a: str = "", path_b: str = "") -> dict:
    """The differences between two merged rulebooks, as data (the JSON of ``rules diff``)."""
    fa = flatten({k: v for k, v in a.items() if k not in IDENTITY})
    fb = flatten({k: v for k, v in b.items() if k not in IDENTITY})
    out: dict = {"a": _who(a, path_a), "b": _who(b, path_b)}

    pa, pb = out["a"]["period"], out["b"]["period"]
    out["period"] = None if pa == pb else {
        "from": pa and pa["label"], "to": pb and pb["label"],
        "basis_added": [x for x in (pb or {}).get("basis", []) if x not in (pa or {}).get("basis", [])],
        "basis_removed": [x for x in (pa or {}).get("basis", []) if x not in (pb or {}).get("basis", [])]}

    ea = {x["id"]: x for x in a.get("elements") or [] if isinstance(x, dict)}
    eb = {x["id"]: x for x in b.get("elements") or [] if isinstance(x, dict)}
    brief = lambda x: {"id": x["id"], "name": x.get("name", x["id"]), "weight": x.get("weight")}  # noqa: E731
    out["elements"] = {
        "added": [brief(eb[i]) for i in eb if i not in ea],
        "removed": [brief(ea[i]) for i in ea if i not in eb],
        "changed": [{"id": i, "name": eb[i].get("name", i), "changes": ch} for i in eb if i in ea
                    for ch in [_changes(fa, fb, ("elements", str(i)))] if ch],
    }
    out["weights"] = [{"id": i, "from": ea.get(i, {}).get("weight"), "to": eb.get(i, {}).get("weight")}
                      for i in list(ea) + [i for i in eb if i not in ea]
                      if ea.get(i, {}).get("weight") != eb.get(i, {}).get("weight")]

    pat_a, pat_b = _patterns(fa), _patterns(fb)
    order = lambda s: sorted(s, key=lambda x: (x[0], str(x[1])))  # noqa: E731
    out["patterns"] = {"added": [{"where": ".".join(k), "pattern": p} for k, p in order(pat_b - pat_a)],
                       "removed": [{"where": ".".join(k), "pattern": p} for k, p in order(pat_a - pat_b)]}

    ca, cb = a.get("checks") or {}, b.get("checks") or {}
    out["checks"] = {
        "added": [c for c in cb if c not in ca],
        "removed": [c for c in ca if c not in cb],
        "changed": [{"id": c, "changes": ch, "rows": rows} for c in cb if c in ca
                    for ch, rows in [(_changes(fa, fb, ("checks", c)), _rows(ca[c] or {}, cb[c] or {}))]
                    if ch or any(rows.values())],
    }
    skip = ("elements", "checks", "applies")
    out["other"] = [_change(k, None if fa.get(k, _MISSING) is _MISSING else fa[k],
                            None if fb.get(k, _MISSING) is _MISSING else fb[k])
                    for k in list(fa) + [k for k in fb if k not in fa]
                    if k[0] not in skip and fa.get(k, _MISSING) != fb.get(k, _MISSING)
                    and not (_is_pattern(k) and set(fa.get(k) or ()) == set(fb.get(k) or ()))]
    return out


def _rows(a: dict, b: dict) -> dict:
    """The rows of a check's table (timeliness terms, phrases rules) added, removed or changed."""
    out = {"added": [], "removed": [], "changed": []}
    for key in ("terms", "rules"):
        ra = {x.get("id"): x for x in a.get(key) or [] if isinstance(x, dict)}
        rb = {x.get("id"): x for x in b.get(key) or [] if isinstance(x, dict)}
        out["added"] += [i for i in rb if i not in ra]
        out["removed"] += [i for i in ra if i not in rb]
        out["changed"] += [i for i in rb if i in ra and ra[i] != rb[i]]
    return out


def is_empty(d: dict) -> bool:
    return not (d["period"] or any(d["elements"].values()) or d["weights"] or any(d["patterns"].values())
                or any(d["checks"].values()) or d["other"])


def _v(x, limit: int = 40) -> str:
    if x is None:
        return "—"
    s = "、".join(map(str, x)) if isinstance(x, list) else str(x)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _describe(ch: dict) -> str:
    if "added" in ch:
        parts = ([f"新增模式 {', '.join(repr(p) for p in ch['added'])}"] if ch["added"] else []) + (
            [f"删去模式 {', '.join(repr(p) for p in ch['removed'])}"] if ch["removed"] else [])
        return f"{ch['field']} " + "，".join(parts)
    if ch["field"] == "examples":
        return "示例有改动"
    return f"{ch['field']}：{_v(ch['from'])} → {_v(ch['to'])}"


def text(d: dict) -> str:
    """The difference for a reader, in Chinese."""
    def who(x):
        period = f"，依据期 {x['period']['label']}" if x["period"] else "，未写依据期"
        return f"{x['id']}（{x['version'] or '无版本号'}{period}）"

    lines = [f"规则集差异：{who(d['a'])} → {who(d['b'])}", ""]
    if is_empty(d):
        return "\n".join(lines + ["两个规则集的要素、模式、权重和检查没有差异。"])
    if d["period"]:
        p = d["period"]
        lines.append(f"依据期：{p['from'] or '未写'} → {p['to'] or '未写'}")
        lines += [f"  + 依据 {x}" for x in p["basis_added"]] + [f"  - 依据 {x}" for x in p["basis_removed"]]
        lines.append("")
    el = d["elements"]
    lines.append(f"要素：新增 {len(el['added'])}，删去 {len(el['removed'])}，改动 {len(el['changed'])}")
    lines += [f"  + {x['id']} {x['name']}（权重 {_v(x['weight'])}）" for x in el["added"]]
    lines += [f"  - {x['id']} {x['name']}（权重 {_v(x['weight'])}）" for x in el["removed"]]
    for x in el["changed"]:
        lines.append(f"  ~ {x['id']} {x['name']}：" + "；".join(_describe(c) for c in x["changes"]))
    lines.append("")
    lines.append(f"权重：改动 {len(d['weights'])}")
    lines += [f"  {x['id']}：{_v(x['from'])} → {_v(x['to'])}" for x in d["weights"]]
    lines.append("")
    pt = d["patterns"]
    lines.append(f"模式：新增 {len(pt['added'])}，删去 {len(pt['removed'])}")
    lines += [f"  + {x['where']}：{x['pattern']}" for x in pt["added"]]
    lines += [f"  - {x['where']}：{x['pattern']}" for x in pt["removed"]]
    lines.append("")
    ck = d["checks"]
    lines.append(f"检查：新增 {len(ck['added'])}，删去 {len(ck['removed'])}，改动 {len(ck['changed'])}")
    lines += [f"  + {c}" for c in ck["added"]] + [f"  - {c}" for c in ck["removed"]]
    for x in ck["changed"]:
        rows = x["rows"]
        head = "；".join(s for s in (
            rows["added"] and f"新增行 {'、'.join(map(str, rows['added']))}",
            rows["removed"] and f"删去行 {'、'.join(map(str, rows['removed']))}",
            rows["changed"] and f"改动行 {'、'.join(map(str, rows['changed']))}") if s)
        lines.append(f"  ~ {x['id']}" + (f"：{head}" if head else ""))
        lines += [f"      {_describe(c)}" for c in x["changes"]]
    if d["other"]:
        lines += ["", f"其他：改动 {len(d['other'])}"] + [f"  {_describe(c)}" for c in d["other"]]
    return "\n".join(lines)
