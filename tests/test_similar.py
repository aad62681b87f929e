"""Copied text across a batch (issue 15, checker.across.similar): planted copies are found with
the line numbers on both sides, the seeds alone are not copies of each other, template text
(headings, set phrases, quoted policy titles, text every report of the batch has) is not
counted, a reworded passage is still found, and the finding never touches the score."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from checker.cli.main import main
from checker.pipeline import Options, run
from conftest import ROOT, SEED, SEEDS

WARN = 0.3  # rules/national-2021.yaml similar.warn_share


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _longest(lines: list[str]) -> int:
    """Index of the longest line of body text (a paragraph)."""
    return max(range(len(lines)), key=lambda i: len(lines[i]))


def _batch(tmp_path, names=("000", "001", "002", "003", "004")) -> dict:
    folder = tmp_path / "batch"
    folder.mkdir()
    for key in names:
        shutil.copy(SEED[key], folder / SEED[key].name)
    return {key: folder / SEED[key].name for key in names}


def _outcomes(folder, jobs=1, **kw) -> dict:
    out = {}
    for o in run([str(folder)], Options(**kw), jobs=jobs):
        out[o.path.rsplit("/", 1)[-1]] = o
    return out


def _planted(tmp_path):
    """Seeds 000..004, plus: 000's longest paragraph placed in a copy of 003 (a town copying
    another), and 002 re-dated as next year's report (its years moved on by one, figures changed)."""
    files = _batch(tmp_path)
    src = _lines(SEED["000"])
    k = _longest(src)
    host = _lines(SEED["003"])
    at = len(host) // 2
    host.insert(at, src[k])
    (tmp_path / "batch" / "copy_of_000.txt").write_text("\n".join(host), encoding="utf-8")
    text = SEED["002"].read_text(encoding="utf-8")
    text = re.sub(r"20(\d\d)", lambda m: f"20{int(m[1]) + 1:02d}", text)
    text = re.sub(r"(\d+)(件|次|人|个|项|场)", lambda m: f"{int(m[1]) * 2 + 3}{m[2]}", text)
    (tmp_path / "batch" / "next_year_002.txt").write_text(text, encoding="utf-8")
    return files, k + 1, at + 1


def _partner(report, name):
    found = [s for s in report.similar if s["file"].endswith(name)]
    return found[0] if found else None


def test_planted_paragraph_found_with_both_line_numbers(tmp_path):
    files, src_line, copy_line = _planted(tmp_path)
    out = _outcomes(tmp_path / "batch")
    copy = out["copy_of_000.txt"].report
    seed0 = out[SEED["000"].name].report
    other = _partner(copy, SEED["000"].name)
    assert other is not None, copy.similar
    assert any(p["line"] == copy_line and p["other_line"] == src_line for p in other["passages"])
    back = _partner(seed0, "copy_of_000.txt")
    assert back is not None
    assert any(p["line"] == src_line and p["other_line"] == copy_line for p in back["passages"])
    # the quote is the report's own original text at that line
    passage = next(p for p in back["passages"] if p["line"] == src_line)
    assert passage["text"][:20] in _lines(SEED["000"])[src_line - 1]
    # one paragraph of a long report: a small share, under the warning line
    assert 0 < other["share"] < WARN
    # 003 itself shares that paragraph with nobody
    assert _partner(out[SEED["003"].name].report, SEED["000"].name) is None


def test_redated_report_found_as_copy_with_warning(tmp_path):
    _planted(tmp_path)
    out = _outcomes(tmp_path / "batch")
    new = out["next_year_002.txt"].report
    old = out[SEED["002"].name].report
    other = _partner(new, SEED["002"].name)
    assert other is not None and other["share"] > 0.8
    assert new.similar_share > 0.8 and old.similar_share > 0.8
    # same lines on both sides: the text was only re-dated
    assert all(p["line"] == p["other_line"] for p in other["passages"])
    finding = [f for f in new.findings if f.rule == "similar.copied-text"]
    assert len(finding) == 1 and finding[0].severity == "warning" and SEED["002"].name in finding[0].message


