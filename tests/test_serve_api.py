"""``check serve`` in process (Starlette's test client): the API's JSON is the CLI's contract for
every format; bad files, limits, the token, hostile names; the page's upload, results and
downloads. The real browser is in test_serve_browser.py."""

from __future__ import annotations

import io
import json
import logging
import os
import tempfile
from concurrent.futures.process import BrokenProcessPool

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")
from starlette.testclient import TestClient  # noqa: E402

import derive_formats as derive  # noqa: E402
from checker.serve.app import LOOPBACK_HOSTS, Settings, create_app  # noqa: E402
from checker.serve.uploads import display_name  # noqa: E402
from checker.serve.work import Workers  # noqa: E402
from conftest import SEED, SEEDS  # noqa: E402
from serve_helpers import downloads, state_of, wait_results  # noqa: E402
from test_badfiles import CASES as BAD_CASES  # noqa: E402

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def workers():
    w = Workers(2)
    yield w
    w.shutdown()


@pytest.fixture(scope="module")
def private_tmp(tmp_path_factory):
    """Every temporary folder the server makes lands here, so a test can see it is gone."""
    import multiprocessing.util

    multiprocessing.util.get_temp_dir()  # the pool's own folder stays in the ordinary place
    d = tmp_path_factory.mktemp("serve-tmp")
    old = tempfile.tempdir
    tempfile.tempdir = str(d)
    yield d
    tempfile.tempdir = old


@pytest.fixture(scope="module")
def client(workers, private_tmp):
    app = create_app(Settings(allowed_hosts=LOOPBACK_HOSTS, max_size=2 * 1024 * 1024, max_files=8), workers)
    with TestClient(app, base_url=BASE) as c:
        yield c


@pytest.fixture(scope="session")
def derived(tmp_path_factory):
    return derive.derived_files(SEED, tmp_path_factory.getbasetemp() / "formats")


def _files(*items):
    """[(name, bytes)] -> the multipart ``files`` field."""
    return [("files", (name, data)) for name, data in items]


def _seed(key: str) -> tuple[str, bytes]:
    return SEED[key].name, SEED[key].read_bytes()


