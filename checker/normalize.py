"""Text normalisation for matching only; evidence always quotes the original text.

Full-width ASCII (，：（）１２３) becomes half-width through NFKC, white space (including the
ideographic space) and Markdown emphasis marks are dropped, so that one pattern matches
"2021 年度", "２０２１年度" and "**2021年度**" alike.
"""

import unicodedata

import regex

_DROP = regex.compile(r"[\s\u200b\u200c\u200d\ufeff]+|\*\*|__|`")


def normalize(text: str) -> str:
    """NFKC, then remove white space and Markdown emphasis marks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _DROP.sub("", text)
