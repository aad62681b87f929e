"""Facts, not slogans: the share of sentences with concrete figures in each work section.

A sentence is concrete when one of the ``figures`` patterns matches: a count with a measure
word (283件, 4次, 12人, 3个), a percentage, an amount (万元), a date (6月底, 3月15日). A work
section of at least ``min_sentences`` sentences with no concrete sentence is flagged as
slogans only; a work part whose overall share is below ``min_share`` gets a warning too.
"""

from __future__ import annotations

from checker.judge.checks.common import leaf_sections, patterns, section_sentences
from checker.judge.result import Finding

ID = "concreteness"
NAME = "工作情况是否有具体数字和事实"
BASIS = "第三方评估对年度报告“运用事例少”“数据缺乏”的批评（明天，2017；见 policy-basis 第五节）"
ADVICE = "每项工作写出做了多少、涉及多少人或事项、何时完成（件、次、人、个、%、金额、日期），用事实代替口号。"
DESCRIPTION = (
    "逐节统计“工作情况”部分含具体数字的句子（figures：带量词的数量如 283件、4次、12人，百分比，金额，日期）。一节至少 min_sentences 句却没有一个具体数字，报“只有口号”；整个工作部分含数字的句子比例低于 min_share，也报警告。"
)
OPTIONS = {"figures": ("patterns", "表示具体数字的模式（正则，列表）"),
           "min_sentences": ("count", "一节至少有几句话才判断（默认 3）"),
           "min_share": ("share", "整个工作部分中含数字的句子的最低比例（0—1，默认 0.2）")}


PATTERNS = (("figures",),)  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    return dict(options, _figures=patterns(options, "figures", rule, book))


def check(ctx, options: dict):
    fig = options.get("_figures")
    if fig is None:
        return
    min_sent = int(options.get("min_sentences", 3))
    total = hits = 0
    sections = [(sec, section_sentences(ctx, sec)) for sec in leaf_sections(ctx, "work")]
    all_idx = [i for _, idx in sections for i in idx]
    found = dict(zip(all_idx, ctx.first_matches(fig, all_idx)))  # one search for them all
    for sec, idx in sections:
        n = sum(1 for i in idx if found[i] is not None)
        total, hits = total + len(idx), hits + n
        if len(idx) >= min_sent and n == 0:
            yield Finding(f"{ID}.slogans-only", "warning",
                          f"「{sec.title[:24]}」一节 {len(idx)} 句话中没有一个具体数字或日期，只有口号式表述", sec.line)
    share = float(options.get("min_share", 0.2))
    if total >= min_sent * 2 and hits / total < share:
        yield Finding(f"{ID}.low-share", "warning",
                      f"工作情况部分只有 {hits / total:.0%} 的句子含具体数字或日期（{hits}/{total}），低于 {share:.0%}", None)
