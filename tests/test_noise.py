"""Noisy text gets the clean report's verdict: line breaks lost, hard wrapping, page numbers and
running headers in mid-sentence, traditional characters (UTF-8 or Big5), heading markers in
other widths and spacings (checker/noise/, checker/document/outline.py).

The casebook's noisy cases (tests/data/casebook/, copied from the reviewer's casebook) must get
exactly the verdict of the clean base report; the property tests derive the same kinds of noise
from every seed and check that no verdict changes.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.document.model import build_document
from checker.ingest import load
from checker.ingest.plain import split_lines
from checker.noise import pages, runon, script, wrap
from checker.document.outline import build_outline
from checker.document.normalize import normalize
from conftest import SEED, check_text, checked, statuses

CASEBOOK = Path(__file__).parent / "data" / "casebook"
BASE = CASEBOOK / "00_base_county_2024.txt"
NOISY = ["60_one_line.txt", "61_one_line_spaces.txt", "62_page_breaks_midsentence.txt", "63_hard_wrapped.txt",
         "64_width_mix.txt", "65_arabic_top_numbering.txt", "66_traditional.txt", "67_traditional_big5.txt",
         "68_crlf.txt", "69_cr_only.txt", "70_gbk.txt"]


def verdict(report):
    return statuses(report), report.score, report.passed


# --- the casebook's noisy cases ----------------------------------------------------------

@pytest.fixture(scope="module")
def base():
    return checked(BASE)


@pytest.mark.parametrize("name", NOISY)
def test_noisy_case_gets_the_clean_verdict(base, name):
    report = checked(CASEBOOK / name)
    assert verdict(report) == verdict(base)
    meta, want = report.metadata, base.metadata
    assert (meta.year, meta.is_annual_report) == (want.year, want.is_annual_report)
    assert report.rulebook_id == base.rulebook_id


@pytest.mark.parametrize("name", ["60_one_line.txt", "61_one_line_spaces.txt"])
def test_one_line_report_keeps_its_title_and_signature(name):
    meta = checked(CASEBOOK / name).metadata
    assert meta.issuer == "青山县人民政府" and meta.date == "2025-02-20" and meta.year == 2024


def test_one_line_evidence_quotes_line_one_and_says_where_in_it():
    """Every quote of a one-line report is on line 1, at the column it names."""
    path = CASEBOOK / "60_one_line.txt"
    line = path.read_text(encoding="utf-8").rstrip("\n")
    report = checked(path)
    evidence = [ev for e in report.elements for ev in e.evidence]
    assert evidence and all(ev.line == 1 for ev in evidence)
    for ev in evidence:
        assert line[ev.column - 1:].startswith(ev.text.rstrip("…")), ev
    assert len({ev.column for ev in evidence}) > 10
    assert evidence[0].to_dict()["column"] == evidence[0].column
    # a report with its line breaks is told by line alone
    assert all(ev.column is None and "column" not in ev.to_dict() for e in checked(BASE).elements for ev in e.evidence)


def test_one_line_report_in_sarif_has_columns(tmp_path, capsys, monkeypatch):
    import json

    import jsonschema

    from test_sarif import SCHEMA, sarif_for

    line = SEED["002"].read_text(encoding="utf-8").replace("\n", "")  # partial and missing elements
    path = tmp_path / "one_line.txt"
    path.write_text(line, encoding="utf-8")
    code, log = sarif_for([path], tmp_path / "out", capsys, monkeypatch)
    jsonschema.validate(log, SCHEMA)
    regions = [loc["physicalLocation"]["region"] for r in log["runs"][0]["results"]
               for loc in r["locations"] + r.get("relatedLocations", []) if "snippet" in loc["physicalLocation"]["region"]]
    assert regions and all(line[g["startColumn"] - 1:].startswith(g["snippet"]["text"].rstrip("…")) for g in regions)
    assert json.dumps(log)  # serialisable as written


@pytest.mark.parametrize("name", ["66_traditional.txt", "67_traditional_big5.txt"])
def test_traditional_report_is_quoted_as_written(name):
    doc = load(CASEBOOK / name)
    report = checked(CASEBOOK / name)
    quotes = [ev for e in report.elements for ev in e.evidence]
    assert quotes
    for ev in quotes:
        assert ev.text.rstrip("…") in doc.line(ev.line)
    assert any(script.looks_traditional(ev.text) for ev in quotes)  # the original characters
    assert report.metadata.issuer == "青山縣人民政府"  # as written on the report
    assert doc.encoding == ("big5" if "big5" in name else "utf-8")


def test_page_break_in_mid_sentence_is_joined():
    doc = load(CASEBOOK / "62_page_breaks_midsentence.txt")
    norms = [b.norm for b in doc.blocks]
    assert any("主要原因是学法用法的考核机制不够健全" in n for n in norms)
    assert any("全县行政执法机关办理行政处罚案件2318件" in n for n in norms)
    assert any("专题研究法治政府建设工作" in n for n in norms)
    texts = {doc.line(n).strip() for n in doc.chrome}
    assert {"— 2 —", "青山县人民政府文件", "- 3 -", "第 4 页 共 5 页"} <= texts
    # the running header that repeats the title is page chrome; the title itself is not
    assert 1 not in doc.chrome and "青山县人民政府关于2024年度法治政府建设情况的报告" in texts


# --- the parts, on texts of their own ----------------------------------------------------

def _blocks(text: str) -> list[str]:
    return [b.norm for b in build_document(split_lines(text)).blocks]


def test_run_on_line_is_split_at_headings_title_and_signature():
    body = "全年办理行政复议案件12件，纠错3件。" * 20
    text = ("某某区司法局2023年度法治政府建设工作报告2023年，我局坚持依法行政。现报告如下："
            "一、主要做法和成效（一）完善制度。" + body + "（二）规范执法。" + body
            + "二、存在的问题和原因部分执法人员能力不足，原因是培训不够。" + body
            + "三、2024年工作打算1.加强培训。" + body + "2.提升能力。" + body
            + "某某区司法局二〇二四年一月十日")
    blocks = _blocks(text)
    assert blocks[0] == "某某区司法局2023年度法治政府建设工作报告"
    assert "一、主要做法和成效" in blocks and "二、存在的问题和原因" in blocks and "三、2024年工作打算" in blocks
    assert any(b.startswith("(一)完善制度") for b in blocks) and any(b.startswith("1.加强培训") for b in blocks)
    assert blocks[-2:] == ["某某区司法局", "二〇二四年一月十日"]
    outline = build_outline(build_document(split_lines(text)))
    assert [s.title for s in outline.main_sections()] == ["主要做法和成效", "存在的问题和原因", "2024年工作打算"]


def test_run_on_page_fields_above_the_title():
    """A web page saved without line breaks: breadcrumbs and page fields, then the title."""
    body = "全年办理行政复议案件12件，纠错3件。" * 30
    text = ("首页 > 政务公开 > 法治政府建设 > 年度报告发布时间：2025-02-21 来源：某区司法局 浏览次数：1234"
            "某区人民政府关于2024年度法治政府建设情况的报告2024年，我区坚持依法行政。一、主要举措和成效" + body)
    from checker.judge.context import Context
    from checker.document.metadata import detect_metadata
    from checker.rulebook.model import load_rulebook

    doc = build_document([text])
    meta = detect_metadata(Context.build(doc, load_rulebook("national-2021")))
    assert meta.title == "某区人民政府关于2024年度法治政府建设情况的报告" and meta.year == 2024


def test_run_on_split_keeps_numbers_and_inline_lists():
    """"2.5万", "12345热线", "一、二季度" and 二是 items inside a paragraph are not headings."""
    para = ("一、工作成效全市接听12345热线2.5万件，一、二季度办结率98.5%。一是健全机制，二是强化考核。"
            "1.规范执法。全年查办案件1.2万件。2.严格监督。") * 12
    segs = runon.split_run_on(para, True, True)
    assert "".join(segs) == para
    assert not any(s.startswith(("5万", "二季度", "二是", "2345", "2万")) for s in segs)
    assert sum(s.startswith(("1.规范执法", "2.严格监督", "一、工作成效")) for s in segs) == 36


def test_a_text_that_lost_some_line_breaks():
    """Most line breaks kept, a few lost before the next numbered heading: those lines are cut
    again; an inline list that starts anew (（一）… inside a paragraph) is left as written."""
    text = ("一、工作成效\n（一）完善制度。全年制定文件3件。\n（二）规范执法。全年办理案件12件。（三）强化监督。"
            "接受监督5次。二、存在问题\n（一）队伍薄弱，原因是编制不足。\n三、下步打算\n主要措施如下。（一）加强培训。（二）充实队伍。")
    blocks = _blocks(text)
    assert "(三)强化监督。接受监督5次。" in blocks and "二、存在问题" in blocks
    assert "主要措施如下。(一)加强培训。(二)充实队伍。" in blocks


def test_lines_of_ordinary_length_are_never_split():
    lines = ["一、工作成效", "全年办结案件。（一）制度建设。（二）执法规范。" * 5, "二、存在问题"]
    assert runon.is_run_on([len(x) for x in lines]) == [False, False, False]
    assert len(_blocks("\n".join(lines))) == 3


def test_page_numbers_and_running_headers():
    norm = ["某县人民政府关于2023年度法治政府建设情况的报告", "一、主要成效", "全县办理案件", "-2-",
            "某县人民政府文件", "123件,结案率99%。", "二、存在问题", "问题较多。", "第3页共5页",
            "三、下步打算", "某县人民政府", "2024年1月5日", "3"]
    found = pages.page_chrome(list(enumerate(norm, start=1)), lambda n: n[:2] in ("一、", "二、", "三、"),
                              lambda n: n.endswith("。"))
    # the header cut a sentence; the page number after a finished paragraph goes alone; the
    # signature next to the last page number stays, and so does a bare number after it (a page
    # number only where it cuts a sentence)
    assert found == {4, 5, 9}
    norm[3] = "2"  # a bare page number in mid-sentence; then the closing "3" counts on from it
    assert pages.page_chrome(list(enumerate(norm, start=1)), lambda n: n[:2] in ("一、", "二、", "三、"),
                             lambda n: n.endswith("。")) == {4, 5, 9, 13}


@pytest.mark.parametrize("line", ["— 2 —", "- 3 -", "－３－", "―4―", "·5·", "第 4 页 共 5 页", "第4页/共5页", "共5页 第4页",
                                  "4/5", "12", "Page 3", "Page 3 of 9", "3 of 9"])
def test_page_number_forms(line):
    from checker.document.normalize import normalize

    assert pages.PAGE_NUMBER.match(normalize(line))


@pytest.mark.parametrize("line", ["第4页的内容", "2024", "1.2万", "一、2"])
def test_not_page_numbers(line):
    from checker.document.normalize import normalize

    assert not pages.PAGE_NUMBER.match(normalize(line))


def test_wrap_width():
    han = "法" * 38
    assert wrap.wrap_width([han] * 20 + ["法" * 12, "法" * 25]) == wrap.Wrap(38)
    assert wrap.wrap_width([han] * 20 + ["法" * 120]) is None  # a longer line: not wrapped at 38
    assert wrap.wrap_width(["法" * n for n in (30, 120, 80, 45, 12, 200)]) is None
    # wrapped at 76 display columns: digits take one column, so lines hold 38 to 40 characters
    lines = [han, "法" * 36 + "2024", "法" * 37 + "1", han[:-1] + "1", "法" * 35 + "123456"] * 4 + ["法" * 9]
    found = wrap.wrap_width(lines)
    assert found == wrap.Wrap(76, display=True) and all(found.fills(x) for x in lines[:5])
    assert not found.fills("法" * 30)


def test_hard_wrapped_paragraph_with_full_stop_at_the_edge():
    # each line is 20 characters; the first ends with 。 in mid-paragraph, the second starts 二是
    lines = ["一、工作成效", "全县推进依法行政，一是健全制度体系完善。", "二是强化执法监督，办理复议案件十二件，", "纠错三件。"] * 3
    lines += ["全县推进依法行政，一是健全制度体系完善。"] * 3
    blocks = _blocks("\n".join(lines))
    assert "全县推进依法行政,一是健全制度体系完善。二是强化执法监督,办理复议案件十二件,纠错三件。" in blocks


def test_traditional_detection_and_conversion():
    import opencc

    t2s = opencc.OpenCC("t2s")
    assert all(t2s.convert(c) != c for c in script.TRADITIONAL_ONLY)  # each is traditional only
    for seed in SEED.values():
        assert not script.looks_traditional(seed.read_text(encoding="utf-8"))
    assert not script.looks_traditional("我们考察了臺灣的經驗。" + "依法行政工作取得新进展。" * 20)
    lines = ["二、存在的不足和原因", "（一）執法隊伍建設還不夠強，主要原因是編制不足。"]
    assert script.looks_traditional("\n".join(lines))
    conv = script.to_simplified(lines)
    assert conv[1] == "（一）执法队伍建设还不够强，主要原因是编制不足。"
    assert [len(c) for c in conv] == [len(x) for x in lines]


# --- properties over the seeds -------------------------------------------------------------

# the seeds, and casebook reports in other styles: part numbering 第一部分, Markdown headings, a
# department, a township, a province, 第一责任人 first, and two look-alikes (a plan, a notice)
OTHERS = ["00_base_county_2024.txt", "06_part_numbering.txt", "08_md_bold_nonum.md", "10_md_h2_num.md",
          "21_dept_bureau_2024.txt", "22_township_2024.txt", "23_province_2024.txt", "42_lookalike_plan.txt",
          "43_lookalike_yaodian_notice.txt", "92_resp_first.txt"]
KEYS = sorted(SEED) + OTHERS


@lru_cache(maxsize=None)
def _text(key: str) -> str:
    return (SEED[key] if key in SEED else CASEBOOK / key).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _clean_verdict(key: str):
    return verdict(check_text(_text(key), path=key))


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t").convert


def rewrap(text: str, width: int) -> str:
    """Cut every line into pieces of ``width`` characters, as a hard-wrapping editor does (a
    Markdown heading stays whole: a heading cannot span lines, so Markdown wrappers keep it)."""
    out = []
    for line in text.split("\n"):
        if line.startswith("#"):
            out.append(line)
            continue
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)


def rewrap_columns(text: str, cols: int) -> str:
    """Wrap at ``cols`` display columns, as an editor or a PDF viewer does: a Chinese character
    takes two columns, a digit or a Latin letter one."""
    import unicodedata

    out = []
    for line in text.split("\n"):
        if line.startswith("#"):
            out.append(line)
            continue
        cur, used = "", 0
        for ch in line:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > cols:
                out.append(cur)
                cur, used = "", 0
            cur, used = cur + ch, used + w
        out.append(cur)
    return "\n".join(out)


_NEXT_ITEM = regex.compile(r"^\s*(?:[（(]\s*(?:[二三四五六七八九]|十[一二三四五六七八九]?)\s*[)）]"
                           r"|(?:[二三四五六七八九]|十[一二三四五六七八九]?)\s*[、．.]|[2-9]\s*[.．、](?!\d))")


def lose_some_breaks(text: str, seed: int) -> str:
    """Lose about half of the line breaks between a finished sentence and the next numbered
    heading of a list ("…。" / "（三）…" → "…。（三）…"), as copying from a web page does."""
    rnd = random.Random(seed)
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        if out[-1].rstrip().endswith("。") and _NEXT_ITEM.match(line) and rnd.random() < 0.5:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def page_breaks(text: str, every: int, style: int) -> str:
    """A page number (and on odd pages a running header) after every ``every`` lines, wherever
    that falls, mid-sentence included."""
    lines, out, page = text.split("\n"), [], 1
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % every == 0:
            page += 1
            out.append(["— {} —", "- {} -", "第 {} 页 共 99 页", "{}"][style].format(page))
            if page % 2:
                out.append("某某人民政府文件")
    return "\n".join(out)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("sep", ["", "  "])
def test_removing_line_breaks_keeps_the_verdict(key, sep):
    assert verdict(check_text(_text(key).replace("\n", sep), path=key)) == _clean_verdict(key)


def test_restyle_changes_the_markers():
    text = "一、成效\n（二）执法。2024年\n十一、打算"
    assert restyle(text, "{n}. ", "( {c} )", True) == "１. 成效\n( 二 )执法。２０２４年\n１１. 打算"


@pytest.mark.parametrize("key", KEYS)
def test_traditional_characters_keep_the_verdict(key):
    assert verdict(check_text(_s2t()(_text(key)), path=key)) == _clean_verdict(key)


def _reading(report) -> tuple:
    """The findings (rule and line, as often as found) and the metadata, the title as patterns
    read it (simplified: the report's own title keeps its characters)."""
    m = report.metadata
    title = normalize(script.to_simplified([m.title])[0]) if m.title else None
    return (sorted((f.rule, f.line) for f in report.findings), statuses(report), m.year, m.kind, title,
            m.date, m.is_annual_report)


@pytest.mark.parametrize("key", KEYS)
def test_traditional_characters_keep_the_findings_and_metadata(key):
    """Checks compare the matchable (simplified) text, never the characters as written: seed
    004 in traditional characters had a title-subject finding (建設 is not 建设) before."""
    trad = check_text(_s2t()(_text(key)), path=key)
    assert _reading(trad) == _reading(check_text(_text(key), path=key))


_BODY = "2023年，我局深入推进法治政府建设，现将有关情况报告如下。\n一、主要举措和成效\n全年办理行政处罚案件283件。\nXX县司法局\n2024年2月26日\n"


@pytest.mark.parametrize("title", ["2023年度法治政府建设情况报告", "２０２３年度法治政府建设情况报告",
                                   "二〇二三年度法治政府建设情况报告", "2023 年度法治政府\u200b建设情况报告",
                                   "**2023年度法治政府建设情况报告**"])
@pytest.mark.parametrize("trad", [False, True])
def test_title_checks_read_the_title_as_patterns_do(title, trad):
    """A title that names the year and 法治政府建设 in any width, numerals, script or with
    invisible characters gets no metadata.title-* finding."""
    text = title + "\n" + _BODY
    report = check_text(_s2t()(text) if trad else text)
    assert report.metadata.title is not None and report.metadata.year == 2023
    assert not [f.rule for f in report.findings if f.rule.startswith("metadata.title")]


@pytest.mark.parametrize("title", ["2023年度依法治县工作情况报告", "關於依法治縣工作的報告"])
def test_title_without_the_subject_is_still_found_in_traditional(title):
    for text in (title + "\n" + _BODY, _s2t()(title + "\n" + _BODY)):
        rules = [f.rule for f in check_text(text).findings]
        assert "metadata.title-subject" in rules


CN = "一二三四五六七八九十"
_TOP = regex.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?)([一二三四五六七八九十]+)、")
_SUB = regex.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?)[（(]([一二三四五六七八九十]+)[)）]")
TOP_STYLES = ["{c}．", "{c} 、", "{c}.", "{n}.", "{n}．", "{n}. ", "第{c}部分 "]
SUB_STYLES = ["( {c} )", "（ {c} ）", "({c})", "（{c}）、"]