def _cli_json(paths, *args) -> dict | list:
    """What ``check NAME... --format json`` prints, run in the files' folder (so the JSON names
    them as the upload does)."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    with tempfile.TemporaryDirectory() as d:
        for p in paths:
            shutil.copy(p, d)
        out = subprocess.run([sys.executable, "-m", "checker", *(p.name for p in paths), "--format", "json", *args],
                             capture_output=True, text=True, cwd=d, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return json.loads(out)


# --- the API ------------------------------------------------------------------------------------

def test_one_report_is_the_clis_json(client):
    r = client.post("/api/check", files=_files(_seed("004")))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == _cli_json([SEED["004"]])  # same file name: the upload keeps it


def test_several_reports_are_the_clis_batch_json(client, tmp_path):
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    r = client.post("/api/check", files=_files(_seed("000"), (bad.name, bad.read_bytes()), _seed("002")),
                    data={"min_score": "75"})
    assert r.status_code == 200
    got, want = r.json(), _cli_json([SEED["000"], bad, SEED["002"]], "--min-score", "75")
    assert got == want
    assert got["summary"]["errors"] == 1 and got["summary"]["total"] == 3
    assert got["reports"][0]["gate"]["min_score"] == 75


@pytest.mark.parametrize("variant", sorted(derive.VARIANTS))
def test_every_format_gets_the_txt_verdicts(client, derived, variant):
    """A report in each format a report arrives in: the same element statuses as its .txt."""
    for key in ("001", "004"):
        path = derived[(key, variant)]
        base = client.post("/api/check", files=_files(_seed(key))).json()
        r = client.post("/api/check", files=_files((path.name, path.read_bytes())))
        assert r.status_code == 200, r.text
        got = r.json()
        assert got["file"] == path.name
        assert {e["id"]: e["status"] for e in got["elements"]} == {e["id"]: e["status"] for e in base["elements"]}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_file_gets_its_chinese_reason(client, case, tmp_path):
    fname, content, reason = BAD_CASES[case]
    data = content(tmp_path) if callable(content) else content
    r = client.post("/api/check", files=_files((fname, data)))
    assert r.status_code == 422
    body = r.json()
    assert body["file"] == fname and body["error"].startswith(f"{fname}: ") and reason in body["error"]
    assert "check-serve-" not in body["error"] and "Traceback" not in r.text
    assert client.get("/healthz").json()["status"] == "ok"  # and the server is still up


def test_one_bad_file_does_not_stop_the_others(client):
    r = client.post("/api/check", files=_files(("空.txt", b""), _seed("001"), ("x.xlsx", b"PK\x03\x04")))
    reports = r.json()["reports"]
    assert [("error" in x) for x in reports] == [True, False, True]
    assert reports[1]["score"] > 0 and "文件为空" in reports[0]["error"]


def test_rulebook_choice(client):
    books = client.get("/api/rulebooks").json()
    ids = [b["id"] for b in books["rulebooks"]]
    assert {"national-2015", "national-2021"} <= set(ids)
    for rid in ids:
        got = client.post("/api/check", files=_files(_seed("003")), data={"rules": rid}).json()
        assert got["rulebook"]["id"] == rid
    auto = client.post("/api/check", files=_files(_seed("003")), data={"rules": ""}).json()
    assert auto["rulebook"]["reason"].startswith("按报告年度")


@pytest.mark.parametrize("data, words", [
    ({"rules": "../../etc/passwd"}, "未知的规则集"),  # an id from the list, never a path on the server
    ({"rules": "rules/national-2021.yaml"}, "未知的规则集"),
    ({"min_score": "abc"}, "合格线"),
    ({"min_score": "150"}, "合格线"),
])
def test_bad_options(client, data, words):
    r = client.post("/api/check", files=_files(_seed("001")), data=data)
    assert r.status_code == 400 and words in r.json()["error"]


def test_pass_mark_changes_the_verdict(client):
    low = client.post("/api/check", files=_files(_seed("001")), data={"min_score": "10"}).json()
    high = client.post("/api/check", files=_files(_seed("001")), data={"min_score": "99"}).json()
    assert low["passed"] is True and high["passed"] is False
    assert any("99" in reason for reason in high["gate"]["reasons"])


def test_no_files(client):
    r = client.post("/api/check", data={"rules": ""})
    assert r.status_code == 400 and "没有收到文件" in r.json()["error"]


def test_files_per_request_limit(client):
    r = client.post("/api/check", files=_files(*[_seed("001")] * 9))
    assert r.status_code == 413 and "8 个文件" in r.json()["error"]


def test_file_size_limit_is_per_file(client):
    big = ("大.txt", "法治政府建设。\n".encode() * 200_000)  # 4.4 MB, over the 2 MB limit
    r = client.post("/api/check", files=_files(big, _seed("001")))
    first, second = r.json()["reports"]
    assert "文件过大" in first["error"] and first["file"] == "大.txt"
    assert second["score"] > 0


def test_body_limit(client):
    """A body larger than every file the request may carry is refused while it arrives."""
    huge = io.BytesIO(b"0" * (8 * 2 * 1024 * 1024 + 2 * 1024 * 1024))
    r = client.post("/api/check", files=[("files", ("huge.txt", huge))])
    assert r.status_code == 413 and "过大" in r.json()["error"]
    assert client.get("/healthz").status_code == 200


def test_private_folder_is_deleted(client, private_tmp):
    client.post("/api/check", files=_files(_seed("001"), _seed("002")))
    assert not [p for p in private_tmp.iterdir() if p.name.startswith("check-serve-")]


def test_report_text_is_never_logged(client, caplog):
    sentence = max(SEED["004"].read_text(encoding="utf-8").splitlines(), key=len).strip()
    assert len(sentence) > 10
    with caplog.at_level(logging.DEBUG):
        client.post("/api/check", files=_files(_seed("004")))
        client.get(_upload(client, [_seed("004")]), follow_redirects=True)
    assert sentence not in caplog.text


def test_a_dead_worker_costs_one_file_not_the_server(workers):
    import asyncio

    async def go():
        with pytest.raises(BrokenProcessPool):
            await workers.run(os._exit, 3)
        return await workers.run(abs, -5)

    assert asyncio.run(go()) == 5


# --- names from the client ------------------------------------------------------------------

@pytest.mark.parametrize("raw, shown", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\报告.txt", "报告.txt"),
    ("..", "未命名文件1"),
    ("", "未命名文件1"),
    (".hidden.txt", "hidden.txt"),
    ("a\u202egnp.txt", "agnp.txt"),  # a right-to-left override would show another extension
    ("x\x00y\n.txt", "xy.txt"),
])
def test_display_name(raw, shown):
    assert display_name(raw, 1) == shown


def test_long_names_fit_the_file_system():
    name = display_name("长" * 300 + ".docx", 1)
    assert name.endswith(".docx") and len(name.encode()) <= 200


def test_markup_in_a_file_name_is_text_everywhere(client):
    evil = '<img src=x onerror=alert(1)>.txt'
    content = SEED["001"].read_bytes()
    api = client.post("/api/check", files=_files((evil, content))).json()
    assert api["file"] == evil  # JSON carries it as data
    loc = _upload(client, [(evil, content), ("<script>alert(2)</script>.txt", b"")])
    dash = wait_results(client, loc)
    card = client.post("/scorecard", data={"state": state_of(dash.text, "/scorecard", "open-1")})
    for page in (dash.text, card.text):
        assert "<img src=x" not in page and "<script>alert(2)" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_report_text_markup_is_escaped(client):
    text = SEED["001"].read_text(encoding="utf-8") + "\n<script>alert('x')</script>\n"
    loc = _upload(client, [("注入.txt", text.encode())])
    card = wait_results(client, loc)
    assert "<script>alert" not in card.text and "&lt;script&gt;alert" in card.text


# --- the token and the host ------------------------------------------------------------------

@pytest.fixture(scope="module")
def guarded(workers):
    app = create_app(Settings(token="s3cret-token"), workers)
    return TestClient(app, base_url="http://192.0.2.1:8321")


@pytest.mark.parametrize("method, path", [("get", "/"), ("get", "/healthz"), ("get", "/api/rulebooks"),
                                          ("post", "/api/check"), ("post", "/check"), ("get", "/r/x/"),
                                          ("post", "/pdf"), ("post", "/scorecard")])
def test_token_is_required_on_every_request(guarded, method, path):
    r = getattr(guarded, method)(path)
    assert r.status_code == 401 and "访问令牌" in r.text
    r = getattr(guarded, method)(path, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


def test_token_as_bearer_header_and_as_link(guarded):
    assert guarded.get("/healthz", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    r = guarded.post("/api/check", files=_files(_seed("001")), headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 200 and r.json()["score"] > 0
    # the printed link: ?token= sets a cookie and leads to the address without it
    r = guarded.get("/?token=s3cret-token", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/" and "HttpOnly" in r.headers["set-cookie"]
    guarded.cookies.set("check_token", "s3cret-token")
    assert guarded.get("/").status_code == 200
    guarded.cookies.clear()


def test_loopback_server_refuses_other_host_names(client):
    r = client.get("/healthz", headers={"Host": "attacker.example:8321"})
    assert r.status_code == 421
    assert client.get("/healthz", headers={"Host": "localhost:8321"}).status_code == 200


def test_is_loopback():
    from checker.serve.cmd import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_any_other_address_needs_a_token():
    from checker.serve.cmd import access

    token, hosts = access("0.0.0.0", None)
    assert token and len(token) >= 24 and hosts is None  # generated
    assert access("0.0.0.0", None)[0] != token  # a new one each start
    assert access("192.168.1.5", "mine") == ("mine", None)
    assert access("127.0.0.1", None) == (None, LOOPBACK_HOSTS)
    assert access("127.0.0.1", "mine") == ("mine", LOOPBACK_HOSTS)


# --- the page ---------------------------------------------------------------------------------

def _upload(client, items, **data) -> str:
    r = client.post("/check", files=_files(*items), data=data, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def test_the_form_works_without_script(client):
    """The upload is a plain form: a browser without script posts it as it is."""
    html = client.get("/").text
    assert '<form class="card" id="upload" method="post" action="/check" enctype="multipart/form-data">' in html
    assert 'type="file" id="files" name="files" multiple' in html
    assert '<label for="rules">' in html and '<label for="min_score">' in html  # labelled for keyboard and readers
    for ext in (".txt", ".docx", ".pdf", ".html", ".doc", ".wps"):
        assert ext in html


def test_one_file_shows_its_scorecard(client):
    loc = _upload(client, [_seed("004")], rules="national-2021")
    card = wait_results(client, loc)
    assert card.url.path == loc  # the results address shows the scorecard itself
    api = client.post("/api/check", files=_files(_seed("004")), data={"rules": "national-2021"}).json()
    assert f'<span class="num">{api["score"]:g}</span>' in card.text
    assert ("通过" if api["passed"] else "未通过") in card.text
    # links both ways between the element table and the annotated text
    first = api["elements"][0]
    line = first["evidence"][0]["line"]
    assert f'href="#L{line}"' in card.text and f'id="L{line}"' in card.text
    assert f'href="#el-{first["id"]}"' in card.text and f'id="el-{first["id"]}"' in card.text
    # the downloads come from the page itself: the server has already forgotten the report
    assert len(client.app.state.store) == 0 and client.get(loc).status_code == 404
    pdf = client.post("/pdf", data={"state": state_of(card.text, "/pdf")})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert "004_" in pdf.headers["content-disposition"]
    files = downloads(card.text)
    assert json.loads(files[SEED["004"].stem + ".json"]) == api


def test_several_files_show_the_dashboard(client):
    loc = _upload(client, [_seed("000"), ("坏.docx", b"not a zip"), _seed("003")])
    dash = wait_results(client, loc)
    assert "批量审查结果" in dash.text
    # each readable row opens its scorecard through a form carrying its state; the bad one has none
    assert 'form="open-1"' in dash.text and 'form="open-3"' in dash.text and 'form="open-2"' not in dash.text
    assert "坏.docx: " in dash.text  # the reason, in place
    assert len(client.app.state.store) == 0
    card = client.post("/scorecard", data={"state": state_of(dash.text, "/scorecard", "open-3")})
    assert card.status_code == 200 and "003" in card.text and card.text.count("返回汇总表") == 1
    assert client.post("/pdf", data={"state": state_of(card.text, "/pdf")}).content.startswith(b"%PDF-")
    files = downloads(dash.text)
    csv = files["summary.csv"]
    assert csv.startswith("\ufeff文件,".encode("utf-8")) and "无法读取" in csv.decode("utf-8-sig")
    batch = json.loads(files["reports.json"])
    assert batch["summary"]["total"] == 3 and batch["summary"]["errors"] == 1


def test_a_results_page_is_sent_once_and_then_forgotten(client):
    loc = _upload(client, [_seed("001"), _seed("002")])
    dash = wait_results(client, loc)
    assert "批量审查结果" in dash.text and len(client.app.state.store) == 0
    again = client.get(loc)
    assert again.status_code == 404 and "服务器即不再保留报告" in again.text
    assert "private" in dash.headers["cache-control"]  # the browser's Back still shows it


def test_a_state_the_server_did_not_seal_is_refused(client, workers):
    card = wait_results(client, _upload(client, [_seed("001")]))
    sealed = state_of(card.text, "/pdf")
    for forged in (sealed[:-8] + "AAAAAAAA", sealed[:40] + sealed[48:], "", "not base64 ☃", "QUFB"):
        for action in ("/pdf", "/scorecard"):
            r = client.post(action, data={"state": forged})
            assert r.status_code == 400 and ("无效或已过期" in r.text or "没有报告数据" in r.text), (action, forged[:20])
    # a state from another server (or from before a restart) is refused too
    other = create_app(Settings(allowed_hosts=None), workers)
    with TestClient(other, base_url=BASE) as c:
        r = c.post("/pdf", data={"state": sealed})
        assert r.status_code == 400 and "服务器重启" in r.text
    assert client.get("/healthz").json()["status"] == "ok"


def test_the_page_script_gets_its_results_address_as_json(client):
    r = client.post("/check", files=_files(_seed("001")), headers={"X-Requested-With": "check-page"})
    assert r.status_code == 200 and r.json()["results"].startswith("/r/")
    assert "下载 PDF" in wait_results(client, r.json()["results"]).text
    r = client.post("/check", data={"min_score": "x"}, headers={"X-Requested-With": "check-page"})
    assert r.status_code == 400 and "没有收到文件" in r.json()["error"]


def test_a_bad_single_file_shows_its_reason(client):
    loc = _upload(client, [("空白.txt", b"   \n")])
    page = wait_results(client, loc)
    assert "空白.txt: 文件不含正文" in page.text and 'href="/"' in page.text


def test_progress_is_shown_while_a_batch_runs(workers):
    app = create_app(Settings(allowed_hosts=None, wait=0), workers)  # answer the upload at once
    with TestClient(app, base_url=BASE) as c:
        loc = _upload(c, [_seed(k) for k in sorted(SEED)] + [_seed("001")] * 3)
        first = c.get(loc)
        # a batch of eight on two workers is not done at once: the page says how far it is
        assert "正在审查 8 份报告" in first.text and '<meta http-equiv="refresh"' in first.text
        assert "<progress" in first.text and 'role="status"' in first.text
        assert "批量审查结果" in wait_results(c, loc).text


def test_an_upload_that_is_done_quickly_goes_straight_to_its_result(client):
    r = client.post("/check", files=_files(_seed("001")), follow_redirects=False)
    assert r.status_code == 303
    first = client.get(r.headers["location"])  # waits for a quick file: no progress page
    assert "正在审查" not in first.text and "下载 PDF" in first.text


def test_page_errors_in_chinese(client):
    r = client.post("/check", data={"min_score": "x"})
    assert r.status_code == 400 and "没有收到文件" in r.text and "<form" in r.text
    assert "结果不存在" in client.get("/r/nope/").text
    assert client.get("/no-such-page").status_code == 404


def test_results_expire(workers):
    app = create_app(Settings(allowed_hosts=None, keep=0.2), workers)
    with TestClient(app, base_url=BASE) as c:
        loc = _upload(c, [_seed("001")])
        wait_results(c, loc)
        import time

        time.sleep(0.3)
        assert c.get(loc).status_code == 404


def test_a_plain_check_never_loads_the_web_stack():
    """The server's libraries are for ``check serve`` only: ``check report.txt`` pays nothing."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys; from checker.cli.main import main\n"
            "try:\n"
            f"    main([{str(SEED['001'])!r}, '--format', 'json'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'multipart', 'python_multipart', 'anyio', 'h11', 'checker') "
            "and (not m.startswith('checker') or m.startswith('checker.serve')))))\n")
    err = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stderr
    assert err.strip().endswith("[]"), err


