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


# --- invisible characters anywhere: in heading marks, numbers, years, dates, titles ---------
# (issue found by the invariance tests of `check diff`: "##\u200b 2\u00ad021年度…" lost its year
# and its headings, "2\u200b0\u200b24年度…报告" its title)

import sys
import unicodedata

from checker.document.normalize import INVISIBLE as INVISIBLE_RE
from checker.document.normalize import visible, visible_map
from test_noise import CASEBOOK, OTHERS

# every format character that renders as nothing (Cf and default-ignorable, or an interlinear
# annotation mark), and the invisible characters of other categories listed above
FORMAT = sorted({chr(c) for c in range(sys.maxunicode + 1)
                 if unicodedata.category(chr(c)) == "Cf" and INVISIBLE_RE.fullmatch(chr(c))} | set(INVISIBLE))
KEYS = sorted(SEED) + OTHERS
# where an invisible character does most harm: in Markdown heading marks, heading numbers,
# years and dates, and at the start of a line
_SENSITIVE = regex.compile(r"[#\d０-９一二三四五六七八九十〇○（）()、.．年月日是第部分*]|^", regex.M)


def _text(key: str) -> str:
    return (SEED[key] if key in SEED else CASEBOOK / key).read_text(encoding="utf-8")


def reading(report) -> tuple:
    """What a verdict is: element statuses, the rules found (with how often), the metadata read,
    the score."""
    m = report.metadata
    return (statuses(report), sorted(f.rule for f in report.findings), m.year, m.title, m.kind,
            m.issuer, m.date, report.score, report.passed)


_CLEAN: dict = {}


def clean_reading(key: str) -> tuple:
    if key not in _CLEAN:
        _CLEAN[key] = reading(check_text(_text(key), path=key))
    return _CLEAN[key]


def insert(text: str, where: list[tuple[int, str]]) -> str:
    chars = list(text)
    for pos, ch in sorted(where, key=lambda w: w[0], reverse=True):
        chars.insert(pos, ch)
    return "".join(chars)


def test_format_characters_are_all_invisible():
    assert "\ufff9" in FORMAT and "\u200b" in FORMAT and "\U000e0041" in FORMAT and len(FORMAT) > 140
    assert all(normalize("2" + ch + "021年") == "2021年" for ch in FORMAT)
    assert "\u0600" not in FORMAT  # an Arabic number sign is seen


@pytest.mark.parametrize("key", KEYS)
def test_an_invisible_character_after_every_character_changes_nothing(key):
    """The densest case: after every character of the report (heading marks, markers, years,
    dates, the title, the signature), one invisible character, cycling through FORMAT."""
    text = _text(key)
    dirty, k = [], 0
    for ch in text:
        dirty.append(ch)
        if ch not in "\r\n":
            dirty.append(FORMAT[k % len(FORMAT)])
            k += 7
    assert reading(check_text("".join(dirty), path=key)) == clean_reading(key), key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KEYS),
       st.lists(st.tuples(st.booleans(), st.integers(0, 10 ** 9), st.sampled_from(FORMAT)), min_size=1, max_size=60))
def test_invisible_characters_at_random_places_change_nothing(key, spots):
    """Invisible characters at random places, most of them in heading marks, numbers, years
    and dates (``_SENSITIVE``), a few anywhere: the same statuses, findings, metadata and score."""
    text = _text(key)
    sensitive = [m.start() for m in _SENSITIVE.finditer(text)]
    where = [((sensitive[n % len(sensitive)] + (n // len(sensitive)) % 2) if hot else n % (len(text) + 1), ch)
             for hot, n, ch in spots]
    assert reading(check_text(insert(text, where), path=key)) == clean_reading(key)


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("## 2021 年度", "##\u200b 2\u00ad021 年度"),
    lambda t: t.replace("## ", "#\u200b# "),
    lambda t: t.replace("# 郁南县", "\ufeff#\u2060 郁南县"),
])
def test_invisible_characters_in_markdown_heading_marks(variant):
    text = SEED["004"].read_text(encoding="utf-8")
    dirty = variant(text)
    assert dirty != text
    got = check_text(dirty, path="004.txt")
    assert reading(got) == clean_reading("004")
    assert got.metadata.year == 2021 and got.metadata.title == "2021 年度法治政府建设报告"


def test_invisible_characters_in_the_year_of_a_title():
    body = SEED["000"].read_text(encoding="utf-8").split("\n", 1)[1]
    clean = check_text("2024年度法治政府建设工作报告\n\n" + body)
    dirty = check_text("2\u200b0\u200b24年度法治政府建设工作报告\n\n" + body)
    assert reading(dirty) == reading(clean)
    assert dirty.metadata.title == "2024年度法治政府建设工作报告" and dirty.metadata.year == 2024


@pytest.mark.parametrize("key", sorted(SEED))
def test_dense_invisible_evidence_quotes_the_line_as_written(key):
    """Every quote is cut from the original line, invisible characters and all."""
    text = _text(key)
    dirty = "".join(ch + ("" if ch in "\r\n" else FORMAT[i % len(FORMAT)]) for i, ch in enumerate(text))
    lines = split_lines(dirty)
    report = check_text(dirty, path=key)
    quotes = [ev for el in report.elements for ev in el.evidence]
    assert quotes
    for ev in quotes:  # (a paragraph may go on over the next lines)
        assert ev.text.rstrip("…") in "".join(ln.strip() for ln in lines[ev.line - 1:ev.line + 3]), ev
    assert any(INVISIBLE_RE.search(ev.text) for ev in quotes)
    assert [visible(ev.text) for ev in quotes] == [ev.text for el in check_seed(key).elements for ev in el.evidence]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("#二、2021年度 ab" + "".join(FORMAT[:40])), max_size=40))
def test_visible_map_points_at_each_visible_character(text):
    shown, where = visible_map(text)
    assert shown == visible(text) == INVISIBLE_RE.sub("", text)
    if where is None:
        assert shown == text
    else:
        assert len(where) == len(shown) + 1 and where[-1] == len(text)
        assert "".join(text[i] for i in where[:-1]) == shown
