"""From paths on the command line to outcomes: collect inputs, check each one (in worker
processes for a batch), and never let one bad file stop the others.

Per-report outputs (HTML, PDF) are written inside the worker that checked the report, so a
batch uses every core for rendering too; the main process receives slim reports (without the
report text) and feeds the streaming renderers, so memory stays flat in the number of reports.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import CheckError, InputError, clip
from checker.ingest import READERS, ReadOptions, load
from checker.judge.result import Report


@dataclass
class Options:
    rules: str | None = None  # rulebook id or path; None: chosen by the report year
    min_score: float | None = None
    fail_level: str | None = None
    encoding: str | None = None
    max_size: int = ReadOptions.max_size
    out_dir: Path = Path("reports_out")
    per_report_formats: tuple[str, ...] = ()  # formats written once per report (html, pdf)
    skip: tuple[str, ...] = ()  # element ids to leave out
    mandatory: tuple[str, ...] | None = None  # element ids that must be present (None: rulebook's)
    config: dict = field(default_factory=dict)
    # cross-report analyses run on a batch of two or more (checker.across); --no-similar drops one
    analyses: tuple[str, ...] = ("similar", "promises")


@dataclass
class Outcome:
    path: str
    report: Report | None = None
    error: str | None = None  # one-line Chinese message naming the file and the reason
    outputs: list[str] = field(default_factory=list)
    fatal: bool = False  # a rulebook error: the whole run must stop
    features: dict | None = None  # a batch's cross-report features of this report (checker.across)
    kept: dict | None = None  # ... and what its analyses keep of the text to fill its fields (``keep``)

    @property
    def ok(self) -> bool:
        return self.report is not None


GENERATOR_MARK = b'<meta name="generator" content="check">'


def is_own_output(path) -> bool:
    """A scorecard or dashboard this program wrote (its HTML carries the generator mark)."""
    if Path(path).suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as f:
            return GENERATOR_MARK in f.read(4096)
    except OSError:
        return False


def _is_commented_draft(path) -> bool:
    """A draft this program commented (``--format docx``): a folder or glob does not take it for
    one more report (named on the command line, it is checked: a returned draft may keep the name)."""
    from checker.wordreview import is_commented_output

    return is_commented_output(path)


def collect_inputs(paths: list[str], exclude: tuple = ()) -> tuple[list[str], list[Outcome]]:
    """Files in a stable order: directories recursively (supported extensions only), globs
    expanded. Paths that match nothing become error outcomes. Folders and globs never yield a
    file under ``exclude`` (the output folder) nor a scorecard of our own: ``check .`` run twice
    must not check the first run's ``reports_out/*.html`` as reports."""
    skip_dirs = [os.path.realpath(d) for d in exclude]

    def excluded(f) -> bool:
        if skip_dirs:
            real = os.path.join(os.path.realpath(os.path.dirname(f) or "."), os.path.basename(f))
            if any(real.startswith(d.rstrip(os.sep) + os.sep) for d in skip_dirs):
                return True
        return is_own_output(f) or (str(f).endswith(".审查意见.docx") and _is_commented_draft(f))

    files: list[str] = []
    errors: list[Outcome] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    def walk(p: Path) -> list[str]:
        return sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in READERS and f.is_file()
                      and not any(part.startswith(".") for part in f.relative_to(p).parts)
                      and not f.name.startswith("~$")  # Word/WPS lock file of an open document
                      and not excluded(f))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = walk(p)
            if not found:
                errors.append(Outcome(raw, error=f"{raw}: 目录中没有可检查的报告文件"))
            for f in found:
                add(f)
        elif not p.exists() and glob.has_magic(raw):
            # a glob takes what a directory would: supported files, and folders recursively
            found = []
            for m in sorted(glob.glob(raw, recursive=True)):
                if Path(m).is_dir():
                    found.extend(walk(Path(m)))
                elif Path(m).suffix.lower() in READERS and not excluded(m):
                    found.append(m)
            if not found:
                errors.append(Outcome(raw, error=f"{raw}: 没有匹配的报告文件"))
            for f in found:
                add(f)
        elif is_own_output(raw):
            errors.append(Outcome(raw, error=f"{raw}: 这是 check 生成的评分卡，不是报告"))
        else:
            add(raw)
    return files, errors


def _rulebook_for(doc, opts: Options):
    from checker.rulebook.select import choose_rulebook

    return choose_rulebook(doc, opts.rules)


