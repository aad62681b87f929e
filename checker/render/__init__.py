"""Output formats, each a small module. Two kinds:

- streaming renderers (text, json, and the batch formats) run in the main process: ``start``,
  then ``add(outcome)`` for each report as it arrives, then ``finish`` -- so memory does not grow
  with the number of reports;
- per-report renderers (html, pdf) run in the worker that checked the report and write one file
  each through ``write_atomic``.
"""

from __future__ import annotations

import errno
import importlib
import os
import tempfile
from pathlib import Path

from checker.errors import CheckError

# name -> module; a streaming module has a class Renderer, a per-report module a function write()
STREAMING = {
    "text": "checker.render.text",
    "json": "checker.render.json_out",
    "sarif": "checker.render.sarif",  # -o DIR/check.sarif
    "junit": "checker.render.junit",  # -o DIR/junit.xml
    "csv": "checker.render.csv_out",  # -o DIR/summary.csv
}
# streaming renderers the CLI adds by itself, never named with --format
INTERNAL = {
    "_dashboard": "checker.render.dashboard",  # -o DIR/index.html, with html on a batch
    "_annotations": "checker.render.annotations",  # GitHub Actions workflow commands, on stderr
}
STDOUT_FORMATS = ("text", "json")
PER_REPORT: dict[str, str] = {
    "html": "checker.render.html",
    "pdf": "checker.render.pdf",
    "docx": "checker.wordreview",  # the draft with the review as Word comments: <stem>.审查意见.docx
}


def known_formats() -> list[str]:
    return list(STREAMING) + list(PER_REPORT)


def parse_formats(value: str) -> list[str]:
    """``html,pdf`` -> ["html", "pdf"]; unknown names raise a CheckError in Chinese."""
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in STREAMING and n not in PER_REPORT]
    if unknown or not names:
        raise CheckError(f"未知的输出格式：{'、'.join(unknown) or value}（可用：{'、'.join(known_formats())}）")
    return list(dict.fromkeys(names))


def streaming_renderer(name: str, out, out_dir: Path | None = None):
    module = importlib.import_module(STREAMING.get(name) or INTERNAL[name])
    if getattr(module, "WRITES_FILE", False):
        return module.Renderer(out, out_dir=out_dir)
    return module.Renderer(out)


def plan_renderers(formats: list[str], total: int, out_dir: Path, stdout, stderr) -> list:
    """The streaming renderers for a run. text/json go to stdout; sarif, junit, csv (and the
    dashboard, for html on a batch) are files in ``out_dir``. When nothing goes to stdout, a
    batch still ends with the summary table, and a single report with no file output at all
    gets its scorecard. GitHub Actions annotations are added when ``GITHUB_ACTIONS=true``."""
    names = [f for f in formats if f in STREAMING]
    renderers = []
    for n in names:
        r = streaming_renderer(n, stdout, out_dir)
        r.streams_to_terminal = n in STDOUT_FORMATS and hasattr(stdout, "isatty") and stdout.isatty()
        renderers.append(r)
    if not any(n in STDOUT_FORMATS for n in names):
        if total > 1:
            summary = streaming_renderer("text", stdout)
            summary.summary_only = True
            renderers.append(summary)
        elif not any(f in PER_REPORT for f in formats):  # one report, only sarif/junit/csv: its scorecard too
            renderers.append(streaming_renderer("text", stdout))
    if "html" in formats and total > 1:
        renderers.append(streaming_renderer("_dashboard", stdout, out_dir))
    from checker.render.annotations import enabled

    if enabled():
        renderers.append(streaming_renderer("_annotations", stderr))
    return renderers


MAX_STEM_BYTES = 200  # file names are at most 255 bytes; room for ".html" and a "_区A" prefix
# names the batch outputs take in the -o folder; a report's scorecard never takes them
RESERVED_STEMS = frozenset({"index"})


def _short(stem: str) -> str:
    """``stem`` cut to MAX_STEM_BYTES of UTF-8, with a short hash of the whole so that two long
    names sharing a beginning stay apart."""
    if len(stem.encode("utf-8", "surrogateescape")) <= MAX_STEM_BYTES:
        return stem
    import hashlib

    tag = "_" + hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    cut = stem.encode("utf-8", "surrogateescape")[:MAX_STEM_BYTES - len(tag)].decode("utf-8", "ignore")
    return cut + tag