def test_the_listening_socket_says_it_is_tcp():
    """asyncio turns Nagle's algorithm off only on sockets whose proto is TCP; on a socket made
    without it every kept-alive request of a browser waited 40 ms for a delayed ACK."""
    import socket

    from checker.serve.cmd import _bind

    sock = _bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP and sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def test_a_port_in_use_is_one_chinese_line():
    from checker.errors import CheckError
    from checker.serve.cmd import _bind

    first = _bind("127.0.0.1", 0)
    try:
        with pytest.raises(CheckError, match="端口已被占用"):
            _bind("127.0.0.1", first.getsockname()[1])
    finally:
        first.close()


def test_check_serve_with_a_token():
    """The command itself: it prints the address and the token, and the token is required."""
    import urllib.error
    import urllib.request

    from live_server import live_server

    with live_server("--token", "t0k-en", token="t0k-en") as (url, proc):
        printed = proc.stdout.readline() + proc.stdout.readline()
        assert "访问令牌：t0k-en" in printed and f"{url}?token=t0k-en" in printed
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url + "healthz", timeout=10)
        assert e.value.code == 401
        req = urllib.request.Request(url + "healthz", headers={"X-Check-Token": "t0k-en"})
        assert json.loads(urllib.request.urlopen(req, timeout=10).read())["status"] == "ok"


