"""A compiled rulebook kept on disk between runs.

Compiling a rulebook's ~100 patterns with ``regex`` takes ~70 ms, half of a bare Python start;
a pickled compiled pattern carries its compiled code, so loading it back takes ~2 ms. The cache
key is the rulebook's merged content, its path, and the versions of Python, ``regex`` and the
checker's own source files (their sizes and modification times), so an edited rulebook or
checker never meets a stale entry. The cache lives in ``$CHECK_CACHE_DIR`` or
``$XDG_CACHE_HOME/check`` (default ``~/.cache/check``); ``CHECK_CACHE_DIR=off`` turns it off.
Any problem with the cache (unwritable folder, unreadable entry) falls back to compiling.

Unpickling runs code, so an entry is read only when nobody but the current user can have written
it: the folder must be a real folder (not a symlink) owned by the user and not writable by group
or others (``check`` creates it 0700), and the entry a regular file owned by the user, not
writable by group or others, opened without following a symlink. A folder or entry failing any of
these is ignored (the rulebook is compiled, and nothing is written there); an entry that loads as
anything but a compiled rulebook is compiled again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
FORMAT = 1
KEEP = 32  # entries kept; every edit of the checker or a rulebook makes a new one


def cache_dir() -> Path | None:
    env = os.environ.get("CHECK_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "check"


def _code_stamp() -> list:
    out = []
    for p in sorted(_PACKAGE.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p.relative_to(_PACKAGE)), st.st_size, st.st_mtime_ns))
    return out


def key(data: dict, path: Path) -> str:
    import regex

    blob = json.dumps([FORMAT, str(path), sys.version, regex.__version__, _code_stamp(), data],
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _trusted(st: os.stat_result, kind) -> bool:
    """Owned by the current user, of the expected kind, and writable by nobody else."""
    return kind(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _safe_folder(folder: Path) -> bool:
    """The cache folder, created 0700 when missing; False when it could hold another user's file."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _trusted(os.lstat(folder), stat.S_ISDIR)
    except OSError:
        return False


def _read_entry(entry: Path):
    """The unpickled entry, or None when it is missing or not trusted."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(entry, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not _trusted(os.fstat(fd), stat.S_ISREG):
            return None
        return pickle.load(f)


def cached(data: dict, path: Path, compile_fn):
    """``compile_fn(data, path)``, through the on-disk cache when it is available."""
    folder = cache_dir()
    if folder is None or not _safe_folder(folder):
        return compile_fn(data, path)
    entry = folder / f"rulebook-{key(data, path)}.pickle"
    try:
        book = _read_entry(entry)
        if book is not None and _is_rulebook(book):
            return book
    except Exception:  # noqa: BLE001 - a damaged entry: compile and rewrite it
        pass
    book = compile_fn(data, path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".rulebook-", dir=folder)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(book, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
        _prune(folder)
    except Exception:  # noqa: BLE001 - no cache this time; the result is the same
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return book


def _is_rulebook(obj) -> bool:
    from checker.rulebook.model import Rulebook

    return isinstance(obj, Rulebook)


def _prune(folder: Path) -> None:
    """Drop all but the ``KEEP`` most recently written entries."""
    entries = sorted(folder.glob("rulebook-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
