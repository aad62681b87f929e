"""``check diff OLD NEW``: two drafts of one report compared.

``compare`` matches elements and findings of two checked reports (pure), ``drafts`` reads and
checks both drafts with one rulebook, ``render`` writes text, JSON and HTML, ``cmd`` is the
subcommand. The web page calls ``diff_reports``, then ``to_dict`` or ``render_html``.
"""

from checker.diff.compare import Diff, compare
from checker.diff.drafts import diff_reports
from checker.diff.render import render_html, render_text, to_dict

__all__ = ["Diff", "compare", "diff_reports", "render_html", "render_text", "to_dict"]