def check_file(path: str, opts: Options, stem: str = "", keep_text: bool = False,
               context: dict | None = None, collect: tuple[str, ...] = ()) -> Outcome:
    """Check one file. Always returns an Outcome; never raises for a bad input. ``stem`` names
    its output files (unique within the batch); ``keep_text`` keeps the report's lines (the
    server renders the scorecard and the PDF from them later); ``context``: what the
    cross-report analyses found for this report (``checker.across``), applied before any
    output is written. ``collect``: the analyses whose features the batch needs: they are
    computed from this check, and the per-report outputs wait for ``finish_file``."""
    from checker.judge.context import Context
    from checker.judge.engine import evaluate

    try:
        doc = load(path, ReadOptions(encoding=opts.encoding, max_size=opts.max_size))
        book, reason = _rulebook_for(doc, opts)
        ctx = Context.build(doc, book)
        report = evaluate(doc, book, min_score=opts.min_score, fail_level=opts.fail_level,
                          skip=opts.skip, mandatory=opts.mandatory, context=ctx)
        report.rulebook_reason = reason
    except InputError as e:
        return Outcome(path, error=str(e))
    except CheckError as e:  # a rulebook problem concerns every file: stop the run
        return Outcome(path, error=str(e), fatal=True)
    except RecursionError:
        return Outcome(path, error=f"{path}: 文件结构过于复杂，无法处理")
    except MemoryError:
        return Outcome(path, error=f"{path}: 文件过大，内存不足")
    except Exception as e:  # noqa: BLE001 - a bug must not cost the other files their result
        return Outcome(path, error=clip(f"{path}: 处理失败（内部错误 {type(e).__name__}: {e}）"))
    report.stem = stem
    outcome = Outcome(path, report=report)
    if collect:
        from checker.across import features_of, kept_of

        outcome.features = features_of(doc, ctx, report.metadata, path, collect)
        outcome.kept = kept_of(doc, collect)
        if not keep_text:
            report.lines = []
        return outcome
    return _finish(outcome, doc, opts, context, keep_text)


def _finish(outcome: Outcome, doc, opts: Options, context: dict | None, keep_text: bool = False) -> Outcome:
    """The cross-report fields, then the per-report outputs (HTML, PDF, Word) of a checked report."""
    report, path = outcome.report, outcome.path
    if context:
        from checker.across import apply_all

        failed = apply_all(report, doc, context, outcome.kept)
        if failed:
            outcome.error = failed[0]
    for fmt in opts.per_report_formats:
        from checker.render import write_per_report

        try:
            outcome.outputs.append(write_per_report(fmt, report, opts))
        except CheckError as e:
            outcome.error = str(e)
        except Exception as e:  # noqa: BLE001
            outcome.error = clip(f"{path}: 生成 {fmt} 失败（{type(e).__name__}: {e}）")
    if not keep_text:
        report.lines = []  # the main process does not need the text
    return outcome


def finish_file(record: dict, opts: Options, context: dict | None) -> Outcome:
    """Pass two of a batch with cross-report analyses, for a report from the spool (``record``)."""
    return finish(_from_record(record), opts, context)


def finish(outcome: Outcome, opts: Options, context: dict | None, keep_text: bool = False,
           source: str | None = None) -> Outcome:
    """Pass two of a batch with cross-report analyses: a report checked in pass one gets its
    cross-report fields and its per-report outputs. The file (``source``, else the outcome's
    path) is read again only when they need more of it than pass one kept."""
    if outcome.report is None:
        return outcome
    doc = None
    if _rereads(outcome.kept, opts, context):
        try:
            doc = load(source or outcome.path, ReadOptions(encoding=opts.encoding, max_size=opts.max_size))
        except InputError as e:  # changed or removed since pass one
            outcome.error = str(e).replace(source, outcome.path) if source else str(e)
            return outcome
        outcome.report.lines, outcome.report.line_pages = doc.lines, doc.info.get("page_lines")
    return _finish(outcome, doc, opts, context, keep_text)


def _rereads(kept: dict | None, opts: Options, context: dict | None) -> bool:
    """Whether finishing a checked report needs its file again: outputs of its own to write,
    or an analysis that needs more of the text than pass one kept (``checker.across.needs_doc``)."""
    from checker.across import needs_doc

    return bool(opts.per_report_formats or needs_doc(context, kept))


def _record(outcome: Outcome) -> dict:
    from checker.judge.result import report_record

    return {"path": outcome.path, "error": outcome.error, "outputs": outcome.outputs, "fatal": outcome.fatal,
            "report": report_record(outcome.report) if outcome.report is not None else None,
            "kept": outcome.kept}


