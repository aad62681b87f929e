"""Column layout for terminals where a Chinese character takes two cells."""

import unicodedata


def _cells(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def width(s: str) -> int:
    return sum(_cells(c) for c in s)


def pad(s: str, cells: int) -> str:
    return s + " " * max(0, cells - width(s))


def clip(s: str, cells: int) -> str:
    """Cut ``s`` to at most ``cells`` terminal cells, marking the cut with an ellipsis."""
    if width(s) <= cells:
        return s
    out, used = [], 0
    for c in s:
        if used + _cells(c) > cells - 1:
            break
        out.append(c)
        used += _cells(c)
    return "".join(out) + "…"
