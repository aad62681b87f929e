"""Derive the formats a report really arrives in from a UTF-8 seed: GB18030 and UTF-8-BOM CRLF
text, Word (.docx, headings as Word headings, optionally numbered by Word), a page from a
government site (.html) and a printed PDF with running header and page numbers.

Only the layout changes, never the words: each non-blank line of the seed becomes one paragraph.
Which lines are headings comes from the seed itself (a Markdown heading, or a standalone line
the checker's own outline reads as a numbered heading).
"""

from __future__ import annotations

import html
from pathlib import Path

import regex

from checker.document.model import build_document
from checker.ingest.plain import split_lines
from checker.document.outline import build_outline

_MD_HEAD = regex.compile(r"^\s{0,3}(#{1,6})\s*")
_MD_RULE = regex.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_BOLD = regex.compile(r"\*\*")
CN = "一二三四五六七八九十"


def seed_paragraphs(seed: Path) -> list[tuple[str, int]]:
    """(text, heading level: 0 body, 1 or 2) for each non-blank line of a seed, Markdown marks removed."""
    lines = split_lines(seed.read_text(encoding="utf-8"))
    doc = build_document(lines, str(seed))
    outline = build_outline(doc)
    standalone = {b.start for b in doc.blocks if b.start == b.end and len(b.sentences) == 1}
    levels: dict[int, int] = {}
    for sec in outline.sections():
        if sec.kind in ("cn", "cn_paren") and not sec.runin and sec.line in standalone:
            levels[sec.line] = 1 if sec.kind == "cn" else 2
    out = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip() or _MD_RULE.match(raw):
            continue
        level = levels.get(n, 0)
        m = _MD_HEAD.match(raw)
        if m:
            level = min(len(m.group(1)), 3)
            raw = raw[m.end():]
        out.append((_BOLD.sub("", raw).strip(), level))
    return out


# --- text ---------------------------------------------------------------------------------

def write_gb18030(seed: Path, dest: Path) -> Path:
    dest.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    return dest


def write_bom_crlf(seed: Path, dest: Path) -> Path:
    text = "\r\n".join(split_lines(seed.read_text(encoding="utf-8"))) + "\r\n"
    dest.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return dest


# --- Word ---------------------------------------------------------------------------------

_NUMBERING_XML = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""

_MARK = {1: regex.compile(r"^([一二三四五六七八九十]+)[、.]\s*"), 2: regex.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*")}


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def write_docx(seed: Path, dest: Path, word_numbering: bool = False) -> Path:
    """Headings get the styles Heading 1/2; with ``word_numbering`` the 一、/（一） markers that Word
    would produce are removed from the text and attached as automatic numbering (numPr)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    d = docx.Document()
    if word_numbering:
        d.part.numbering_part._element = parse_xml(_NUMBERING_XML)  # the template's part, replaced
    counters = [0, 0]
    for text, level in seed_paragraphs(seed):
        if not level:
            d.add_paragraph(text)
            continue
        numbered = False
        if word_numbering and level in (1, 2):
            m = _MARK[level].match(text)
            expect = counters[level - 1] + 1
            if m and m.group(1) == _cn(expect):
                counters[level - 1] = expect
                if level == 1:
                    counters[1] = 0
                text, numbered = text[m.end():], True
        p = d.add_paragraph(text, style=f"Heading {level}")
        if numbered:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{qn("w:numPr").split("}")[0][1:]}"><w:ilvl w:val="{level - 1}"/>'
                f'<w:numId w:val="3"/></w:numPr>'))
    d.sections[0].header.paragraphs[0].text = "页眉：某某县人民政府办公室"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.save(dest)
    return dest


# --- web page -----------------------------------------------------------------------------

_SITE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">
<title>{title}_某某市人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码，不是正文。");</script>
<style>.nav li{{display:inline}}</style></head><body>
<div class="top"><a href="/">某某市人民政府门户网站</a> <span>无障碍浏览</span> <span>长者模式</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjmx/">走进某某</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<table class="xxgk"><tr><td>索引号：11520000MB1234567X/2022-00123</td><td>发布机构：某某市司法局</td></tr>
<tr><td>主题分类：法治政府建设</td><td>发文日期：2022年01月20日</td></tr></table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：2022-01-20 09:30 来源：某某市司法局 浏览次数：1024 字号：[大 中 小]</div>
<div {container}>
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools">【打印本页】 【关闭窗口】</div>
</div>
<div class="related"><h3>相关信息</h3><ul><li><a>关于印发某某市2022年普法依法治理工作要点的通知</a></li>
<li><a>某某市人民政府关于2020年度法治政府建设情况的报告</a></li></ul></div>
<div class="footer"><p>主办：某某市人民政府办公室 承办：某某市大数据发展管理局</p>
<p>网站标识码：5200000001 黔ICP备12345678号 黔公网安备 52010202001234号</p>
<p>地址：某某市行政中心 电话：0851-12345678</p></div>
<script src="/js/share.js"></script><script>window.onload=function(){{}}</script>
</body></html>"""


def write_html(seed: Path, dest: Path, charset: str = "utf-8", container: str = 'class="TRS_Editor" id="zoom"') -> Path:
    """The seed inside a typical government-site page; ``container`` is the body's attributes
    (pass e.g. 'class="c2f"' for a site whose content class the reader does not know)."""
    paras = seed_paragraphs(seed)
    parts = []
    for text, level in paras:
        t = html.escape(text)
        parts.append(f"<h{level + 1}>{t}</h{level + 1}>" if level else f'<p style="text-indent:2em">{t}</p>')
    page = _SITE.format(charset=charset, title="法治政府建设年度报告", body="\n".join(parts), container=container)
    dest.write_bytes(page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset))
    return dest


