"""The kinds of document a reviewer tells apart, as a closed set (``metadata.kind``).

Only ``annual_report`` is judged as a 法治政府建设年度报告; every other kind is a look-alike that
a reviewer sends back unread. Ids are ASCII and stable; names are what users read.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "annual_report": "法治政府建设年度报告",
    "shufa": "述法报告",
    "gov_work_report": "政府工作报告",
    "xxgk_annual": "政府信息公开工作年度报告",
    "plan": "规划、方案、工作要点或通知",
    "news": "新闻报道",
    "npc_review": "人大审议意见或决议",
    "assessment": "评估或考评报告",
    "study": "研究或学术文章",
    "template": "范文或模板",
    "other": "其他文件",
}

# How the free-text kinds of a corpus's labels (``labels.json``) map onto the closed set, for
# ``check eval``; a label not listed here counts as ``other``.
LABEL_KINDS: dict[str, str] = {
    "法治政府建设年度报告": "annual_report",
    "依法行政年度报告": "annual_report",
    "述法报告": "shufa",
    "政府工作报告": "gov_work_report",
    "信息公开年报": "xxgk_annual",
    "工作要点": "plan",
    "实施方案": "plan",
    "实施意见": "plan",
    "征求意见通知": "plan",
    "任务分解通知": "plan",
    "考核方案新闻": "news",
    "新闻": "news",
    "人大审议报道": "news",
    "政策解读": "news",
    "人大决议": "npc_review",
    "绩效考评自评报告": "assessment",
    "学术文章": "study",
    "书籍简介": "study",  # a 法治蓝皮书 volume: research, not a report by the body
    "书籍章节": "study",
    "范文": "template",
}


def kind_name(kind: str) -> str:
    """The name users read for a kind id."""
    return KINDS.get(kind, KINDS["other"])


def label_kind(label: str) -> str:
    return LABEL_KINDS.get(label, label if label in KINDS else "other")
