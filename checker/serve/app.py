"""The Starlette application: the upload page, results, downloads and the JSON API.

A page upload answers at once with a redirect to its results, which show progress until every
file is checked (works without script: the progress page refreshes itself). The results page is
sent once and then forgotten: it carries everything that follows (JSON and CSV as data links,
each report's sealed state for its PDF and, in a batch, its scorecard; see ``state``), so no
report outlives the response that delivers it. The API answers when its files are checked.
Checks run in worker processes, so the event loop keeps answering (``/healthz`` included) while
a batch runs.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.ingest import DEFAULT_MAX_SIZE, READERS
from checker.pipeline import Options, Outcome
from checker.serve import pages, uploads
from checker.serve.guard import BodyTooLarge, Guard
from checker.serve.store import Batch, Store
from checker.serve.state import StateError, new_key
from checker.serve.work import Workers, check_upload, diff_of, docx_of, finish_upload, pdf_of, scorecard_of

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass
class Settings:
    token: str | None = None  # required on every request when set
    allowed_hosts: set[str] | None = None  # Host header values accepted (None: any)
    max_size: int = DEFAULT_MAX_SIZE  # bytes per file
    max_files: int = 50  # files per request
    jobs: int = 0  # worker processes (0: every core)
    keep: float = 600  # seconds finished results wait to be fetched (then, or once sent, they are gone)
    held: int = 300  # reports a page's results may hold in memory at once (oldest batches go first)
    timeout: float = 600  # seconds one file may take in a worker (a hang guard: far above any real report)
    wait: float = 3.0  # seconds an upload waits for its results before showing the progress page

    @property
    def max_body(self) -> int:
        return self.max_size * self.max_files + (1 << 20)  # the files and the form around them


class UploadError(Exception):
    """A request the user must change: ``status`` and a one-line Chinese message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@lru_cache(maxsize=1)
def rulebooks() -> list[dict]:
    """Every rulebook in the rules folder: id, name, version, years it applies to."""
    from checker.paths import RULES_DIR
    from checker.rulebook.model import load_rulebook

    books = []
    for p in sorted(RULES_DIR.glob("*.yaml")):
        b = load_rulebook(p.stem)
        books.append({"id": b.id, "name": b.name, "version": b.version, "applies": b.applies})
    return books


def _options(form, settings: Settings) -> Options:
    rules = (form.get("rules") or "").strip()
    if rules in ("auto", "自动"):
        rules = ""
    if rules and rules not in {b["id"] for b in rulebooks()}:  # an id from the list, never a path
        known = "、".join(b["id"] for b in rulebooks())
        raise UploadError(400, f"未知的规则集：{rules}（可用：{known}，或留空按报告年度自动选择）")
    raw = (form.get("min_score") or "").strip()
    min_score = None
    if raw:
        try:
            min_score = float(raw)
        except ValueError:
            min_score = -1.0
        if not 0 <= min_score <= 100:
            raise UploadError(400, f"合格线应为 0 到 100 之间的数，收到：{raw[:20]}")
    return Options(rules=rules or None, min_score=min_score, max_size=settings.max_size)


def _body_too_large(settings: Settings) -> UploadError:
    return UploadError(413, f"上传的内容过大（上限 {settings.max_body / 1048576:.0f} MB）")


async def _form(request: Request, settings: Settings):
    """The parsed form and its uploads; limits become UploadErrors with Chinese messages."""
    try:
        form = await request.form(max_files=settings.max_files, max_fields=100)
    except BodyTooLarge:
        raise _body_too_large(settings) from None
    except HTTPException as e:
        if "Too many files" in str(e.detail):
            raise UploadError(413, f"一次最多上传 {settings.max_files} 个文件") from None
        raise UploadError(400, "上传的表单无法解析（应为 multipart/form-data，文件字段名 files）") from None
    try:
        files = [f for f in form.getlist("files") if hasattr(f, "filename")]
        if not files:
            raise UploadError(400, "没有收到文件：请在 files 字段中上传报告文件")
        return form, files, _options(form, settings)
    except UploadError:
        await form.close()
        raise


