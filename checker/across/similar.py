"""Copied text across the reports of a batch (issue 15): passages of one report found, nearly
word for word, in another report of the batch — towns copying each other, or a body reusing
last year's report.

features (worker): the report's body sentences, with template text taken out (headings, the
title and signature, quoted policy titles 《…》, set phrases from ``checker/data/set_phrases.yaml``,
figures), become passages of at least ``MIN_CHARS`` characters; each keeps a 63-byte MinHash
signature, its sentence numbers and line. link (main process): near-duplicate passages of
different reports (``checker.across.lsh``), passages common to many reports dropped as template,
then for each report the share of its body found elsewhere and the closest few reports it shares
text with. keep (worker): the report's sentences, which the batch spools with its outcome.
apply: quotes each passage from them with its line numbers, adds ``report.similar`` and, above
the rulebook's ``similar.warn_share``, a warning finding. Never scored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.across import Analysis, register

NAME = "similar"
RULE = "similar.copied-text"
MIN_CHARS = 10  # content characters (template taken out) a sentence needs to be a passage
TEMPLATE_SHARE = 0.35  # a sentence whose content is less than this share of it (punctuation included) is set phrases: template
PIECE = 120  # a longer sentence is cut into passages of about this many content characters
TOP = 5  # the closest reports named for each report
MAX_UNITS = 300  # passages carried per pair of reports
DEFAULT_WARN_SHARE = 0.3

# A newline never matches inside these: ``contents`` joins a report's sentences with it
_TITLE = re.compile(r"《[^《》\n]{1,60}》")
_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # (normalised text: NFKC, so ASCII figures)
_NOT_CONTENT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z#\n]+")  # CJK ideographs, letters


@lru_cache(maxsize=1)
def _set_phrases():
    """One pattern for all set phrases, as a trie of characters (four times faster than an
    alternation of the phrases) behind a screen (``_phrase_pattern``); the longest phrase at a
    place is taken."""
    import yaml

    from checker.paths import DATA_DIR

    data = yaml.safe_load((DATA_DIR / "set_phrases.yaml").read_text(encoding="utf-8")) or {}
    phrases = {str(p).strip() for key in ("phrases", "extra") for p in data.get(key) or ()} - {""}
    return re.compile(_phrase_pattern(phrases)) if phrases else None


GUARD = 4  # characters a set phrase's place is screened on before the trie is tried


def _phrase_pattern(phrases) -> str:
    """The trie behind a screen: the next characters must each be one that a phrase has at that
    place (a lookahead of character classes), so most places of a text are passed over without
    entering the trie: the same matches, in less than half the time."""
    k = min(GUARD, min(map(len, phrases)))
    screen = "".join("[" + "".join(re.escape(c) for c in sorted({p[i] for p in phrases})) + "]" for i in range(k))
    return f"(?={screen})(?:{_trie(phrases)})"


def _trie(words) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        alts = [re.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def content(norm: str) -> str:
    """What is left of a normalised sentence once template text is taken out: quoted titles
    become one mark, set phrases go, figures become #, punctuation goes (a re-dated report, or
    one with new figures, keeps the same content)."""
    return _content(norm.replace("\n", " "))


def contents(norms: list[str]) -> list[str]:
    """``content`` of each sentence: the whole report in four regex passes, not four a sentence
    (the per-call cost was most of the time). Joined by newlines, which no pattern crosses."""
    if not norms:
        return []
    return _content("\n".join(n.replace("\n", " ") for n in norms)).split("\n")


def _content(text: str) -> str:
    text = _TITLE.sub("《", text)
    phrases = _set_phrases()
    if phrases is not None:
        text = phrases.sub("", text)
    return _NOT_CONTENT.sub("", _FIGURE.sub("#", text))


def _body(doc, ctx, meta):
    """(sentence index, sentence) of the report's body: no heading, title or signature."""
    from checker.document.signature import is_signature

    skip_lines = {meta.title_line, meta.date_line, meta.issuer_line} if meta is not None else set()
    headings = set(ctx.headings) if ctx is not None else set()
    if ctx is not None:  # run-in headings too: （一）践行习近平法治思想。…
        headings.update(sec.start for sec in ctx.sections() if sec.title and sec.kind != "item")
    out = []
    for i, s in enumerate(_sentences(doc)):
        if i in headings or s.line in skip_lines or (len(s.norm) < SIGNATURE_MAX and is_signature(s.norm)):
            continue
        out.append((i, s))
    return out


SIGNATURE_MAX = 60  # a longer sentence is not an issuer or a date


def _sentences(doc) -> list:
    return [s for b in doc.blocks for s in b.sentences]


