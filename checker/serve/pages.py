"""The server's own pages (upload form, progress, errors, the bar above a scorecard), from
``templates/serve/``. Scorecards and the batch dashboard are the ones ``check`` writes, with the
bar inserted after their ``<body>`` tag."""

from __future__ import annotations

from functools import lru_cache

from checker.paths import TEMPLATES_DIR  # the one place this package finds its templates

SERVE_TEMPLATES = TEMPLATES_DIR / "serve"


@lru_cache(maxsize=1)
def environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(SERVE_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def with_bar(page: str, tail: str = "", **context) -> str:
    """``page`` (a scorecard or the dashboard) with the download bar at the top of its body and
    ``tail`` (hidden forms) at its end. The first ``<body>`` and the last ``</body>`` are the
    template's own: report text in the page is escaped."""
    context = {"back": None, "links": (), "state": None, "actions": (), "note": None, **context}
    bar = render("bar.html.j2", **context)
    page = page.replace("<body>", "<body>\n" + bar, 1)
    if tail:
        head, end, rest = page.rpartition("</body>")
        page = head + tail + end + rest
    return page


@lru_cache(maxsize=1)
def openapi() -> bytes:
    """The API's OpenAPI document (written by hand: Starlette makes none; a test checks the
    API's answers against its schemas and its paths against the routes)."""
    return (SERVE_TEMPLATES / "openapi.json").read_bytes()
