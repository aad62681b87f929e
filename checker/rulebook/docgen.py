"""The rule catalogue, written from the rulebooks themselves: ``check explain ID`` prints one
entry, ``python -m checker.rulebook.docgen > docs/rules.md`` writes them all (a test fails when
docs/rules.md is stale). Nothing here is typed twice: names, bases, advice and examples are
the rulebook's own fields, and each check's description is its module's docstring.
"""

from __future__ import annotations

from checker.judge.checks import COMMON, REGISTRY, describe, module
from checker.render.labels import PART

_EXPECT = {"pass": "应判为已覆盖", "partial": "应判为部分覆盖", "fail": "应判为未覆盖"}
_EXPECT_CHECK = {"pass": "不应报出问题", "fail": "应报出问题"}


def _codes(items) -> str:
    items = [items] if isinstance(items, str) else list(items or [])
    return "、".join(f"`{i}`" for i in items)


def _examples(examples: dict, labels: dict) -> list[str]:
    out = []
    for kind, label in labels.items():
        for snippet in (examples or {}).get(kind) or []:
            out += [f"示例（{label}）：", "", "```", snippet.rstrip("\n"), "```", ""]
    return out


def element_lines(el, book) -> list[str]:
    raw = el.raw
    scope = "、".join(PART.get(p, p) for p in el.scope)
    flag = "必备" if el.mandatory else "非必备"
    if el.mandatory and el.mandatory_from_year:
        flag = f"{el.mandatory_from_year} 年度起必备，此前非必备"
    out = [f"### `{el.id}` {el.name}", "", f"- 规则集：{book.id}（{book.name}）",
           f"- 依据：{el.basis}", f"- 权重：{el.weight:g}；{flag}"]
    if el.applies_from_year:
        out.append(f"- 适用：{el.applies_from_year} 年度起（此前尚无此要求，不计分）")
    out.append(f"- 取证范围：{scope}")
    if el.description:
        out.append(f"- 说明：{el.description}")
    present = []
    if el.part:
        present.append(f"报告的“{PART.get(el.part, el.part)}”部分有自己的标题且其下有实质内容")
    if raw.get("headings"):
        present.append(f"有专门标题（标题匹配 {_codes(raw.get('headings'))}），其下正文不少于 {el.min_body} 字"
                       + ("并含下列证据" if el.signals else ""))
    if el.signals:
        where = "该部分" if el.count_in == "part" else "某一段文字"
        present.append(f"{where}命中至少 {el.min_signals} 个不同的证据")
    if el.present_if_work_sections:
        present.append(f"没有总标题，但按任务分 {el.present_if_work_sections} 个以上部分报告了已做的工作")
    text = "；或".join(present)
    if el.requires:
        text += "；并且" + "、".join(f"`{r}`" for r in el.requires) + " 也已覆盖"
    out.append(f"- 已覆盖：{text}")
    if el.part and el.substance == "text":
        out[-1] += "（安排可写成祈使句：标题下有口号以外的具体文字即算实质内容）"
    partial = ["只是零星提及", "有标题但其下内容单薄或只有一般性表述"]
    if el.scope and el.scope[0] in ("shortcomings", "next"):
        partial.append("写在“工作情况”部分里、没有单列（位置不当）")
    if el.promise_parts:
        partial.append("只在下一年度安排中作为承诺出现")
    if el.requires:
        partial.append("缺少 " + "、".join(f"`{r}`" for r in el.requires))
    out.append(f"- 部分覆盖：{'；'.join(partial)}")
    out.append("- 缺失：未见相关内容；或只有标题、其下没有内容" if el.part else "- 缺失：未见相关内容")
    if el.signals:
        out.append(f"- 证据：{_codes(el.signals.names)}" + ("（只从正文取证，标题里的词不算）" if el.body_only else ""))
    if raw.get("generic"):
        out.append(f"- 不算证据的一般性表述：{_codes(raw.get('generic'))}")
    out += [f"- 修改建议：{el.advice}", ""]
    return out + _examples(el.examples, _EXPECT)


def check_lines(cid: str, book, row_id: str | None = None) -> list[str]:
    opts = (book.raw.get("checks") or {}).get(cid) or {}
    d = describe(cid, opts)
    out = [f"### 检查 `{cid}` {d['name']}", "", f"- 规则集：{book.id}（{book.name}）", f"- 依据：{d['basis']}"]
    penalty = opts.get("penalty")
    if isinstance(penalty, dict):
        each = "，".join(f"{k} 扣 {v:g} 分" for k, v in penalty.items())
        cap = opts.get("max_penalty", max(penalty.values()))
        out.append(f"- 扣分：{each}；最多扣 {float(cap):g} 分")
    elif penalty:
        out.append(f"- 扣分：每条问题扣 {penalty:g} 分，最多扣 {float(opts.get('max_penalty', penalty)):g} 分")
    else:
        out.append("- 扣分：不扣分，只提示")
    out += ["", d["description"], ""]
    table = getattr(module(cid), "ROWS", None)
    options = {k: v for k, v in opts.items() if k not in COMMON and k != table}
    for key, value in options.items():
        out.append(f"- 选项 `{key}`：{_value(value)}")
    rows = [r for r in opts.get(table) or [] if row_id is None or r.get("id") == row_id] if table else []
    if rows:
        head, rule = _TABLES[table]
        out += ["", f"| id | 名称 | 模式 | {head} | 依据 |", "| --- | --- | --- | --- | --- |"]
        for r in rows:
            pattern = str(r.get("pattern")).replace("|", "\\|")
            out.append(f"| `{r.get('id')}` | {r.get('name')} | `{pattern}` | {rule(r)} | {r.get('basis', '')} |")
    out += ["", f"- 修改建议：{d['advice']}", ""]
    return out + _examples(opts.get("examples"), _EXPECT_CHECK)