def test_seeds_alone_are_not_copies(tmp_path):
    _batch(tmp_path)
    out = _outcomes(tmp_path / "batch")
    assert len(out) == len(SEEDS)
    for o in out.values():
        assert o.report.similar is not None  # looked for, in a batch
        assert o.report.similar_share < WARN, (o.path, o.report.similar)
        assert not [f for f in o.report.findings if f.rule == "similar.copied-text"]


TEMPLATE = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面贯彻党的二十大和二十届三中全会精神，"
            "认真落实《法治政府建设实施纲要（2021－2025年）》和《法治政府建设与责任落实督察工作规定》，扎实推进法治政府建设。"
            "严格落实党政主要负责人履行推进法治建设第一责任人职责，推进法治政府建设。"
            "认真执行《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》《优化营商环境条例》。")


def _two_bodies(tmp_path, insert: str, keys=("000", "001")):
    folder = tmp_path / "two"
    folder.mkdir()
    for key in keys:
        lines = _lines(SEED[key])
        lines.insert(3, insert)
        (folder / SEED[key].name).write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_set_phrases_and_policy_titles_are_template(tmp_path):
    """Two reports of different bodies with the same paragraph of set phrases and quoted policy
    titles: template, not copying, even in a batch of two (no document frequency to go by)."""
    out = _outcomes(_two_bodies(tmp_path, TEMPLATE))
    for o in out.values():
        assert o.report.similar == [], o.report.similar


def test_text_in_every_report_of_a_larger_batch_is_template(tmp_path):
    """A paragraph (not set phrases) that every report of a batch of seven has: the batch's own
    template (a county's model text), not copying by each of them."""
    para = ("本年度组织全体干部职工赴红旗渠干部学院开展为期三天的专题培训，邀请省委党校教授讲授行政执法程序规范与典型案例分析，"
            "培训结束后逐人进行闭卷考试并将考试成绩纳入年度考核档案。同时，建立了每月第二周周四下午集中学法制度，"
            "由各科室负责人轮流领学并结合本科室业务撰写学习体会。")
    folder = tmp_path / "seven"
    folder.mkdir()
    others = sorted((ROOT / "tests" / "data").glob("heldout_*.txt"))
    assert len(others) == 2
    for k, path in enumerate([SEED[key] for key in ("000", "001", "002", "003", "004")] + others):
        lines = _lines(path)
        lines.insert(2, para)
        (folder / f"r{k}.txt").write_text("\n".join(lines), encoding="utf-8")
    out = _outcomes(folder)
    assert len(out) == 7
    for o in out.values():
        assert not any(p["text"].startswith("本年度组织全体干部职工") for s in o.report.similar for p in s["passages"])
    # and the same paragraph in just two of them is copying
    out = _outcomes(_two_bodies(tmp_path, para))
    assert all(len(o.report.similar) == 1 for o in out.values())


def test_reworded_and_reordered_passage_still_found(tmp_path):
    """The paragraph taken from 000 with words changed and its sentences in another order."""
    src = _lines(SEED["000"])
    k = _longest(src)
    sentences = re.findall(r"[^。]+。", src[k])
    assert len(sentences) >= 4
    sentences[0], sentences[2] = sentences[2], sentences[0]
    swaps = [("切实", "认真"), ("深入", "扎实"), ("完善", "健全"), ("推进", "推动"), ("进一步", "持续")]
    text = "".join(sentences)
    for a, b in swaps:
        text = text.replace(a, b, 1)
    assert text != src[k]
    folder = tmp_path / "reworded"
    folder.mkdir()
    shutil.copy(SEED["000"], folder / "a.txt")
    host = _lines(SEED["004"])
    host.insert(5, text)
    (folder / "b.txt").write_text("\n".join(host), encoding="utf-8")
    out = _outcomes(folder)
    other = _partner(out["b.txt"].report, "a.txt")
    assert other is not None
    assert {p["other_line"] for p in other["passages"]} == {k + 1}
    assert {p["line"] for p in other["passages"]} == {6}


