"""Output formats, each a small module. Two kinds:

- streaming renderers (text, json, and the batch formats) run in the main process: ``start``,
  then ``add(outcome)`` for each report as it arrives, then ``finish`` -- so memory does not grow
  with the number of reports;
- per-report renderers (html, pdf) run in the worker that checked the report and write one file
  each through ``write_atomic``.
"""

from __future__ import annotations

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


def output_stem(report_path: str) -> str:
    """Output file name (without extension) derived from the input's name."""
    p = Path(report_path)
    return p.stem + ("" if p.suffix.lower() in (".txt", ".md", "") else "_" + p.suffix.lower().lstrip("."))


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
    for stem, same in groups.items():
        if len(same) < 2:
            continue
        parents = {f: Path(os.path.abspath(f)).parent.parts for f in same}
        for k in range(1, max(len(p) for p in parents.values()) + 1):
            named = {f: "_".join([*parents[f][-k:], stem]).lstrip("/\\_") for f in same}
            if len(set(named.values())) == len(same) and not (set(named.values()) & (taken - {stem})):
                break
        else:
            named = {f: f"{stem}_{i}" for i, f in enumerate(same, start=1)}
        stems.update(named)
        taken |= set(named.values())
    return stems


def report_stem(report) -> str:
    """The output stem the pipeline chose for this report (its input's name by default)."""
    return getattr(report, "stem", "") or output_stem(report.file)


def write_atomic(path: Path, data) -> Path:
    """Write through a temporary file in the same folder and rename it into place, so that an
    interrupted run never leaves a half-written file. ``data``: bytes, text or an iterable of
    text pieces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, (str, bytes)):
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:  # pieces of text (a streamed template)
                for piece in data:
                    f.write(piece.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def safe_output_path(out_dir: Path, name: str, source: str) -> Path:
    """Never write over or next to the input: refuse a target in the input's own folder."""
    target = (out_dir / name).resolve()
    src = Path(source).resolve()
    if target == src:
        raise CheckError(f"{source}: 输出文件会覆盖输入文件，请用 -o 指定其他目录")
    if target.parent == src.parent:
        raise CheckError(f"{source}: 输出目录就是报告所在的目录，评分卡不与原件放在一起，请用 -o 指定其他目录")
    return target


def write_per_report(fmt: str, report, opts) -> str:
    module = importlib.import_module(PER_REPORT[fmt])
    return str(module.write(report, opts))