def _when(r: dict) -> str:
    from checker.judge.checks.timeliness import severity_of

    level = {"error": "错误", "warning": "警告", "info": "提示"}
    parts = []
    if "outdated_from" in r:
        parts.append(f"{r['outdated_from']}年度起已过时")
    if "anachronism_before" in r:
        parts.append(f"{r['anachronism_before']}年度以前尚未出现")
    if "required_from" in r:
        parts.append(f"{r['required_from']}年度起应当出现")
    out = "；".join(parts) + (f"（{level[severity_of(r)]}）" if parts else "")
    if "current_until" in r:
        first, last = r.get("current_from"), r["current_until"]
        out += ("；" if out else "") + (
            f"实施期{first if first is not None else ''}—{last}年：{last + 1}年度只可作为收官、总结验收提及，"
            f"{last + 2}年度起已过时（{level[severity_of(r, period=True)]}{'，实施期已核实' if r.get('confirmed') else ''}）")
    return out


# the rows of a check's table (timeliness terms, phrases rules): column heading, cell
_TABLES = {"terms": ("年度规则", _when),
           "rules": ("要求", lambda r: "必须出现" if r.get("must") == "present" else "不得出现")}


def _value(v) -> str:
    if isinstance(v, list):
        return "；".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "，".join(f"{k}: {_value(x)}" for k, x in v.items())
    return f"`{v}`" if isinstance(v, str) else str(v)


def _similar_line(book) -> str:
    """The copied-text warning line of a batch (checker.across.similar), never scored."""
    from checker.across.similar import warn_share

    return (f"批量检查时，正文与本批其他报告雷同达到 {warn_share(book):.0%} 给出警告 `similar.copied-text`"
            "（不计分，见 judgement.md“报告之间的文字雷同”）。")


def rulebook_lines(book) -> list[str]:
    applies = book.applies or {}
    years = f"{applies.get('from_year') or '—'} 至 {applies.get('to_year') or '—'} 年度"
    out = [f"## {book.name}（`{book.id}`，版本 {book.version}）", ""]
    if book.raw.get("extends"):
        out += [f"在 `{book.raw['extends']}` 的基础上修改：下面只详列本规则集新增或改动的要素和检查，其余见 `{book.raw['extends']}`。", ""]
    out += [book.description, "", f"适用报告年度：{years}；合格线 {book.min_score:g} 分。" + _similar_line(book), "",
            "| 要素 | id | 权重 | 必备 |", "| --- | --- | --- | --- |"]
    for el in book.elements:
        flag = ("是" if el.mandatory and not el.mandatory_from_year else
                f"{el.mandatory_from_year} 年度起" if el.mandatory else "否")
        out.append(f"| {el.name} | `{el.id}` | {el.weight:g} | {flag} |")
    out.append("")
    own = _own(book)  # a rulebook that extends another: only what it changes, in full
    for el in book.elements:
        if own is None or el.id in own["elements"]:
            out += element_lines(el, book)
    for cid in book.raw.get("checks") or {}:
        if cid in REGISTRY and (own is None or cid in own["checks"]):
            out += check_lines(cid, book)
    return out


def _own(book) -> dict | None:
    if not book.raw.get("extends"):
        return None
    from checker.rulebook.model import read_yaml

    data = read_yaml(book.path)
    return {"elements": {e.get("id") for e in data.get("elements") or [] if isinstance(e, dict)},
            "checks": set(data.get("checks") or {})}


def shipped_rulebooks():
    from checker.paths import bundled_rulebooks
    from checker.rulebook.model import load_rulebook

    return [load_rulebook(str(b.path)) for b in bundled_rulebooks()]  # national newest first, then the examples


def render() -> str:
    out = ["# 规则目录", "",
           "本文件由 `python -m checker.rulebook.docgen > docs/rules.md` 从 rules/ 中的规则集生成，请勿手工修改；"
           "单条规则也可用 `check explain ID` 查看。规则集的写法见 docs/rulebook.md。", ""]
    for book in shipped_rulebooks():
        out += rulebook_lines(book)
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
