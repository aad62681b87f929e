"""The drafting loop on the web page (issue 14, point 3): the Word file with the review as
comments from any scorecard, and two drafts compared. In process, with Starlette's test client;
the real browser clicks both in test_serve_browser.py."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")
docx = pytest.importorskip("docx")
from starlette.testclient import TestClient  # noqa: E402

import derive_formats as derive  # noqa: E402
from checker.pipeline import Options, check_file  # noqa: E402
from checker.serve.app import LOOPBACK_HOSTS, Settings, create_app  # noqa: E402
from checker.serve.work import Workers  # noqa: E402
from conftest import SEED  # noqa: E402
from serve_helpers import downloads, state_of, wait_results  # noqa: E402
from test_deletion import CASES, delete_section  # noqa: E402
from test_word_comments import assert_comments_match, visible_text  # noqa: E402

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def client():
    workers = Workers(2)
    app = create_app(Settings(allowed_hosts=LOOPBACK_HOSTS, max_files=8), workers)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    workers.shutdown()


def _upload(client, items) -> str:
    r = client.post("/check", files=[("files", item) for item in items], follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def _word(client, page_html: str):
    r = client.post("/docx", data={"state": state_of(page_html, "/pdf")})
    assert r.status_code == 200 and r.headers["content-type"] == WORD, r.text[:200]
    return r


def _body_texts(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    return [visible_text(p) for p in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]


@pytest.mark.parametrize("key", ["001", "004"])
def test_a_word_upload_comes_back_as_itself_with_the_review_as_comments(client, key, tmp_path):
    src = derive.write_docx(SEED[key], tmp_path / f"{SEED[key].stem}.docx")
    card = wait_results(client, _upload(client, [(src.name, src.read_bytes())]))
    assert "下载 Word 批注版" in card.text and len(client.app.state.store) == 0  # nothing kept
    r = _word(client, card.text)
    assert r.headers["content-disposition"].endswith(quote(f"{SEED[key].stem}.审查意见.docx"))
    out = tmp_path / "served.docx"
    out.write_bytes(r.content)
    report = check_file(str(src), Options(), keep_text=True).report
    assert_comments_match(report, out)  # one comment per evidence paragraph and finding, on its paragraph
    assert _body_texts(r.content) == _body_texts(src.read_bytes())  # the upload's own paragraphs, unchanged


def test_any_other_upload_becomes_a_new_word_document_with_the_comments(client, tmp_path):
    card = wait_results(client, _upload(client, [(SEED["002"].name, SEED["002"].read_bytes())]))
    out = tmp_path / "new.docx"
    out.write_bytes(_word(client, card.text).content)
    report = check_file(str(SEED["002"]), Options(), keep_text=True).report
    assert_comments_match(report, out)


def test_a_batch_rows_scorecard_offers_the_word_file_too(client, tmp_path):
    src = derive.write_docx(SEED["000"], tmp_path / f"{SEED['000'].stem}.docx")
    dash = wait_results(client, _upload(client, [(src.name, src.read_bytes()), (SEED["003"].name, SEED["003"].read_bytes())]))
    card = client.post("/scorecard", data={"state": state_of(dash.text, "/scorecard", "open-1")})
    r = _word(client, card.text)
    assert _body_texts(r.content) == _body_texts(src.read_bytes())


def test_a_forged_state_gets_no_word_file(client):
    card = wait_results(client, _upload(client, [(SEED["001"].name, SEED["001"].read_bytes())]))
    sealed = state_of(card.text, "/pdf")
    r = client.post("/docx", data={"state": sealed[:-6] + "AAAAAA"})
    assert r.status_code == 400 and "无效或已过期" in r.text


# --- two drafts compared ----------------------------------------------------------------------

def _drafts(tmp_path, key="001"):
    from checker.rulebook.model import load_rulebook
    from checker.ingest.plain import split_lines

    _, heading, elements = next(c for c in CASES if c[0] == key)
    lines = split_lines(SEED[key].read_text(encoding="utf-8"))
    cut = tmp_path / f"{key}_删节.txt"
    cut.write_text("\n".join(delete_section(lines, load_rulebook("national-2021"), heading)) + "\n", encoding="utf-8")
    return cut, SEED[key], elements


def _compare(client, old, new, url="/api/diff", **data):
    return client.post(url, files={"old": (old.name, old.read_bytes()), "new": (new.name, new.read_bytes())}, data=data)


def test_the_api_compares_two_drafts_as_check_diff_does(client, tmp_path, capsys):
    from checker.cli.main import main

    cut, full, elements = _drafts(tmp_path)
    better = _compare(client, cut, full).json()
    assert better["worse"] is False and better["outcome"] in ("better", "mixed")
    fixed = {e["id"] for e in better["elements"] if e["change"] == "fixed"}
    assert set(elements) <= fixed
    worse = _compare(client, full, cut).json()
    assert worse["worse"] is True and worse["worse_reasons"]
    with pytest.raises(SystemExit) as e:  # exactly the CLI's JSON (names aside: the upload's own)
        main(["diff", str(full), str(cut), "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert e.value.code == 1
    for side in ("old", "new"):
        cli[side].pop("file", None), worse[side].pop("file", None)
    assert cli == worse


def test_the_page_shows_the_comparison_and_carries_its_json(client, tmp_path):
    cut, full, elements = _drafts(tmp_path, "004")
    r = _compare(client, cut, full, url="/diff")
    assert r.status_code == 200 and "两稿比较" in r.text
    assert cut.name in r.text and full.name in r.text  # the drafts by their own names, not temp paths
    assert "check-serve" not in r.text
    data = json.loads(downloads(r.text)["diff.json"])
    assert data["worse"] is False
    assert len(client.app.state.store) == 0


def test_comparison_errors_name_the_draft_in_chinese(client, tmp_path):
    cut, full, _ = _drafts(tmp_path)
    r = client.post("/api/diff", files={"old": (cut.name, cut.read_bytes())})
    assert r.status_code == 400 and "新稿" in r.json()["error"]
    r = client.post("/api/diff", files={"old": ("坏.docx", b"not a zip"), "new": (full.name, full.read_bytes())})
    assert r.status_code == 422 and r.json()["error"].startswith("旧稿 坏.docx") and "check-serve" not in r.json()["error"]
    page = client.post("/diff", files={"old": ("坏.docx", b"not a zip"), "new": (full.name, full.read_bytes())})
    assert page.status_code == 422 and "旧稿 坏.docx" in page.text and 'id="compare"' in page.text
    assert client.get("/healthz").json()["status"] == "ok"


def test_markup_in_a_drafts_name_is_text(client, tmp_path):
    cut, full, _ = _drafts(tmp_path)
    evil = "<img src=x onerror=alert(1)>.txt"
    r = client.post("/diff", files={"old": (evil, cut.read_bytes()), "new": (full.name, full.read_bytes())})
    assert r.status_code == 200 and "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text
