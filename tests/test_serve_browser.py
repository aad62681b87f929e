"""``check serve`` in a real browser: Debian's Chromium driven by Playwright (the system browser;
Playwright's own browser downloads are not used). Upload a seed through the file input, read the
score and the verdict, follow an evidence link to the annotated line, download the PDF, upload a
bad file and read its message, with script and without; keyboard order of the form; the
screenshot the README shows (docs/serve.png). Also: /healthz answers while a batch runs."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from live_server import live_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("没有安装 chromium（Debian：apt-get install chromium chromium-driver；make test 以 root 运行时自动安装）",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="没有安装 playwright（pip install -e '.[test]'）")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT = 60_000  # ms: a hang guard for page loads, not a speed goal
SCREENSHOT = ROOT / "docs" / "serve.png"


@pytest.fixture(scope="module")
def server():
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)  # a fresh profile each launch
        yield b
        b.close()


def _api(url: str, path: Path) -> dict:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url + "api/check", data=body,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def test_upload_a_seed_read_it_and_download_its_pdf(server, browser):
    seed = SEED["004"]
    expected = _api(server, seed)
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page.goto(server, wait_until="load")
    page.set_input_files("#files", str(seed))
    assert seed.name in page.inner_text("#chosen")  # the chosen file is listed
    page.click("#submit")
    page.locator(".verdict .num").wait_for(timeout=WAIT)
    assert "/r/" in page.url
    # the score and the verdict, as the API gives them
    assert page.inner_text(".verdict .num") == f"{expected['score']:g}"
    assert page.inner_text(".verdict .word") == ("通过" if expected["passed"] else "未通过")
    assert expected["grade"] in page.inner_text(".verdict .grade")
    page.screenshot(path=str(SCREENSHOT))
    # an evidence link of the element table leads to the annotated line, in view
    link = page.locator("a.ev").first
    target = link.get_attribute("href")
    line = int(target.removeprefix("#L"))
    link.click()
    page.wait_for_function(f"location.hash === '{target}'")
    row = page.locator(f"p{target}")
    assert row.locator(".no").inner_text() == str(line)
    assert row.locator("mark").count() >= 1  # the evidence is marked on that line
    box, height = row.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] < height  # scrolled into view
    # and the label beside the line leads back to the element's row in the table
    back = row.locator("a.tag").first
    back.click()
    page.wait_for_function(f"location.hash === '{back.get_attribute('href')}'")
    # the PDF download
    with page.expect_download(timeout=WAIT) as dl:
        page.click("text=下载 PDF")
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert dl.value.suggested_filename == seed.stem + ".pdf"
    # the JSON download is carried by the page itself (the server kept nothing)
    with page.expect_download(timeout=WAIT) as dl:
        page.click("text=下载 JSON")
    assert json.loads(Path(dl.value.path()).read_bytes()) == expected
    assert dl.value.suggested_filename == seed.stem + ".json"
    page.close()


def test_a_bad_file_shows_its_chinese_message(server, browser):
    page = browser.new_page()
    page.goto(server)
    page.set_input_files("#files", files=[{"name": "坏报告.pdf", "mimeType": "application/pdf",
                                          "buffer": b"%PDF-1.4 truncated"}])
    page.click("#submit")
    message = page.locator(".errors li").first
    message.wait_for(timeout=WAIT)
    text = message.inner_text()
    assert text.startswith("坏报告.pdf: ") and "PDF" in text and "check-serve" not in text
    page.close()


def test_a_batch_with_a_bad_file_and_script_off(server, browser):
    """Without script the form posts as it is; the progress page refreshes itself; the
    dashboard lists every file, the unreadable one with its reason, each row opening its card."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server)
    page.set_input_files("#files", files=[
        {"name": SEED["001"].name, "mimeType": "text/plain", "buffer": SEED["001"].read_bytes()},
        {"name": "空.txt", "mimeType": "text/plain", "buffer": b"   "},
        {"name": SEED["003"].name, "mimeType": "text/plain", "buffer": SEED["003"].read_bytes()},
    ])
    page.click("#submit")
    page.locator("h1", has_text="批量审查结果").wait_for(timeout=WAIT)
    assert "空.txt: 文件不含正文" in page.inner_text("body")
    page.click(f"button.open:text-is('{SEED['003'].name}')")  # a form: it works without script
    page.locator(".verdict .word").wait_for(timeout=WAIT)
    assert page.inner_text(".verdict .word") in ("通过", "未通过")
    assert SEED["003"].name in page.inner_text("body")
    context.close()


