"""The heading tree: marker styles, levels from order of appearance, run-in headings, items;
and property tests that the tree is always well formed."""

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.model import build_document
from checker.ingest import load
from checker.document.outline import build_outline
from conftest import SEED


def tree(key):
    return build_outline(load(SEED[key]))


def main_headings(outline):
    return [(s.line, s.heading) for s in outline.main_sections()]


def test_seed_001_four_parts_with_run_in_subheadings():
    o = tree("001")
    assert [line for line, _ in main_headings(o)] == [2, 8, 12, 16]
    first = o.main_sections()[0]
    subs = [c for c in first.children if c.kind == "cn_paren"]
    assert [c.line for c in subs] == [3, 4, 5, 6, 7]
    assert all(c.runin for c in subs)
    assert subs[0].title == "扛牢政治责任,确保法治建设引领方向"  # the first sentence only
    items = [c for c in subs[0].children if c.kind == "item"]
    assert [c.marker for c in items] == ["一是", "二是", "三是"]


def test_seed_000_ten_chapters_with_nested_parens():
    o = tree("000")
    assert [line for line, _ in main_headings(o)] == [2, 4, 6, 8, 12, 16, 20, 22, 24, 26]
    five = o.main_sections()[4]
    assert [c.title for c in five.children if c.kind == "cn_paren"] == ["强化人大监督", "强化专门监督", "强化社会监督"]


def test_seed_003_three_levels_and_chrome_outside_the_tree():
    o = tree("003")
    assert main_headings(o) == [(16, "一、依法行政工作开展情况"), (62, "二、存在的问题"), (66, "三、下步工作打算")]
    paren = [c for c in o.main_sections()[0].children if c.kind == "cn_paren"]
    assert [c.line for c in paren] == [18, 26, 40, 50, 54]
    nums = [c for c in paren[0].children if c.kind == "num"]
    assert [c.heading for c in nums] == ["1、建立会议学法制度", "2、加强依法行政的教育和培训", "3、强化依法行政考核"]


def test_seed_004_markdown_titles_above_numbered_sections():
    o = tree("004")
    kinds = [(s.kind, s.line) for s in o.sections() if s.kind.startswith("md")]
    assert kinds == [("md1", 3), ("md2", 7)]
    assert [line for line, _ in main_headings(o)] == [11, 17, 27, 45, 51, 67]
    assert o.main_sections()[2].heading == "三.坚持依法行政,努力建设现代法治政府"


def test_levels_follow_the_order_styles_first_appear():
    text = ["1、总体情况", "正文。", "（一）第一项", "正文。", "2、存在问题", "正文。"]
    o = build_outline(build_document(text))
    tops = o.root.children
    assert [s.kind for s in tops] == ["num", "num"]
    assert tops[0].children[0].kind == "cn_paren"


def test_item_after_a_colon_opens_an_item():
    o = build_outline(build_document(["二、存在不足", "主要表现:一是机制有待完善。二是队伍薄弱。"]))
    items = [s for s in o.sections() if s.kind == "item"]
    assert [s.marker for s in items] == ["一是", "二是"]


def test_long_numbered_paragraph_is_a_section_without_a_title():
    body = "一是" + "加强" * 40 + "。后文。"
    o = build_outline(build_document(["一、总体", "(一)" + "很长" * 40 + "。正文继续。", body]))
    paren = o.root.children[0].children[0]
    assert paren.kind == "cn_paren" and paren.title == ""


# ---- property tests ----------------------------------------------------------------------

markers = st.sampled_from(["一、", "二、", "三.", "(一)", "（二）", "1、", "2.", "(1)", "（2）", "一是", "二是", "第一部分",
                           "# ", "## ", "### ", ""])
words = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), min_size=0, max_size=30)
ends = st.sampled_from(["", "。", "，", "；", "。正文继续。", ":一是甲。二是乙。"])
plain = st.tuples(st.sampled_from(["", "**"]), words).map(lambda t: t[0] + t[1] + t[0])  # bold or plain lines
lines = st.lists(st.one_of(st.tuples(markers, words, ends).map("".join), plain), max_size=40)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_outline_is_always_a_well_formed_tree(text):
    doc = build_document(text)
    o = build_outline(doc)
    n = len(o.sentences)
    assert o.root.start == -1 and o.root.end == n

    def check(sec):
        for c in sec.children:
            assert c.parent is sec and c.level == sec.level + 1
            assert max(sec.start, 0) <= c.start < c.end <= sec.end
            assert 1 <= c.line <= len(text)
            assert o.sentences[c.start].line == c.line
            check(c)
        for a, b in zip(sec.children, sec.children[1:]):
            assert a.end == b.start  # siblings tile their parent without gaps or overlaps

    check(o.root)
    starts = [s.start for s in o.sections()]
    assert starts == sorted(starts)


def test_bold_and_plain_part_headings_are_sections():
    body = ["全年办理行政处罚案件283件。", "执法力量薄弱，原因是编制不足。", "年底前完成执法人员轮训。"]
    heads = ["主要举措和成效", "存在的不足和原因", "下一步工作打算"]
    for wrap, kind in (("**", "bold"), ("", "line")):
        text = ["某县2024年度法治政府建设情况报告", "2024年，我县扎实推进法治政府建设。现报告如下：",
                *[x for h, b in zip(heads, body) for x in (wrap + h + wrap, b)], "某县人民政府", "2025年2月1日"]
        o = build_outline(build_document(text))
        assert [(s.kind, s.title) for s in o.main_sections()] == [(kind, h) for h in heads]


def test_plain_lines_are_no_headings_in_a_report_numbered_with_yi():
    text = ["某县2024年度法治政府建设情况报告", "2024年，我县扎实推进法治政府建设。", "一、主要举措和成效",
            "全年办理行政处罚案件283件。", "典型案例", "某镇依法拆除违法建筑3处。", "二、存在的不足和原因", "执法力量薄弱。"]
    o = build_outline(build_document(text))
    assert [s.title for s in o.main_sections()] == ["主要举措和成效", "存在的不足和原因"]
    assert all(s.kind != "line" for s in o.sections())
