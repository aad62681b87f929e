"""Did THIS report do what LAST promised? Each task of a promise is looked for in the sentences
of THIS's work part (主要举措和成效, and the 第一责任人 part, which reports deeds too), never in
its plans: a promise repeated as next year's plan is not kept.

A task is the object of one clause (``keywords``). A sentence of THIS covers a share of the
task's bigrams, each weighted by how rare it is in THIS (inverse sentence frequency: 执法 in
every other sentence weighs little, 事项目录 in one sentence much), so generic words never carry
a match. A task is

* done when a sentence (or two running sentences of one paragraph, or a heading of the work part
  with the first sentence under it; a heading alone never) names the document the task
  names (《…》, compared with rapidfuzz so that a title quoted with or without its place name
  still counts), or covers at least ``DONE`` of it with an *anchor*: a run of the object of three
  or more characters as it stands, ``LONG_PIECE`` characters of it together, or ``NEARLY_ALL`` of
  its characters in pieces (市级示范村 in 市级民主法治示范村); a sentence that
  only says the work goes on (持续推进…, 正在…, with no figure and no deed) makes it partial at most;
* partial when the cover reaches ``PARTIAL`` with a whole run, or with an anchor and a second
  piece of the object elsewhere in the sentence (乡镇综合…轮训: a task said in other words);
  one generic piece (行政复议 alone) is not enough;
* missing otherwise.

A promise is kept when its tasks score at least ``KEPT`` (done 1, partial ½, averaged), missing
when no task was found at all, and partial in between. Every kept or partial promise carries
the sentences of THIS that decided it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import regex

from checker.track.extract import Promise
from checker.track.keywords import keys

DONE, PARTIAL, KEPT = 0.6, 0.35, 0.8
MAX_CANDIDATES = 2000  # sentences of THIS compared with one task, at most
NEARLY_ALL = 0.8  # share of the object's characters found in pieces that makes an anchor too
LONG_PIECE = 4  # characters of a promise's object found together that make an anchor
TITLE_SIMILAR = 90  # rapidfuzz partial_ratio for a document title quoted in other words
EVIDENCE_PARTS = ("work", "responsible")
# a sentence that only says the work goes on: it reports no deed
_ONGOING = regex.compile(r"持续(推进|推动|开展|加强|深化)|继续|正在|逐步|积极(推进|推动|探索)|着力|有序推进|稳步推进|谋划|研究(制定|起草)|启动")
_DEED = regex.compile(r"\d|已|完成|建成|出台|印发|公布|发布|制定了|修订|实现|组建|配备|开通|上线|举办|召开|审结|办结|全覆盖|了")


@dataclass
class Verdict:
    status: str  # kept / partial / missing
    evidence: list  # checker.judge.result.Evidence, in line order
    notes: list = field(default_factory=list)  # why a task found was not done in full (a figure short)


class Target:
    """THIS report, ready to be searched: its work sentences and how rare each bigram is."""

    def __init__(self, ctx):
        self.ctx = ctx
        sents = ctx.sentences
        norms = [s.norm for s in sents]  # simplified characters already (Document)
        self.norms = norms
        heading_only = set(ctx.headings)  # a heading says a theme, not a deed
        for sec in ctx.outline.sections():  # a run-in heading (（一）健全制度体系。全年…) too
            if sec.title and sec.runin and sec.end > sec.start + 1 \
                    and len(sents[sec.start].norm) <= len(sec.marker) + len(sec.title) + 1:
                heading_only.add(sec.start)
        self.ids = [i for i, p in enumerate(ctx.labels) if p in EVIDENCE_PARTS and i not in heading_only]
        self.heading_only = heading_only
        self.grams = [frozenset(n[k:k + 2] for k in range(len(n) - 1)) for n in norms]
        df = Counter(g for gs in self.grams for g in gs)
        self.df = df
        self.n = max(1, len(norms))
        block = ctx.outline.block_of
        ids = set(self.ids)
        # candidate windows: a sentence; a sentence with the next one of its paragraph; a heading
        # of the work part with the first sentence under it (（三）建成县级行政执法监督平台。平台于
        # 6月上线运行…: the heading names the object, the text the deed; a heading alone never counts)
        self.windows = [(i,) for i in self.ids]
        self.windows += [(i, i + 1) for i in self.ids if i + 1 in ids and block[i] == block[i + 1]]
        self.windows += [(i, i + 1) for i in sorted(heading_only)
                         if ctx.labels[i] in EVIDENCE_PARTS and i + 1 in ids]
        self.by_gram: dict[str, list[int]] = {}
        for w, win in enumerate(self.windows):
            for g in self.gramset(win):
                self.by_gram.setdefault(g, []).append(w)

    def weight(self, gram: str) -> float:
        return math.log(1 + self.n / (self.df.get(gram, 0) + 0.5))

    def text(self, win) -> str:
        return "".join(self.norms[i] for i in win)

    def gramset(self, win) -> frozenset:
        return self.grams[win[0]] if len(win) == 1 else self.grams[win[0]] | self.grams[win[1]]


_QUOTED = regex.compile(r"《([^《》]{2,60})》")
_PLACE_HEAD = regex.compile(r"^(?:\p{Han}{1,8}?(?:省|市|县|区|旗|州|盟|镇|乡))+")


def _title_found(title: str, text: str) -> bool:
    """The document ``title`` is named in ``text``: as it stands, with or without the place at
    its head (《行政规范性文件管理办法》 for 石门县行政规范性文件管理办法), or nearly so."""
    if title in text:
        return True
    bare = _PLACE_HEAD.sub("", title)
    if len(bare) >= 6 and bare in text:
        return True
    for other in _QUOTED.findall(text):
        if len(bare) >= 4 and _PLACE_HEAD.sub("", other) == bare:
            return True
    if len(title) < 4:
        return False
    from rapidfuzz import fuzz  # only when a title is not quoted as it stands

    return fuzz.partial_ratio(title, text, score_cutoff=TITLE_SIMILAR) > 0


def task_status(task: str, t: Target) -> tuple[str, tuple[int, ...] | None]:
    """(done / partial / missing, the window of THIS sentences that decided it)."""
    k = keys(task)
    grams = k.grams
    total = sum(t.weight(g) for g in grams)
    if k.titles:
        # a task naming a document is about that document: it must be named in THIS
        for w in t.windows:
            if any(_title_found(x, t.norms[w[-1]]) for x in k.titles):
                text = t.text(w)
                return ("partial" if _only_ongoing(text) else "done"), w
        if not grams:
            return "missing", None
    if not grams or total <= 0:
        return "missing", None
    # candidates from the rarest bigrams first, at most MAX_CANDIDATES postings: a bigram found in
    # thousands of sentences of a very long report weighs little and would make the search quadratic
    seen: set[int] = set()
    for g in sorted(grams, key=lambda g: t.df.get(g, 0)):
        posting = t.by_gram.get(g, ())
        if seen and len(seen) + len(posting) > MAX_CANDIDATES:
            break
        seen.update(posting[:MAX_CANDIDATES])
    cand = [t.windows[w] for w in sorted(seen)]
    best, best_cov = None, 0.0
    for win in cand:
        if win[0] in t.heading_only and not any(g in t.grams[win[1]] for g in grams):
            continue  # the heading names the object, the text under it is about something else
        gs = t.gramset(win)
        cov = sum(t.weight(g) for g in grams if g in gs) / total
        if cov > best_cov + 1e-9 or (abs(cov - best_cov) <= 1e-9 and best is not None and len(win) < len(best)):
            best, best_cov = win, cov
    if best is None:
        return "missing", None
    text = t.text(best)
    pieces = k.pieces(t.gramset(best))
    whole = any(len(r) >= 3 and r in text for r in k.runs)
    size = sum(len(r) for r in k.runs)
    # an anchor: a run as it stands, LONG_PIECE characters together, or nearly all of the object
    # in pieces (市级示范村 in 市级民主法治示范村: words put in between)
    strong = whole or max(map(len, pieces), default=0) >= LONG_PIECE or (
        size >= LONG_PIECE and sum(map(len, pieces)) >= NEARLY_ALL * size)
    if best_cov >= DONE and strong:
        return ("partial" if _only_ongoing(text) else "done"), best
    if best_cov >= PARTIAL and (whole or (strong and len(pieces) >= 2)):
        return "partial", best
    return "missing", None


def _only_ongoing(text: str) -> bool:
    return bool(_ONGOING.search(text)) and not _DEED.search(_ONGOING.sub("", text))


# A figure a task promises, with its unit (不少于10场, 培训2期, 覆盖率达到100%). A limit (控制在5%以内,
# 下降到3%) is left alone: less would be better there. Numbers in quoted names (“一件事一次办”) and
# ordinals (第一批) are no promise of an amount.
_LIMIT_BEFORE = r"(?:控制在|不超过|不高于|低于|下降到?|降低到?|降至|压减到?|压缩到?|减少到?)"
_QUANTITY = regex.compile(
    rf"(?<![第\d.一二两三四五六七八九十])(?P<limit>{_LIMIT_BEFORE})?(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]{{1,3}})\s*"
    r"(?P<unit>%|个(?!百分点)|场|次|期|批|项|件|名|人次|人|家|轮|户|所|条|篇|部|学时|课时|小时|万元|亿元)"
    r"(?P<after>以内|以下)?")
_QUOTED_NAME = regex.compile(r"《[^《》]*》|“[^“”]*”|\"[^\"]*\"")


def _number(s: str) -> float | None:
    """10, 2.5, 十, 十二, 二十, 二十五 (up to 99); None for what is not a number (二三: no count)."""
    if s[0].isdigit():
        return float(s)
    if len(s) > 1 and "十" not in s:
        return None
    from checker.document.metadata import cn_number

    try:
        return float(cn_number(s))
    except KeyError:
        return None


def quantities(text: str, promised: bool = False) -> dict[str, list[float]]:
    """{unit: [figures]} in ``text``, quoted names left out; ``promised``: a task's text, whose
    limits (控制在…以内) are left out too."""
    out: dict[str, list[float]] = {}
    for m in _QUANTITY.finditer(_QUOTED_NAME.sub("", text)):
        if promised and (m["limit"] or m["after"]):
            continue
        n = _number(m["num"])
        if n is not None:
            out.setdefault(m["unit"], []).append(n)
    return out


def shortfall(task: str, found: str) -> str | None:
    """When ``found`` (the THIS text that did ``task``) gives a figure in a unit the task promised a
    figure in, and every such figure is smaller: the note saying so. Otherwise None (no figure
    there: the object decides, as before)."""
    have = quantities(found)
    for unit, targets in quantities(task, promised=True).items():
        got = have.get(unit)
        if got and max(got) < max(targets):
            return f"数量未达到：安排 {max(targets):g}{unit}，本报告 {max(got):g}{unit}"
    return None


def judge(promise: Promise, t: Target) -> Verdict:
    """The verdict on one promise, with the sentences of THIS that support it. A task done with
    fewer than the figure it promised (10场 promised, 8场 reported) counts as partly done."""
    scores, lines, notes = [], [], []
    for k, task in enumerate(promise.tasks):
        status, win = task_status(task, t)
        if status == "done":
            note = shortfall(promise.amount_text(k), t.text(win))
            if note:
                status = "partial"
                notes.append(note)
        scores.append({"done": 1.0, "partial": 0.5, "missing": 0.0}[status])
        if win is not None:
            lines.extend(win)
    if not scores or not any(scores):
        return Verdict("missing", [])
    share = sum(scores) / len(scores)
    evidence = [t.ctx.evidence(i) for i in sorted(set(lines))]
    return Verdict("kept" if share >= KEPT else "partial", evidence, notes)


def match(promises: list[Promise], ctx) -> list[tuple[Promise, Verdict]]:
    """Each promise of LAST with its verdict in THIS (``ctx``: THIS report's context)."""
    t = Target(ctx)
    return [(p, judge(p, t)) for p in promises]