def test_files_dropped_on_the_page(server, browser):
    """Drag and drop: the dropped files become the form's files, listed (as text) and uploaded."""
    page = browser.new_page()
    page.goto(server)
    text = SEED["002"].read_text(encoding="utf-8")
    dt = page.evaluate_handle(
        "([text, name]) => { const dt = new DataTransfer();"
        " dt.items.add(new File([text], name, {type: 'text/plain'}));"
        " dt.items.add(new File([''], '<img src=x>空.txt', {type: 'text/plain'})); return dt; }",
        [text, SEED["002"].name])
    page.dispatch_event("#drop", "drop", {"dataTransfer": dt})
    assert page.locator("#chosen li").all_inner_texts() == [SEED["002"].name, "<img src=x>空.txt"]
    page.click("#submit")
    page.locator("h1", has_text="批量审查结果").wait_for(timeout=WAIT)
    assert "<img src=x>空.txt: 文件为空" in page.inner_text("body")
    page.close()


def test_the_form_in_keyboard_order(server, browser):
    page = browser.new_page()
    page.goto(server)
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert [x for x in order if x in ("files", "rules", "min_score", "submit")] == ["files", "rules", "min_score", "submit"]
    page.close()


def test_healthz_answers_while_a_batch_runs(server):
    """Checks run in worker processes: the server answers while twenty reports are checked."""
    seeds = sorted(SEED.values())
    boundary = uuid.uuid4().hex
    parts = b"".join((f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{p.name}"\r\n\r\n')
                     .encode() + p.read_bytes() + b"\r\n" for p in (seeds * 4))
    body = parts + f"--{boundary}--\r\n".encode()
    done = {}

    def batch():
        req = urllib.request.Request(server + "api/check", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(req, timeout=300) as r:
            done["summary"] = json.loads(r.read())["summary"]

    t = threading.Thread(target=batch)
    t.start()
    answered_during = 0
    for _ in range(400):  # bounded: at most ~400 polls
        if not t.is_alive():
            break
        with urllib.request.urlopen(server + "healthz", timeout=5) as r:
            ok = json.loads(r.read())["status"] == "ok"
        answered_during += ok and t.is_alive()
        time.sleep(0.02)
    t.join(300)
    assert done["summary"]["total"] == 20 and done["summary"]["errors"] == 0
    assert answered_during >= 1


def test_with_a_token_the_printed_link_opens_the_page(browser):
    """The link ``check serve`` prints (…/?token=…) lets the browser in; the cookie it sets
    carries the token on every later request (the upload, the scorecard, the PDF)."""
    with live_server("--token", "browser-t0ken", token="browser-t0ken") as (url, _proc):
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(url)
        assert "访问令牌" in page.inner_text("body")  # without the token: refused, in Chinese
        page.goto(url + "?token=browser-t0ken")
        assert page.url == url and "token" not in page.url  # the token leaves the address bar
        page.set_input_files("#files", str(SEED["001"]))
        page.click("#submit")
        page.locator(".verdict .word").wait_for(timeout=WAIT)
        assert page.inner_text(".verdict .word") in ("通过", "未通过")
        with page.expect_download(timeout=WAIT) as dl:
            page.click("text=下载 PDF")
        assert Path(dl.value.path()).read_bytes().startswith(b"%PDF-")
        context.close()


def test_word_comments_and_two_drafts_from_the_page(server, browser, tmp_path):
    """The drafting loop in the browser: a Word upload's scorecard gives the draft back with the
    review as comments; two drafts chosen as old and new give their comparison."""
    import zipfile

    import derive_formats as derive
    from test_serve_review import _drafts

    src = derive.write_docx(SEED["001"], tmp_path / f"{SEED['001'].stem}.docx")
    page = browser.new_page(accept_downloads=True)
    page.goto(server)
    page.set_input_files("#files", str(src))
    page.click("#submit")
    page.locator(".verdict .num").wait_for(timeout=WAIT)
    with page.expect_download(timeout=WAIT) as dl:
        page.click("text=下载 Word 批注版")
    assert dl.value.suggested_filename == SEED["001"].stem + ".审查意见.docx"
    with zipfile.ZipFile(dl.value.path()) as z:
        assert b"<w:comment " in z.read("word/comments.xml")
    cut, full, _ = _drafts(tmp_path)
    page.goto(server)
    page.set_input_files("#old", str(cut))
    page.set_input_files("#new", str(full))
    page.click("#compare-submit")
    page.wait_for_load_state()
    assert "两稿比较" in page.title()
    assert cut.name in page.inner_text("body") and full.name in page.inner_text("body")
    page.close()
