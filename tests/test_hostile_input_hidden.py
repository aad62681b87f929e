"""Hidden text never changes a verdict (issue 12, item 1).

Reproduction: take a seed's paragraphs (tests/derive_formats.seed_paragraphs); keep the title,
the opening two paragraphs and the closing two visible, and write every other paragraph as hidden
text: in Word with ``<w:vanish/>`` on the run, through a character style that hides its text, or
through a paragraph style that does; in a web page with ``style="display:none"``,
``style="visibility:hidden"``, the ``hidden`` attribute, or a class that the page's own
``<style>`` sets to ``display: none``. The file looks like a short report that covers almost
nothing; before the fix the reader read the hidden paragraphs and it passed. Its verdict must be
the verdict of the same file without the hidden paragraphs. A half-hidden paragraph (a hidden
run inside a visible paragraph) is read without its hidden run.
"""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import derive_formats as derive
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.rulebook.model import load_rulebook
from conftest import SEED, statuses

KEYS = ["001", "003", "004"]


def _visible_mask(paras) -> list[bool]:
    n = len(paras)
    return [i < 3 or i >= n - 2 for i in range(n)]


def write_docx(paras, visible, dest):
    """Paragraphs of a seed as Word paragraphs; the ones not ``visible`` hidden three ways in turn."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    secret_chars = d.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    secret_chars.font.hidden = True
    secret_paras = d.styles.add_style("SecretPara", WD_STYLE_TYPE.PARAGRAPH)
    secret_paras.font.hidden = True
    hidden_count = 0
    for (text, level), show in zip(paras, visible):
        style = f"Heading {level}" if level else None
        if show:
            d.add_paragraph(text, style=style)
            continue
        way = hidden_count % 3
        hidden_count += 1
        if way == 2 and not level:
            d.add_paragraph(text, style="SecretPara")
            continue
        p = d.add_paragraph(style=style)
        run = p.add_run(text, style="Secret" if way == 1 else None)
        if way != 1:
            run.font.hidden = True
    # a visible paragraph with a hidden run in the middle
    p = d.add_paragraph("本段可见。")
    p.add_run("存在的不足和原因：法治意识有待提高，原因是学习不够。").font.hidden = True
    d.save(dest)
    return dest


_WAYS = ['style="display:none"', 'style="color:red; visibility: hidden"', "hidden", 'class="x-secret"',
         'style="DISPLAY : NONE !important"']


def write_html(paras, visible, dest):
    """The same as a government web page (derive_formats' page); hidden paragraphs in five ways."""
    parts, hidden_count = [], 0
    for (text, level), show in zip(paras, visible):
        t = html.escape(text)
        tag = f"h{level + 1}" if level else "p"
        attrs = ""
        if not show:
            attrs = " " + _WAYS[hidden_count % len(_WAYS)]
            hidden_count += 1
        parts.append(f"<{tag}{attrs}>{t}</{tag}>")
    parts.append('<p>本段可见。<span style="display:none">存在的不足和原因：法治意识有待提高。</span></p>')
    parts.append('<div style="visibility:hidden">隐藏的段落<p style="visibility:visible">重新可见的一句话。</p></div>')
    page = derive._SITE.format(charset="utf-8", title="法治政府建设年度报告", body="\n".join(parts),
                               container='class="TRS_Editor" id="zoom"')
    page = page.replace("</style>", ".x-secret { display: none }</style>")
    dest.write_text(page, encoding="utf-8")
    return dest


WRITERS = {"docx": write_docx, "html": write_html}


@pytest.fixture(scope="module")
def book():
    return load_rulebook("national-2021")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("key", KEYS)
def test_hidden_paragraphs_do_not_count(tmp_path, book, key, fmt):
    paras = derive.seed_paragraphs(SEED[key])
    visible = _visible_mask(paras)
    write = WRITERS[fmt]
    hostile = load(write(paras, visible, tmp_path / f"hostile.{fmt}"))
    shown = [p for p, v in zip(paras, visible) if v]
    plain = load(write(shown, [True] * len(shown), tmp_path / f"plain.{fmt}"))
    full = evaluate(load(write(paras, [True] * len(paras), tmp_path / f"full.{fmt}")), book)
    got, want = evaluate(hostile, book), evaluate(plain, book)
    assert full.score > want.score, "the hidden paragraphs would raise the score if they were read"
    assert statuses(got) == statuses(want)
    assert got.score == want.score and got.passed == want.passed
    text = "\n".join(hostile.lines)
    assert "法治意识有待提高" not in text  # the hidden run inside a visible paragraph
    assert "本段可见。" in text
    if fmt == "html":
        assert "重新可见的一句话。" in text and "隐藏的段落" not in text
    info = [f for f in got.findings if f.rule == "input.hidden-text"]
    assert info and info[0].severity == "info" and "隐藏文字" in info[0].message


def test_aria_hidden_is_still_read(tmp_path):
    """``aria-hidden`` hides text from screen readers only; sighted readers see it."""
    page = derive._SITE.format(charset="utf-8", title="法治政府建设年度报告", container='id="zoom"',
                               body='<p aria-hidden="true">本年度我们推进依法行政，加强行政执法监督，法治政府建设取得明显成效。</p>'
                               + "<p>全面推进政务公开，严格落实重大行政决策程序，行政复议和行政应诉工作规范有序。</p>" * 3)
    path = tmp_path / "aria.html"
    path.write_text(page, encoding="utf-8")
    assert "本年度我们推进依法行政" in "\n".join(load(path).lines)


def test_word_hidden_false_overrides_a_hiding_style(tmp_path):
    """``<w:vanish w:val="false"/>`` on a run shows it even in a hiding paragraph style."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    st = d.styles.add_style("SecretPara", WD_STYLE_TYPE.PARAGRAPH)
    st.font.hidden = True
    p = d.add_paragraph("看不见的字", style="SecretPara")
    p.add_run("看得见的字。").font.hidden = False
    d.add_paragraph("另一段正文。")
    d.save(tmp_path / "v.docx")
    lines = load(tmp_path / "v.docx").lines
    assert lines == ["看得见的字。", "另一段正文。"]


def test_hidden_inside_hidden_is_removed_once(tmp_path):
    """Nested hidden elements (a hidden paragraph inside a hidden div) are removed with their
    outermost hidden ancestor; the reader neither crashes nor keeps any of them."""
    body = ("<p>全面推进政务公开，严格落实重大行政决策程序，行政复议和行政应诉工作规范有序。</p>" * 4
            + '<div style="display:none"><p hidden>隐藏一</p><span style="visibility:hidden">隐藏二'
              '<b class="x-secret">隐藏三</b></span></div><p class="x-secret"><span hidden>隐藏四</span></p>')
    page = derive._SITE.format(charset="utf-8", title="法治政府建设年度报告", container='id="zoom"', body=body)
    page = page.replace("</style>", ".x-secret{display:none}</style>")
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    text = "\n".join(load(path).lines)
    assert "隐藏" not in text and "政务公开" in text


_HIDE = {"display": ' style="display:none"', "attr": " hidden", "class": ' class="x-secret"', "none": "",
         "aria": ' aria-hidden="true"', "color": ' style="color:#333"'}
_node = st.deferred(lambda: st.one_of(
    st.integers(0, 10**6).map(lambda i: ("text", i)),
    st.tuples(st.sampled_from(["div", "span", "section", "b"]), st.sampled_from(sorted(_HIDE)),  # not p: it closes at a <div>
              st.lists(_node, max_size=4))))


def _render(node, hidden: bool, seen: dict) -> str:
    if node[0] == "text":
        token = f"{'隐' if hidden else '显'}{node[1]}号"
        seen.setdefault(hidden, set()).add(token)
        return f"<span>{token}</span>"
    tag, how, children = node
    now = hidden or how in ("display", "attr", "class")
    return f"<{tag}{_HIDE[how]}>" + "".join(_render(c, now, seen) for c in children) + f"</{tag}>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(_node, min_size=1, max_size=5))
def test_any_tree_of_hidden_and_visible_elements(tmp_path, tree):
    """Property: whatever the nesting, every visible token is read and no hidden one is."""
    seen: dict = {}
    body = "".join(_render(n, False, seen) for n in tree)
    filler = "<p>全面推进政务公开，严格落实重大行政决策程序，行政复议和行政应诉工作规范有序。</p>" * 4
    page = derive._SITE.format(charset="utf-8", title="法治政府建设年度报告", container='id="zoom"', body=filler + body)
    page = page.replace("</style>", ".x-secret { display: none }</style>")
    path = tmp_path / "prop.html"
    path.write_text(page, encoding="utf-8")
    text = "".join(load(path).lines).replace(" ", "")
    for token in seen.get(False, ()):
        assert token in text
    for token in seen.get(True, ()):
        assert token not in text


def test_rules_inside_media_queries_hide_nothing_on_screen(tmp_path):
    """``@media print { .x { display: none } }`` hides text on paper only; a reader of the page
    sees it. A plain rule next to it still hides."""
    body = ('<p class="screen-only">本年度我们推进依法行政，加强行政执法监督，法治政府建设取得明显成效。</p>'
            + "<p>全面推进政务公开，严格落实重大行政决策程序，行政复议和行政应诉工作规范有序。</p>" * 3
            + '<p class="gone">隐藏的一句</p>')
    page = derive._SITE.format(charset="utf-8", title="法治政府建设年度报告", container='id="zoom"', body=body)
    page = page.replace("</style>", "@media print { .screen-only { display: none } } .gone { display: none }</style>")
    path = tmp_path / "media.html"
    path.write_text(page, encoding="utf-8")
    text = "\n".join(load(path).lines)
    assert "本年度我们推进依法行政" in text and "隐藏的一句" not in text
