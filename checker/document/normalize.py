"""Text normalisation for matching only; evidence always quotes the original text.

Full-width ASCII (，：（）１２３) becomes half-width through NFKC, white space (including the
ideographic space) and Markdown emphasis marks are dropped, so that one pattern matches
"2021 年度", "２０２１年度" and "**2021年度**" alike.

Characters a reader cannot see (Unicode's default-ignorable code points: soft hyphen, zero-width
space/joiners, word joiner, bidi controls, the combining grapheme joiner, variation selectors,
tag characters ...) are dropped before anything else: text that looks the same to a reviewer must
match the same, so "二、存在的\u200b不足" is still the heading of the shortcomings part.
"""

import unicodedata

import regex

INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
_DROP = regex.compile(r"\s+|\*\*|__|`")


def normalize(text: str) -> str:
    """Drop invisible characters, NFKC, then remove white space and Markdown emphasis marks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    return _DROP.sub("", text)
