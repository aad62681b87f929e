"""Text normalisation for matching only; evidence always quotes the original text.

Full-width ASCII (，：（）１２３) becomes half-width through NFKC, white space (including the
ideographic space) and Markdown emphasis marks are dropped, so that one pattern matches
"2021 年度", "２０２１年度" and "**2021年度**" alike.

Characters a reader cannot see (Unicode's default-ignorable code points: soft hyphen, zero-width
space/joiners, word joiner, bidi controls, the combining grapheme joiner, variation selectors,
tag characters ...; and the interlinear annotation marks, format characters that render as
nothing) are dropped before anything else: text that looks the same to a reviewer must match
the same, so "二、存在的\u200b不足" is still the heading of the shortcomings part. The reading of
a report's structure (Markdown marks, wrapping, run-on lines, the title) works on the visible
text too (``visible``, ``visible_map``), so "#\u200b# 2\u00ad021年度" is a heading and a year.
"""

import unicodedata

import regex

INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\uFFF9-\uFFFB]+")
_DROP = regex.compile(r"\s+|\*\*|__|`")


def normalize(text: str) -> str:
    """Drop invisible characters, NFKC, then remove white space and Markdown emphasis marks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    return _DROP.sub("", text)


def visible(text: str) -> str:
    """The text as a reader sees it: without its invisible characters (nothing else changes)."""
    return text if text.isascii() else INVISIBLE.sub("", text)


def visible_map(text: str) -> tuple[str, list[int] | None]:
    """(the visible text, where each of its characters is in ``text``, plus ``len(text)``), or
    (text, None) when nothing in it is invisible: quotes found in the visible text are cut from
    the original with it."""
    if text.isascii() or not INVISIBLE.search(text):
        return text, None
    shown, where, pos = [], [], 0
    for m in INVISIBLE.finditer(text):
        shown.append(text[pos:m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    shown.append(text[pos:])
    where.extend(range(pos, len(text)))
    where.append(len(text))
    return "".join(shown), where


def visible_prefix(text: str, limit: int) -> str:
    """The start of ``text`` that shows ``limit`` characters (all of it when it shows no more):
    a quote is clipped as it is read, invisible characters not counted."""
    if len(text) <= limit:
        return text
    shown, where = visible_map(text)
    if where is None:
        return text[:limit]
    return text if len(shown) <= limit else text[:where[limit]]
