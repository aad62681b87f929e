"""Shared by the server's tests: an in-process client, and polling a page upload to its end."""

from __future__ import annotations

import time

RESULT_WAIT = 120  # seconds a page upload may take before a test gives up (a hang guard, not a speed goal)


def wait_results(client, location: str):
    """GET the results page until it stops showing progress; returns the last response."""
    deadline = time.monotonic() + RESULT_WAIT
    while True:
        r = client.get(location, follow_redirects=True)
        if "正在审查" not in r.text or time.monotonic() > deadline:
            return r
        time.sleep(0.1)


def downloads(html: str) -> dict[str, bytes]:
    """The page's own downloads (data links with a ``download`` name): name -> content."""
    import base64
    import re
    from html import unescape

    found = {}
    for href, name in re.findall(r'<a href="(data:[^"]*)" download="([^"]*)"', html):
        head, _, body = unescape(href).partition(",")
        assert head.endswith(";base64"), head
        found[unescape(name)] = base64.b64decode(body)
    return found


def state_of(html: str, action: str, form_id: str | None = None) -> str:
    """The sealed report state a form of the page posts to ``action`` (the bar's, or a batch row's)."""
    import re
    from html import unescape

    ident = f' id="{form_id}"' if form_id else ""
    m = re.search(rf'<form{ident} method="post" action="{action}"[^>]*><input type="hidden" name="state" value="([^"]*)">', html)
    assert m, f"no form to {action} {form_id or ''}"
    return unescape(m[1])
