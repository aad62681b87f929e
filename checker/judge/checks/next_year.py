"""The plans part (下一年度主要安排) must be about the next year and say what will be done.

Three findings: the part names only the report year or earlier years (it restates the past
year); no sentence carries a measurable commitment (``commitments``: a figure, a deadline, a
target such as 不少于、达到、全覆盖); or most sentences report what was already done (``past``).
No plans part at all is the business of the ``next_steps`` element, not of this check.
"""

from __future__ import annotations

import regex

from checker.judge.checks.common import patterns
from checker.judge.result import Finding

ID = "next_year"
NAME = "下一年度安排是否具体、面向下一年"
BASIS = "《法治政府建设与责任落实督察工作规定》第二十五条第（四）项（“下一年度推进法治政府建设的主要安排”）"
ADVICE = "下一年度安排写明要做的具体事项、完成时限和可衡量的目标（数量、比例、日期），不要重复上一年度的工作。"
DESCRIPTION = (
    "“下一年度安排”部分：只提到报告年度或更早的年份、没有提到下一年，报警告；没有一句含可衡量的目标或时限（commitments：数量、比例、某月底前、不少于、全覆盖……），报警告；多数句子在回顾已做的工作（past：已完成、累计、全年共……），报警告。没有安排部分时由要素 next_steps 判定。"
)
OPTIONS = {"commitments": ("patterns", "可衡量承诺的用语（正则，列表）"),
           "past": ("patterns", "回顾已做工作的用语（正则，列表）"),
           "max_past_share": ("share", "回顾性句子占比达到多少即报告（0—1，默认 0.5）"),
           "min_sentences": ("count", "安排部分至少有几句话才判断可衡量承诺（默认 2）")}
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)")


PATTERNS = (("commitments",), ("past",))  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    return dict(options, _commit=patterns(options, "commitments", rule, book), _past=patterns(options, "past", rule, book))


def check(ctx, options: dict):
    part = [i for i, p in enumerate(ctx.labels) if p == "next"]
    if not part:
        return
    line = ctx.sentences[part[0]].line
    year = ctx.metadata.year
    years = {int(m[1]) for i in part for m in _YEAR.finditer(ctx.sentences[i].norm)}
    if year is not None and years and max(years) <= year:
        yield Finding(f"{ID}.wrong-year", "warning",
                      f"下一年度安排只提到 {'、'.join(str(y) for y in sorted(years))} 年，未写 {year + 1} 年的安排", line)
    commit, past = options.get("_commit"), options.get("_past")
    body = [i for i in part if len(ctx.sentences[i].norm) > 6]
    if commit is not None and len(body) >= int(options.get("min_sentences", 2)) and all(
            found is None for found in ctx.first_matches(commit, body)):
        yield Finding(f"{ID}.no-measurable", "warning",
                      f"下一年度安排 {len(body)} 句中没有可衡量的目标或时限（数量、比例、完成日期）", line)
    if past is not None and body:
        n = sum(1 for i in body if past.search(ctx.sentences[i].norm))
        if n >= 2 and n / len(body) >= float(options.get("max_past_share", 0.5)):
            yield Finding(f"{ID}.restates-past", "warning",
                          f"下一年度安排 {len(body)} 句中有 {n} 句在回顾已做的工作，而不是写下一年要做什么", line)
