"""Per-report PDF scorecard: the HTML scorecard printed by WeasyPrint (A4, print rules in
``templates/scorecard-print.css``).

WeasyPrint is imported here, on the first PDF only, so that ``check report.txt`` never pays for
it. Its font configuration is built once per process and reused for every report a worker
renders; every fetch goes through ``checker.render.fetcher``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from checker.errors import CheckError
from checker.paths import TEMPLATES_DIR
from checker.render import report_stem, safe_output_path, write_atomic
from checker.render.scorecard import print_css, render_html


@lru_cache(maxsize=1)
def _weasyprint():
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as e:
        raise CheckError(f"无法生成 PDF：WeasyPrint 或其系统库（Pango）不可用（{type(e).__name__}）；"
                         "运行 check doctor 查看修复方法") from None
    # WeasyPrint logs CSS it does not support and refused fetches; neither is the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint").propagate = False
    return weasyprint, FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheets():
    """The print stylesheet and the user-agent stylesheet, parsed once per process (parsing
    them costs more than laying out a page), and an HTML class that uses the latter."""
    from checker.render.fetcher import make_fetcher

    weasyprint, fonts = _weasyprint()
    base = TEMPLATES_DIR.as_uri() + "/"
    css = weasyprint.CSS(string=print_css(), base_url=base, url_fetcher=make_fetcher(), font_config=fonts)
    ua = [weasyprint.CSS(filename=str(TEMPLATES_DIR / "scorecard-ua.css"), url_fetcher=make_fetcher(),
                         font_config=fonts)]

    class ScorecardHTML(weasyprint.HTML):
        """WeasyPrint's HTML with the scorecard's small user-agent stylesheet in place of the
        HTML5 one (whose attribute selectors are matched against every element). Should a
        WeasyPrint version not call this hook, its own stylesheet applies: same PDF, slower."""

        def _ua_stylesheets(self, *args, **kwargs):
            return ua

    return ScorecardHTML, css


@lru_cache(maxsize=1)
def _unprintable():
    """Characters no font draws: control characters other than tab and line ends, private-use
    code points (a PDF report's text extracted through a custom font encoding is full of them),
    unassigned ones and lone surrogates (undecodable bytes of a file name). Left in, each prints as a missing-glyph box."""
    import regex

    return regex.compile(r"[[\p{Cc}\p{Co}\p{Cn}\p{Cs}]--[\t\n\r]]", regex.V1)


def printable(html: str) -> str:
    """The page with each unprintable character as 〓, the typesetter's mark for a character
    the type case lacks: the reader still sees that something stands there."""
    return _unprintable().sub("〓", html)


def render_pdf(report, checked_on: str | None = None) -> bytes:
    """The PDF scorecard as bytes."""
    from checker.render.fetcher import make_fetcher

    _, fonts = _weasyprint()
    html_class, css = _stylesheets()
    html = printable(render_html(report, checked_on, pdf=True))
    doc = html_class(string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=make_fetcher())
    return doc.write_pdf(stylesheets=[css], font_config=fonts)


def write(report, opts) -> Path:
    """Write ``<out_dir>/<stem>.pdf`` atomically and return its path."""
    target = safe_output_path(Path(opts.out_dir), report_stem(report) + ".pdf", report.file)
    try:
        data = render_pdf(report)
    except CheckError as e:
        raise CheckError(f"{report.file}: {e}") from None
    return write_atomic(target, data)