def restyle(text: str, top: str, sub: str, wide: bool) -> str:
    """Heading markers in another width or spacing (一．, 三 、, ( 二 ), Arabic 1. at the top
    level, 第一部分), digits full-width."""
    out = []
    for line in text.split("\n"):
        if m := _TOP.match(line):
            c = m.group(2)
            n = 10 + (CN.index(c[1]) + 1 if len(c) > 1 else 0) if c.startswith("十") else CN.index(c) + 1
            line = m.group(1) + top.format(c=c, n=n) + line[m.end():]
        if m := _SUB.match(line):
            line = m.group(1) + sub.format(c=m.group(2)) + line[m.end():]
        if wide:
            line = line.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        out.append(line)
    return "\n".join(out)


NOISE = st.one_of(
    st.tuples(st.just("lost"), st.integers(0, 10 ** 6)),
    st.tuples(st.just("columns"), st.integers(32, 180)),
    st.tuples(st.just("markers"), st.sampled_from(TOP_STYLES), st.sampled_from(SUB_STYLES), st.booleans(),
              st.sampled_from([None, "", "  "])),
    st.tuples(st.just("wrap"), st.integers(16, 90)),
    st.tuples(st.just("join"), st.sampled_from(["", " ", "  ", "\u3000\u3000", "\t"])),
    st.tuples(st.just("traditional"), st.integers(16, 90)),
    st.tuples(st.just("pages"), st.integers(20, 60), st.integers(8, 40), st.integers(0, 3)),
)