def _prepare(files, settings: Settings, folder: Path) -> list[tuple[str, str | None, Outcome | None]]:
    """Save each upload into the private folder: (name, saved path, or an error outcome)."""
    out = []
    for i, f in enumerate(files, 1):
        name = uploads.display_name(f.filename, i)
        size = f.size or 0
        if size > settings.max_size:
            out.append((name, None, Outcome(name, error=f"{name}: 文件过大（{size / 1048576:.1f} MB，"
                                                          f"上限 {settings.max_size / 1048576:.0f} MB）")))
            continue
        out.append((name, str(uploads.save(f, folder, i, name)), None))
    return out


async def _in_pool(workers: Workers, name: str, timeout: float, fn, *args):
    """``fn(*args)`` for the upload ``name`` in a worker: (outcome, html, state), or an error
    outcome when the worker died or ran out of time."""
    try:
        return await workers.run(fn, *args, timeout=timeout)
    except BrokenProcessPool:
        return Outcome(name, error=f"{name}: 处理时工作进程意外退出（文件可能过大或结构异常）"), None, None
    except TimeoutError:
        return Outcome(name, error=f"{name}: 处理超时（超过 {timeout:g} 秒），已中止"), None, None


async def check_uploads(workers: Workers, prepared, opts: Options, key: bytes | None, timeout: float, done) -> None:
    """Check the saved uploads of one request (``prepared``: (name, saved path, error outcome))
    in the workers; ``done(i, outcome, html, state)`` as each result is ready. Two or more get
    the cross-report analyses, as ``check`` gives any batch, in two passes: each file is checked
    and its features taken (its result shown as progress), the link runs in a worker, then each
    report gets its fields and is rendered. A file is read once, unless an analysis needs all of
    it again (last year's promises). The link's contexts name the reports by their upload names."""
    from checker.across import collected, link

    names = collected(opts.analyses, sum(error is None for _, _, error in prepared))

    async def first(i: int, name: str, path: str | None, error: Outcome | None) -> Outcome | None:
        if error is not None:
            done(i, error, None, None)
            return None
        result = await _in_pool(workers, name, timeout, check_upload, path, name, opts, str(i + 1), key, names)
        done(i, *result)
        return result[0] if names and result[0].report is not None else None

    checked = await asyncio.gather(*(first(i, *p) for i, p in enumerate(prepared)))
    if not names:
        return
    found = [(i, o.path, o.report.metadata, o.features) for i, o in enumerate(checked)
             if o is not None and o.features is not None]
    for o in checked:
        if o is not None:
            o.features = None
    try:
        contexts = await workers.run(link, found, opts, timeout=timeout) if found else {}
    except (BrokenProcessPool, TimeoutError):
        contexts = {}  # each report keeps its result; only the cross-report sections are missing
    del found

    async def second(i: int, outcome: Outcome) -> None:
        name, path, _ = prepared[i]
        done(i, *await _in_pool(workers, name, timeout, finish_upload, outcome, path, name, opts, key, contexts.get(i)))

    await asyncio.gather(*(second(i, o) for i, o in enumerate(checked) if o is not None))


def _json_contract(outcomes: list[Outcome]) -> str:
    """Exactly what ``check --format json`` prints for these outcomes."""
    from checker.render.json_out import Renderer

    buf = io.StringIO()
    r = Renderer(buf)
    r.start(len(outcomes))
    for o in outcomes:
        r.add(o)
    r.finish()
    return buf.getvalue()


def _csv(outcomes: list[Outcome]) -> bytes:
    import csv

    from checker.render.summary import COLUMNS, row_of

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for o in outcomes:
        w.writerow(row_of(o).cells())
    return buf.getvalue().encode("utf-8-sig")


