"""``--format docx``: the draft with the review as Word comments (issue 14, point 1).

Each seed as a Word file (tests/derive_formats, with and without Word's own numbering), a Word
file with hidden paragraphs, a table, formatted runs and a hyperlink, and the seeds as text and
PDF (a new document is made for them). What is checked, independently of the code that places
the comments: python-docx reads back one comment per evidence paragraph and per finding, plus
the verdict on the title; each is anchored on the paragraph whose visible text holds the
evidence quote (or the finding's line); the Word file's own XML is unchanged apart from the
comment marks; LibreOffice opens every output and exports every comment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import derive_formats as derive
from checker.cli.main import main
from checker.ingest import load
from checker.document.normalize import normalize
from checker.pipeline import Options, check_file
from checker.render.labels import SEVERITY
from checker.wordreview import SUFFIX, commented_docx
from checker.wordreview.notes import AUTHOR, INITIALS, xml_text
from conftest import SEED

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARKER = regex.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.])")
_COMMENT_MARKS = (W + "commentRangeStart", W + "commentRangeEnd")


def checked(path):
    outcome = check_file(str(path), Options(), keep_text=True)
    assert outcome.report is not None, outcome.error
    return outcome.report


def write(report, source, dest: Path) -> Path:
    dest.write_bytes(commented_docx(report, source))
    return dest


def visible_text(p) -> str:
    """A paragraph's text as a reader sees it: runs not marked hidden (direct or through a
    character style named Secret, as the fixture below hides them)."""
    out = []
    for r in p.iter(W + "r"):
        rpr = r.find(W + "rPr")
        if rpr is not None and (rpr.find(W + "vanish") is not None or _style(rpr) == "Secret"):
            continue
        out.extend(t.text or "" for t in r.iter(W + "t"))
    return "".join(out)


def _style(rpr):
    s = rpr.find(W + "rStyle")
    return None if s is None else s.get(W + "val")


def anchored(path: Path, author: str | None = AUTHOR) -> dict[int, tuple[str, str]]:
    """comment id -> (its text, the visible text of the paragraph its range starts in), for the
    comments by ``author`` (None: everyone's)."""
    d = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in d.comments}
    authors = {c.comment_id: c.author for c in d.comments}
    out = {}
    for p in d.element.body.iter(W + "p"):
        for start in p.iter(W + "commentRangeStart"):
            cid = int(start.get(W + "id"))
            assert p.find(f".//{W}commentReference[@{W}id='{cid}']") is not None, "reference in the same paragraph"
            out[cid] = (texts[cid], visible_text(p))
    assert set(out) == set(texts), "every comment is anchored in the body"
    return {cid: v for cid, v in out.items() if author is None or authors[cid] == author}


def head(text: str, size: int = 8) -> str:
    """The beginning of a quote or line, normalised, without a heading number that Word may
    hold as automatic numbering instead of text."""
    quote = normalize(regex.sub(r"^#+\s*", "", text.removesuffix("……"))).replace("*", "")
    return _MARKER.sub("", quote)[:size]


def assert_comments_match(report, path: Path) -> None:
    """One comment per evidence paragraph and per finding, plus the verdict; each on the right
    paragraph."""
    found = anchored(path)
    comments = list(found.values())
    ev_lines = {ev.line for e in report.elements for ev in e.evidence}
    assert len(comments) == 1 + len(ev_lines) + len(report.findings)
    d = docx.Document(str(path))
    assert all(c.initials == INITIALS for c in d.comments if c.author == AUTHOR)

    verdict = [c for c in comments if c[0].startswith("【审查结论】")]
    assert len(verdict) == 1
    assert f"得分 {report.score:g} / 100" in verdict[0][0] and ("未通过" in verdict[0][0]) == (not report.passed)
    for e in report.elements:
        if e.status == "missing":
            assert e.name in verdict[0][0] and (e.advice or "")[:20] in verdict[0][0]
    if report.metadata.title:
        assert head(report.metadata.title) in normalize(verdict[0][1])

    for e in report.elements:
        for ev in e.evidence:
            on = [para for text, para in comments if f"【要素】{e.name}：" in text and head(ev.text) in normalize(para)]
            assert on, f"{e.id} line {ev.line}: no comment on a paragraph holding {ev.text[:20]!r}"
    for f in report.findings:
        on = [(text, para) for text, para in comments if text.startswith(f"【{SEVERITY[f.severity]}】{f.message}")]
        assert on, f.rule
        if f.line is not None:
            line = report.lines[f.line - 1]
            assert any(head(line) in normalize(para) for _, para in on), (f.rule, line[:30])


