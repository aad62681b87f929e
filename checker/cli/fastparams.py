"""Plain option coercion for the ``check`` command, without pydantic.

Typer (0.29 and later) coerces every option through a pydantic ``TypeAdapter``; importing
pydantic costs about 0.1 s, most of a bare start-up, while ``check``'s options are plain
(str, int, float, bool, Path, Optional and lists of those). ``install`` gives each such option
a small coercer instead. It relies on typer's internal ``RuntimeParam``: if that changes, it
does nothing and typer's own coercion runs (slower start, same behaviour).
"""

from __future__ import annotations

import typing
from pathlib import Path

_PLAIN = (str, int, float, bool, Path)
_NAMES = {int: "整数", float: "数值", bool: "布尔值"}


def _plain(annotation):
    """(is_list, base type) for a plain annotation, or None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _plain(args[0]) if len(args) == 1 else None
    if origin in (list, typing.List):
        (inner,) = typing.get_args(annotation) or (str,)
        return (True, inner) if inner in _PLAIN else None
    return (False, annotation) if annotation in _PLAIN else None


def _one(kind, value, param, ctx):
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "y", "on"):
                return True
            if text in ("0", "false", "no", "n", "off"):
                return False
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        from typer._click.exceptions import BadParameter

        raise BadParameter(f"{value!r} 不是有效的{_NAMES.get(kind, kind.__name__)}", ctx=ctx, param=param) from None


def install(command) -> None:
    try:
        from typer._coercion import RuntimeParam
    except ImportError:  # a typer without the adapter layer: nothing to do
        return

    class PlainParam(RuntimeParam):
        def _coerce_value(self, value, param, ctx):
            is_list, kind = _plain(self.annotation)
            if is_list:
                return [_one(kind, v, param, ctx) for v in (value if isinstance(value, (list, tuple)) else [value])]
            return _one(kind, value, param, ctx)

    def plain(p) -> None:
        desc = getattr(p, "type_descriptor", None)
        if desc is None or not hasattr(p, "_runtime_param") or getattr(desc, "file_annotation", None) is not None:
            return
        if _plain(desc.annotation) is not None and p._runtime_param is None:
            try:
                p._runtime_param = PlainParam(parameter_info=desc.parameter_info, annotation=desc.annotation)
            except TypeError:  # RuntimeParam's fields changed: keep typer's own
                pass

    for p in getattr(command, "params", ()):
        plain(p)
    make_help = getattr(command, "get_help_option", None)
    if make_help is not None:  # --help is made when the arguments are parsed
        def get_help_option(ctx):
            option = make_help(ctx)
            if option is not None:
                plain(option)
            return option

        command.get_help_option = get_help_option
