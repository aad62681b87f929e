"""What runs in the worker processes: check one uploaded file (and render its scorecard), print
a PDF. The pool itself lives in the server process; a worker that dies (a file that exhausts
memory) costs that file its result, never the server: the pool is started afresh."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from checker.pipeline import Options, Outcome, check_file, finish


def warm() -> None:
    """Worker initializer: compile every era's rulebook and load the scorecard template once,
    so the first upload costs what the next ones do."""
    from checker.rulebook.model import load_rulebook
    from checker.rulebook.select import ERAS

    for _, rid in ERAS:
        load_rulebook(rid)
    from checker.render.scorecard import TEMPLATE, environment

    environment().get_template(TEMPLATE)


def check_upload(path: str, name: str, opts: Options, stem: str, key: bytes | None,
                 collect: tuple[str, ...] = ()) -> tuple[Outcome, str | None, str | None]:
    """Check the file saved at ``path`` as if it were called ``name`` (the uploaded file's own
    name: messages and scorecards never show the private folder). With ``key`` (a page upload),
    also render the HTML scorecard and seal the report's state for the page to carry; the
    outcome itself comes back without the report's text. ``collect``: pass one of a batch with
    cross-report analyses (``checker.pipeline``): the outcome comes back with its features and
    what its analyses keep (and, for a page, its text), rendered later by ``finish_upload``."""
    outcome = check_file(path, opts, stem=stem, keep_text=key is not None, collect=collect)
    _as_uploaded(outcome, path, name)
    if collect and outcome.report is not None:
        return outcome, None, None
    return _rendered(outcome, path, name, key)


def finish_upload(outcome: Outcome, path: str, name: str, opts: Options, key: bytes | None,
                  context: dict | None) -> tuple[Outcome, str | None, str | None]:
    """Pass two for an upload checked with ``collect``: its cross-report fields (``context``,
    from the link), then its scorecard and state as ``check_upload`` gives them."""
    outcome = finish(outcome, opts, context, keep_text=key is not None, source=path)
    return _rendered(outcome, path, name, key)


def _as_uploaded(outcome: Outcome, path: str, name: str) -> None:
    outcome.path = name
    if outcome.error:
        outcome.error = outcome.error.replace(path, name)
    if outcome.report is not None:
        outcome.report.file = name


def _rendered(outcome: Outcome, path: str, name: str, key: bytes | None) -> tuple[Outcome, str | None, str | None]:
    html = sealed = None
    if outcome.report is not None and key is not None:
        from checker.render.scorecard import render_html
        from checker.serve.state import seal

        source = None  # a Word upload rides along: its comments go into the file itself
        if outcome.report.format == "docx" and name.lower().endswith(".docx"):
            with open(path, "rb") as f:
                source = f.read()
        html, sealed = render_html(outcome.report), seal(outcome.report, key, source)
        outcome.report.lines = []
    return outcome, html, sealed


def scorecard_of(sealed: str, key: bytes):
    """The HTML scorecard of a state the page sent back, and the report without its text."""
    from checker.render.scorecard import render_html
    from checker.serve.state import unseal

    report = unseal(sealed, key)
    html = render_html(report)
    report.lines = []
    return html, report


def pdf_of(sealed: str, key: bytes) -> tuple[str, bytes]:
    """The name and bytes of the PDF scorecard, from a state the page sent back."""
    from pathlib import Path

    from checker.render.pdf import render_pdf
    from checker.serve.state import unseal

    report = unseal(sealed, key)
    return Path(report.file).stem + ".pdf", render_pdf(report)


def docx_of(sealed: str, key: bytes) -> tuple[str, bytes]:
    """The name and bytes of the report as a Word file with the review as comments: the
    uploaded .docx itself when it was one, else a new document of the report's text."""
    from pathlib import Path

    from checker.serve import uploads
    from checker.serve.state import unseal_with_source
    from checker.wordreview import commented_docx, output_name

    report, source = unseal_with_source(sealed, key)
    name = output_name(Path(report.file).stem)
    if source is None:
        return name, commented_docx(report, None)
    folder = uploads.private_folder()
    try:
        path = folder / "source.docx"
        path.write_bytes(source)
        return name, commented_docx(report, path)
    finally:
        uploads.remove(folder)


def diff_of(old: str, new: str, old_name: str, new_name: str, opts: Options) -> tuple[str | None, dict]:
    """Two uploaded drafts compared (``check diff``): the HTML page and the JSON, or no page and
    ``{"error": ...}`` naming the draft that cannot be read. (The error comes back as data: an
    exception with its own arguments does not survive the trip between processes.)"""
    from checker.diff.drafts import diff_reports
    from checker.diff.render import render_html, to_dict
    from checker.errors import CheckError

    try:
        d = diff_reports(old, new, opts, old_name=old_name, new_name=new_name)
    except CheckError as e:
        return None, {"error": str(e).replace(old, old_name).replace(new, new_name)}
    return render_html(d), to_dict(d)


class Workers:
    """A process pool started on first use and restarted after a worker died."""

    def __init__(self, jobs: int = 0):
        self.jobs = jobs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: the server process runs threads (the event loop's helpers); forking it
            # could copy a held lock into a worker
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["checker.serve.work"])
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=warm)
        return self._pool

    def start(self) -> None:
        """Start every worker now (the first upload should not wait for them)."""
        pool = self.pool()
        for f in [pool.submit(int) for _ in range(self.jobs)]:
            f.result()

    async def run(self, fn, *args, timeout: float | None = None):
        """``fn(*args)`` in a worker. Past ``timeout`` seconds the workers are stopped (a worker
        cannot be interrupted otherwise) and TimeoutError raised; files then in other workers
        get BrokenProcessPool, and the next call starts a fresh pool."""
        pool = self.pool()
        try:
            return await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(pool, fn, *args), timeout)
        except BrokenProcessPool:
            self._discard(pool)
            raise
        except asyncio.TimeoutError:
            for p in list(getattr(pool, "_processes", {}).values()):
                p.kill()
            self._discard(pool)
            raise TimeoutError from None

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
