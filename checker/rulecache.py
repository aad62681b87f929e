"""A compiled rulebook kept on disk between runs.

Compiling a rulebook's ~100 patterns with ``regex`` takes ~70 ms, half of a bare Python start;
a pickled compiled pattern carries its compiled code, so loading it back takes ~2 ms. The cache
key is the rulebook's merged content, its path, and the versions of Python, ``regex`` and the
checker's own source files (their sizes and modification times), so an edited rulebook or
checker never meets a stale entry. The cache lives in ``$CHECK_CACHE_DIR`` or
``$XDG_CACHE_HOME/check`` (default ``~/.cache/check``); ``CHECK_CACHE_DIR=off`` turns it off.
Any problem with the cache (unwritable folder, unreadable entry) falls back to compiling.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
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


def cached(data: dict, path: Path, compile_fn):
    """``compile_fn(data, path)``, through the on-disk cache when it is available."""
    folder = cache_dir()
    if folder is None:
        return compile_fn(data, path)
    try:
        entry = folder / f"rulebook-{key(data, path)}.pickle"
        with open(entry, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged entry: compile and rewrite it
        pass
    book = compile_fn(data, path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rulebook-", dir=folder)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(book, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        _prune(folder)
    except Exception:  # noqa: BLE001 - no cache this time; the result is the same
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except Exception:  # noqa: BLE001
            pass
    return book


def _prune(folder: Path) -> None:
    """Drop all but the ``KEEP`` most recently written entries."""
    entries = sorted(folder.glob("rulebook-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