def without_comment_marks(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for el in list(root.iter(*_COMMENT_MARKS)):
        el.getparent().remove(el)
    for ref in list(root.iter(W + "commentReference")):
        run = ref.getparent()
        run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def assert_unchanged(original: Path, commented: Path) -> None:
    """Every part of the original package is in the output as it was (XML compared after
    canonicalising; the body after removing the comment marks); only the comments part and its
    relationship and content type are added."""
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(commented) as b:
        before, after = set(a.namelist()), set(b.namelist())
        assert before <= after and after - before <= {"word/comments.xml"}
        for name in before:
            x, y = a.read(name), b.read(name)
            if name == "word/document.xml":
                assert without_comment_marks(x) == without_comment_marks(y)
            elif name in ("[Content_Types].xml", "word/_rels/document.xml.rels", "word/comments.xml"):
                continue
            elif name.endswith((".xml", ".rels")):
                assert etree.tostring(etree.fromstring(x), method="c14n") == \
                    etree.tostring(etree.fromstring(y), method="c14n"), name
            else:
                assert x == y, name


# --- the seeds as Word files ---------------------------------------------------------------

@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every commented file this module makes, for one LibreOffice run at the end."""
    return []


@pytest.mark.parametrize("numbered", [False, True], ids=["headings", "word-numbering"])
@pytest.mark.parametrize("key", sorted(SEED))
def test_seed_docx_gets_its_comments_on_the_right_paragraphs(tmp_path, key, numbered, outputs):
    src = derive.write_docx(SEED[key], tmp_path / f"{key}.docx", word_numbering=numbered)
    report = checked(src)
    out = write(report, src, tmp_path / f"{key}{SUFFIX}")
    assert_comments_match(report, out)
    assert_unchanged(src, out)
    # the comments add no text: the commented draft reads as the same report
    assert load(out).lines == load(src).lines
    outputs.append(out)


def _real_docx(dest: Path, in_table: frozenset = frozenset()) -> Path:
    """Seed 003 as a drafted Word file: title, headings, paragraphs in several formatted runs,
    a hyperlink, a table of figures in the middle, hidden paragraphs and a hidden run (never read,
    so never commented), an existing comment of a colleague. Paragraphs whose text is in
    ``in_table`` are written in the second cell of a table row of their own."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    paras = derive.seed_paragraphs(SEED["003"])
    d = docx.Document()
    d.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    for k, (text, level) in enumerate(paras):
        if k % 4 == 2:
            hidden = d.add_paragraph()
            hidden.add_run("隐藏段落：存在的不足和原因分析，明年工作安排。").font.hidden = True
        if k == 0:
            d.add_paragraph(text, style="Title")
            continue
        if level:
            d.add_paragraph(text, style=f"Heading {level}")
            continue
        if text in in_table:
            row = d.add_table(rows=1, cols=2).rows[0]
            row.cells[0].text = "说明"
            row.cells[1].text = text
            continue
        p = d.add_paragraph(style="Normal")
        cut = len(text) // 3
        p.add_run(text[:cut]).bold = True
        r = p.add_run(text[cut:2 * cut])
        r.font.size, r.font.color.rgb = Pt(15), RGBColor(0x1F, 0x4E, 0x79)
        if k % 5 == 0:
            p.add_run("（隐藏的插话）", style="Secret")
        rest = text[2 * cut:]
        if k % 7 == 3 and rest:  # the last third inside a hyperlink: no w:r directly in the paragraph
            rid = d.part.relate_to("https://example.org/", "http://schemas.openxmlformats.org/officeDocument/"
                                   "2006/relationships/hyperlink", is_external=True)
            p._p.append(parse_xml(
                f'<w:hyperlink xmlns:w="{W[1:-1]}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                f'2006/relationships" r:id="{rid}"><w:r><w:t xml:space="preserve">{rest}</w:t></w:r></w:hyperlink>'))
        else:
            p.add_run(rest).italic = True
        if k == len(paras) // 2:
            table = d.add_table(rows=2, cols=2)
            for (i, j), cell in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["指标", "数量", "行政复议案件", "办结36件"]):
                table.cell(i, j).text = cell
    first = d.paragraphs[0]
    d.add_comment(first.runs, text="请核对标题。", author="科员甲", initials="甲")
    d.save(dest)
    return dest


def test_real_docx_with_tables_hidden_text_styles_and_a_hyperlink(tmp_path, outputs):
    src = _real_docx(tmp_path / "草稿.docx")
    report = checked(src)
    assert load(src).info.get("hidden_chars"), "the fixture really hides text"
    out = write(report, src, tmp_path / f"草稿{SUFFIX}")
    assert_comments_match(report, out)
    assert_unchanged(src, out)
    comments = anchored(out)
    assert not any(para == "" for _, para in comments.values()), "no comment on a hidden paragraph"
    assert [c.author for c in docx.Document(str(out)).comments].count("科员甲") == 1, "the colleague's comment stays"
    outputs.append(out)

    # evidence paragraphs moved into table cells: their comments are anchored in the cells
    texts = {t for t, lv in derive.seed_paragraphs(SEED["003"]) if not lv}
    moved = frozenset(t for t in (report.lines[ev.line - 1] for e in report.elements for ev in e.evidence[:1])
                      if t in texts)
    assert len(moved) >= 3
    src = _real_docx(tmp_path / "表格稿.docx", in_table=moved)
    report = checked(src)
    out = write(report, src, tmp_path / f"表格稿{SUFFIX}")
    assert_comments_match(report, out)
    assert_unchanged(src, out)
    body = docx.Document(str(out)).element.body
    in_cells = [s for s in body.iter(W + "commentRangeStart") if any(a.tag == W + "tc" for a in s.iterancestors())]
    assert len(in_cells) >= len(moved) - 1
    outputs.append(out)


# --- other inputs: a new document ----------------------------------------------------------

@pytest.mark.parametrize("key", sorted(SEED))
def test_text_report_becomes_a_word_document_with_headings_and_comments(tmp_path, key, outputs):
    report = checked(SEED[key])
    out = write(report, None, tmp_path / f"{key}{SUFFIX}")
    assert_comments_match(report, out)
    d = docx.Document(str(out))
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    # the numbered headings on lines of their own (一、 … and （一） …) are Word headings 1 and 2
    heads = [normalize(t) for t, lv in derive.seed_paragraphs(SEED[key]) if lv]
    for level, marker in ((1, r"^[一二三四五六七八九十]+[、.]"), (2, r"^\([一二三四五六七八九十]+\)")):
        expected = [t for t in heads if regex.match(marker, t)]
        assert [normalize(t) for s, t in styles if s == f"Heading {level}"] == expected
    assert any(s == "Heading 1" for s, _ in styles)
    if report.metadata.title:
        assert [t for s, t in styles if s == "Title"] == [report.metadata.title]
    body = "".join(t for _, t in styles)
    assert normalize(body) == normalize("".join(s.text for b in load(SEED[key]).blocks for s in b.sentences))
    outputs.append(out)


def test_pdf_report_becomes_a_word_document(tmp_path, outputs):
    src = derive.write_pdf(SEED["002"], tmp_path / "002.pdf")
    report = checked(src)
    out = write(report, None, tmp_path / f"002_pdf{SUFFIX}")
    assert_comments_match(report, out)
    outputs.append(out)


# --- hostile names and text ----------------------------------------------------------------

FORBIDDEN = "\x01\x08\x0b\x0c\x1b\ufffe"  # not allowed in XML 1.0
CONTROL = FORBIDDEN + "\x7f\u202e"


def test_markup_in_the_file_name_and_control_characters_in_the_text(tmp_path, capsys, outputs):
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED["001"].read_text(encoding="utf-8").splitlines()
    text = [ln[:10] + CONTROL + ln[10:] if k % 3 == 0 and len(ln) > 10 else ln for k, ln in enumerate(text)]
    name = '<w:p>&amp;"\']]>..\u202eevil.txt'
    src = folder / name
    src.write_text("\n".join(text), encoding="utf-8")
    out_dir = tmp_path / "out"
    with pytest.raises(SystemExit):
        main([str(folder / ".." / "in" / name), "-f", "docx", "-o", str(out_dir)])
    capsys.readouterr()
    made = list(out_dir.iterdir())
    assert [p.name for p in made] == ['<w:p>&amp;"\']]>..\u202eevil' + SUFFIX]
    d = docx.Document(str(made[0]))
    verdict = next(c.text for c in d.comments if c.text.startswith("【审查结论】"))
    assert "<w:p>&amp;" in verdict and "\\u202e" in verdict, "the name is shown as text, its bidi control made visible"
    assert not any(ch in p.text for p in d.paragraphs for ch in FORBIDDEN), "XML-forbidden characters dropped"
    report = checked(src)
    assert len(d.comments) == 1 + len({ev.line for e in report.elements for ev in e.evidence}) + len(report.findings)
    outputs.append(made[0])


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_can_go_into_a_comment(text):
    """Whatever a report or a file name holds, the comment is written and reads back as the
    text without the characters XML forbids (line ends become the comment's paragraphs)."""
    import io

    from checker.wordreview.anchors import add_comment, comment_date

    d = docx.Document()
    p = d.add_paragraph("段落")
    add_comment(d, p._p, text, comment_date())
    buf = io.BytesIO()
    d.save(buf)
    back = [c.text for c in docx.Document(io.BytesIO(buf.getvalue())).comments]
    assert len(back) == 1
    assert back[0].replace("\r", "\n") == xml_text(text).replace("\r", "\n")


# --- where outputs go ----------------------------------------------------------------------

def run_cli(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_batch_writes_one_per_report_and_never_over_an_input(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for key in sorted(SEED):
        shutil.copy(SEED[key], src / f"{key}.txt")
    derive.write_docx(SEED["001"], src / "001.docx")
    out = tmp_path / "out"
    code, _, err = run_cli([src, "-f", "docx", "-o", out, "-j", "2"], capsys)
    assert code in (0, 1), err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{k}{SUFFIX}" for k in sorted(SEED)] + [f"001_docx{SUFFIX}"])
    for key in sorted(SEED):
        assert len(docx.Document(str(out / f"{key}{SUFFIX}")).comments) > 3


def test_an_input_named_like_an_output_is_never_replaced(tmp_path, capsys):
    """``check a/甲.txt out/甲.审查意见.docx -o out``: 甲.txt's comments must not replace the other
    input; a report's output is never written next to it."""
    (tmp_path / "a").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SEED["001"], tmp_path / "a" / "甲.txt")
    victim = derive.write_docx(SEED["002"], out / f"甲{SUFFIX}")
    before = victim.read_bytes()
    code, _, err = run_cli([tmp_path / "a" / "甲.txt", victim, "-f", "docx", "-o", out], capsys)
    assert code == 2 and "输出目录就是报告所在的目录" in err
    assert victim.read_bytes() == before
    assert (out / f"甲_1{SUFFIX}").is_file()
    code, _, err = run_cli([victim, "-f", "docx", "-o", out], capsys)
    assert code == 2 and victim.read_bytes() == before


def test_a_symlink_planted_under_the_output_name_is_replaced_not_followed(tmp_path, capsys):
    victim = tmp_path / "victim.docx"
    victim.write_bytes(b"not to be written")
    os.chmod(victim, 0o600)
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "in").mkdir()
    shutil.copy(SEED["001"], tmp_path / "in" / "甲.txt")
    link = out / f"甲{SUFFIX}"
    link.symlink_to(victim)
    code, _, err = run_cli([tmp_path / "in" / "甲.txt", "-f", "docx", "-o", out], capsys)
    assert code in (0, 1), err
    assert victim.read_bytes() == b"not to be written"
    assert not link.is_symlink() and len(docx.Document(str(link)).comments) > 3


def test_a_draft_changed_after_the_check_is_refused(tmp_path):
    src = derive.write_docx(SEED["001"], tmp_path / "r.docx")
    report = checked(src)
    derive.write_docx(SEED["002"], src)
    from checker.errors import CheckError

    with pytest.raises(CheckError, match="被改动"):
        commented_docx(report, src)


def test_plain_text_with_other_formats_never_loads_python_docx():
    import sys

    from conftest import ROOT

    code = ("import sys; from checker.pipeline import Options, check_file; "
            "import tempfile, pathlib; d = pathlib.Path(tempfile.mkdtemp()); "
            f"o = check_file({str(SEED['001'])!r}, Options(out_dir=d, per_report_formats=('html',))); assert o.report; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'docx' or m.startswith('checker.wordreview')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


# --- a real Word-compatible client ---------------------------------------------------------

def test_libreoffice_opens_every_output_and_exports_every_comment(tmp_path, outputs):
    """Runs last in this module: every file made above, converted to PDF in one LibreOffice
    run with comments exported as PDF annotations; each PDF has one per comment, by our author."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/sysdeps.sh installs it")
    if not outputs:
        pytest.skip("run with the tests above (they make the files)")
    import pypdf

    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    for k, path in enumerate(outputs):
        files.append(shutil.copy(path, folder / f"{k:02d}.docx"))  # plain names for soffice
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path / "pdf"),
         *map(str, files)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for path, src in zip(files, outputs):
        pdf = tmp_path / "pdf" / (Path(path).stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 0, f"LibreOffice could not convert {src.name}: {proc.stderr}"
        notes = [a.get_object() for page in pypdf.PdfReader(pdf).pages for a in page.get("/Annots") or []]
        notes = [a for a in notes if a["/Subtype"] == "/Text"]
        ours = [c for c in docx.Document(str(src)).comments if c.author == AUTHOR]
        assert len([a for a in notes if str(a.get("/T", "")).startswith(AUTHOR)]) == len(ours), src.name
        contents = {normalize(str(a.get("/Contents", "")))[:15] for a in notes}
        assert all(normalize(c.text)[:15] in contents for c in ours), src.name


def test_a_finding_of_a_table_row_quotes_that_rows_basis(tmp_path):
    """A finding about one row of a check's table (an outdated term of ``timeliness``) carries
    that row's basis from the rulebook, not the check's general one."""
    from checker.rulebook.model import load_rulebook

    report = checked(SEED["004"])
    rows = {row["id"]: row for row in load_rulebook(report.rulebook_id).checks["timeliness"]["terms"]}
    found = [f for f in report.findings if f.rule.startswith("timeliness.") and f.rule.split(".")[1] in rows]
    assert found, "seed 004 names an outdated plan"
    out_dir = tmp_path / "out"
    with pytest.raises(SystemExit):
        main([str(SEED["004"]), "-f", "docx", "-o", str(out_dir)])
    texts = [c.text for c in docx.Document(str(out_dir / f"{SEED['004'].stem}{SUFFIX}")).comments]
    for f in found:
        basis = rows[f.rule.split(".")[1]]["basis"]
        assert any(t.startswith(f"【{SEVERITY[f.severity]}】{f.message}") and f"依据：{basis}" in t for t in texts), f.rule


def test_a_folder_does_not_take_a_commented_draft_for_another_report(tmp_path, capsys):
    """``check 目录/ -f docx -o 目录/审查意见`` and later ``check 目录/``: the commented copies are
    outputs, not more reports; named on the command line, a returned draft is checked."""
    folder = tmp_path / "收文"
    folder.mkdir()
    derive.write_docx(SEED["001"], folder / "甲.docx")
    shutil.copy(SEED["002"], folder / "乙.txt")
    code, _, err = run_cli([folder, "-f", "docx", "-o", folder / "审查意见"], capsys)
    assert code in (0, 1), err
    made = sorted((folder / "审查意见").iterdir())
    assert [p.name for p in made] == [f"乙{SUFFIX}", f"甲_docx{SUFFIX}"]
    from checker.pipeline import collect_inputs

    files, errors = collect_inputs([str(folder)])
    assert sorted(Path(f).name for f in files) == ["乙.txt", "甲.docx"] and not errors
    files, _ = collect_inputs([str(folder / "**" / "*.docx")])
    assert [Path(f).name for f in files] == ["甲.docx"]
    renamed = folder / "审查意见" / f"丙{SUFFIX}"  # a draft of someone else's with that name: still a report
    derive.write_docx(SEED["003"], renamed)
    files, _ = collect_inputs([str(folder)])
    assert sorted(Path(f).name for f in files) == ["丙" + SUFFIX, "乙.txt", "甲.docx"]
    code, out, err = run_cli([made[1], "-f", "json"], capsys)
    assert code in (0, 1) and '"score"' in out, err