def _dashboard(outcomes: list[Outcome], open_form=None) -> str:
    """The batch dashboard ``check --format html`` writes, rendered in a throw-away folder."""
    from checker.render.dashboard import Renderer

    with tempfile.TemporaryDirectory(prefix="check-serve-") as d:
        r = Renderer(None, out_dir=Path(d), open_form=open_form)
        r.start(len(outcomes))
        for o in outcomes:
            r.add(o)
        r.finish()
        return (Path(d) / "index.html").read_text(encoding="utf-8")


def _data_url(body: bytes, media_type: str) -> str:
    """A download the page carries itself (the server keeps nothing to serve it later)."""
    return f"data:{media_type};base64,{base64.b64encode(body).decode('ascii')}"


def _attachment(name: str) -> dict:
    return {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


def create_app(settings: Settings | None = None, workers: Workers | None = None) -> Starlette:
    settings = settings or Settings()
    workers = workers or Workers(settings.jobs)
    store = Store(keep=settings.keep, limit=settings.held)
    key = new_key()  # seals the report states this server's pages carry; gone with the process
    running: set[asyncio.Task] = set()
    formats = "、".join(sorted(READERS))

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(pages.render(template, **context), status_code=status, headers={"content-security-policy": CSP})

    def index_page(error: str | None = None, status: int = 200, diff_error: str | None = None) -> HTMLResponse:
        return page("index.html.j2", status, error=error, diff_error=diff_error, rulebooks=rulebooks(), formats=formats,
                    accept=",".join(sorted(READERS)), max_mb=f"{settings.max_size / 1048576:g}",
                    max_files=settings.max_files)

    async def index(request: Request):
        return index_page()

    async def upload(request: Request):
        try:
            form, files, opts = await _form(request, settings)
        except UploadError as e:
            if request.headers.get("x-requested-with") == "check-page":
                return JSONResponse({"error": str(e)}, status_code=e.status)
            return index_page(str(e), e.status)
        folder = uploads.private_folder()
        try:
            prepared = _prepare(files, settings, folder)
        except BaseException:
            uploads.remove(folder)
            raise
        finally:
            await form.close()
        batch = store.new([name for name, _, _ in prepared])
        task = batch.task = asyncio.create_task(_run_batch(batch, prepared, opts, folder))
        running.add(task)
        task.add_done_callback(running.discard)
        if request.headers.get("x-requested-with") == "check-page":  # the page's script goes there itself
            return JSONResponse({"results": f"/r/{batch.id}/"})
        return RedirectResponse(f"/r/{batch.id}/", status_code=303)

    async def _run_batch(batch: Batch, prepared, opts: Options, folder: Path) -> None:
        def done(i: int, outcome: Outcome, html: str | None, sealed: str | None) -> None:
            batch.pages[i], batch.states[i] = html, sealed
            batch.outcomes[i] = outcome

        try:
            await check_uploads(workers, prepared, opts, key, settings.timeout, done)
        finally:
            uploads.remove(folder)
            batch.finished, batch.finished_at = True, time.monotonic()

    def _batch(request: Request) -> Batch:
        batch = store.get(request.path_params["bid"])
        if batch is None:
            raise HTTPException(404, "结果不存在：结果页面只发送一次，发送后服务器即不再保留报告；请重新上传")
        return batch

    async def results(request: Request):
        batch = _batch(request)
        if not batch.finished and batch.task is not None:
            # a report or a few are done in well under a second: wait for them rather than
            # show a progress page that would refresh a second later
            await asyncio.wait({batch.task}, timeout=settings.wait)
        if not batch.finished:
            return page("progress.html.j2", batch=batch, items=list(zip(batch.names, batch.outcomes)))
        store.pop(batch.id)  # sent once, then forgotten: the page carries what follows
        response = _finished(batch)
        response.headers["cache-control"] = "private, max-age=86400"  # the browser's Back keeps it
        return response

    def _finished(batch: Batch):
        if batch.total == 1:
            outcome = batch.outcomes[0]
            if outcome.report is None:
                return page("errors.html.j2", outcomes=batch.outcomes)
            return _scorecard(batch.pages[0], outcome, batch.states[0], back=False)
        ok = [i for i, o in enumerate(batch.outcomes) if o.report is not None]
        forms = "".join(f'<form id="open-{i + 1}" method="post" action="/scorecard" hidden>'
                        f'<input type="hidden" name="state" value="{batch.states[i]}"></form>\n'
                        for i in ok if batch.states[i])  # base64url: nothing to escape
        links = [("下载汇总 CSV", _data_url(_csv(batch.outcomes), "text/csv;charset=utf-8"), "summary.csv"),
                 ("下载 JSON", _data_url(_json_contract(batch.outcomes).encode(), "application/json"), "reports.json")]
        dashboard = _dashboard(batch.outcomes, open_form=lambda i: f"open-{i + 1}")
        return HTMLResponse(pages.with_bar(dashboard, tail=forms, links=links,
                                           note="点击文件名打开评分卡；本页关闭后结果不再保留"),
                            headers={"content-security-policy": CSP})

    def _scorecard(html: str, outcome: Outcome, sealed: str, back: bool) -> HTMLResponse:
        stem = Path(outcome.path).stem
        links = [("下载 JSON", _data_url(_json_contract([outcome]).encode(), "application/json"), f"{stem}.json")]
        actions = [("下载 PDF", "/pdf"), ("下载 Word 批注版", "/docx")]
        return HTMLResponse(pages.with_bar(html, back=back, links=links, state=sealed, actions=actions),
                            headers={"content-security-policy": CSP})

    async def _state(request: Request) -> str:
        try:
            form = await request.form(max_files=0, max_fields=5, max_part_size=settings.max_body)
        except (BodyTooLarge, HTTPException):
            raise HTTPException(400, "请求无法解析：应为本服务页面提交的表单") from None
        sealed = form.get("state")
        await form.close()
        if not isinstance(sealed, str) or not sealed:
            raise HTTPException(400, "请求中没有报告数据：请从结果页面上的按钮打开")
        return sealed

    async def in_worker(fn, *args):
        try:
            return await workers.run(fn, *args, timeout=settings.timeout)
        except StateError as e:
            raise HTTPException(400, str(e)) from None
        except (BrokenProcessPool, TimeoutError):
            raise HTTPException(500, "处理时工作进程意外退出或超时") from None

    async def _download(request: Request, fn, what: str, media_type: str) -> Response:
        """A file a worker makes from the state the page posted back (the PDF, the Word file)."""
        sealed = await _state(request)
        try:
            name, body = await in_worker(fn, sealed, key)
        except HTTPException:
            raise
        except Exception as e:  # noqa: BLE001 - WeasyPrint missing (check doctor says why), a document python-docx cannot take
            raise HTTPException(500, f"无法生成{what}（{type(e).__name__}: {e}）") from None
        return Response(body, media_type=media_type, headers=_attachment(name))

    async def pdf(request: Request):
        return await _download(request, pdf_of, " PDF ", "application/pdf")

    async def docx(request: Request):
        """The report as a Word file with the review as comments (``--format docx``)."""
        return await _download(request, docx_of, " Word 批注版",
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    async def _drafts(request: Request):
        """The two drafts of a comparison, saved in a private folder: (folder, old, new, opts)."""
        try:
            form = await request.form(max_files=2, max_fields=10)
        except BodyTooLarge:
            raise _body_too_large(settings) from None
        except HTTPException:
            raise UploadError(400, "上传的表单无法解析（应为 multipart/form-data，字段 old 和 new）") from None
        folder = uploads.private_folder()
        try:
            drafts = []
            for i, (field_name, label) in enumerate((("old", "旧稿"), ("new", "新稿")), 1):
                f = form.get(field_name)
                if not hasattr(f, "filename"):
                    raise UploadError(400, f"没有收到{label}：请在 {field_name} 字段中上传{label}文件")
                name = uploads.display_name(f.filename, i)
                if (f.size or 0) > settings.max_size:
                    raise UploadError(413, f"{label} {name}: 文件过大（上限 {settings.max_size / 1048576:.0f} MB）")
                drafts.append((name, str(uploads.save(f, folder, i, name))))
            opts = _options(form, settings)
        except BaseException:
            uploads.remove(folder)
            raise
        finally:
            await form.close()
        return folder, drafts, opts

    async def _compare(request: Request) -> tuple[str, dict]:
        folder, ((old_name, old), (new_name, new)), opts = await _drafts(request)
        try:
            html, data = await workers.run(diff_of, old, new, old_name, new_name, opts, timeout=settings.timeout)
        except (BrokenProcessPool, TimeoutError):
            raise UploadError(500, "比较时工作进程意外退出或超时") from None
        finally:
            uploads.remove(folder)
        if html is None:
            raise UploadError(422, data["error"])
        return html, data

    async def diff_page(request: Request):
        """Two drafts of one report: what the new one fixed and what it broke (``check diff``)."""
        try:
            html, data = await _compare(request)
        except UploadError as e:
            return index_page(diff_error=str(e), status=e.status)
        links = [("下载 JSON", _data_url(json.dumps(data, ensure_ascii=False, indent=2).encode(), "application/json"),
                  "diff.json")]
        return HTMLResponse(pages.with_bar(html, links=links), headers={"content-security-policy": CSP})

    async def api_diff(request: Request):
        try:
            _, data = await _compare(request)
        except UploadError as e:
            return JSONResponse({"error": str(e)}, status_code=e.status)
        return JSONResponse(data)

    async def scorecard(request: Request):
        """A batch row's scorecard, rendered again from the state the dashboard carries."""
        sealed = await _state(request)
        html, report = await in_worker(scorecard_of, sealed, key)
        return _scorecard(html, Outcome(report.file, report=report), sealed, back=True)

    async def api_check(request: Request):
        try:
            form, files, opts = await _form(request, settings)
        except UploadError as e:
            return JSONResponse({"error": str(e)}, status_code=e.status)
        folder = uploads.private_folder()
        try:
            prepared = _prepare(files, settings, folder)
            await form.close()

            outcomes: list = [None] * len(prepared)

            def done(i: int, outcome: Outcome, *_) -> None:
                outcomes[i] = outcome

            await check_uploads(workers, prepared, opts, None, settings.timeout, done)
        finally:
            uploads.remove(folder)
        status = 422 if len(outcomes) == 1 and outcomes[0].report is None else 200
        return Response(_json_contract(outcomes), status_code=status, media_type="application/json")

    async def api_rulebooks(request: Request):
        return JSONResponse({"auto": "按报告年度自动选择（不传 rules）", "rulebooks": rulebooks()})

    async def api_openapi(request: Request):
        return Response(pages.openapi(), media_type="application/json")

    async def healthz(request: Request):
        return JSONResponse({"status": "ok", "workers": workers.jobs})

    async def http_error(request: Request, exc: HTTPException):
        detail = {"Not Found": "页面不存在", "Method Not Allowed": "不支持的请求方法"}.get(exc.detail, exc.detail)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": detail}, status_code=exc.status_code)
        return page("errors.html.j2", status=exc.status_code, heading="出错了", outcomes=[Outcome("", error=detail)])

    @asynccontextmanager
    async def lifespan(app):
        await asyncio.get_running_loop().run_in_executor(None, workers.start)
        try:
            yield
        finally:
            for t in list(running):
                t.cancel()
            workers.shutdown()

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/check", upload, methods=["POST"]),
            Route("/r/{bid}/", results, methods=["GET"]),
            Route("/scorecard", scorecard, methods=["POST"]),
            Route("/pdf", pdf, methods=["POST"]),
            Route("/docx", docx, methods=["POST"]),
            Route("/diff", diff_page, methods=["POST"]),
            Route("/api/diff", api_diff, methods=["POST"]),
            Route("/api/check", api_check, methods=["POST"]),
            Route("/api/rulebooks", api_rulebooks, methods=["GET"]),
            Route("/api/openapi.json", api_openapi, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.store, app.state.workers, app.state.settings = store, workers, settings
    app.add_middleware(Guard, token=settings.token, allowed_hosts=settings.allowed_hosts, max_body=settings.max_body)
    return app