# --- the OpenAPI document and the store ---------------------------------------------------------

@pytest.fixture(scope="module")
def openapi(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    return r.json()


def _validator(doc: dict, name: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": doc["components"]})


def test_openapi_lists_the_api_routes(client, openapi):
    from starlette.routing import Route

    routes = {(r.path, m.lower()) for r in client.app.routes if isinstance(r, Route) for m in r.methods
              if m != "HEAD" and (r.path.startswith("/api/") or r.path == "/healthz") and r.path != "/api/openapi.json"}
    documented = {(path, m) for path, ops in openapi["paths"].items() for m in ops}
    assert documented == routes


def test_the_api_answers_as_its_schema_says(client, openapi, tmp_path):
    one = client.post("/api/check", files=_files(_seed("002"))).json()
    _validator(openapi, "Report").validate(one)
    pdf = derive.write_pdf(SEED["003"], tmp_path / "003.pdf")  # evidence with page and page_line
    many = client.post("/api/check", files=_files((pdf.name, pdf.read_bytes()), ("坏.txt", b""))).json()
    _validator(openapi, "Batch").validate(many)
    assert any("page" in ev for e in many["reports"][0]["elements"] for ev in e["evidence"])
    bad = client.post("/api/check", files=_files(("坏.txt", b""))).json()
    _validator(openapi, "Unreadable").validate(bad)
    with pytest.raises(Exception):  # the schema is not a blank cheque
        _validator(openapi, "Report").validate({**one, "score": "high"})


def test_the_store_forgets_the_oldest_reports_first():
    from checker.serve.store import Store

    store = Store(keep=60, limit=5)
    a, b = store.new(["1", "2"]), store.new(["3", "4", "5"])
    assert store.get(a.id) is a and store.get(b.id) is b
    c = store.new(["6"])  # six reports > five: the oldest batch goes
    assert store.get(a.id) is None and store.get(b.id) is b and store.get(c.id) is c
    big = store.new([str(i) for i in range(9)])  # larger than the limit on its own: held alone
    assert store.get(big.id) is big and len(store) == 1
    assert len({store.new(["x"]).id for _ in range(50)}) == 50  # ids never repeat


def test_a_hung_worker_is_stopped_and_replaced(workers):
    import asyncio
    import time

    async def go():
        with pytest.raises(TimeoutError):
            await workers.run(time.sleep, 30, timeout=0.5)
        return await workers.run(abs, -7)

    assert asyncio.run(go()) == 7


def test_any_uploaded_name_stays_a_plain_name_inside_the_folder(tmp_path_factory):
    """Whatever name a client sends, the saved file is one plain entry inside the private folder."""
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker.serve.uploads import save

    folder = tmp_path_factory.mktemp("names")
    pieces = st.sampled_from(["..", ".", "/", "\\", "\x00", "\u202e", "\u200b", "<b>", "报告", "a", ".txt", " ", "C:"])
    counter = iter(range(1, 10**6))

    class Upload:
        file = io.BytesIO(b"x")

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(max_size=300), st.lists(pieces, max_size=30).map("".join)))
    def check(raw):
        name = display_name(raw, 7)
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
        assert len(name.encode("utf-8")) <= 200
        assert not any(unicodedata.category(c)[0] == "C" for c in name)
        i = next(counter)
        path = save(Upload, folder, i, name)
        assert path.parent == folder / str(i) and path.read_bytes() == b"x"

    check()