# --- PDF ----------------------------------------------------------------------------------

_PRINT_CSS = """
@page { size: A4; margin: 28mm 26mm 26mm 28mm;
  @top-center { content: "%(running)s"; font-size: 9pt; }
  @bottom-center { content: %(footer)s; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 15pt; line-height: 1.6; }
p { text-indent: 2em; margin: 0; text-align: justify; }
h1, h2, h3, h4 { font-size: 15pt; margin: 0; font-family: "Noto Sans CJK SC", sans-serif; }
h1 { font-weight: bold; } h2 { font-weight: normal; text-indent: 2em; }
h3, h4 { text-indent: 2em; }
"""


def pdf_html(seed: Path, footer_style: str = "cn") -> str:
    footer = '"第 " counter(page) " 页"' if footer_style == "cn" else '"- " counter(page) " -"'
    css = _PRINT_CSS % {"running": "某某人民政府关于法治政府建设情况的报告", "footer": footer}
    parts = []
    for text, level in seed_paragraphs(seed):
        t = html.escape(text)
        parts.append(f"<h{level}>{t}</h{level}>" if level else f"<p>{t}</p>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


def write_pdf(seed: Path, dest: Path, footer_style: str = "cn") -> Path:
    import weasyprint

    weasyprint.HTML(string=pdf_html(seed, footer_style)).write_pdf(dest)
    return dest


# --- every seed in every format, made once per test session -------------------------------

VARIANTS = {
    "gb18030.txt": write_gb18030,
    "bom-crlf.txt": write_bom_crlf,
    "docx": write_docx,
    "numbered.docx": lambda s, d: write_docx(s, d, word_numbering=True),
    "html": write_html,
    "gbk.htm": lambda s, d: write_html(s, d, charset="gbk"),
    "pdf": lambda s, d: write_pdf(s, d, footer_style="cn"),
    "dash.pdf": lambda s, d: write_pdf(s, d, footer_style="dash"),
}
_MADE: dict[Path, dict] = {}


def derived_files(seeds: dict[str, Path], base: Path) -> dict[tuple[str, str], Path]:
    """{(seed key, variant): path}; built on first use in ``base`` and reused by every test module
    (call it from a session-scoped fixture with a directory under the session's temp root)."""
    if base not in _MADE:
        base.mkdir(parents=True, exist_ok=True)
        _MADE[base] = {(key, name): make(seeds[key], base / f"{key}.{name}")
                       for key in sorted(seeds) for name, make in VARIANTS.items()}
    return _MADE[base]