def output_stem(report_path: str) -> str:
    """Output file name (without extension) derived from the input's name."""
    p = Path(report_path)
    return _short(p.stem + ("" if p.suffix.lower() in (".txt", ".md", "") else "_" + p.suffix.lower().lstrip(".")))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def unique_stems(files: list[str]) -> dict[str, str]:
    """Output stems for a batch: the input's own name, unless two inputs share it (区A/报告.txt,
    区B/报告.txt); those get as many of their folder names as make them distinct (区A_报告)."""
    stems = {f: output_stem(f) for f in files}
    groups: dict[str, list[str]] = {}
    for f, stem in stems.items():
        groups.setdefault(stem, []).append(f)
    taken = set(stems.values())
    taken |= RESERVED_STEMS
    for stem, same in groups.items():
        if len(same) < 2 and stem not in RESERVED_STEMS:
            continue
        parents = {f: Path(os.path.abspath(f)).parent.parts for f in same}
        for k in range(1, max(len(p) for p in parents.values()) + 1):
            named = {f: _short("_".join([*parents[f][-k:], stem]).lstrip("/\\_")) for f in same}
            if len(set(named.values())) == len(same) and not (set(named.values()) & (taken - {stem})) \
                    and not set(named.values()) & RESERVED_STEMS:
                break
        else:
            named = {f: f"{stem}_{i}" for i, f in enumerate(same, start=1)}
        stems.update(named)
        taken |= set(named.values())
    return stems


def per_report_name(fmt: str, stem: str) -> str:
    """The file a per-report format writes for a report with this output stem."""
    if fmt == "docx":
        from checker.wordreview import output_name

        return output_name(stem)
    return f"{stem}.{fmt}"


def report_stem(report) -> str:
    """The output stem the pipeline chose for this report (its input's name by default)."""
    return getattr(report, "stem", "") or output_stem(report.file)


class OutputError(CheckError):
    """An output that cannot be written: names the folder and the reason, in Chinese."""


_REASONS = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额", errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限", errno.EROFS: "只读文件系统", errno.ENAMETOOLONG: "文件名过长",
    errno.ENOTDIR: "路径中有同名文件，不是目录", errno.EEXIST: "已有同名文件，不是目录",
    errno.EISDIR: "已有同名目录", errno.EIO: "输入输出错误",
}


def output_error(path: Path | None, e: OSError, folder: Path | None = None) -> OutputError:
    """``path``: the output file (its folder is named), or None with ``folder``."""
    folder = Path(path).parent if path is not None else folder
    reason = _REASONS.get(e.errno) or e.strerror or type(e).__name__
    name = f"（{Path(path).name}）" if path is not None else ""
    return OutputError(f"无法写入输出目录 {folder}：{reason}{name}")


def temp_file(folder: Path) -> tuple[int, str]:
    """A new temporary file in ``folder`` with a short name (a long report name plus a prefix
    and suffix would pass the file-system limit), readable as an ordinary output once renamed."""
    fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return fd, tmp


def make_folder(folder: Path) -> None:
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise output_error(None, e, folder=folder) from None


def probe_folder(folder: Path) -> None:
    """Make sure outputs can be written in ``folder`` (created when missing) before any work."""
    make_folder(folder)
    try:
        fd, tmp = temp_file(Path(folder))
    except OSError as e:
        raise output_error(None, e, folder=folder) from None
    os.close(fd)
    os.unlink(tmp)


def write_atomic(path: Path, data) -> Path:
    """Write through a temporary file in the same folder and rename it into place, so that an
    interrupted run never leaves a half-written file. The rename replaces whatever has the
    name, a symbolic link included: never the file a link points to. ``data``: bytes, text or
    an iterable of text pieces (a streamed template)."""
    make_folder(path.parent)
    tmp = None
    try:
        fd, tmp = temp_file(path.parent)
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, (str, bytes)):
                f.write(data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data)
            else:  # pieces of text (a streamed template)
                for piece in data:
                    f.write(piece.encode("utf-8", "backslashreplace"))
        os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(e, OSError):
            raise output_error(path, e) from None
        raise
    return path


def safe_output_path(out_dir: Path, name: str, source: str) -> Path:
    """Never write over or next to the input: refuse a target in the input's own folder. The
    name itself is not resolved: a symbolic link planted under it is replaced, not followed."""
    folder = Path(out_dir).resolve()
    target = folder / name
    src = Path(source).resolve()
    if target == src or _same_file(target, src):
        raise CheckError(f"{source}: 输出文件会覆盖输入文件，请用 -o 指定其他目录")
    if folder == src.parent:
        raise CheckError(f"{source}: 输出目录就是报告所在的目录，评分卡不与原件放在一起，请用 -o 指定其他目录")
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b) and not os.path.islink(a)
    except OSError:
        return False


def check_batch_outputs(paths: list[Path], inputs: list[str]) -> None:
    """The batch outputs (index.html, summary.csv...) must not replace an input of the run."""
    if not paths:
        return
    targets = {os.path.normcase(os.path.join(os.path.realpath(p.parent), p.name)): p for p in paths}
    for f in inputs:
        as_named = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(f))), os.path.basename(f))
        for real in {os.path.normcase(os.path.realpath(f)), os.path.normcase(as_named)}:
            if real in targets:  # the file itself, or a link to it given as the input
                raise CheckError(f"{f}: 输出文件 {targets[real]} 会覆盖这份报告，请用 -o 指定其他目录")


def write_per_report(fmt: str, report, opts) -> str:
    module = importlib.import_module(PER_REPORT[fmt])
    return str(module.write(report, opts))