@pytest.mark.parametrize("key", sorted(SEED))
def test_a_sealed_state_gives_back_the_same_report(key, tmp_path):
    """What the page carries is the whole report: the PDF printed from it is the PDF of the check."""
    from checker.pipeline import Options, check_file
    from checker.serve.state import new_key, seal, unseal, unseal_with_source

    for path in (SEED[key], derive.write_pdf(SEED[key], tmp_path / f"{key}.pdf")):  # PDF: pages of lines
        report = check_file(str(path), Options(), keep_text=True).report
        k = new_key()
        assert unseal(seal(report, k), k) == report
        source = bytes(range(256)) * 3  # the uploaded .docx rides along, byte for byte
        assert unseal_with_source(seal(report, k, source), k) == (report, source)
        with pytest.raises(Exception, match="无效或已过期"):
            unseal(seal(report, k), new_key())



def test_a_batch_upload_gets_the_cross_report_analyses_under_its_own_names(client):
    """Copied text and last year's promises, as in any batch of ``check``; the other report is
    named as it was uploaded, never by the server's private folder."""
    from test_track import SHIMEN

    a = SEED["001"].read_text(encoding="utf-8")
    paragraph = max(a.splitlines(), key=len)  # a whole paragraph of 001 placed in 002
    b = SEED["002"].read_text(encoding="utf-8").replace("\n", "\n" + paragraph + "\n", 3)
    items = [("甲镇.txt", a.encode()), ("乙区.txt", b.encode()), *((p.name, p.read_bytes()) for p in SHIMEN)]
    reports = {r["file"]: r for r in client.post("/api/check", files=_files(*items)).json()["reports"]}
    copied = reports["乙区.txt"]["similar"]
    assert [o["file"] for o in copied] == ["甲镇.txt"] and copied[0]["passages"]
    assert all(o["file"] == "乙区.txt" for o in reports["甲镇.txt"]["similar"])
    this = reports[SHIMEN[1].name]
    assert this["promises_from"]["file"] == SHIMEN[0].name and len(this["promises"]) == 6
    assert "check-serve" not in json.dumps(reports, ensure_ascii=False)
    dash = wait_results(client, _upload(client, items))  # the page's dashboard shows the column
    assert "文字雷同" in dash.text and "check-serve" not in dash.text
    card = client.post("/scorecard", data={"state": state_of(dash.text, "/scorecard", "open-2")})
    assert "文字雷同" in card.text and "甲镇.txt" in card.text


