"""Sections made mostly of empty phrases (套话): 高度重视、扎实推进、取得明显成效 … with no fact.

A sentence is empty when it contains one of the rulebook's ``phrases`` and none of the
``figures`` (numbers, dates). A section of at least ``min_sentences`` sentences whose share of
empty sentences reaches ``max_share`` is flagged. Applies to every titled part of the report.
"""

from __future__ import annotations

from checker.judge.checks.common import leaf_sections, patterns, section_sentences
from checker.judge.result import Finding

ID = "boilerplate"
NAME = "套话是否过多"
BASIS = "审查实践：报告应写实情实据；“内容空泛、套话”是常见的批评（经验规则，非官方标准）"
ADVICE = "删去“高度重视、扎实推进、取得明显成效”一类的套话，改写成做了什么、做了多少、效果如何。"
DESCRIPTION = (
    "含有套话（phrases：高度重视、扎实推进、取得明显成效……）而没有任何具体数字的句子算作空话。一节至少 min_sentences 句、空话占比达到 max_share，即报告该节“套话过多”。"
)
OPTIONS = {"phrases": ("patterns", "套话清单（正则，列表）"),
           "figures": ("patterns", "表示具体数字的模式（正则，列表；含这些的句子不算空话）"),
           "min_sentences": ("count", "一节至少有几句话才判断（默认 3）"),
           "max_share": ("share", "空话句子占比达到多少即报告（0—1，默认 0.6）")}
PARTS = ("work", "shortcomings", "responsible", "next", "other")


PATTERNS = (("phrases",), ("figures",))  # where the option patterns are (for the lint)

def prepare(options: dict, rule: str, book: str) -> dict:
    return dict(options, _phrases=patterns(options, "phrases", rule, book),
                _figures=patterns(options, "figures", rule, book))


def check(ctx, options: dict):
    phrases, figures = options.get("_phrases"), options.get("_figures")
    if phrases is None:
        return
    min_sent, share = int(options.get("min_sentences", 3)), float(options.get("max_share", 0.6))
    sections = sorted((s for part in PARTS for s in leaf_sections(ctx, part)), key=lambda s: s.start)
    sections = [(sec, idx) for sec in sections if len(idx := section_sentences(ctx, sec)) >= min_sent]
    all_idx = [i for _, idx in sections for i in idx]
    phrase = dict(zip(all_idx, ctx.first_matches(phrases, all_idx)))
    with_phrase = [i for i in all_idx if phrase[i] is not None]
    figure = dict(zip(with_phrase, ctx.first_matches(figures, with_phrase))) if figures is not None else {}
    for sec, idx in sections:
        empty = [i for i in idx if phrase[i] is not None and figure.get(i) is None]
        if len(empty) / len(idx) >= share:
            found = "、".join(dict.fromkeys(phrase[i] for i in empty))
            yield Finding(f"{ID}.mostly-boilerplate", "warning",
                          f"「{sec.title[:24]}」一节 {len(idx)} 句中有 {len(empty)} 句是套话（{found[:40]}），缺少实际内容",
                          sec.line)
