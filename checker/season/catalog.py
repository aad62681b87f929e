"""The rulebooks that come with the tool, each with id, name, version and basis period.

``shipped_paths`` takes them from ``checker.paths.bundled_rulebooks`` (package data in an
installed wheel, ``rules/`` in a checkout), leaving out the examples: they are not rulebooks
to choose from. Reading a rulebook's period means
resolving its ``extends``; the result is kept per process and keyed by the files' size and
modification time, so an edited or newly installed rulebook is seen at once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.season.periods import Entry, Period


def shipped_paths() -> list[Path]:
    """The YAML rulebooks that come with the tool (not the examples)."""
    from checker.paths import bundled_rulebooks

    return sorted(b.path for b in bundled_rulebooks() if not b.example)


def entries(paths=None) -> tuple[Entry, ...]:
    """An Entry per rulebook file (default: the shipped ones)."""
    shipped = shipped_paths()
    stamps = tuple(_stamp(q) for q in shipped)  # a rulebook's extends may read any of them
    out = []
    for p in shipped if paths is None else [Path(x) for x in paths]:
        stamp = _stamp(p)
        if stamp is not None:
            out.append(_entry(str(p), stamp, stamps))
    return tuple(out)


def _stamp(p: Path):
    try:
        st = p.stat()
    except OSError:
        return None
    return (str(p), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _entry(path: str, stamp: tuple, shipped: tuple) -> Entry:
    """Identity and period of one rulebook: from its own file when it writes its whole period,
    else merged with the rulebook it extends (keys it leaves out are inherited)."""
    from checker.rulebook.model import read_yaml, resolve

    p = Path(path)
    data = read_yaml(p)
    own = data.get("applies")
    if data.get("extends") and not (isinstance(own, dict) and {"from_year", "to_year", "basis"} <= set(own)):
        data = dict(resolve(p), id=data.get("id"), name=data.get("name"), version=data.get("version"))
    rid = str(data.get("id") or p.stem)
    return Entry(id=rid, name=str(data.get("name") or rid), version=str(data.get("version") or ""),
                 path=path, period=Period.of(data.get("applies")))