def passages(doc, ctx=None, meta=None) -> tuple[list[str], list[tuple[int, int, int]], int]:
    """(content texts, [(sentence, line, body characters)], body characters) of a report."""
    texts, where, body = [], [], 0
    sents = _body(doc, ctx, meta)
    for (i, s), text in zip(sents, contents([s.norm for _, s in sents])):
        body += len(s.norm)
        if len(text) < MIN_CHARS or len(text) < TEMPLATE_SHARE * len(s.norm):
            continue
        n = max(1, round(len(text) / PIECE))
        step = -(-len(text) // n)
        for k in range(n):
            piece = text[k * step:(k + 1) * step]
            if len(piece) >= MIN_CHARS:
                texts.append(piece)
                where.append((i, s.line, max(1, len(s.norm) * len(piece) // len(text))))
    return texts, where, body


def warn_share(book) -> float:
    spec = (getattr(book, "raw", None) or {}).get("similar") or {}
    value = spec.get("warn_share", DEFAULT_WARN_SHARE)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else DEFAULT_WARN_SHARE


def features(doc, ctx, meta, file):
    """Signatures and places of the report's passages (numpy arrays, about 75 bytes each)."""
    import numpy as np

    from checker.across.minhash import NPERM, signatures

    texts, where, body = passages(doc, ctx, meta)
    sig, whole = signatures(texts) if texts else (np.zeros((0, NPERM), dtype=np.uint8), None)
    return {
        "sig": sig,
        "whole": whole,  # the whole body's signature: reports that are copies of each other as a whole
        "sent": np.array([w[0] for w in where], dtype=np.int32),
        "line": np.array([w[1] for w in where], dtype=np.int32),
        "len": np.array([w[2] for w in where], dtype=np.int32),
        "body": body,
        "warn": warn_share(ctx.book) if ctx is not None else DEFAULT_WARN_SHARE,
        "body_key": _body_key(doc, meta),  # which body wrote it: another year of one body, or another body
    }


RUN_CHARS = 60  # a run of two or more consecutive sentences found in one other report, this long, is copying
NEAR = 6
LONG_SENTENCE = 120  # ... as is one sentence this long found nearly word for word (STRONG)
STRONG = 0.8
SCATTERED = 300  # ... or this much text in scattered sentences


def _shared(sents, others, sizes, sims) -> int:
    """Characters of body this report shares with one other report, or 0 when what it shares
    is not copying: stock language makes scattered single sentences agree by chance, copying
    shows as runs of consecutive sentences (one skipped sentence allowed: a heading or a
    template sentence between them), or as a long sentence taken nearly word for word."""
    total = int(sizes.sum())
    if total >= SCATTERED:
        return total
    order = sents.argsort(kind="stable")
    run_chars, run_n, last, there = 0, 0, None, None
    for i in order:
        sent, other, size = int(sents[i]), int(others[i]), int(sizes[i])
        if last is not None and sent == last:
            run_chars += size  # another piece of the same sentence
            continue
        if last is not None and sent - last <= 2 and abs(other - there) <= NEAR:
            run_chars, run_n = run_chars + size, run_n + 1
        else:
            run_chars, run_n = size, 1
        last, there = sent, other
        if run_n >= 2 and run_chars >= RUN_CHARS:
            return total
    strong = (sims >= STRONG) & (sizes >= LONG_SENTENCE)
    return total if strong.any() else 0


def _body_key(doc, meta) -> str | None:
    from checker.track.issuer import body_of

    try:
        return body_of(doc, meta) if meta is not None else None
    except Exception:  # noqa: BLE001 - the relation is then told by the issuers as written
        return None


def _relation(key, other_key, meta, other) -> str:
    """same_body (another year of this report's body) or other_body; unknown when either body
    cannot be told. Bodies are compared as promise tracking pairs them (``checker.track.issuer``:
    石门县人民政府 = 石门县政府, a town with or without its county), else by the issuers as written."""
    if key and other_key:
        from checker.track.issuer import same_body

        return "same_body" if same_body(key, other_key) else "other_body"
    a, b = getattr(meta, "issuer", None), getattr(other, "issuer", None)
    if not a or not b:
        return "unknown"
    return "same_body" if a == b else "other_body"


def link(items: list) -> dict:
    """{index: ctx} for each report sharing text with another. ctx: {"share", "warn",
    "sources": [{"file", "share", "relation", "year", "units": [(sentence, line, other line)]}]}"""
    import numpy as np

    from checker.across.lsh import similar_pairs, unique

    if len(items) < 2:
        return {}
    nothing = {idx: {"share": 0.0, "warn": f["warn"], "sources": []} for idx, _, _, f in items}
    sig = np.concatenate([f["sig"] for _, _, _, f in items])
    rep = np.concatenate([np.full(len(f["sig"]), k, dtype=np.int32) for k, (_, _, _, f) in enumerate(items)])
    sent = np.concatenate([f["sent"] for _, _, _, f in items])
    line = np.concatenate([f["line"] for _, _, _, f in items])
    size = np.concatenate([f["len"] for _, _, _, f in items])
    for _, _, _, f in items:  # consumed: the batch's arrays are held once, not twice
        f["sig"] = f["sent"] = f["line"] = f["len"] = None
    whole = [f["whole"] for _, _, _, f in items]
    a, b, s = similar_pairs(sig, rep, whole)
    del sig
    if len(a) == 0:
        return nothing
    # both directions, then the best match of each passage in each other report
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    sim = np.concatenate([s, s])
    order = np.lexsort((-sim, src, rep[dst], rep[src]))
    src, dst = src[order], dst[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (src[1:] != src[:-1]) | (rep[dst][1:] != rep[dst][:-1])
    src, dst, sim = src[first], dst[first], sim[order][first]
    rs, rd = rep[src], rep[dst]
    out: dict = nothing
    starts = np.flatnonzero(np.r_[True, rs[1:] != rs[:-1]])
    ends = np.r_[starts[1:], len(rs)]
    for lo, hi in zip(starts, ends):
        k = int(rs[lo])
        idx, file, meta, f = items[k]
        body = max(1, f["body"])
        groups = []
        cut = np.flatnonzero(np.r_[True, rd[lo + 1:hi] != rd[lo:hi - 1]]) + lo
        for g0, g1 in zip(cut, np.r_[cut[1:], hi]):
            shared = _shared(sent[src[g0:g1]], sent[dst[g0:g1]], size[src[g0:g1]], sim[g0:g1])
            if shared:
                groups.append((shared, g0, g1))
        if not groups:
            continue
        copied = unique(np.concatenate([src[g0:g1] for _, g0, g1 in groups]))
        sources = []
        for shared, g0, g1 in sorted(groups, key=lambda g: (-g[0], int(rd[g[1]])))[:TOP]:
            _, ofile, ometa, of = items[int(rd[g0])]
            u, v = src[g0:g1], dst[g0:g1]
            units = np.stack([sent[u], line[u], line[v]], axis=1)  # int32 rows: 12 bytes a passage
            units = units[np.lexsort((units[:, 2], units[:, 1], units[:, 0]))]
            sources.append({"file": ofile, "share": round(min(1.0, shared / body), 3),
                            "relation": _relation(f.get("body_key"), of.get("body_key"), meta, ometa),
                            "year": getattr(ometa, "year", None),
                            "units": units[:MAX_UNITS]})
        out[idx] = {"share": round(min(1.0, int(size[copied].sum()) / body), 3), "warn": f["warn"],
                    "sources": sources}
    return out


QUOTE = 200  # characters of a passage quoted


def keep(doc) -> list[str]:
    """The sentences ``apply`` may quote (its units are sentence numbers): a batch spools them with
    the report's outcome instead of reading the file again."""
    return [s.text for s in _sentences(doc)]


def apply(report, sents: list[str], ctx) -> None:
    """``report.similar`` and ``report.similar_share`` from the link's context, each passage
    quoted from this report (``sents``: its sentences, from ``keep``) with its line here and in
    the other report; a warning finding when the share copied reaches the rulebook's threshold.
    The score, grade and gate stay as they are."""
    from checker.judge.result import Finding

    entries = []
    for src in ctx["sources"]:
        passages_, last = [], None
        for i, ln, other in src["units"].tolist():
            if i >= len(sents):
                continue
            if last is not None and i <= last["_end"] + 2:  # one sentence between: a heading or set phrases
                last["_end"] = max(i, last["_end"])
                continue
            last = {"line": ln, "other_line": other, "_start": i, "_end": i}
            passages_.append(last)
        for p in passages_:
            text = "".join(sents[k] for k in range(p.pop("_start"), p.pop("_end") + 1))
            p["text"] = text if len(text) <= QUOTE else text[:QUOTE] + "……"
        entries.append({"file": src["file"], "share": src["share"], "relation": src["relation"],
                        "year": src["year"], "passages": passages_})
    report.similar = entries
    report.similar_share = ctx["share"]
    if entries and ctx["share"] >= ctx["warn"]:
        named = "、".join(f"{e['file']}（{e['share']:.0%}）" for e in entries[:3])
        first = entries[0]["passages"][0]["line"] if entries[0]["passages"] else None
        report.findings.append(Finding(
            RULE, "warning",
            f"正文约 {ctx['share']:.0%} 与本批其他报告相同或近似（达到 {ctx['warn']:.0%} 的提示线），"
            f"相似最多的是 {named}；逐段对照见“文字雷同”部分（此项只提示，不计分）", first))


register(Analysis(NAME, features, link, apply, keep=keep))
