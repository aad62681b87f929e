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
