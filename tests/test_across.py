"""The cross-report seam (checker.across): the check gives each registered analysis every
file's features, link runs in the main process, and each report's context reaches ``apply``
before the per-report outputs are written. Tested with a
dummy analysis registered for the test, and with copy detection in worker processes."""

from __future__ import annotations

import shutil

import pytest

from checker import across
from checker.across import Analysis, register
from checker.pipeline import Options, collect_inputs, run, start_workers
from checker.judge.result import Finding
from conftest import SEED

MARK = "跨报告测试标记"


def _features(doc, ctx, meta, file):
    assert ctx.doc is doc and meta is not None  # the pre-pass hands over what it built
    return {"lines": len(doc.lines), "year": meta.year}


def _link(items):
    total = sum(f["lines"] for _, _, _, f in items)
    return {i: {"n": len(items), "total": total, "me": f["lines"]} for i, _, _, f in items}


def _apply(report, doc, ctx):
    assert ctx["me"] == len(doc.lines)  # this report's own context
    report.findings.append(Finding("dummy.mark", "info", f"{MARK}：本批 {ctx['n']} 份", None))


@pytest.fixture
def dummy():
    register(Analysis("dummy", _features, _link, _apply))
    yield "dummy"
    del across.ANALYSES["dummy"]


def _folder(tmp_path, keys=("000", "001", "002", "003", "004")):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in keys:
        shutil.copy(SEED[k], folder / SEED[k].name)
    return folder


def test_context_reaches_apply_before_the_html_is_written(tmp_path, dummy):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    opts = Options(analyses=("dummy",), per_report_formats=("html",), out_dir=out)
    outcomes = list(run([str(folder)], opts, jobs=1))
    assert len(outcomes) == 5
    for o in outcomes:
        assert o.ok and not o.error
        assert [f.message for f in o.report.findings if f.rule == "dummy.mark"] == [f"{MARK}：本批 5 份"]
        html = (out / (o.report.stem + ".html")).read_text(encoding="utf-8")
        assert MARK in html  # written after apply


def test_analysis_not_enabled_does_not_run(tmp_path, dummy):
    outcomes = list(run([str(_folder(tmp_path))], Options(analyses=("similar",)), jobs=1))
    assert not any(f.rule == "dummy.mark" for o in outcomes for f in o.report.findings)


def test_single_file_has_no_cross_report_results(tmp_path, dummy):
    (o,) = run([str(SEED["000"])], Options(analyses=("dummy", "similar")), jobs=1)
    assert o.report.similar is None and not any(f.rule == "dummy.mark" for f in o.report.findings)
    assert "similar" not in o.report.to_dict()


def test_bad_file_in_the_batch_does_not_stop_the_others(tmp_path, dummy):
    folder = _folder(tmp_path, ("000", "001"))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(SEED["000"], folder / "again.txt")
    outcomes = {o.path.rsplit("/", 1)[-1]: o for o in run([str(folder)], Options(analyses=("dummy", "similar")), jobs=1)}
    assert not outcomes["broken.docx"].ok and outcomes["broken.docx"].error
    assert not outcomes["empty.txt"].ok
    good = [o for o in outcomes.values() if o.ok]
    assert len(good) == 3
    for o in good:
        assert any(f.message == f"{MARK}：本批 3 份" for f in o.report.findings)
        assert o.report.similar is not None
    assert outcomes["again.txt"].report.similar[0]["file"].endswith(SEED["000"].name)


def test_a_failing_analysis_costs_only_its_own_field(tmp_path):
    def bad_apply(report, doc, ctx):
        raise ValueError("boom")

    register(Analysis("broken", _features, _link, bad_apply))
    try:
        outcomes = list(run([str(_folder(tmp_path, ("000", "001")))], Options(analyses=("broken", "similar")), jobs=1))
    finally:
        del across.ANALYSES["broken"]
    for o in outcomes:
        assert o.ok and o.report.similar is not None
        assert "跨报告分析 broken 失败" in o.error


def test_failing_link_is_reported_once_and_the_check_goes_on(tmp_path):
    def bad_link(items):
        raise RuntimeError("boom")

    said = []
    register(Analysis("broken", _features, bad_link, _apply))
    try:
        outcomes = list(run([str(_folder(tmp_path, ("000", "001")))], Options(analyses=("broken",)), jobs=1,
                            warn=said.append))
    finally:
        del across.ANALYSES["broken"]
    assert all(o.ok for o in outcomes)
    assert len(said) == 1 and "broken" in said[0]


def _comparable(outcomes) -> dict:
    return {o.path: (o.report.score, o.report.similar, o.report.similar_share,
                     [(f.rule, f.message, f.line) for f in o.report.findings]) for o in outcomes}