def test_score_grade_and_gate_do_not_depend_on_the_batch(tmp_path):
    _planted(tmp_path)
    with_ = _outcomes(tmp_path / "batch")
    without = _outcomes(tmp_path / "batch", analyses=())
    for name, o in with_.items():
        plain = without[name].report
        assert plain.similar is None
        assert (o.report.score, o.report.grade, o.report.passed, o.report.gate_reasons) == \
            (plain.score, plain.grade, plain.passed, plain.gate_reasons)


def test_fail_level_warning_is_not_failed_by_copying(tmp_path):
    """--fail-level warning fails on the report's own warnings, not on the batch's (not scored)."""
    _planted(tmp_path)
    with_ = _outcomes(tmp_path / "batch", fail_level="warning")
    without = _outcomes(tmp_path / "batch", fail_level="warning", analyses=())
    assert any(f.rule == "similar.copied-text" for f in with_["next_year_002.txt"].report.findings)
    assert {n: o.report.passed for n, o in with_.items()} == {n: o.report.passed for n, o in without.items()}


def test_json_similar_on_each_report_of_a_batch(tmp_path, capsys):
    _planted(tmp_path)
    with pytest.raises(SystemExit):
        main([str(tmp_path / "batch"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    for r in data["reports"]:
        assert isinstance(r["similar"], list)
        for s in r["similar"]:
            assert set(s) >= {"file", "share", "passages"}
            for p in s["passages"]:
                assert set(p) == {"line", "other_line", "text"}
                assert isinstance(p["line"], int) and isinstance(p["other_line"], int)
    new = next(r for r in data["reports"] if r["file"].endswith("next_year_002.txt"))
    assert new["similar"][0]["file"].endswith(SEED["002"].name)


def test_no_similar_option(tmp_path, capsys):
    _planted(tmp_path)
    with pytest.raises(SystemExit):
        main([str(tmp_path / "batch"), "--format", "json", "--no-similar"])
    data = json.loads(capsys.readouterr().out)
    assert all("similar" not in r for r in data["reports"])
    assert not any(f["rule"] == "similar.copied-text" for r in data["reports"] for f in r["findings"])


def test_single_file_has_no_similar(capsys):
    with pytest.raises(SystemExit):
        main([str(SEED["000"]), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "similar" not in data


def test_closest_few_only(tmp_path):
    """Eight copies of one report: each names the closest few (5), not all seven others."""
    from checker.across.similar import TOP

    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(8):
        (folder / f"c{k}.txt").write_text(SEED["001"].read_text(encoding="utf-8").replace("2024", str(2016 + k)),
                                          encoding="utf-8")
    out = _outcomes(folder)
    for o in out.values():
        assert len(o.report.similar) == TOP and o.report.similar_share > 0.8


def test_dashboard_and_scorecard_show_copied_text(tmp_path):
    _planted(tmp_path)
    out_dir = tmp_path / "out"
    with pytest.raises(SystemExit):
        main([str(tmp_path / "batch"), "--format", "html", "-o", str(out_dir)])
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "<th>文字雷同</th>" in index and 'id="copied"' in index
    copied = index[index.index('id="copied"'):]
    assert "next_year_002.txt" in copied and "copy_of_000.txt" in copied
    card = (out_dir / "next_year_002.html").read_text(encoding="utf-8")
    assert 'id="similar"' in card and "对方第" in card
    assert "similar.copied-text" in card


def test_text_output_lists_passages(tmp_path, capsys):
    _planted(tmp_path)
    with pytest.raises(SystemExit):
        main([str(tmp_path / "batch" / "copy_of_000.txt"), str(SEED["000"]), "--format", "text"])
    text = capsys.readouterr().out
    assert "文字雷同" in text and "对方第" in text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from("法治政府建设依法行政执法")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_ALPHABET, min_size=1, max_size=6), min_size=1, max_size=12), st.text(_ALPHABET, max_size=60))
def test_set_phrase_trie_takes_the_longest_phrase_like_an_alternation(phrases, text):
    from checker.across.similar import _phrase_pattern, _trie

    alternation = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    assert re.sub(_trie(set(phrases)), "", text) == re.sub(alternation, "", text)
    assert re.sub(_phrase_pattern(set(phrases)), "", text) == re.sub(alternation, "", text)  # with its screen


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=3, max_size=80), min_size=1, max_size=8))
def test_a_text_is_its_own_near_duplicate_wherever_it_stands(texts):
    """Signatures do not depend on the neighbours a passage is hashed with (the 3-grams that run
    from one text into the next belong to neither), and a text is similar to itself."""
    from checker.across.minhash import signatures, similarity

    together, whole = signatures(texts)
    for k, t in enumerate(texts):
        alone, _ = signatures([t])
        assert (alone[0] == together[k]).all()
        assert similarity(alone, together[k:k + 1])[0] == 1.0
    assert whole is not None and whole.shape == together[0].shape