def _from_record(record: dict) -> Outcome:
    from checker.judge.result import report_from_dict

    report = record["report"]
    return Outcome(record["path"], report=report_from_dict(report) if report is not None else None,
                   error=record["error"], outputs=list(record["outputs"]), fatal=record["fatal"],
                   kept=record["kept"])


def _spooled(outcome: Outcome) -> tuple:
    """Pass one's outcome as (spool line, file, metadata, features, fatal): serialised where it
    was checked (a worker), so the main process only writes the line and links the features."""
    features, outcome.features = outcome.features, None
    meta = outcome.report.metadata if outcome.report is not None else None
    return OutcomeSpool.line(outcome), outcome.path, meta, features, outcome.fatal


def _first_pass(tasks: list) -> list[tuple]:
    return [_spooled(check_file(*t)) for t in tasks]


class OutcomeSpool:
    """Pass one's outcomes, as JSON lines in a temporary file, read back in order for pass two:
    the main process holds no report while the batch's features are linked."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile(mode="w+b", prefix="check-batch-")

    @staticmethod
    def line(outcome: Outcome) -> bytes:
        import json

        # surrogatepass: a file name that is not UTF-8 holds lone surrogates, and comes back as it was
        return json.dumps(_record(outcome), ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"

    @staticmethod
    def record(line: bytes) -> dict:
        import json

        return json.loads(line.decode("utf-8", "surrogatepass"))

    def write(self, line: bytes) -> None:
        self.file.write(line)

    def __iter__(self):
        self.file.seek(0)
        for line in self.file:
            yield self.record(line)

    def close(self) -> None:
        self.file.close()


SEQUENTIAL_BELOW = 4  # fewer files than this are checked in the main process


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def useful_jobs(jobs: int, files: int | None = None) -> int:
    """Worker processes worth starting: ``--jobs`` (0: all CPUs), but never more than the CPUs
    this process may use, nor more than the files (``-j 1000`` forked 1,000 workers)."""
    n = min(jobs or cpus(), cpus())
    if files is not None:
        n = min(n, files)
    return max(1, n)


def start_workers(paths: list[str], jobs: int = 0):
    """The worker pool for a batch, started before its inputs are listed, or None when the main
    process will check everything (``--jobs 1``, or a few files named one by one).

    Forked workers inherit the parent's memory; forked after ``collect_inputs``, each would carry
    a copy of the list of files and their output names, which grows with the batch."""
    files_only = all(os.path.isfile(p) for p in paths)
    jobs = useful_jobs(jobs, len(paths) if files_only else None)
    if jobs == 1 or (len(paths) < SEQUENTIAL_BELOW and files_only):
        return None
    from concurrent.futures import ProcessPoolExecutor  # only for a batch: a single file starts faster

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt)
    pool.submit(int).result()  # a fork pool starts all its workers on the first task: now
    return pool


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which cancels what has not started and waits
    for the files in hand: each worker finishes its output (or removes its temporary file), no
    worker prints a traceback, and the main process says ``已中断`` once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(paths: list[str], opts: Options, jobs: int = 0, inputs: tuple | None = None, pool=None, warn=None,
        checked=None):
    """Yield outcomes in input order: errors for unmatched paths first, then each file.
    ``inputs``: the result of ``collect_inputs(paths)`` when the caller already has it;
    ``pool``: workers from ``start_workers`` (the caller shuts them down); without one, or for
    a few files, everything is checked in this process. A batch of two or more with
    cross-report analyses runs in two passes (``_across_batch``; ``warn`` gets a message when
    an analysis's link fails; ``checked`` gets each file's path as pass one checks it, and None
    when pass one is over: the outcomes come only in pass two)."""
    files, errors = inputs or collect_inputs(paths)
    yield from errors
    if not files:
        return
    from checker.render import unique_stems

    stems = unique_stems(files)
    if opts.per_report_formats:
        _avoid_inputs(stems, files, opts)
    jobs = useful_jobs(jobs, len(files))
    sequential = pool is None or jobs == 1 or len(files) < SEQUENTIAL_BELOW
    from checker.across import collected

    names = collected(opts.analyses, len(files))
    if names:
        yield from _across_batch(files, stems, opts, names, None if sequential else pool, jobs, warn, checked)
        return
    if sequential:
        for f in files:
            yield check_file(f, opts, stems[f])
        return
    yield from _in_order(pool, _chunks(files, stems, opts, jobs), window=jobs * 4)


def _chunks(files: list[str], stems: dict, opts: Options, jobs: int, extra: tuple = ()):
    """Tasks for ``_check_chunk``: a few files each (one for PDF output)."""
    chunk = max(1, min(4, len(files) // (jobs * 4)))
    if "pdf" in opts.per_report_formats:  # ~0.3 s a file: a batch of several would leave a core idle at the end
        chunk = 1
    return ([(f, opts, stems[f], False, None, *extra) for f in files[i:i + chunk]]
            for i in range(0, len(files), chunk))


def _across_batch(files: list[str], stems: dict, opts: Options, names: tuple[str, ...], pool, jobs: int, warn,
                  checked=None):
    """A batch with cross-report analyses, in two passes. One: check every file and compute its
    features (small: never text), spooling the outcomes to disk. Then link the features (main
    process). Two: in input order, each report gets its cross-report fields and its per-report
    outputs, reading the file again only when they need its text; the outcomes are yielded then,
    so every output (JSON ``similar``, the scorecard's sections) sees the whole batch."""
    from checker.across import link

    spool, found = OutcomeSpool(), []
    try:
        if pool is None:
            first = (_spooled(check_file(f, opts, stems[f], False, None, names)) for f in files)
        else:
            first = _in_order_results(pool, _first_pass, _chunks(files, stems, opts, jobs, (names,)), window=jobs * 4)
        for i, (line, path, meta, features, fatal) in enumerate(first):
            if fatal:  # a rulebook error concerns every file: stop here, as without analyses
                yield _from_record(OutcomeSpool.record(line))
                return
            if features is not None:
                found.append((i, path, meta, features))
            spool.write(line)
            if checked is not None:
                checked(path)
        if checked is not None:
            checked(None)
        contexts = link(found, opts, warn)
        del found
        records = ((record, contexts.get(i)) for i, record in enumerate(spool))
        if pool is None:
            for record, ctx in records:
                yield finish_file(record, opts, ctx)
            return
        yield from _in_order_light(pool, records, opts, window=jobs * 4)
    finally:
        spool.close()


def _in_order_light(pool, records, opts: Options, window: int):
    """Pass two in input order: a report that needs its file again (outputs to write, last
    year's promises to judge) goes to a worker; the others are finished here, without a round trip."""
    from collections import deque
    from concurrent.futures import Future

    pending: deque = deque()
    for record, ctx in records:
        if record["report"] is not None and _rereads(record["kept"], opts, ctx):
            pending.append(pool.submit(finish_file, record, opts, ctx))
        else:
            pending.append(finish_file(record, opts, ctx))
        while pending and (len(pending) > window or not isinstance(pending[0], Future) or pending[0].done()):
            head = pending.popleft()
            yield head.result() if isinstance(head, Future) else head
    while pending:
        head = pending.popleft()
        yield head.result() if isinstance(head, Future) else head


def _avoid_inputs(stems: dict, files: list[str], opts: Options) -> None:
    """A scorecard must not take the name of an input named from inside the output folder
    (``check a/x.txt out/x.html -o out``: x.txt's scorecard would replace out/x.html)."""
    from checker.render import per_report_name

    out = os.path.realpath(opts.out_dir)
    inside = {os.path.basename(f) for f in files if os.path.realpath(os.path.dirname(os.path.abspath(f))) == out}
    if not inside:
        return
    taken = set(stems.values())
    for f, stem in stems.items():
        if any(per_report_name(fmt, stem) in inside for fmt in opts.per_report_formats):
            i = 1
            while f"{stem}_{i}" in taken or any(per_report_name(fmt, f"{stem}_{i}") in inside
                                                for fmt in opts.per_report_formats):
                i += 1
            stems[f] = f"{stem}_{i}"
            taken.add(stems[f])


def _check_chunk(tasks: list) -> list[Outcome]:
    return [check_file(*t) for t in tasks]


def _in_order(pool, chunks, window: int):
    """Outcomes of every chunk, in input order, with at most ``window`` chunks submitted and not
    yet consumed. (``Executor.map`` submits every chunk at once: the pending tasks and the
    results waiting for a slow consumer then grow with the number of reports.)"""
    yield from _in_order_results(pool, _check_chunk, chunks, window)


def _in_order_results(pool, fn, chunks, window: int):
    """``fn(chunk)`` for every chunk in the pool, results in input order (see ``_in_order``)."""
    from collections import deque
    from itertools import islice

    pending = deque(pool.submit(fn, c) for c in islice(chunks, window))
    while pending:
        done = pending.popleft().result()
        pending.extend(pool.submit(fn, c) for c in islice(chunks, 1))
        yield from done


def count_inputs(paths: list[str]) -> int:
    files, errors = collect_inputs(paths)
    return len(files) + len(errors)