def _noisy(text: str, noise: tuple) -> str:
    kind = noise[0]
    if kind == "wrap":
        return rewrap(text, noise[1])
    if kind == "lost":
        return lose_some_breaks(text, noise[1])
    if kind == "columns":
        return rewrap_columns(text, noise[1])
    if kind == "join":
        return text.replace("\n", noise[1])
    if kind == "markers":  # restyled, then perhaps run into one line
        out = restyle(text, *noise[1:4])
        return out if noise[4] is None else out.replace("\n", noise[4])
    if kind == "traditional":  # converted and wrapped
        return rewrap(_s2t()(text), noise[1])
    return page_breaks(rewrap(text, noise[1]), noise[2], noise[3])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KEYS), NOISE)
def test_noise_never_changes_a_verdict(key, noise):
    assert verdict(check_text(_noisy(_text(key), noise), path=key)) == _clean_verdict(key), noise


# --- the title, kind and year of a hard-wrapped report ----------------------------------
# (seed 003 re-wrapped at 38 characters: the rest of its site navigation, cut onto a line of its
# own, was read as the title, and the report was judged a plan)

def _casebook_texts() -> list[str]:
    out = []
    for p in sorted(CASEBOOK.iterdir()):
        if p.suffix not in (".txt", ".md") or p.name == "INDEX.md":
            continue
        try:
            p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # 67 (Big5) and 70 (GBK): the same texts as 66 and 00
        out.append(p.name)
    return out


