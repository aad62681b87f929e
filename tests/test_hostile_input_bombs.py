"""Inputs built to cost time or memory finish, and one broken report never cuts the JSON
(issue 12, item 2). Bounds are generous (a minute, or a ratio between two runs): they catch
quadratic behaviour, not speed; bench/bench_hostile.py prints the figures at several sizes.

Reproductions:
- 100,000 lines of ~30 Chinese characters with no sentence-ending punctuation (one paragraph the
  line joiner keeps extending): ``_continues`` re-joined the whole paragraph for every line
  (64k lines took 81 s). Rebuilt in a child process that must finish in 60 s.
- the PDF reader's ``_join`` over 200,000 printed lines of one paragraph: it searched the whole
  paragraph so far for a final Latin letter at every line (a 10 MB text layer took 3 minutes).
- a web page of 200,000 nested ``<div>`` around one paragraph: 124 s in the HTML parser.
- ``-j 1000``: forked 1,000 workers on a 2-CPU machine.
- 300,000 short lines (``第N行文字。``) with ``--format html``: the page was built as a list of
  line dicts and one string; its peak memory was 2.2x the JSON run's. Now the two are close.
- a PDF whose ToUnicode map gives a lone surrogate (U+D800) for "A" (built by ``lone_surrogate_pdf``),
  checked in a batch with two seeds and ``--format json``: the batch aborted with an internal
  error and cut-off JSON.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEED

TIMEOUT = 60


def _child(code: str, timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish in {timeout} s")


def _peak_run(*args, cwd=ROOT, timeout=120) -> tuple[subprocess.CompletedProcess, int]:
    """The check command in a child process; (result, its peak resident memory in KB)."""
    code = ("import resource, sys\nfrom checker.cli.main import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
            "    sys.stderr.write('PEAK %s\\n' % open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n")
    env = dict(os.environ, CHECK_CACHE_DIR="off")
    try:
        proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, cwd=cwd, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"check {' '.join(map(str, args))} did not finish in {timeout} s")
    peak = [int(ln.split()[1]) for ln in proc.stderr.splitlines() if ln.startswith("PEAK ")]
    return proc, peak[-1]


def test_one_long_paragraph_is_rebuilt_in_linear_time():
    proc = _child("""
        from checker.document.model import build_document
        lines = ["本年度我们持续推进法治政府建设工作并且取得了明显成效第%d项" % i for i in range(100_000)]
        doc = build_document(lines)
        assert len(doc.blocks) == 1 and doc.blocks[0].end == 100_000, len(doc.blocks)
        print("ok")
    """)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-2000:]


def test_short_lines_still_end_paragraphs():
    """The linear joiner keeps the joiner's rules: a short title line, a numbered heading without
    punctuation and a line cut after a comma."""
    from checker.document.model import build_document

    doc = build_document(["某某县2023年法治政府建设年度报告",
                          "一、2023年法治政府建设的主要举措和成效",
                          "本年度全县深入学习贯彻习近平法治思想，认真落实中央和省市关于法治政府建设的部署，",
                          "全面推进依法行政，各项工作取得明显成效。"])
    assert [(b.start, b.end) for b in doc.blocks] == [(1, 1), (2, 2), (3, 4)]


def test_pdf_join_is_linear():
    proc = _child("""
        from checker.ingest.pdf import Line, _join
        para = [Line(1 + i // 40, "A全面推进依法行政工作取得明显成效B", 0, 100, 10, 10, i % 40 + 1) for i in range(200_000)]
        text, starts = _join(para)
        assert len(starts) == 200_000 and text.count(" ") == 199_999
        assert text[starts[1][0] - 2:starts[1][0] + 3] == "B A全面"
        print("ok")
    """)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-2000:]


def test_deeply_nested_html_is_read(tmp_path):
    page = tmp_path / "deep.html"
    body = "本年度我们推进依法行政，加强行政执法监督，法治政府建设取得明显成效。" * 5
    page.write_text("<html><body>" + "<div>" * 200_000 + f"<p>{body}</p>" + "</div>" * 200_000 + "</body></html>",
                    encoding="utf-8")
    proc = _child(f"""
        from checker.ingest import load
        doc = load({str(page)!r})
        assert any("法治政府建设取得明显成效" in ln for ln in doc.lines), doc.lines[:5]
        print("ok")
    """)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-2000:]


def test_nesting_within_the_limit_is_left_alone():
    from checker.ingest.html import MAX_DEPTH, _flatten_deep

    page = "<html><body>" + "<div>" * (MAX_DEPTH - 10) + "正文" + "</div>" * (MAX_DEPTH - 10) + "</body></html>"
    assert _flatten_deep(page) == page
    deep = "<div>" * (MAX_DEPTH + 50) + "正文<!-- <div> -->" + "</div>" * (MAX_DEPTH + 50)
    flat = _flatten_deep(deep)
    assert flat.count("<div>") == MAX_DEPTH + 1  # + the one in the comment, which is not a tag
    assert flat.count("</div>") == MAX_DEPTH and "正文" in flat


def test_jobs_are_capped(monkeypatch, tmp_path):
    import concurrent.futures

    from checker import pipeline

    made = []

    class FakePool:
        def __init__(self, max_workers, **kw):
            made.append(max_workers)

        def submit(self, fn, *a):
            f = concurrent.futures.Future()
            f.set_result(fn(*a))
            return f

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", FakePool)
    for i in range(6):
        (tmp_path / f"r{i}.txt").write_text("报告", encoding="utf-8")
    pipeline.start_workers([str(tmp_path)], 1000)
    pipeline.start_workers([str(tmp_path / f"r{i}.txt") for i in range(6)], 1000)
    assert made and all(n <= pipeline.cpus() for n in made), made
    assert pipeline.useful_jobs(1000, 3) <= 3
    assert pipeline.useful_jobs(0) == pipeline.cpus()
    assert pipeline.useful_jobs(1) == 1


def test_html_output_of_a_million_lines_style_report_keeps_memory_flat(tmp_path):
    src = tmp_path / "short.txt"
    src.write_text("".join(f"第{i}行文字。\n" for i in range(300_000)), encoding="utf-8")
    out = tmp_path / "out"
    json_run, json_peak = _peak_run(src, "-f", "json", cwd=tmp_path)
    html_run, html_peak = _peak_run(src, "-f", "html", "-o", out, cwd=tmp_path)
    assert json_run.returncode in (0, 1) and html_run.returncode in (0, 1), html_run.stderr[-2000:]
    assert (out / "short.html").stat().st_size > 300_000 * 10
    assert html_peak < json_peak * 1.4 + 60_000, (json_peak, html_peak)


def lone_surrogate_pdf(path: Path) -> Path:
    """A one-page PDF whose font maps byte 0x41 ('A') to U+D800 through its ToUnicode CMap, with
    Chinese text drawn in the same font (PDFium returns a lone surrogate for each 'A')."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <D800> <42> <6CD5> endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 24 Tf 72 700 Td (BAAB BBB ABA) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_lone_surrogate_in_a_pdf_does_not_abort_the_batch(tmp_path):
    pdf = lone_surrogate_pdf(tmp_path / "b.pdf")
    a, c = tmp_path / "a.txt", tmp_path / "c.txt"
    a.write_bytes(SEED["001"].read_bytes())
    c.write_bytes(SEED["002"].read_bytes())
    proc = subprocess.run([sys.executable, "-m", "checker", a, pdf, c, "-f", "json"], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=ROOT, env=dict(os.environ, CHECK_CACHE_DIR="off"))
    assert "内部错误" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    assert [Path(r["file"]).name for r in data["reports"]] == ["a.txt", "b.pdf", "c.txt"]
    assert data["summary"]["total"] == 3
    assert all("score" in r for r in (data["reports"][0], data["reports"][2]))


def test_the_pdf_reader_replaces_lone_surrogates(tmp_path):
    from checker.ingest import load

    doc = load(lone_surrogate_pdf(tmp_path / "b.pdf"))
    text = "\n".join(doc.lines)
    assert "\ufffd" in text and "法" in text
    text.encode("utf-8")  # no lone surrogate left


def test_a_surrogate_pair_from_pdfium_is_one_character():
    from checker.ingest.pdf import _text

    assert _text("\ud840\udc0b") == "\U0002000b"
    assert _text("a\udc00b") == "a\ufffdb"


def test_json_survives_a_report_that_cannot_be_serialised(tmp_path):
    """A bug in one report's serialisation gives that file an error entry; the JSON stays whole."""
    from checker.pipeline import Outcome
    from checker.render.json_out import Renderer
    from conftest import check_seed

    good = Outcome(str(SEED["001"]), report=check_seed("001"))
    bad_report = check_seed("002")
    bad_report.to_dict = lambda: (_ for _ in ()).throw(RuntimeError("boom"))
    out = io.StringIO()
    r = Renderer(out)
    r.start(3)
    r.add(good)
    r.add(Outcome("坏.txt", report=bad_report))
    r.add(Outcome("名字\udcff.txt", error="名字\udcff.txt: 文件为空"))  # a file name that is not UTF-8
    r.finish()
    data = json.loads(out.getvalue())
    out.getvalue().encode("utf-8")
    assert data["summary"]["total"] == 3 and data["summary"]["errors"] == 2
    assert "boom" in data["reports"][1]["error"]


def test_unclosed_inline_tags_do_not_unwrap_the_content_container():
    """A sloppy page leaves 300 <span> open inside a div; the div's end closes them (as the
    parser does), so the content container after it is kept whole."""
    from checker.ingest.html import _flatten_deep

    page = ("<html><body><div>" + "<span>导航" * 300 + "</div>"
            + '<div class="TRS_Editor"><div><p>正文</p></div></div></body></html>')
    flat = _flatten_deep(page)
    assert '<div class="TRS_Editor"><div><p>正文</p></div></div>' in flat
