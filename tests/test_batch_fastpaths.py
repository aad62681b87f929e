"""The speed-ups for batches must not change a single verdict: the short-text search without a
time limit and the context shared between choosing the rulebook and judging give the same
reports as the plain path, on the seeds and the held-out reports."""

import json
from pathlib import Path

import pytest

import checker.context as context_mod
import checker.matching as matching
from checker.matching import Pattern, _risky
from checker.pipeline import Options, check_file
from conftest import ROOT, SEEDS

INPUTS = SEEDS + sorted((ROOT / "tests" / "data").glob("*.txt"))


def reports() -> list[str]:
    return [json.dumps(check_file(str(p), Options()).report.to_dict(), ensure_ascii=False) for p in INPUTS]


def test_fast_paths_give_the_same_reports(monkeypatch):
    fast = reports()
    monkeypatch.setattr(matching, "SHORT", -1)  # every search with the time limit
    build = context_mod.Context.build.__func__

    def fresh(cls, doc, book):  # every context built from scratch
        context_mod._LAST[:] = [None, None, None]
        return build(cls, doc, book)

    monkeypatch.setattr(context_mod.Context, "build", classmethod(fresh))
    assert reports() == fast


@pytest.mark.parametrize("source,risky", [
    (r"(a+)+b", True), (r"(a|ab)*c", True), (r"(x)\1", True), (r".*a.*b.*c", True), (r"\p{Han}+", True),
    (r"存在(的)?(主要)?(问题|不足)", False), (r".{0,6}(履行|履职)", False), (r"(ab)*", False),
])
def test_which_patterns_keep_the_time_limit_on_short_texts(source, risky):
    assert _risky(source) is risky


def test_a_catastrophic_pattern_still_times_out_with_a_message():
    from checker.errors import RulebookError

    p = Pattern(r"(a|aa)+$", "bad-rule", "book.yaml")
    assert not p.fast
    monkey = "a" * 40 + "!"  # short, yet exponential for this pattern
    old = matching.TIMEOUT
    matching.TIMEOUT = 0.2
    try:
        with pytest.raises(RulebookError, match="bad-rule"):
            p.search(monkey)
    finally:
        matching.TIMEOUT = old


def test_section_body_length_from_offsets_equals_the_sum(book):
    from checker.context import Context
    from checker.ingest import load

    for path in INPUTS:
        ctx = Context.build(load(path), book)
        n = len(ctx.sentences)
        for sec in ctx.outline.sections():
            a, b = sec.start + 1, sec.end
            assert ctx.norm_length(a, b) == sum(len(ctx.sentences[i].norm) for i in range(a, b))
        assert ctx.norm_length(0, n) == len(ctx.text) and ctx.norm_length(n, n) == 0
