"""Hard-wrapped text: every line cut at the same width (an e-mail client, `fold`, a text export
of a fixed-width layout), so a line may end with "。" in mid-paragraph, or start with "二是", and
still continue.

When most long lines have one and the same length and none is longer, that length is the wrap
width; a line that fills it was cut by the wrapper, not by the writer, and continues unless the
next line opens a heading or the signature.
"""

from __future__ import annotations

from collections import Counter

MIN_WIDTH = 16
MIN_SHARE = 0.3  # of the non-empty lines, at exactly the width
MIN_LINES = 5
HANG = 1  # a wrapper may let one closing punctuation mark hang past the width


def wrap_width(lengths: list[int]) -> int | None:
    """The width the text was wrapped at (lengths of the stripped lines), or None."""
    filled = [n for n in lengths if n]
    long = [n for n in filled if n >= MIN_WIDTH]
    if len(long) < MIN_LINES:
        return None
    width, count = Counter(long).most_common(1)[0]
    if count < max(MIN_LINES, MIN_SHARE * len(filled)) or max(filled) > width + HANG:
        return None
    return width
