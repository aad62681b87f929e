"""Chinese words for statuses, severities and verdicts, shared by every renderer."""

from checker.judge.result import place

STATUS = {"present": "已覆盖", "partial": "部分覆盖", "missing": "缺失"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
PART = {
    "preamble": "开头", "work": "工作情况", "shortcomings": "存在的不足", "responsible": "第一责任人",
    "next": "下一年度安排", "other": "其他", "closing": "落款",
}


def verdict(passed: bool) -> str:
    return "通过" if passed else "未通过"


def position(e) -> str:
    """Where a piece of evidence is, as a reviewer finds it: 第12行, or for a PDF 第3页第5行
    (the line on that page), or in a line that lost its line breaks 第1行第523字."""
    return place(e.line, getattr(e, "page", None), getattr(e, "page_line", None), getattr(e, "column", None))


def line_position(line: int, line_pages: list | None = None) -> str:
    """第12行, or for a PDF report (``Report.line_pages``) where that line starts: 第3页第5行."""
    if line_pages and 0 < line <= len(line_pages):
        return place(line, *line_pages[line - 1])
    return place(line)


def lines_label(evidence, limit: int = 6) -> str:
    """第3、5、12行 (with the page for PDF input: 第2页第12行、第3页第1行)."""
    if not evidence:
        return "—"
    unique = list({(getattr(e, "page", None), e.line): e for e in evidence}.values())
    shown = unique[:limit]
    more = "等" if len(unique) > limit else ""
    if all(getattr(e, "page", None) is None for e in shown):
        return "第" + "、".join(str(e.line) for e in shown) + "行" + more
    return "、".join(position(e) for e in shown) + more
