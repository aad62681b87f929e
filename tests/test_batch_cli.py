"""Batch runs: folders, globs, stable order, exit codes, the terminal summary, file outputs."""

import json
import shutil

import pytest

from checker.cli.main import main
from checker.pipeline import collect_inputs
from conftest import SEED


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def drafts(tmp_path):
    """A drafts folder: two passing seeds, two failing ones (one nested), files that are not
    reports (ignored), a hidden folder (ignored)."""
    d = tmp_path / "drafts"
    (d / "district" / "town").mkdir(parents=True)
    (d / ".git").mkdir()
    shutil.copy(SEED["001"], d / "b_pass.txt")
    shutil.copy(SEED["003"], d / "district" / "a_pass.md")
    shutil.copy(SEED["002"], d / "district" / "town" / "c_fail.txt")
    shutil.copy(SEED["004"], d / "a_fail.txt")
    (d / "notes.rst").write_text("不是报告", encoding="utf-8")
    shutil.copy(SEED["001"], d / ".git" / "hidden.txt")
    return d


def test_folder_is_walked_recursively_in_a_stable_order(drafts):
    files, errors = collect_inputs([str(drafts)])
    assert errors == []
    rel = [str(p)[len(str(drafts)) + 1:] for p in files]
    assert rel == sorted(rel) and set(rel) == {"b_pass.txt", "a_fail.txt", "district/a_pass.md",
                                               "district/town/c_fail.txt"}
    assert collect_inputs([str(drafts)]) == (files, errors)


def test_globs_and_duplicates(drafts):
    files, errors = collect_inputs([str(drafts / "*.txt"), str(drafts / "b_pass.txt"), str(drafts / "dis*")])
    assert [f.rsplit("/", 1)[-1] for f in files] == ["a_fail.txt", "b_pass.txt", "a_pass.md", "c_fail.txt"]
    files, errors = collect_inputs([str(drafts / "*.pdfx")])
    assert files == [] and "没有匹配的报告文件" in errors[0].error


def test_batch_with_failing_reports_exits_1_with_a_summary(drafts, capsys):
    code, out, err = run([drafts, "-j", "2"], capsys)
    assert code == 1 and err == ""
    summary = out[out.index("汇总"):]
    assert "共 4 份：通过 2，未通过 2，无法读取 0" in summary
    for line in summary.splitlines():
        if "c_fail.txt" in line:
            assert "未通过" in line and "第一责任人职责履行" in line
        if "b_pass.txt" in line:
            assert "通过" in line and "黄花店镇人民政府" in line and "2024" in line and "良" in line


def test_all_passing_batch_exits_0(drafts, capsys):
    code, out, _ = run([drafts / "b_pass.txt", drafts / "district"], capsys)
    assert code == 1  # district/ holds a failing report too
    code, out, _ = run([drafts / "b_pass.txt", drafts / "district" / "a_pass.md"], capsys)
    assert code == 0 and "共 2 份：通过 2，未通过 0" in out


def test_unreadable_input_exits_2_and_says_which(drafts, capsys):
    (drafts / "empty.txt").write_bytes(b"")
    code, out, err = run([drafts, drafts / "nowhere.txt"], capsys)
    assert code == 2
    assert f"{drafts / 'empty.txt'}: 文件为空" in err and f"{drafts / 'nowhere.txt'}: 文件不存在" in err
    assert "无法读取 2" in out  # the others were still checked
    assert out.count("法治政府建设年度报告审查 ——") == 4


def test_file_formats_alone_print_the_summary_and_write_files(drafts, tmp_path, capsys):
    out_dir = tmp_path / "out"
    code, out, err = run([drafts, "-f", "sarif,junit,csv", "-o", out_dir], capsys)
    assert code == 1 and err == ""
    assert "法治政府建设年度报告审查 ——" not in out and "共 4 份" in out
    assert sorted(p.name for p in out_dir.iterdir()) == ["check.sarif", "junit.xml", "summary.csv"]


def test_json_batch_keeps_its_contract_and_order(drafts, capsys):
    code, out, _ = run([drafts, "-f", "json", "-j", "2"], capsys)
    d = json.loads(out)
    assert [r["file"] for r in d["reports"]] == collect_inputs([str(drafts)])[0]
    assert d["summary"] == {"total": 4, "passed": 2, "failed": 2, "errors": 0, "mean_score": d["summary"]["mean_score"]}


def test_jobs_do_not_change_results(drafts, capsys):
    one = json.loads(run([drafts, "-f", "json", "-j", "1"], capsys)[1])
    two = json.loads(run([drafts, "-f", "json", "-j", "2"], capsys)[1])
    assert one == two


def test_no_progress_bar_when_stderr_is_not_a_terminal(drafts, capsys):
    code, out, err = run([drafts, "-f", "csv", "-o", drafts.parent / "o"], capsys)
    assert err == ""  # capsys' stderr is not a tty: silent


def test_progress_bar_draws_on_a_terminal():
    import io

    from checker.cli.progress import progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = progress(3, stream)
    for name in ("a.txt", "b.txt", "c.txt"):
        bar.advance(name)
    bar.close()
    assert "3/3" in stream.getvalue()
    silent = io.StringIO()
    bar = progress(3, silent)
    bar.advance("a.txt")
    bar.close()
    assert silent.getvalue() == ""


def _listed_after_the_fork():
    import checker.pipeline

    return getattr(checker.pipeline, "_LISTED", None)


def test_batch_workers_start_before_the_inputs_are_listed(drafts, capsys, monkeypatch):
    """Forked workers inherit the parent's memory: started after the inputs are listed, each
    would carry the list of files, which grows with the batch (bench/bench_memory.py)."""
    import checker.pipeline as pipeline

    calls = []
    start, collect = pipeline.start_workers, pipeline.collect_inputs
    monkeypatch.setattr(pipeline, "start_workers", lambda *a: calls.append("start_workers") or start(*a))
    monkeypatch.setattr(pipeline, "collect_inputs", lambda *a, **k: calls.append("collect_inputs") or collect(*a, **k))
    code, out, _ = run([drafts, "--format", "json", "-j", "2"], capsys)
    assert code == 1 and len(json.loads(out)["reports"]) == 4
    assert calls == ["start_workers", "collect_inputs"]

    pool = start([str(drafts)], 2)
    try:
        monkeypatch.setattr(pipeline, "_LISTED", ["a file listed after the workers started"], raising=False)
        assert pool.submit(_listed_after_the_fork).result() is None
    finally:
        pool.shutdown()


def test_no_worker_processes_for_a_few_named_files_or_one_job(drafts):
    from checker.pipeline import start_workers

    assert start_workers([str(drafts / "a_fail.txt")], 0) is None
    assert start_workers([str(drafts / "a_fail.txt"), str(drafts / "b_pass.txt")], 2) is None
    assert start_workers([str(drafts)], 1) is None
