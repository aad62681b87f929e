"""The URL fetcher WeasyPrint gets: no network, no file outside the package's templates and fonts."""

from __future__ import annotations

import http.server
import os
import threading

import pytest

from checker.paths import TEMPLATES_DIR
from checker.render.fetcher import allowed

REFUSED = [
    "http://example.com/x.png",
    "https://example.com/style.css",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://evil.example/share/x.css",
    TEMPLATES_DIR.as_uri() + "/../../../etc/passwd",
    TEMPLATES_DIR.as_uri() + "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "ftp://example.com/x",
    "data:text/css,body{}",
    "//example.com/x.png",
    "../../etc/passwd",
]


@pytest.mark.parametrize("url", REFUSED)
def test_policy_refuses(url):
    assert not allowed(url)


def test_policy_allows_own_templates():
    assert allowed((TEMPLATES_DIR / "scorecard.css").as_uri())


def test_symlink_out_of_templates_is_refused(tmp_path):
    link = TEMPLATES_DIR / f".test-link-{os.getpid()}"
    try:
        link.symlink_to("/etc/passwd")
    except OSError:
        pytest.skip("cannot create a symlink here")
    try:
        assert not allowed(link.as_uri())
    finally:
        link.unlink()


weasyprint = pytest.importorskip("weasyprint")


@pytest.mark.parametrize("url", ["http://example.com/a.png", "https://example.com/a.css", "file:///etc/passwd"])
def test_fetcher_refuses_and_records(url):
    from checker.render.fetcher import make_fetcher

    f = make_fetcher()
    with pytest.raises(ValueError):
        f(url)
    assert f.refused == [url]


@pytest.fixture
def server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body{}")

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}", hits
    srv.shutdown()


def _page(base):
    return (f'<html><head><link rel="stylesheet" href="{base}/s.css"></head><body>'
            f'<img src="{base}/i.png"><img src="file:///etc/passwd"><p>正文</p></body></html>')


def test_weasyprint_fetches_nothing_through_our_fetcher(server):
    from checker.render.fetcher import make_fetcher

    base, hits = server
    f = make_fetcher()
    weasyprint.HTML(string=_page(base), base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=f).write_pdf()
    assert hits == []
    assert {f"{base}/s.css", f"{base}/i.png", "file:///etc/passwd"} <= set(f.refused)


def test_control_weasyprint_default_fetcher_does_fetch(server):
    """Shows the test above could fail: without our fetcher the same page reaches the server."""
    base, hits = server
    weasyprint.HTML(string=_page(base)).write_pdf()
    assert hits
