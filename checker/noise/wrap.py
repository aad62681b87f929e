"""Hard-wrapped text: every line cut at the same width (an e-mail client, `fold`, a text export
of a fixed-width layout), so a line may end with "。" in mid-paragraph, or start with "二是", and
still continue.

When most long lines have one and the same length and none is longer, that length is the wrap
width (in characters, or else in display columns, where a Chinese character takes two); a line
that fills it was cut by the wrapper, not by the writer, and continues unless the next line
opens a heading or the signature.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

MIN_WIDTH = 16
MIN_SHARE = 0.3  # of the non-empty lines, at the width
MIN_LINES = 5
HANG = 1  # a wrapper may let one closing punctuation mark hang past the width
BAND = 4  # characters: how much the lines of a text wrapped by display width differ in length
ESTIMATE = 6  # how far an estimated display width may be off (ambiguous-width marks as “ ” …)


# two columns: wide and full-width characters, and the ambiguous ones (“ ” … ·), as a Chinese
# editor shows them; a no-break space, an accent or a Latin letter takes one, as ASCII does
_WIDE = regex.compile(r"[\p{ea=W}\p{ea=F}\p{ea=A}]")


def columns(line: str) -> int:
    """Display width: a Chinese character or full-width mark takes two columns, ASCII one."""
    return len(line) if line.isascii() else len(line) + len(_WIDE.findall(line))


@dataclass(frozen=True)
class Wrap:
    """How a text was wrapped: every ``width`` characters, or every ``width`` display columns
    (an editor or a PDF viewer: digits take half a character, so the count varies)."""

    width: int
    display: bool = False

    def fills(self, line: str) -> bool:
        if self.display:
            return columns(line) >= self.width - 2  # a wide character that did not fit moves on
        return len(line) >= self.width


def _mode(values: list[int], tolerance: int, stray: float = 0.0, longer: bool = False) -> int | None:
    """The width most long lines reach (within ``tolerance`` below it), if no line is wider
    (beyond a hanging mark; a ``stray`` share of lines may be, where widths are estimates;
    any line may be, with ``longer``: character counts of a text wrapped by display width, where
    a line of digits and Latin letters holds up to twice as many characters)."""
    counts = Counter(n for n in values if n >= MIN_WIDTH)
    if sum(counts.values()) < MIN_LINES:
        return None
    mode, top = counts.most_common(1)[0]
    width = max(n for n in counts if mode <= n <= mode + tolerance and counts[n] * 4 >= top)
    near = sum(c for n, c in counts.items() if width - tolerance <= n <= width)
    over = sum(c for n, c in counts.items() if n > width + HANG * (1 + tolerance))
    far = not longer and max(values) > width + HANG * (1 + tolerance) + (ESTIMATE if stray else 0)
    if near < max(MIN_LINES, MIN_SHARE * len(values)) or over > stray * len(values) or far:
        return None
    return width


def wrap_width(lines: list[str]) -> Wrap | None:
    """How the text (its stripped non-empty lines) was wrapped, or None when it was not."""
    filled = [ln for ln in lines if ln]
    width = _mode([len(ln) for ln in filled], 0)
    if width is not None:
        return Wrap(width)
    if _mode([len(ln) for ln in filled], BAND, stray=1.0, longer=True) is None:
        return None  # lengths do not even cluster: not wrapped (and no display widths to estimate)
    # display widths are estimates (is “ one column or two?): a few lines may seem too wide
    width = _mode([columns(ln) for ln in filled], 2, stray=0.05)
    return Wrap(width, display=True) if width is not None and width >= 2 * MIN_WIDTH else None
