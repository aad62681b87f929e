"""Chinese words for statuses, severities and verdicts, shared by every renderer."""

STATUS = {"present": "已覆盖", "partial": "部分覆盖", "missing": "缺失"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
PART = {
    "preamble": "开头", "work": "工作情况", "shortcomings": "存在的不足", "responsible": "第一责任人",
    "next": "下一年度安排", "other": "其他", "closing": "落款",
}


def verdict(passed: bool) -> str:
    return "通过" if passed else "未通过"


def lines_label(evidence, limit: int = 6) -> str:
    """第3、5、12行 (with the page for PDF input: 第2页第12行)."""
    if not evidence:
        return "—"
    parts, seen = [], set()
    unique = []
    for e in evidence:
        key = (getattr(e, "page", None), e.line)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    evidence = unique
    for e in evidence[:limit]:
        page = getattr(e, "page", None)
        parts.append(f"第{page}页第{e.line}行" if page else f"{e.line}")
    if all(getattr(e, "page", None) is None for e in evidence[:limit]):
        text = "第" + "、".join(parts) + "行"
    else:
        text = "、".join(parts)
    return text + ("等" if len(evidence) > limit else "")
