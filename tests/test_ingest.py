"""Reading text files: encodings, line ends, page chrome, Markdown, broken lines; and
property tests showing that ingest never crashes and keeps line numbers right."""

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.model import build_document
from checker.errors import InputError
from checker.ingest import ReadOptions, load
from checker.ingest.plain import split_lines
from checker.document.normalize import normalize
from conftest import SEED, SEEDS


def sentences(doc):
    return [s for b in doc.blocks for s in b.sentences]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "encoding,bom,newline",
    [("gb18030", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
     ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"), ("utf-8", b"", "\r")],
)
def test_encodings_and_line_ends_give_the_same_document(tmp_path, seed, encoding, bom, newline):
    original = load(seed)
    text = seed.read_text(encoding="utf-8")
    f = tmp_path / seed.name
    f.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    doc = load(f)
    assert doc.lines == original.lines
    assert [(s.line, s.text) for s in sentences(doc)] == [(s.line, s.text) for s in sentences(original)]
    assert doc.encoding.startswith({"gb18030": "gb18030", "utf-8": "utf-8", "utf-16-le": "utf-16",
                                    "utf-16-be": "utf-16"}[encoding])
    assert f.read_bytes().startswith(bom)  # the input is never modified


def test_gbk_file_is_decoded_as_gb18030(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("2021年度法治政府建设情况报告\n一、主要举措和成效\n".encode("gbk"))
    doc = load(f)
    assert doc.encoding == "gb18030" and doc.lines[0] == "2021年度法治政府建设情况报告"


def test_encoding_override_and_its_errors(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("法治政府建設年度報告\n一、主要舉措\n".encode("big5"))
    assert load(f, ReadOptions(encoding="big5")).lines[0] == "法治政府建設年度報告"
    with pytest.raises(InputError, match="未知的编码"):
        load(f, ReadOptions(encoding="no-such-codec"))
    with pytest.raises(InputError, match="无法按指定编码"):
        load(f, ReadOptions(encoding="utf-8"))


@pytest.mark.parametrize("content,reason", [
    (b"", "文件为空"), (b"   \n\t\n\r\n", "不含正文"), (b"\x00\x01\x02binary\x00" * 50, "二进制"),
])
def test_unusable_text_files(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=reason) as e:
        load(f)
    assert str(f) in str(e.value)


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("法治政府建设。\n" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="文件过大"):
        load(f, ReadOptions(max_size=1000))
    assert load(f, ReadOptions(max_size=10**6)).blocks


def test_unsupported_extension_and_missing_file(tmp_path):
    f = tmp_path / "report.xyz"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="不支持的文件类型"):
        load(f)
    with pytest.raises(InputError, match="文件不存在"):
        load(tmp_path / "none.txt")


def test_web_page_chrome_is_recognised_and_never_matched():
    doc = load(SEED["003"])
    chrome_lines = {doc.lines[n - 1].strip()[:8] for n in doc.chrome}
    assert {1, 2, 8, 12, 94, 95, 99, 101, 103, 105, 107} <= doc.chrome
    assert 10 not in doc.chrome and 16 not in doc.chrome  # the title and the first heading stay
    assert all(s.line not in doc.chrome for s in sentences(doc))
    assert "您当前所在位置:" in chrome_lines


def test_scraped_footer_of_002_is_chrome():
    assert 15 in load(SEED["002"]).chrome  # 扫一扫在手机打开当前页


def test_markdown_marks_are_ignored_for_matching_but_kept_in_evidence():
    doc = load(SEED["004"])
    heading = next(s for s in sentences(doc) if s.line == 17)
    assert heading.norm == "二、依法行政决策,严格执行程序"
    assert heading.text.startswith("**二、")  # quoted as written


def test_sentences_broken_by_page_breaks_are_rejoined():
    doc = load(SEED["004"])
    joined = next(s for s in sentences(doc) if "形成齐" in s.text)
    assert joined.line == 13 and "形成齐抓共管格局" in joined.text  # lines 13 and 15
    assert any(s.line == 73 and "法律权威至上" in s.text for s in sentences(doc))


def test_full_width_and_half_width_normalise_alike():
    assert normalize("（一）２０２１年，我区：") == normalize("(一)2021年,我区:") == "(一)2021年,我区:"
    assert normalize("2021 年度\u3000法治**政府**") == "2021年度法治政府"


def test_split_lines_only_on_line_ends():
    assert split_lines("a\fb\u2028c\r\nd\re\n") == ["a\fb\u2028c", "d", "e"]


# ---- property tests ----------------------------------------------------------------------

chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
piece = st.one_of(
    st.text(chinese, min_size=1, max_size=12),
    st.sampled_from(["。", "，", ",", "；", "：", "、", "一、", "(一)", "（二）", "1.", "2、", "一是", "二是",
                     "# ", "## ", "**", "---", " ", "\u3000", "”", "“", "2021年", "报告", "扫一扫在手机打开当前页"]),
    st.text(max_size=5),
)
line = st.lists(piece, max_size=8).map("".join).filter(lambda s: "\n" not in s and "\r" not in s)
documents = st.lists(line, max_size=40)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_ingest_never_crashes_and_keeps_line_numbers_right(lines):
    doc = build_document(lines)
    assert doc.lines == lines
    last = 0
    for block in doc.blocks:
        assert 1 <= block.start <= block.end <= len(lines)
        for s in block.sentences:
            assert block.start <= s.line <= block.end
            assert s.line >= last  # sentences come in document order
            last = s.line
            assert s.line not in doc.chrome
            assert s.norm and s.text
            assert s.text[0] in lines[s.line - 1]  # starts on the line it names
            assert _subsequence(s.text, "".join(lines[s.line - 1:block.end]))  # drawn from its lines, in order


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_either_reads_or_refuses_cleanly(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("bytes") / "x.txt"
    f.write_bytes(data)
    try:
        doc = load(f)
    except InputError as e:
        assert str(f) in str(e) and "\n" not in str(e)
    else:
        assert doc.blocks
