"""Noisy text: undo what copying, printing and converting did to a report before it is read.

Each module repairs one kind of damage and leaves the original lines untouched (evidence always
quotes them): ``script`` reads traditional characters as simplified for matching, ``runon``
rebuilds paragraphs of a text whose line breaks were lost, ``pages`` recognises page numbers and
running headers printed into the middle of a sentence.
"""

import re

RUN_ON_AVERAGE = 400  # characters per non-empty line: a text this dense has lost its line breaks
RUN_ON_LINE = 2500  # a single line this long has lost them, whatever the rest looks like
MIN_SPLIT = 200  # shorter lines are never split
FEW_LINES = 3  # a text of this many lines, one of them 200 characters or more, lost its breaks too


# a finished sentence followed by a numbered heading: where a text that kept most of its line
# breaks may have lost one (``runon.split_run_on(strict=True)`` decides)
LOST_BREAK = re.compile(
    r"[。！？!?][”’」』\"')）]*[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[ \t\u3000]?[、.．]"
    r"|[（(][ \t\u3000]?[一二三四五六七八九十\d０-９]{1,2}[ \t\u3000]?[）)]|[\d０-９]{1,2}[ \t\u3000]?(?:、|[.．](?![\d０-９]))"
    r"|第[一二三四五六七八九十]{1,3}部分)"
)


def is_run_on(lengths: list[int]) -> list[bool]:
    """Which lines (by their stripped length) lost their line breaks (``runon`` splits them)."""
    filled = [n for n in lengths if n]
    dense = bool(filled) and (sum(filled) / len(filled) >= RUN_ON_AVERAGE or len(filled) <= FEW_LINES)
    return [n >= MIN_SPLIT and (dense or n >= RUN_ON_LINE) for n in lengths]
