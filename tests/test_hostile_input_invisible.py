"""Invisible characters in headings never change a verdict (issue 12, item 1).

Reproduction: take a seed, and in every line the outline reads as a heading (一、/（一）/1./
Markdown/一是 ...) put an invisible character after each of the first 24 visible characters,
cycling through soft hyphen, zero-width space/joiners, word joiner and invisible operators,
LRM/RLM, the bidi embeddings/overrides/isolates, the combining grapheme joiner, variation
selectors (U+FE0F, U+E0100) and tag characters (U+E0041). A reviewer sees the same report; before
the fix "二、存在的\u00ad不足" no longer matched the part heading, elements went missing and a
passing report failed. The same text written as .docx and .html is checked too.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import derive_formats as derive
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.ingest.plain import split_lines
from checker.document.normalize import normalize
from checker.document.outline import build_outline
from checker.rulebook.model import load_rulebook
from conftest import SEED, check_seed, check_text, statuses

INVISIBLE = (["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff",
              "\u200e", "\u200f", "\u034f", "\ufe0f", "\ufe00", "\U000e0100", "\U000e01ef", "\U000e0041",
              "\U000e0001", "\U000e007f"]
             + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)])
_MD = regex.compile(r"^\s*#{1,6}\s*")


def sprinkle(line: str, start: int = 0, count: int = 24) -> str:
    """``line`` with an invisible character after each of its first ``count`` characters
    (after any Markdown heading marks), cycling through INVISIBLE from ``start``."""
    m = _MD.match(line)
    head = m.group() if m else ""
    body = line[len(head):]
    out = [head]
    for i, ch in enumerate(body):
        out.append(ch)
        if i < count:
            out.append(INVISIBLE[(start + i) % len(INVISIBLE)])
    return "".join(out)


def heading_lines(key: str) -> set[int]:
    doc = load(SEED[key])
    return {s.line for s in build_outline(doc).sections() if s.kind != "root"}


def with_invisible_headings(key: str) -> str:
    lines = split_lines(SEED[key].read_text(encoding="utf-8"))
    heads = heading_lines(key)
    assert heads, "the seed has headings"
    return "\n".join(sprinkle(ln, n) if n in heads else ln for n, ln in enumerate(lines, start=1)) + "\n"


def same_verdict(got, want, label: str) -> None:
    assert statuses(got) == statuses(want), label
    assert got.score == want.score, label
    assert got.passed == want.passed, label


@pytest.mark.parametrize("key", sorted(SEED))
def test_invisible_characters_in_headings_change_nothing(key):
    text = with_invisible_headings(key)
    assert text != SEED[key].read_text(encoding="utf-8")
    same_verdict(check_text(text, path=f"{key}.txt"), check_seed(key), key)


@pytest.mark.parametrize("key", sorted(SEED))
def test_evidence_quotes_the_original(key):
    """Matching ignores the invisible characters; the evidence quotes the line as written."""
    text = with_invisible_headings(key)
    report = check_text(text, path=f"{key}.txt")
    sprinkled = [ev for el in report.elements for ev in el.evidence if any(c in ev.text for c in INVISIBLE)]
    assert sprinkled, "some evidence quotes a heading line with its invisible characters"


@pytest.mark.parametrize("variant", ["docx", "html"])
@pytest.mark.parametrize("key", ["001", "004"])
def test_invisible_characters_in_word_and_web_headings(tmp_path, key, variant):
    """The sprinkled seed written as Word headings / a government web page (tests/derive_formats.py)
    gets the verdict of the clean seed written the same way."""
    dirty = tmp_path / f"{key}-dirty.txt"
    dirty.write_text(with_invisible_headings(key), encoding="utf-8")
    write = derive.VARIANTS[variant]
    clean_doc = write(SEED[key], tmp_path / f"{key}-clean.{variant}")
    dirty_doc = write(dirty, tmp_path / f"{key}-dirty.{variant}")
    book = load_rulebook("national-2021")
    same_verdict(evaluate(load(dirty_doc), book), evaluate(load(clean_doc), book), f"{key} {variant}")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("二、存在的不足和原因一是（）加强法治政府建设2021年度 "), min_size=1, max_size=30),
       st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=10), st.randoms(use_true_random=False))
def test_normalize_ignores_invisible_characters(text, extra, rnd):
    chars = list(text)
    for ch in extra:
        chars.insert(rnd.randint(0, len(chars)), ch)
    assert normalize("".join(chars)) == normalize(text)
