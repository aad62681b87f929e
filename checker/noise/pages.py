"""Page breaks printed into a text: page numbers and running headers, often in mid-sentence
("…办理行政处罚案 / — 2 — / 青山县人民政府文件 / 件2318件。…") when a printed or PDF report was
copied as text.

Such lines are page chrome: kept with their numbers, never matched or quoted, and — unlike web
page chrome — they do not end the paragraph, so the sentence they cut is joined again.
"""

from __future__ import annotations

import regex

# normalised lines (NFKC, no white space)
PAGE_NUMBER = regex.compile(
    r"^(?:[-—–―─~〜·•]+\d{1,4}[-—–―─~〜·•]+|第\d{1,4}页(?:[,/]?共\d{1,4}页)?|共\d{1,4}页[,/]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}|\d{1,3}|(?i:page)\d{1,4}(?:of\d{1,4})?|\d{1,4}of\d{1,4})$"
)
_CUT_DATE = regex.compile(r"(?:19|20)\d{2}年\d{1,2}月")
_SENTENCE_MARK = regex.compile(r"[。！？!?；;，,]")
# what a running header is: a body's name, a document's kind or title
_HEADER = regex.compile(r"(?:人民政府|政府|办公室|委员会|厅|局|文件|报告|纪要|通报|简报|公报|专报)$")
MAX_NAME = 20
MAX_HEADER = 40
NEIGHBOURS = 2  # lines on each side of a page number that may be a running header


def _mid_sentence(lines, k: int, is_heading, closes) -> bool:
    """A bare number ("12") is a page number where it cuts a sentence or where the bare numbers
    count up one by one (pages); elsewhere it may be a figure of a table copied as text. One that
    the next line makes a date ("20" / "15年12月2日": a date the wrapper cut) is neither."""
    return (0 < k < len(lines) - 1 and not closes(lines[k - 1][1]) and not is_heading(lines[k + 1][1])
            and not _CUT_DATE.match(lines[k][1] + lines[k + 1][1]))


def page_chrome(lines: list[tuple[int, str]], is_heading, closes, wrapped=None) -> set[int]:
    """Line numbers of page numbers and of the running headers next to them.

    ``lines``: (line number, normalised text) of the non-empty lines in order; ``is_heading`` and
    ``closes`` say whether a normalised line opens a heading / ends a sentence; ``wrapped``: how a
    hard-wrapped text was cut (``noise.wrap.Wrap``), if it was. A short line next
    to a page number is a running header when it recurs, repeats the title, or sits inside a
    sentence that the page break cut (the text before it unfinished, the text after it no heading).
    """
    bare = [k for k, (_, norm) in enumerate(lines) if norm.isdigit() and len(norm) <= 3]
    counted: set[int] = set()
    for a, b in zip(bare, bare[1:]):
        if int(lines[b][1]) == int(lines[a][1]) + 1:  # 2, 3, 4 …: numbered pages
            counted.update((a, b))
    marks = [k for k, (_, norm) in enumerate(lines) if PAGE_NUMBER.match(norm) and not (
        norm.isdigit() and k not in counted and not _mid_sentence(lines, k, is_heading, closes))]
    if not marks:
        return set()
    counts: dict[str, int] = {}
    for _, norm in lines:
        if len(norm) <= MAX_HEADER:
            counts[norm] = counts.get(norm, 0) + 1
    title = lines[0][1]
    found = {lines[k][0] for k in marks}
    mark_set = set(marks)

    def candidate(k: int) -> bool:
        norm = lines[k][1]
        return (k not in mark_set and 0 < k and len(norm) <= MAX_HEADER
                and not _SENTENCE_MARK.search(norm) and not is_heading(norm))

    for k in marks:
        around = [j for j in range(k - NEIGHBOURS, k + NEIGHBOURS + 1) if 0 <= j < len(lines) and j != k]
        cands = [j for j in around if candidate(j)]
        # the cluster: the page number and the candidates touching it
        lo = k
        while lo - 1 in cands or lo - 1 in mark_set:
            lo -= 1
        hi = k
        while hi + 1 in cands or hi + 1 in mark_set:
            hi += 1
        before = lines[lo - 1][1] if lo > 0 else ""
        after = lines[hi + 1][1] if hi + 1 < len(lines) else ""
        cut = bool(before) and not closes(before) and bool(after) and not is_heading(after)
        for j in range(lo, hi + 1):
            norm = lines[j][1]
            # a header that recurs or repeats the title may stand on either side of the page
            # number; any other short line only after it (the top of the next page; before the
            # number it may be the paragraph's end), only when it reads as a header (the name of
            # a body or a document: a name alone, or any length where the page break cut a
            # sentence), and not when it fills the width of a hard-wrapped text (then it is the
            # cut sentence going on)
            if j in mark_set or counts.get(norm, 0) >= 2 or norm == title or (
                    j > k and _HEADER.search(norm) and (wrapped is None or not wrapped.fills(norm))
                    and (cut or len(norm) <= MAX_NAME)):
                found.add(lines[j][0])
    return found
