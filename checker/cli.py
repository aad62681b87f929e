"""The ``check`` command.

``check FILE...`` scores reports; a few subcommands (``check doctor``, ``check config``,
``check rules lint``, ``check explain``) live in their own modules and are dispatched by their
first word, so that the plain ``check report.txt`` stays one short command with no subcommand
name to type. Exit codes: 0 all passed, 1 a report failed the gate, 2 usage or input error.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import List, Optional

import typer

from checker.errors import CheckError

# first word -> module with a typer app called ``app``
SUBCOMMANDS: dict[str, str] = {
    "config": "checker.config_cmd",
    "rules": "checker.rules_cmd",
    "explain": "checker.explain_cmd",
    "doctor": "checker.doctor",
}

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

HELP = """检查法治政府建设年度报告是否符合国家模板，给出得分、等级和逐项证据。

示例：check 报告.txt    check 报告.docx --format json    check 报告目录/ --format html,pdf -o 审查结果/

退出码：0 全部通过；1 有报告未通过（得分低于合格线或必备要素未覆盖）；2 用法错误或文件无法读取。"""


def _size(value: str | None) -> int | None:
    """20MB, 500K, 1048576 -> bytes."""
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", value)
    if not m:
        raise CheckError(f"--max-size 的值无效：{value}（示例：20MB、500KB）")
    return int(float(m[1]) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m[2].lower()])


def check_command(
    paths: List[str] = typer.Argument(..., metavar="报告", help="报告文件、目录或通配符（可多个）", show_default=False),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="格式", help="输出格式，可用逗号分隔多个：text、json、html、pdf、sarif、junit、csv（默认 text）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="目录", help="输出目录（默认 reports_out/）"),
    rules: Optional[str] = typer.Option(None, "--rules", "-r", metavar="规则", help="规则集 id 或 YAML 文件路径（默认按报告年度自动选择）"),
    min_score: Optional[float] = typer.Option(None, "--min-score", metavar="分数", help="合格线（默认取规则集的设定，通常为 60）"),
    fail_level: Optional[str] = typer.Option(None, "--fail-level", metavar="级别", help="达到该级别（error 或 warning）的问题也判为未通过"),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="编码", help="文本文件的编码（默认自动识别）"),
    max_size: Optional[str] = typer.Option(None, "--max-size", metavar="大小", help="单个文件的大小上限（默认 20MB）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="个数", help="并行进程数（默认使用全部 CPU 核）"),
    skip: Optional[str] = typer.Option(None, "--skip", metavar="要素", help="不参与审查的要素 id，逗号分隔"),
    mandatory: Optional[str] = typer.Option(None, "--mandatory", metavar="要素", help="必备要素 id，逗号分隔（替换规则集中的设定）"),
    config: Optional[Path] = typer.Option(None, "--config", metavar="文件", help="配置文件（默认从当前目录向上查找 .check.yaml 或 pyproject.toml 的 [tool.check]）"),
) -> None:
    from checker.config import effective
    from checker.pipeline import Options, start_workers
    from checker.render import PER_REPORT, parse_formats

    if fail_level is not None and fail_level not in ("error", "warning"):
        raise CheckError(f"--fail-level 只能是 error 或 warning，收到：{fail_level}")
    if jobs is not None and jobs < 0:
        raise CheckError(f"--jobs 应为非负整数（0 表示使用全部 CPU 核），收到：{jobs}")
    cfg = effective(config, format=format and ",".join(parse_formats(format)), output=output, rules=rules,
                    min_score=min_score, fail_level=fail_level, skip=skip, mandatory=mandatory, jobs=jobs)
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
    if opts.skip or opts.mandatory is not None:
        from checker.config import check_element_ids
        from checker.rulebook import load_rulebook

        from checker.select import ERAS  # without --rules, every era's rulebook may judge a report

        books = [opts.rules] if opts.rules else [rid for _, rid in ERAS]
        check_element_ids(cfg, {e.id for rid in books for e in load_rulebook(rid).elements})
    size = _size(max_size)
    if size is not None:
        opts.max_size = size
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
    from checker.progress import progress
    from checker.render import plan_renderers

    inputs = collect_inputs(paths)
    total = len(inputs[0]) + len(inputs[1])
    renderers = plan_renderers(formats, total, opts.out_dir, sys.stdout, sys.stderr)
    for r in renderers:
        r.start(total)
    bar = progress(total, sys.stderr, enabled=not any(getattr(r, "streams_to_terminal", False) for r in renderers))
    failed = errored = False
    try:
        for outcome in run(paths, opts, jobs=jobs, inputs=inputs, pool=pool):
            if outcome.fatal:
                raise CheckError(outcome.error)
            bar.advance(outcome.path)
            if outcome.report is None:
                errored = True
                print(f"check: {outcome.error}", file=sys.stderr)
            else:
                if outcome.error:
                    errored = True
                    print(f"check: {outcome.error}", file=sys.stderr)
                failed = failed or not outcome.report.passed
            for r in renderers:
                try:
                    r.add(outcome)
                except (OSError, CheckError):  # a full disk, a closed pipe: the run cannot go on
                    raise
                except Exception as e:  # noqa: BLE001 - a bug with one report must not cut the others' output
                    from checker.errors import clip

                    errored = True
                    print(clip(f"check: {outcome.path}: 输出失败（内部错误 {type(e).__name__}: {e}）"), file=sys.stderr)
    except BaseException:
        for r in renderers:  # no half-written output files
            getattr(r, "abort", lambda: None)()
        raise
    finally:
        bar.close()
    for r in renderers:
        r.finish()
    sys.stdout.flush()
    return failed, errored


def _command(app_or_func):
    from checker.usage import chinese_help

    if isinstance(app_or_func, typer.Typer):
        command = typer.main.get_command(app_or_func)
        chinese_help(command)
        return command
    app = typer.Typer(add_completion=False, help=HELP, rich_markup_mode=None)
    app.command(help=HELP)(app_or_func)
    command = typer.main.get_command(app)
    from checker.fastparams import install  # plain option coercion: no pydantic at start-up

    install(command)
    chinese_help(command)
    return command


def main(argv: list[str] | None = None) -> None:
    """Entry point: never a traceback, exit 2 with one Chinese line for anything the user can fix."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        command = _command(importlib.import_module(SUBCOMMANDS[argv[0]]).app)
        prog, argv = f"check {argv[0]}", argv[1:]
    else:
        command = _command(check_command)
        prog = "check"
    try:
        code = command.main(argv, prog_name=prog, standalone_mode=False)
    except CheckError as e:
        print(f"check: {e}", file=sys.stderr)
        code = EXIT_ERROR
    except typer.Exit as e:
        code = e.exit_code
    except typer.Abort:
        print("check: 已中断", file=sys.stderr)
        code = 130
    except typer.TyperException as e:  # click's usage errors (bad option, missing file argument)
        from checker.usage import usage_message

        if type(e).__name__ == "NoArgsIsHelpError":  # a command group called bare: its help
            print(e.format_message(), file=sys.stderr)
        else:
            print(f"check: 用法错误：{usage_message(e)}（用 {prog} --help 查看用法）", file=sys.stderr)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        print("check: 已中断", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as e:  # noqa: BLE001 - an internal bug still must not print a traceback
        from checker.errors import clip

        print(clip(f"check: 内部错误（{type(e).__name__}: {e}），请报告此问题"), file=sys.stderr)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else 0)
