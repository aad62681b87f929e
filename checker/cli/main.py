"""The ``check`` command.

``check FILE...`` scores reports; a few subcommands (``check doctor``, ``check config``,
``check rules lint``, ``check explain``) live in their own modules and are dispatched by their
first word, so that the plain ``check report.txt`` stays one short command with no subcommand
name to type. Exit codes: 0 all passed, 1 a report failed the gate, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import math
import re
import sys
from pathlib import Path
from typing import List, Optional

try:
    import typer
except KeyboardInterrupt:  # Ctrl-C while the command is still starting
    print("check: 已中断", file=sys.stderr)
    sys.exit(130)

from checker.errors import CheckError

# first word -> module with a typer app called ``app``
SUBCOMMANDS: dict[str, str] = {
    "config": "checker.cli.config_cmd",
    "rules": "checker.cli.rules_cmd",
    "explain": "checker.cli.explain_cmd",
    "doctor": "checker.cli.doctor",
    "eval": "checker.evaluate.cmd",
    "diff": "checker.diff.cmd",
    "track": "checker.track.cmd",
    "serve": "checker.serve.cmd",
}

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
DISTRIBUTION = "check-fzzf"  # the name in pyproject.toml, where --version reads the version

HELP = """检查法治政府建设年度报告是否符合国家模板，给出得分、等级和逐项证据。

示例：check 报告.txt    check 报告.docx --format json    check 报告目录/ --format html,pdf -o 审查结果/
      check 草稿.docx --format docx -o 审查意见/（草稿原样返回，审查意见写成 Word 批注）

退出码：0 全部通过；1 有报告未通过（得分低于合格线或必备要素未覆盖）；2 用法错误或文件无法读取。"""


def say(msg) -> None:
    """One line on stderr, ``check: …``, of bounded length; a file name or rulebook text in it can
    neither move the cursor, colour the terminal, nor start a new line (a fake message or a CI
    workflow command)."""
    from checker.errors import clip
    from checker.render.escape import terminal

    print(f"check: {terminal(clip(msg))}", file=sys.stderr)


def _size(value: str | None) -> int | None:
    """20MB, 500K, 1048576 -> bytes."""
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", value)
    if not m:
        raise CheckError(f"--max-size 的值无效：{value}（示例：20MB、500KB）")
    return int(float(m[1]) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m[2].lower()])


def version_text() -> str:
    """``check 0.1.0``: the installed distribution's version (its metadata), or the source's
    ``__version__`` when the package runs from a checkout that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"check {version(DISTRIBUTION)}"
    except PackageNotFoundError:
        from checker import __version__

        return f"check {__version__}"


def _print_version(value: bool) -> None:
    if value:
        print(version_text())
        raise typer.Exit(EXIT_OK)