_SENTENCE = st.text(st.sampled_from("法治政府建设依法行政执法《》年12.3，。 \n"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE, max_size=10))
def test_a_reports_contents_in_one_pass_equal_each_sentences_own(norms):
    """``contents`` runs the template patterns once over the joined sentences: no title, set
    phrase or figure may run from one sentence into the next."""
    from checker.across.similar import content, contents

    assert contents(norms) == [content(n) for n in norms]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2**24 - 1), st.integers(0, 2**20)), max_size=60), st.integers(0, 3))
def test_the_packed_sort_orders_passages_as_lexsort_does(rows, dup):
    """``lsh._order`` packs band key, group and position into one int64: the same order as
    ``np.lexsort``, ties (equal key and group) in position order."""
    import numpy as np

    from checker.across.lsh import _order

    rows = rows + rows[:dup]  # equal keys and groups
    keys = np.array([k for k, _ in rows], dtype=np.uint32)
    group = np.array([g for _, g in rows], dtype=np.int32)
    assert _order(keys, group).tolist() == np.lexsort((group, keys)).tolist()


def test_same_report_in_other_formats_is_found_with_each_files_own_lines(tmp_path):
    """One report as plain text, in traditional characters, hard-wrapped (casebook), and as Word:
    matched on the normalised, simplified text, each passage quoted from its own file with that
    file's line numbers."""
    from derive_formats import write_docx

    src = ROOT / "tests" / "data" / "casebook_similar"
    folder = tmp_path / "formats"
    folder.mkdir()
    for p in src.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    write_docx(SEED["002"], folder / "word.docx")
    shutil.copy(SEED["002"], folder / "plain.txt")
    out = _outcomes(folder)
    trad = out["66_traditional.txt"].report
    base = _partner(trad, "00_base_county_2024.txt")
    assert base is not None and base["share"] > 0.8
    trad_lines = _lines(src / "66_traditional.txt")
    for p in base["passages"]:
        assert p["text"][:10] in trad_lines[p["line"] - 1]  # quoted in traditional characters, from its line
    wrapped = _partner(out["63_hard_wrapped.txt"].report, "00_base_county_2024.txt")
    base_lines = _lines(src / "00_base_county_2024.txt")
    for p in wrapped["passages"]:
        assert p["text"][:8] in base_lines[p["other_line"] - 1]  # the same sentence, on the other file's line
    assert any(p["line"] != p["other_line"] for p in wrapped["passages"])  # its own numbering
    word = _partner(out["word.docx"].report, "plain.txt")
    assert word is not None and word["share"] > 0.8


def test_the_relation_compares_bodies_as_promise_tracking_pairs_them(tmp_path):
    """黄花店镇 signs its next year's report with its county's name and without 人民: another year
    of the same body; a town of another county that copied it is another body."""
    folder = tmp_path / "rel"
    folder.mkdir()
    text = SEED["001"].read_text(encoding="utf-8")
    assert "黄花店镇人民政府" in text
    (folder / "2024.txt").write_text(text, encoding="utf-8")
    nxt = re.sub(r"20(2\d)", lambda m: f"20{int(m[1]) + 1}", text).replace("黄花店镇人民政府", "天津市武清区黄花店镇政府")
    (folder / "2025.txt").write_text(nxt, encoding="utf-8")
    (folder / "other.txt").write_text(text.replace("黄花店镇", "青山镇"), encoding="utf-8")
    out = _outcomes(folder)
    relations = {s["file"].rsplit("/", 1)[-1]: s["relation"] for s in out["2025.txt"].report.similar}
    assert relations == {"2024.txt": "same_body", "other.txt": "other_body"}
