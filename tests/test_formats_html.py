"""Web pages: the article body is found, the site around it is not read, paragraphs stay paragraphs."""

from __future__ import annotations

import pytest

import derive_formats as derive
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.document.normalize import normalize
from checker.rulebook.model import load_rulebook
from conftest import SEED, check_seed, statuses

SITE_WORDS = ["政务服务", "互动交流", "无障碍浏览", "统计代码", "分享到", "微博", "关于印发某某市2022年普法依法治理工作要点的通知",
              "大数据发展管理局", "window.onload", "share.js", "_hmt"]


@pytest.mark.parametrize("key", sorted(SEED))
def test_body_paragraphs_in_order_and_no_site_chrome(tmp_path, key):
    doc = load(derive.write_html(SEED[key], tmp_path / "page.html"))
    text, seed_text = "\n".join(doc.lines), SEED[key].read_text(encoding="utf-8")
    for word in SITE_WORDS:
        assert word in seed_text or word not in text
    body = [normalize(t) for t, _ in derive.seed_paragraphs(SEED[key])]
    got = [normalize(ln.lstrip("# ")) for ln in doc.lines]  # headings are "# ..." lines
    assert got[-len(body):] == body  # every paragraph whole, in order, one line each
    assert got[:-len(body)] in ([], [normalize("法治政府建设年度报告")])  # at most the page's own title


@pytest.mark.parametrize("key", ["001", "003"])
def test_unknown_content_container_found_by_text_density(tmp_path, key):
    """An old table-layout site with no known content class: the cell richest in text is the body."""
    paras = "".join(f"<p>{t}</p>" for t, _ in derive.seed_paragraphs(SEED[key]))
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
            "<table><tr><td class='c1'><a>首页</a> | <a>机构概况</a> | <a>政务公开</a> | <a>办事服务</a></td></tr>"
            "<tr><td class='c2'><div class='c3'>" + paras + "</div></td>"
            "<td class='c4'><ul><li><a>某某镇召开2023年第一季度安全生产工作会议</a></li>"
            "<li><a>某某镇开展“3·15”消费者权益保护宣传活动</a></li></ul></td></tr>"
            "<tr><td class='c5'>某某镇人民政府 版权所有 技术支持：某某网络公司</td></tr></table></body></html>")
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("gb18030"))
    doc = load(path)
    assert doc.encoding == "gb18030"
    assert not any("安全生产工作会议" in ln or "机构概况" in ln for ln in doc.lines)
    assert statuses(evaluate(doc, load_rulebook("national-2021"))) == statuses(check_seed(key))


def test_wrong_charset_declaration_falls_back_to_detection(tmp_path):
    path = tmp_path / "p.html"
    body = "".join(f"<p>{t}</p>" for t, _ in derive.seed_paragraphs(SEED["002"]))
    path.write_bytes(f"<html><head><meta charset='utf-8'></head><body><div id='zoom'>{body}</div></body></html>"
                     .encode("gb18030"))
    doc = load(path)
    assert doc.encoding == "gb18030" and "主要举措和成效" in "".join(doc.lines)


def test_line_breaks_and_headings_inside_the_body(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><body><div class='TRS_Editor'><h3>一、主要举措和成效</h3>"
                    "<p>我县全面推进依法行政，<b>严格</b>规范公正文明执法。<br>第二行仍是正文，"
                    "<span>不被</span>拆开。</p><h4>（一）决策</h4><p>健全重大行政决策程序制度。" + "依法决策。" * 30 +
                    "</p><script>alert('不是正文')</script><div class='bdshare'>分享到微信</div></div></body></html>",
                    encoding="utf-8")
    assert load(path).lines == ["# 一、主要举措和成效", "我县全面推进依法行政，严格规范公正文明执法。", "第二行仍是正文，不被拆开。",
                                "## （一）决策", "健全重大行政决策程序制度。" + "依法决策。" * 30]


def test_density_adds_up_many_paragraphs(tmp_path):
    """Eight ordinary paragraphs outweigh one long paragraph in a side column."""
    body = "".join(f"<p>第{i}段：我县全面推进依法行政，严格规范公正文明执法，健全重大行政决策程序制度。</p>" for i in range(8))
    side = "<p>" + "热点专题：学习贯彻习近平法治思想，推进全面依法治国，建设社会主义法治国家。" * 3 + "</p>"
    path = tmp_path / "p.html"
    path.write_text(f"<html><body><div class='c1'>{side}</div><div class='c2'>{body}</div></body></html>", encoding="utf-8")
    lines = load(path).lines
    assert len(lines) == 8 and lines[0].startswith("第0段") and not any("热点专题" in ln for ln in lines)


def test_html5_page_with_header_aside_and_footer(tmp_path):
    paras = "".join(f"<p>{t}</p>" for t, _ in derive.seed_paragraphs(SEED["002"]))
    side = "".join(f"<p>推荐阅读：{t}</p>" for t in ["某某区召开2022年法治政府建设工作推进会，部署全年重点任务" * 2] * 6)
    page = ("<!doctype html><html><body><header><div class='logo'>某某区人民政府</div><nav>首页 新闻 公开</nav></header>"
            f"<main><article><header><h1>某某区2021年法治政府建设年度报告</h1></header><div class='wz_body'>{paras}</div>"
            f"</article><aside>{side}</aside></main><footer>主办单位：某某区人民政府办公室</footer></body></html>")
    path = tmp_path / "page.shtml"
    path.write_text(page, encoding="utf-8")
    doc = load(path)
    assert doc.lines[0] == "某某区2021年法治政府建设年度报告"
    assert [normalize(ln) for ln in doc.lines[1:]] == [normalize(t) for t, _ in derive.seed_paragraphs(SEED["002"])]
