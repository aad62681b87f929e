"""The speed-ups for batches must not change a single verdict: the short-text search without a
time limit, the context (and the metadata read from it) shared between choosing the rulebook
and judging, the signals remembered by matched text and the page chrome found by split
alternations give the same reports as the plain path, on the seeds, the held-out reports, the
rulebooks' example snippets and a few hundred variants of the seeds (the batch benchmark's
corpus)."""

import json
import random
import sys
from pathlib import Path

import pytest
import yaml

import checker.judge.context as context_mod
import checker.rulebook.matching as matching
from checker.rulebook.matching import Pattern, SignalSet, _context_free, _risky
from checker.paths import RULES_DIR
from checker.pipeline import Options, check_file
from checker.rulebook.model import load_rulebook
from conftest import ROOT, SEEDS, check_text

sys.path.insert(0, str(ROOT / "bench"))
from _corpus import variant  # noqa: E402

INPUTS = SEEDS + sorted((ROOT / "tests" / "data").glob("*.txt"))
BOOKS = ("national-2021", "national-2015", str(RULES_DIR / "examples" / "province-department.yaml"))


def reports() -> list[str]:
    return [json.dumps(check_file(str(p), Options()).report.to_dict(), ensure_ascii=False) for p in INPUTS]


def _snippets() -> list[str]:
    """Every example snippet (elements and checks) of every rulebook."""
    out = []

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k == "examples" and isinstance(x, dict):
                    out.extend(s for kind in x.values() for s in kind or [] if isinstance(s, str))
                else:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in sorted(RULES_DIR.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def _mixtures(n: int) -> list[str]:
    """Seed lines shuffled and cut at random places: phrases in contexts no seed has."""
    rng = random.Random(5)
    lines = [ln for p in SEEDS for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = []
    for k in range(n):
        pick = rng.sample(lines, rng.randint(5, 60))
        if k % 2:
            pick = [ln[rng.randint(0, len(ln) // 2):] for ln in pick]
        out.append("\n".join(pick))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    out = []
    for i in range(200):
        p = folder / f"report_{i:03d}.txt"
        p.write_text(variant(texts[i % len(texts)], i), encoding="utf-8")
        out.append(p)
    return out


def _all_reports(corpus: list[Path]) -> list[str]:
    out = [json.dumps(check_file(str(p), Options()).report.to_dict(), ensure_ascii=False)
           for p in INPUTS + corpus]
    for text in _snippets() + _mixtures(60):
        for rules in BOOKS:
            out.append(json.dumps(check_text(text, rules=rules).to_dict(), ensure_ascii=False))
    return out


def _signal_sets() -> list[SignalSet]:
    return [el.signals for rules in BOOKS for el in load_rulebook(rules).elements if el.signals]


def test_signals_remembered_by_text_give_the_same_reports(corpus, monkeypatch):
    for s in _signal_sets():
        assert s.memo is not None  # the national rulebooks are all context-free: the fast path runs
    fast = _all_reports(corpus)
    for s in _signal_sets():
        monkeypatch.setattr(s, "memo", None)  # an anchored match for every hit
    assert _all_reports(corpus) == fast


def test_remembered_signals_equal_the_anchored_match_on_every_hit(corpus):
    from checker.document.normalize import normalize

    texts = [normalize(p.read_text(encoding="utf-8")) for p in corpus[:40]] + [normalize(t) for t in _mixtures(40)]
    for s in _signal_sets():
        for norm in texts:
            got = s.hits(norm)
            want = [(int(n.lastgroup[1:]), n.start(), n.group())
                    for n in (s.pattern.rx.match(norm, m.start()) for m in s.scan.rx.finditer(norm))]
            assert got == want


@pytest.mark.parametrize("source,free", [
    ("存在(的)?(主要)?(问题|不足)", True), ("受.{1,12}(影响|制约|限制)", True), (r"\d{4}年(将|要)", True),
    (r"[^。]{0,6}(履行|履职)", True), ("(?i)abc", True),
    ("^问题", False), ("问题$", False), (r"a\b", False), ("(?<=年)将", False), ("将(?!来)", False),
    (r"(年)\1", False), ("(?>ab|a)b", False), ("a++b", False), ("(?:ab){e<=1}", False), (r"\p{Han}+", False),
    (r"\m问题", False),
])
def test_which_signals_may_be_remembered_by_text(source, free):
    assert _context_free(source) is free


def test_a_signal_that_depends_on_its_context_is_never_remembered():
    s = SignalSet(["(?<=年)底", "年底|底"], "r")
    assert s.memo is None
    assert [h[0] for h in s.hits("年底月底")] == [1, 1]  # "年底" as one phrase of signal 1, then 底
    assert [h[0] for h in s.hits("月底年底")] == [1, 1]
    t = SignalSet(["底(?=线)", "底"], "r")
    assert t.memo is None and [h[0] for h in t.hits("底线年底")] == [0, 1]


def test_fast_paths_give_the_same_reports(monkeypatch):
    fast = reports()
    monkeypatch.setattr(matching, "SHORT", -1)  # every search with the time limit
    build = context_mod.Context.build.__func__

    def fresh(cls, doc, book):  # every context (and its metadata) built from scratch
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
    from checker.judge.context import Context
    from checker.ingest import load

    for path in INPUTS:
        ctx = Context.build(load(path), book)
        n = len(ctx.sentences)
        for sec in ctx.outline.sections():
            a, b = sec.start + 1, sec.end
            assert ctx.norm_length(a, b) == sum(len(ctx.sentences[i].norm) for i in range(a, b))
        assert ctx.norm_length(0, n) == len(ctx.text) and ctx.norm_length(n, n) == 0


def test_chrome_patterns_kept_apart_find_the_same_lines(corpus):
    """Lines (seeds, held-out, corpus, a page with all the chrome, every pattern's own text)
    are chrome for the split alternations exactly when the single alternation finds a match."""
    import regex

    from checker.document.model import _chrome_patterns, _clean_line, _is_chrome
    from checker.document.normalize import normalize
    from checker.paths import DATA_DIR

    pats = yaml.safe_load((DATA_DIR / "page_chrome.yaml").read_text(encoding="utf-8"))["patterns"]
    single = regex.compile("|".join(f"(?:{p})" for p in pats))
    split = _chrome_patterns()
    assert len(split) == 2
    lines = [ln for p in INPUTS + corpus + sorted((ROOT / "tests" / "data").rglob("*"))
             if p.suffix in (".txt", ".md", ".html") for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines += ["当前位置：首页 > 政务公开 > 法治政府建设", "首页»政务公开", "【打印本页】 【关闭窗口】", "网站标识码：5200000001 黔ICP备12345678号",
              "地址：某某市行政中心 电话：0851-12345678", "来源：某某市司法局", "扫一扫在手机打开当前页", "字号：大 中 小",
              "2023年度 > 工作 > 报告 > 附件", "一、推进依法行政 > 成效"]
    for p in pats:  # each pattern's literal text, and that text inside a line
        lit = regex.sub(r"[\^\$\\\[\]\(\)\?\+\*\.\{\}\|]", "", p)
        lines += [lit, "前" + lit, lit + "后"]
    norms = [normalize(_clean_line(ln)[0]) for ln in lines]
    assert sum(bool(single.search(n)) for n in norms) > 20
    assert [bool(single.search(n)) for n in norms] == [_is_chrome(n, split) for n in norms]


def test_patterns_searched_once_over_joined_sentences_give_the_same_reports(corpus, monkeypatch):
    fast = _all_reports(corpus)

    def one_by_one(self, texts):
        return [None if (m := self.search(t)) is None else m.group() for t in texts]

    monkeypatch.setattr(Pattern, "first_in_each", one_by_one)
    assert _all_reports(corpus) == fast


JOINED = [  # patterns that look around, or could run on, at a sentence's edges
    r"\d+(\.\d+)?(余|多)?(件|次|人|个|项)", r"(?<![第一])[两二三四五六七八九十百千]+(件|次|人)(?!制度|意识)",
    r"(?<=。)\d", r"(?<!年)\d{1,2}月", r"\d(?=[^\n]?件)", r".{0,6}(完成|推进)", r"(?<=.)[一二三]是",
    r"[^\n]{2}年", r"(?:年底|年内|月底|\d{1,2}月(底)?)前", r"x*", r"(?<=[，,])\d+件", r"\d+件(?![^\n]{0,3}制度)",
    r"(?>\d+)件", r"\d++个", r"(?i)[a-z]+\d", r"\S{3}工作",
]


@pytest.mark.parametrize("source", JOINED)
def test_first_match_over_joined_sentences_equals_each_sentence_searched(corpus, source):
    from checker.ingest import load
    from checker.document.normalize import normalize

    p = Pattern(source, "r")
    if not p.joinable:
        p.joinable = matching._line_bound(source)  # also try those cheap enough to search one by one
    assert p.joinable
    sents = [s.norm for path in INPUTS + corpus[:20] for b in load(path).blocks for s in b.sentences]
    sents += ["", "5", "件", "第三件", "二件制度", "。7", "年底前", "12月底前", "a1", normalize("全年办理 3 件。")]
    rng = random.Random(3)
    for _ in range(20):
        batch = rng.sample(sents, 40)
        assert p.first_in_each(batch) == [None if (m := p.search(t)) is None else m.group() for t in batch]


@pytest.mark.parametrize("source,bound", [
    (r"\d+件", True), (r"(?<![第一])[两二]+(件|次)(?!制度)", True), (r".{0,6}完成", True), (r"[^\n]x", True),
    (r"\S+", True), (r"[\d]", True), (r"[^\s]", True), (r"(?>\d+)件", True),
    (r"[^。]+", False), (r"\s", False), (r"\D件", False), (r"(?s).x", False), (r"(?s:.)x", False), (r"^a", False),
    (r"a$", False), (r"\ba", False), (r"(a)\1", False), (r"[[:alpha:]]", False), (r"(?:ab){e<=1}", False), (r"\n", False),
    (r"\p{Han}", False), (r"(?<=[^x])y", False), (r"(?!\s)y", False),
])
def test_which_patterns_may_be_searched_over_joined_sentences(source, bound):
    assert matching._line_bound(source) is bound


def test_joined_search_keeps_the_time_limit():
    from checker.errors import RulebookError

    p = Pattern(r"(a|aa)+$|(b|bb)+c", "bad-rule", "book.yaml")
    p.joinable = True  # as if it could run joined: the joined search is timed like any long text
    old = matching.TIMEOUT
    matching.TIMEOUT = 0.2
    try:
        with pytest.raises(RulebookError, match="bad-rule"):
            p.first_in_each(["b" * 40 + "!", "ok"])
    finally:
        matching.TIMEOUT = old


def test_headings_remembered_by_text_give_the_same_reports(corpus, monkeypatch):
    for rules in BOOKS:  # start from empty memories, then fill them in this run
        book = load_rulebook(rules)
        parts = [getattr(pt, k) for pt in book.parts.values() for k in ("headings", "not_headings", "dated")]
        for p in [el.headings for el in book.elements] + parts:
            if p is not None:
                p.seen.clear()
    fast = _all_reports(corpus)
    assert any(el.headings.seen for el in load_rulebook("national-2021").elements if el.headings is not None)
    monkeypatch.setattr(Pattern, "matches", lambda self, text: self.search(text) is not None)
    assert _all_reports(corpus) == fast


def test_a_remembered_heading_answers_as_search_does(monkeypatch):
    p = Pattern("存在(的)?(主要)?(问题|不足)|^问题$", "r")
    for title in ["存在的主要问题", "问题", "主要问题", "问题", "存在的主要问题", "x" * 400 + "存在问题", "不足"]:
        assert p.matches(title) is (p.search(title) is not None)
    assert "x" * 400 + "存在问题" not in p.seen  # long texts are not remembered
    monkeypatch.setattr(Pattern, "SEEN_MAX", 3)
    for i in range(10):
        p.matches(f"标题{i}")
    assert len(p.seen) <= 3
