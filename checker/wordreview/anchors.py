"""Put a comment on a paragraph: the comment in the comments part, its range around the whole
paragraph's content, and the reference mark at its end.

The range markers go directly into the ``w:p`` (after its properties, and at its end), not
around particular runs: a paragraph whose text sits in hyperlinks, tracked insertions or fields
is anchored as well as a plain one, and no run of the document is split or changed. The
reference run carries no text, so the commented file reads back as the same lines.
"""

from __future__ import annotations

import datetime as dt
import os

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from checker.wordreview.notes import AUTHOR, INITIALS, xml_text


def comment_date() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for reproducible output (as the scorecard's date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def add_comment(document, p, text: str, when: dt.datetime):
    """Anchor a comment with ``text`` (paragraphs separated by newlines) on paragraph ``p``
    (a ``w:p`` element of ``document``'s body); return the python-docx Comment."""
    comment = document.comments.add_comment(text=xml_text(text), author=AUTHOR, initials=INITIALS)
    comment._comment_elm.date = when
    cid = str(comment.comment_id)
    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid})
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid}))
    ref = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    ref.append(rpr)
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
    p.append(ref)
    return comment