WRAP_KEYS = sorted(SEED) + _casebook_texts()


def _identity(report) -> tuple:
    """Kind, year and title (wherever the wrap falls: white space aside)."""
    m = report.metadata
    return m.kind, m.year, regex.sub(r"\s+", "", m.title or "")


@lru_cache(maxsize=None)
def _clean_identity(key: str) -> tuple:
    return _identity(check_text(_lf(_text(key)), path=key))


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("width", [30, 38, 50])
@pytest.mark.parametrize("key", WRAP_KEYS)
def test_hard_wrapping_keeps_the_title_kind_and_year(key, width):
    text = _lf(_text(key))
    assert _identity(check_text(rewrap(text, width), path=key)) == _clean_identity(key), (key, width)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(WRAP_KEYS), st.integers(20, 80), st.booleans())
def test_hard_wrapping_at_any_width_keeps_the_title_kind_and_year(key, width, columns):
    text = _lf(_text(key))
    wrapped = rewrap_columns(text, 2 * width) if columns else rewrap(text, width)
    assert _identity(check_text(wrapped, path=key)) == _clean_identity(key), (key, width, columns)


def test_wrapped_site_navigation_is_page_chrome_not_the_title():
    report = check_text(rewrap(SEED["003"].read_text(encoding="utf-8"), 38), path="003.txt")
    meta = report.metadata
    assert meta.kind == "annual_report" and meta.year == 2015
    assert regex.sub(r"\s+", "", meta.title) == "深入推进依法行政全力建设法治政府—清镇市2015年依法行政工作情况报告"
    assert meta.date == "2015-12-02" and meta.issuer == "清镇市人民政府"  # the signature the wrapper cut
    doc = build_document(split_lines(rewrap(SEED["003"].read_text(encoding="utf-8"), 38)), "003.txt")
    assert {2, 10} <= doc.chrome  # 权力清单和责任清单, 行政工作情况报告: the rest of navigation lines


def test_a_title_the_wrapper_cut_after_a_title_word_goes_on():
    """…第一责任人职责情况 / 述法报告: 情况 ends a title, but the wrapper cut this line."""
    text = rewrap((CASEBOOK / "41_lookalike_shufa.txt").read_text(encoding="utf-8"), 30)
    meta = check_text(text).metadata
    assert meta.title == "青山县县长李明2024年度履行推进法治建设第一责任人职责情况述法报告" and meta.kind == "shufa"