def test_a_batch_upload_is_read_once_unless_last_years_promises_need_it_again(tmp_path, monkeypatch):
    """The page's batch runs the two passes of ``check``: each file is checked once and gives its
    features in the same read; only a report judged against last year's promises is read again.
    (The workers are stood in for by this process, so the reads can be counted.)"""
    import asyncio

    from checker.pipeline import Options
    from checker.serve.app import check_uploads
    from checker.serve.state import new_key
    from test_across import _counting_loads
    from test_track import SHIMEN

    counts = _counting_loads(monkeypatch)

    class InProcess:
        async def run(self, fn, *args, timeout=None):
            return fn(*args)

    a = SEED["001"].read_text(encoding="utf-8")
    b = SEED["002"].read_text(encoding="utf-8") + "\n" + max(a.splitlines(), key=len) + "\n"
    saved = []
    for k, (name, text) in enumerate([("甲镇.txt", a), ("乙区.txt", b), *((p.name, p.read_text(encoding="utf-8")) for p in SHIMEN)]):
        path = tmp_path / f"{k}.txt"  # the private folder's name, never shown
        path.write_text(text, encoding="utf-8")
        saved.append((name, str(path), None))
    results: dict = {}
    for key in (new_key(), None):  # the page (scorecards rendered, states sealed) and the API
        counts.clear()
        asyncio.run(check_uploads(InProcess(), saved, Options(), key, 60,
                                  lambda i, outcome, html, state: results.__setitem__(i, (outcome, html, state))))
        this = saved[3][1]
        assert counts == {p: 2 if p == this else 1 for _, p, _ in saved}
        outcomes = {results[i][0].path: results[i] for i in range(4)}
        copied = outcomes["乙区.txt"][0].report.similar
        assert [c["file"] for c in copied] == ["甲镇.txt"] and copied[0]["passages"]
        assert outcomes[SHIMEN[1].name][0].report.promises_from["file"] == SHIMEN[0].name
        for outcome, html, state in outcomes.values():
            assert outcome.report.lines == [] and (html is not None) == (key is not None) == (state is not None)
        if key is not None:
            assert "文字雷同" in outcomes["乙区.txt"][1] and "甲镇.txt" in outcomes["乙区.txt"][1]
