"""Reports for the reporting-season tests (issue 16), derived from seed 001 (黄花店镇, 2024): the
same report moved to another year, with the sentences a report of that year would write about
the plans of the time. Only the year, the congress it cites and a few sentences change.

- ``report_2021``: a 2021 report (the 十四五 and 八五普法 plans just started);
- ``report_2025``: a 2025 report written in January 2026 (inside the 2021–2025 period);
- ``report_2026_running``: a 2026 report that still presents 十四五 and 八五普法 as the running plans;
- ``report_2026_closing``: a 2026 report that names them only as closing, with 十五五 current.
"""

from __future__ import annotations

from conftest import SEED

CONGRESS = "党的二十大和二十届二中、三中全会"
FIRST = "(一)扛牢政治责任,确保法治建设引领方向。"
PUFA_NEXT = "在全镇持续开展“八五”普法宣传教育"


def _seed() -> str:
    return SEED["001"].read_text(encoding="utf-8")


def derive(year: int, congress: str, first: str = "", pufa_next: str = PUFA_NEXT, signed: str | None = None) -> str:
    """Seed 001 as the report on ``year``, signed early the next year."""
    text = _seed().replace("2024年12月25日", signed or f"{year + 1}年2月10日").replace("2024", str(year))
    text = text.replace(CONGRESS, congress).replace(FIRST, FIRST + first).replace(PUFA_NEXT, pufa_next)
    return f"黄花店镇{year}年度法治政府建设情况报告\n" + text


def report_2021() -> str:
    return derive(2021, "党的十九大和十九届六中全会",
                  "2021年是“十四五”开局之年,镇党委启动“八五”普法规划,制定本镇实施方案。")


def report_2025() -> str:
    return derive(2025, "党的二十大和二十届四中全会",
                  "2025年是“十四五”规划收官之年,镇党委深入实施“八五”普法规划,对照“十四五”规划目标任务逐项推进。",
                  "在全镇开展“八五”普法总结验收,谋划“十五五”时期普法工作", signed="2026年1月20日")


def report_2026_running() -> str:
    return derive(2026, "党的二十大和二十届四中全会",
                  "镇党委对照“十四五”规划目标任务,扎实推进“八五”普法规划实施。")


def report_2026_closing() -> str:
    return derive(2026, "党的二十大和二十届四中全会",
                  "“十四五”规划圆满收官,“十五五”规划开局起步,镇党委完成“八五”普法总结验收。",
                  "在全镇深入开展“十五五”开局之年法治宣传教育,谋划“九五”普法工作")