def check_command(
    paths: List[str] = typer.Argument(..., metavar="报告", help="报告文件、目录或通配符（可多个）", show_default=False),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="格式", help="输出格式，可用逗号分隔多个：text、json、html、pdf、sarif、junit、csv、docx（带审查批注的 Word 文档）（默认 text）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="目录", help="输出目录（默认 reports_out/）"),
    rules: Optional[str] = typer.Option(None, "--rules", "-r", metavar="规则", help="规则集 id 或 YAML 文件路径（默认按报告年度自动选择）"),
    min_score: Optional[float] = typer.Option(None, "--min-score", metavar="分数", help="合格线（默认取规则集的设定，通常为 60）"),
    fail_level: Optional[str] = typer.Option(None, "--fail-level", metavar="级别", help="达到该级别（error 或 warning）的问题也判为未通过"),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="编码", help="文本文件的编码（默认自动识别）"),
    max_size: Optional[str] = typer.Option(None, "--max-size", metavar="大小", help="单个文件的大小上限（默认 20MB）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="个数", help="并行进程数（默认使用全部 CPU 核）"),
    skip: Optional[str] = typer.Option(None, "--skip", metavar="要素", help="不参与审查的要素 id，逗号分隔"),
    mandatory: Optional[str] = typer.Option(None, "--mandatory", metavar="要素", help="必备要素 id，逗号分隔（替换规则集中的设定）"),
    no_similar: bool = typer.Option(False, "--no-similar", help="批量检查时不查找报告之间相同或近似的文字（默认两份及以上报告时查找）"),
    no_promises: bool = typer.Option(False, "--no-promises", help="批量检查时不对照同一单位上一年度报告的下一年度安排（默认对照）"),
    config: Optional[Path] = typer.Option(None, "--config", metavar="文件", help="配置文件（默认从当前目录向上查找 .check.yaml 或 pyproject.toml 的 [tool.check]）"),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="显示版本号后退出"),
) -> None:
    from checker.cli.config import effective
    from checker.pipeline import Options, start_workers
    from checker.render import PER_REPORT, parse_formats

    if any(not p.strip() for p in paths):
        raise CheckError("用法错误：报告路径为空（用 check --help 查看用法）")  # ``check ""`` is not ``check .``
    if fail_level is not None and fail_level not in ("error", "warning"):
        raise CheckError(f"--fail-level 只能是 error 或 warning，收到：{fail_level}")
    if min_score is not None and not (math.isfinite(min_score) and 0 <= min_score <= 100):
        raise CheckError(f"--min-score 应为 0 到 100 之间的数，收到：{min_score:g}")
    if jobs is not None and jobs < 0:
        raise CheckError(f"--jobs 应为非负整数（0 表示使用全部 CPU 核），收到：{jobs}")
    cfg = effective(config, warn=say, format=format and ",".join(parse_formats(format)), output=output,
                    rules=rules, min_score=min_score, fail_level=fail_level, skip=skip, mandatory=mandatory, jobs=jobs)
    formats = parse_formats(",".join(cfg.get("format") or ["text"]))
    opts = Options(
        rules=cfg.get("rules"),
        min_score=cfg.get("min_score"),
        fail_level=cfg.get("fail_level"),
        encoding=encoding,
        out_dir=Path(cfg.get("output") or "reports_out"),
        per_report_formats=tuple(f for f in formats if f in PER_REPORT),
        skip=tuple(cfg.get("skip") or ()),
        mandatory=None if cfg.get("mandatory") is None else tuple(cfg.get("mandatory")),
    )
    if no_similar or no_promises:
        dropped = {name for name, off in (("similar", no_similar), ("promises", no_promises)) if off}
        opts.analyses = tuple(a for a in opts.analyses if a not in dropped)
    if opts.skip or opts.mandatory is not None:
        from checker.cli.config import check_element_ids
        from checker.rulebook.model import load_rulebook

        from checker.rulebook.select import ERAS  # without --rules, every era's rulebook may judge a report

        books = [opts.rules] if opts.rules else [rid for _, rid in ERAS]
        check_element_ids(cfg, {e.id for rid in books for e in load_rulebook(rid).elements})
    size = _size(max_size)
    if size is not None:
        opts.max_size = size
    if cfg.path is not None:
        say(f"使用配置文件 {cfg.path}")  # the gate may come from it: say which one
    jobs = cfg.get("jobs") or 0
    pool = start_workers(paths, jobs)  # before the inputs are listed: see start_workers
    try:
        failed, errored = _check_all(paths, opts, formats, jobs, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    raise typer.Exit(EXIT_ERROR if errored else EXIT_FAILED if failed else EXIT_OK)


def _check_all(paths, opts, formats, jobs, pool) -> tuple[bool, bool]:
    """Check every input and feed the renderers; (some report failed, some input errored)."""
    from checker.pipeline import collect_inputs, run
    from checker.cli.progress import progress
    from checker.render import OutputError, check_batch_outputs, plan_renderers, probe_folder

    inputs = collect_inputs(paths, exclude=(opts.out_dir,))
    total = len(inputs[0]) + len(inputs[1])
    renderers = plan_renderers(formats, total, opts.out_dir, sys.stdout, sys.stderr)
    files = [r.path for r in renderers if getattr(r, "path", None)]
    check_batch_outputs(files, inputs[0])
    if files or opts.per_report_formats:
        probe_folder(opts.out_dir)  # an unwritable -o: one message now, not one per report
    failed = errored = False
    live = list(renderers)

    def feed(method: str, *args) -> None:
        """Call ``method`` on every renderer still writing; one whose file cannot be written
        (disk full...) is dropped with a message, and the others carry on."""
        nonlocal errored
        for r in list(live):
            try:
                getattr(r, method)(*args)
            except OutputError as e:
                errored = True
                say(e)
                getattr(r, "abort", lambda: None)()
                live.remove(r)
            except (OSError, CheckError):  # a closed pipe, a rulebook error: the run cannot go on
                raise
            except Exception as e:  # noqa: BLE001 - a bug with one report must not cut the others' output
                if method != "add":
                    raise
                errored = True
                say(f"{args[0].path}: 输出失败（内部错误 {type(e).__name__}: {e}）")

    bar = progress(total, sys.stderr, enabled=not any(getattr(r, "streams_to_terminal", False) for r in renderers))
    try:
        feed("start", total)
        if "similar" in opts.analyses and len(inputs[0]) > 1:
            bar.note("先检查全部报告、比对报告之间的文字，再逐份输出（--no-similar 可跳过比对）")
        first_pass = [False]  # a batch with cross-report analyses: the bar moves as each report is checked

        def checked(path: str | None) -> None:
            first_pass[0] = True
            if path is None:
                bar.note("比对报告之间的文字和上年承诺，逐份输出")
            else:
                bar.advance(path)

        for outcome in run(paths, opts, jobs=jobs, inputs=inputs, pool=pool, warn=say, checked=checked):
            if outcome.fatal:
                raise CheckError(outcome.error)
            if not first_pass[0]:
                bar.advance(outcome.path)
            if outcome.report is None:
                errored = True
                say(outcome.error)
            else:
                if outcome.error:
                    errored = True
                    say(outcome.error)
                failed = failed or not outcome.report.passed
            feed("add", outcome)
    except BaseException:
        for r in live:  # no half-written output files
            try:
                getattr(r, "abort", lambda: None)()
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
        raise
    finally:
        bar.close()
    feed("finish")
    sys.stdout.flush()
    return failed, errored


def _command(app_or_func):
    from checker.cli.usage import chinese_help

    if isinstance(app_or_func, typer.Typer):
        command = typer.main.get_command(app_or_func)
        chinese_help(command)
        return command
    app = typer.Typer(add_completion=False, help=HELP, rich_markup_mode=None)
    app.command(help=HELP)(app_or_func)
    command = typer.main.get_command(app)
    from checker.cli.fastparams import install  # plain option coercion: no pydantic at start-up

    install(command)
    chinese_help(command)
    return command


def main(argv: list[str] | None = None) -> None:
    """Entry point: never a traceback, exit 2 with one Chinese line for anything the user can fix."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a file name's undecodable bytes: \udcff, not a crash
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    if argv and argv[0] in SUBCOMMANDS:
        command = _command(importlib.import_module(SUBCOMMANDS[argv[0]]).app)
        prog, argv = f"check {argv[0]}", argv[1:]
    else:
        command = _command(check_command)
        prog = "check"
    try:
        code = command.main(argv, prog_name=prog, standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into a silent exit code 130
            say("已中断")
    except CheckError as e:
        say(e)
        code = EXIT_ERROR
    except typer.Exit as e:
        code = e.exit_code
    except typer.Abort:
        say("已中断")
        code = 130
    except typer.TyperException as e:  # click's usage errors (bad option, missing file argument)
        from checker.cli.usage import usage_message

        if type(e).__name__ == "NoArgsIsHelpError":  # a command group called bare: its help
            print(e.format_message(), file=sys.stderr)
        else:
            say(f"用法错误：{usage_message(e)}（用 {prog} --help 查看用法）")
        code = EXIT_ERROR
    except KeyboardInterrupt:
        say("已中断")
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as e:  # noqa: BLE001 - an internal bug still must not print a traceback
        say(f"内部错误（{type(e).__name__}: {e}），请报告此问题")
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else 0)
