"""What WeasyPrint may read while it renders a scorecard: files inside the package's own
templates and fonts folders, nothing else -- no network, no other file, no data: URL.

The scorecard itself is self-contained, so in normal use nothing is fetched at all; this is the
second fence, for the day a report's text slips into a URL. ``allowed`` is plain Python (tests
and ``check doctor`` use it without WeasyPrint); ``SafeFetcher`` plugs it into WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from checker.paths import PACKAGE_DIR, TEMPLATES_DIR

ALLOWED_DIRS = (TEMPLATES_DIR, PACKAGE_DIR / "fonts")


def allowed(url: str) -> bool:
    """True only for a file: URL whose real path (symlinks and ``..`` resolved) lies inside
    one of ``ALLOWED_DIRS``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return False
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return any(path.is_relative_to(d.resolve()) for d in ALLOWED_DIRS)


def make_fetcher():
    """A WeasyPrint URL fetcher that refuses everything ``allowed`` refuses (and keeps a list of
    what it refused). Imports WeasyPrint, so call it only when a PDF is being made."""
    from weasyprint.urls import URLFetcher

    class SafeFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if not allowed(url):
                self.refused.append(url)
                raise ValueError(f"check 拒绝读取外部资源：{url}")
            return super().fetch(url, headers)

    return SafeFetcher()
