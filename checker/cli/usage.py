"""Command-line usage errors in Chinese. typer (click) words its own errors in English ("No such
option", "Missing argument", "Invalid value for"); users read Chinese, so each kind is said
again here from the exception's fields. A kind not known here keeps click's wording."""

from __future__ import annotations

import re

_ARGUMENT_NAMES = {"paths": "要检查的报告（文件、目录或通配符）", "files": "规则集文件",
                   "rule_id": "要说明的要素或检查的 id", "old": "旧稿（修改前的报告）", "new": "新稿（修改后的报告）"}


def _hint(e) -> str:
    """The option or argument the error is about: ``--min-score`` or an argument's Chinese name."""
    param = getattr(e, "param", None)
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        return _ARGUMENT_NAMES.get(param.name, param.name)
    hint = getattr(e, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return str(hint or "").replace("'", "")


def usage_message(e) -> str:
    """One line in Chinese for a click usage error (without the ``check:`` prefix)."""
    kind = type(e).__name__
    if kind == "NoSuchOption":
        msg = f"没有选项 {e.option_name}"
        if e.possibilities:
            msg += f"（是否想用 {'、'.join(sorted(e.possibilities))}）"
        return msg
    if kind == "MissingParameter":
        return f"缺少{_hint(e)}"
    if kind == "BadParameter":
        return f"{_hint(e)} 的值无效：{e.message}"
    if kind == "BadOptionUsage":
        if "requires" in e.message:
            return f"选项 {e.option_name} 后面要写一个值"
        if "does not take a value" in e.message:
            return f"选项 {e.option_name} 不带值"
    m = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", e.message)
    if m:
        return f"多余的参数：{m[1]}"
    m = re.fullmatch(r"No such command '(.*)'\.", e.message)
    if m:
        return f"没有子命令 {m[1]}"
    return e.format_message()


# click's own words in every --help page (the rest of each page is the project's Chinese text)
_HELP_WORDS = (("Usage: ", "用法："), ("Usage:", "用法："), ("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "子命令 [参数]..."),
               ("Arguments:", "参数："), ("Options:", "选项："), ("Commands:", "子命令："),
               ("[required]", "[必填]"), ("Show this message and exit.", "显示本帮助并退出。"))


def chinese_help(command) -> None:
    """Have ``command`` and its subcommands print their help with click's words in Chinese."""
    english = command.get_help

    def get_help(ctx) -> str:
        text = english(ctx)
        for en, zh in _HELP_WORDS:
            text = text.replace(en, zh)
        return text

    command.get_help = get_help
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") == "argument":
            _plain_argument(param)
    for sub in (getattr(command, "commands", None) or {}).values():
        chinese_help(sub)


def _plain_argument(param) -> None:
    """typer writes an argument as ``{paths}...`` in the usage line and ``paths... <list[str]>``
    in the list: programmers' notation. Show its Chinese name alone, ``报告...``, in both."""
    shown = (param.metavar or param.name) + ("..." if param.nargs != 1 else "")
    record = param.get_help_record

    def get_help_record(ctx):
        found = record(ctx)
        return None if found is None else (shown, found[1])

    param.get_help_record = get_help_record
    param.get_usage_pieces = lambda ctx: [shown]
