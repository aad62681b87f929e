"""Properties of the readers' parsers on generated input: the PDF reflow never loses, duplicates
or reorders text; the HTML reader never crashes, keeps the body's text in order and never reads
scripts or navigation."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.ingest import load
from checker.ingest.pdf import Line, _reflow

HAN = st.text(alphabet="法治政府建设依法行政决策执法监督。，、；一二三", min_size=1, max_size=40)


@st.composite
def pdf_lines(draw):
    """Lines of a page layout: random text, left at the margin or indented, right anywhere."""
    size = 14.0
    out, page, top = [], 1, 80.0
    for _ in range(draw(st.integers(1, 40))):
        text = draw(HAN)
        left = 86.0 + draw(st.sampled_from([0.0, 0.0, 0.0, 2 * size, 0.4 * size]))
        right = draw(st.floats(min_value=left + size, max_value=520.0))
        if draw(st.integers(0, 9)) == 0:
            page, top = page + 1, 80.0
        out.append(Line(page, text, left, right, top, size))
        top += 24.0
    return out


@given(pdf_lines())
def test_reflow_keeps_all_text_in_order(lines):
    paras = _reflow(lines)
    assert "".join(t for t, _ in paras) == "".join(ln.text for ln in lines)
    firsts = [ln for _, ln in paras]
    assert firsts[0] is lines[0]
    assert [lines.index(ln) for ln in firsts] == sorted(lines.index(ln) for ln in firsts)
    assert [ln.page for ln in firsts] == sorted(ln.page for ln in firsts)


CHROME_TAGS = st.sampled_from(["script", "style", "nav", "noscript"])
INLINE = st.sampled_from(["span", "b", "a", "font", "em"])


@st.composite
def body_html(draw):
    """A body of paragraphs (with inline markup and breaks) plus chrome that must never be read."""
    parts, paras = [], []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            tag = draw(CHROME_TAGS)
            parts.append(f"<{tag}>导航脚本XYZ</{tag}>")
            continue
        words = draw(st.lists(HAN, min_size=1, max_size=3))
        inner = ""
        for w in words:
            tag = draw(INLINE)
            inner += f"<{tag}>{html.escape(w)}</{tag}>" if draw(st.booleans()) else html.escape(w)
        wrapper = draw(st.sampled_from(["p", "div", "li", "h3"]))
        parts.append(f"<{wrapper}>{inner}</{wrapper}>")
        paras.append("".join(words))
    nest = draw(st.integers(0, 30))
    page = ("<html><head><title>标题</title><script>var x='脚本XYZ';</script></head><body>"
            "<div class='nav'><a>首页导航XYZ</a></div>" + "<div>" * nest + "<div id='zoom'>" + "".join(parts)
            + "</div>" + "</div>" * nest + "<div class='footer'>版权所有XYZ</div></body></html>")
    return page, paras


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body_html())
def test_html_reader_keeps_body_text_in_order(tmp_path_factory, case):
    page, paras = case
    path = tmp_path_factory.mktemp("h") / "p.html"
    path.write_text(page, encoding="utf-8")
    try:
        doc = load(path)
    except InputError as e:  # a body of punctuation only: refused cleanly, never a crash
        assert "不含正文" in str(e) or "网页" in str(e)
        return
    text = "".join(ln.lstrip("# ") for ln in doc.lines)
    assert "XYZ" not in text
    pos = 0
    for p in paras:  # every paragraph's text, in order
        found = text.find(p, pos)
        assert found >= 0, (p, text)
        pos = found + len(p)