def test_a_batch_in_workers_and_in_process_agree(tmp_path, dummy):
    folder = _folder(tmp_path)
    text = SEED["002"].read_text(encoding="utf-8").replace("2021", "2022")
    (folder / "next.txt").write_text(text, encoding="utf-8")
    opts = Options(analyses=("dummy", "similar"))
    alone = _comparable(run([str(folder)], opts, jobs=1))
    pool = start_workers([str(folder)], 2)
    assert pool is not None
    try:
        inputs = collect_inputs([str(folder)])
        pooled = _comparable(run([str(folder)], opts, jobs=2, inputs=inputs, pool=pool))
    finally:
        pool.shutdown()
    assert pooled == alone
    assert any(v[1] for v in alone.values())  # copies were found, not just two empty results


def _counting_loads(monkeypatch) -> dict:
    """Count how often the batch reads each file (checker.pipeline.load)."""
    import checker.pipeline as pipeline

    counts: dict = {}
    real = pipeline.load

    def load(path, *a, **k):
        counts[str(path)] = counts.get(str(path), 0) + 1
        return real(path, *a, **k)

    monkeypatch.setattr(pipeline, "load", load)
    return counts


def test_a_batch_reads_each_file_once_unless_its_fields_need_its_text(tmp_path, monkeypatch):
    """The cross-report features come from the check itself, and so do the sentences copy
    detection quotes (``Analysis.keep``): a report is read again only to judge last year's
    promises against it or to write its own outputs."""
    folder = _folder(tmp_path)
    counts = _counting_loads(monkeypatch)
    outcomes = list(run([str(folder)], Options(analyses=("similar", "promises")), jobs=1))
    assert all(o.report.similar == [] for o in outcomes)  # no copies among the seeds: filled all the same
    assert sorted(counts.values()) == [1] * 5

    a = folder / SEED["001"].name
    paragraph = max(a.read_text(encoding="utf-8").splitlines(), key=len)
    b = folder / SEED["002"].name
    b.write_text(b.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    counts.clear()
    outcomes = {o.path: o for o in run([str(folder)], Options(analyses=("similar", "promises")), jobs=1)}
    assert sorted(counts.values()) == [1] * 5  # the copied passages are quoted from what pass one kept
    copy = outcomes[str(b)].report.similar[0]
    assert copy["file"] == str(a) and copy["passages"]
    assert any(p["text"].rstrip("…")[:40] in paragraph for p in copy["passages"])

    # a body's next year's report: its promises are judged against its document, read again
    this = folder / "next_year.txt"
    this.write_text(a.read_text(encoding="utf-8").replace("2025", "2026").replace("2024", "2025"), encoding="utf-8")
    counts.clear()
    outcomes = {o.path: o for o in run([str(folder)], Options(analyses=("promises",)), jobs=1)}
    assert outcomes[str(this)].report.promises is not None
    assert {p for p, n in counts.items() if n == 2} == {str(this)} and set(counts.values()) <= {1, 2}
    this.unlink()

    counts.clear()
    out = tmp_path / "out"
    opts = Options(analyses=("similar",), per_report_formats=("html",), out_dir=out)
    for o in run([str(folder)], opts, jobs=1):
        assert "文字雷同" in (out / (o.report.stem + ".html")).read_text(encoding="utf-8")
    assert sorted(counts.values()) == [2] * 5  # its own scorecard needs each report's text


def test_a_rulebook_error_stops_a_batch_with_analyses_at_once(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\nelements: [\n", encoding="utf-8")  # a YAML error
    outcomes = list(run([str(_folder(tmp_path))], Options(rules=str(bad), analyses=("similar", "promises")), jobs=1))
    assert outcomes[-1].fatal and len(outcomes) == 1


def test_the_batch_says_each_file_checked_in_pass_one(tmp_path):
    """A batch with analyses yields its outcomes only after the link; ``checked`` hears of each
    file as pass one checks it (a progress bar moves), then None."""
    folder = _folder(tmp_path)
    heard, outcomes = [], []
    for o in run([str(folder)], Options(analyses=("similar",)), jobs=1, checked=heard.append):
        outcomes.append(o)
        assert heard[-1] is None and len(heard) == 6  # every file checked before the first outcome
    assert heard[:-1] == [o.path for o in outcomes]


def test_the_progress_bar_moves_once_per_report_with_or_without_analyses(tmp_path, monkeypatch):
    import checker.cli.progress as progress_module
    from checker.cli.main import main

    class Bar:
        def __init__(self):
            self.advanced, self.notes = [], []

        def advance(self, label=""):
            self.advanced.append(label)

        def note(self, text):
            self.notes.append((len(self.advanced), text))

        def close(self):
            pass

    bars = []
    monkeypatch.setattr(progress_module, "progress", lambda *a, **k: bars.append(Bar()) or bars[-1])
    folder = _folder(tmp_path)
    for extra in ([], ["--no-similar", "--no-promises"]):
        with pytest.raises(SystemExit):
            main([str(folder), "-f", "json", "-o", str(tmp_path / "out"), "-j", "1", *extra])
    with_, plain = bars
    assert len(with_.advanced) == len(plain.advanced) == 5 and sorted(with_.advanced) == sorted(plain.advanced)
    assert with_.notes[-1][0] == 5  # after pass one: the bar says what it is doing
