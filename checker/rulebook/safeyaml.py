"""YAML from files others send (rulebooks, configs): read only regular files of bounded size,
and refuse documents whose aliases expand to far more than their own text.

A 1 KB "billion laughs" rulebook (nine levels of anchors, each an alias list of the one below)
expands to 10^9 nodes: loading it, hashing it for the rulebook cache or printing a value from it
took minutes and gigabytes. The composed node graph is measured before anything is built from
it: each node weighs 1 plus its text, aliases count as often as they are used, and the whole may
weigh at most ``max(MIN_BUDGET, EXPANSION * len(text))``. Real rulebooks use a few aliases
(``&figures``) and stay far below.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

MAX_BYTES = 1024 * 1024  # a rulebook or config file; the largest shipped rulebook is ~35 KB
EXPANSION = 4
MIN_BUDGET = 200_000


class YamlLimit(Exception):
    """A file that is not YAML we will load; ``reason`` is the Chinese text for the user."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a small regular file. Devices (/dev/zero), FIFOs and sockets are refused
    before they are opened: reading them never ends or blocks. Raises YamlLimit, OSError or
    UnicodeDecodeError."""
    st = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    if not stat.S_ISREG(st.st_mode):
        raise YamlLimit(not_regular(st.st_mode))
    if st.st_size > max_bytes:
        raise YamlLimit(f"文件过大（{st.st_size / 1048576:.1f} MB，上限 {max_bytes // 1024} KB）")
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew after stat
        raise YamlLimit(f"文件过大（超过 {max_bytes // 1024} KB）")
    return data.decode("utf-8")


def not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "这是一个目录，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是普通文件"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备文件，不是普通文件"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件"
    return "不是普通文件"


def check_node(node, text_len: int) -> None:
    """Refuse a node graph whose expansion outweighs its text, or whose aliases form a cycle."""
    budget = max(MIN_BUDGET, EXPANSION * text_len)
    weight: dict[int, int] = {}
    open_: set[int] = set()
    stack = [(node, False)]
    while stack:
        n, done = stack.pop()
        key = id(n)
        if done:
            open_.discard(key)
            if isinstance(n, yaml.ScalarNode):
                w = 1 + len(n.value)
            elif isinstance(n, yaml.MappingNode):
                w = 1 + sum(weight[id(k)] + weight[id(v)] for k, v in n.value)
            else:
                w = 1 + sum(weight[id(c)] for c in n.value)
            if w > budget:
                raise YamlLimit("YAML 别名（*引用）展开后过大，疑似“billion laughs”攻击，拒绝读取")
            weight[key] = w
            continue
        if key in weight:
            continue
        if key in open_:
            raise YamlLimit("YAML 别名（*引用）形成循环，拒绝读取")
        open_.add(key)
        stack.append((n, True))
        if isinstance(n, yaml.MappingNode):
            for k, v in reversed(n.value):
                stack.append((v, False))
                stack.append((k, False))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((c, False) for c in reversed(n.value))


def compose(text: str, loader_cls=None):
    """(loader, node) for one YAML document, checked; the caller builds data from the node
    (``loader.construct_document(node)``) and disposes of the loader."""
    cls = loader_cls or getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = cls(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_node(node, len(text))
    except RecursionError:
        loader.dispose()
        raise YamlLimit("YAML 嵌套层次过深，拒绝读取") from None
    except yaml.YAMLError as e:  # the C loader's own depth limit says so in English
        loader.dispose()
        if "nesting depth" in str(getattr(e, "problem", "") or ""):
            raise YamlLimit("YAML 嵌套层次过深，拒绝读取") from None
        raise
    except BaseException:
        loader.dispose()
        raise
    return loader, node


def load(text: str, loader_cls=None):
    """``yaml.safe_load`` with the expansion check. Raises YamlLimit or yaml.YAMLError."""
    loader, node = compose(text, loader_cls)
    try:
        return loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise YamlLimit("YAML 嵌套层次过深，拒绝读取") from None
    finally:
        loader.dispose()
