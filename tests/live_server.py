"""A real ``check serve`` on 127.0.0.1 and a free port, in its own process, for the browser test
and the load checks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_WAIT = 60  # seconds for the server and its workers to come up (a hang guard)


@contextmanager
def live_server(*args: str, token: str | None = None):
    """Yield the base URL (``http://127.0.0.1:PORT/``) of a server started with ``args``
    (``token``: the one given with --token, sent while waiting for the server)."""
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            # a fixed 审查日期: the README's screenshot stays the same from run to run
                            env={"SOURCE_DATE_EPOCH": "1764547200", **os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stdout.readline()  # "check serve：审查页面 http://127.0.0.1:PORT/（…）"
        if "http://" not in line:
            raise RuntimeError(f"check serve did not start: {line}{proc.stderr.read()}")
        url = line[line.index("http://"):].split("（")[0]
        deadline = time.monotonic() + START_WAIT
        while True:
            try:
                req = urllib.request.Request(url + "healthz", headers={"Authorization": f"Bearer {token}"} if token else {})
                with urllib.request.urlopen(req, timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url if token is None else (url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
