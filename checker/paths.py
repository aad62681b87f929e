"""Where the tool's data lives: the rulebooks (``rules/``) and the scorecard templates
(``templates/``).

The repository keeps both at its top level; a wheel ships them inside the package, as
``checker/rules`` and ``checker/templates`` (``package-dir`` in pyproject.toml maps the
top-level folders there), so ``pip install .``, pipx and pre-commit find them in
site-packages. The installed copy wins when it exists; otherwise (a source checkout or an
editable install) the top-level folder is used.

The data is read from real files (Jinja loads templates by path, WeasyPrint fetches them by
``file:`` URL and only from this folder, see ``render/fetcher.py``). Installers unpack wheels,
so the package folder is the one ``importlib.resources.files("checker")`` returns; it is taken
from ``__file__`` to keep ``importlib.resources`` (and ``zipfile``) out of every start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
DEFAULT_RULEBOOK = "national-2021"


def _data_dir(name: str) -> Path:
    """``checker/<name>`` in an installed wheel, else the repository's top-level ``<name>/``."""
    shipped = PACKAGE_DIR / name
    return shipped if shipped.is_dir() else PACKAGE_DIR.parent / name


RULES_DIR = _data_dir("rules")
TEMPLATES_DIR = _data_dir("templates")


def rulebook_path(name_or_path: str) -> Path:
    """A rulebook id (``national-2021``) or a path to a YAML file."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    return RULES_DIR / f"{name_or_path}.yaml"


class BundledRulebook(NamedTuple):
    """A rulebook that comes with the tool."""

    id: str  # what --rules, the config's ``rules:`` and ``extends:`` accept: national-2021, examples/province-department
    path: Path
    example: bool  # a worked example to copy and adapt (rules/examples/), not a rulebook to judge reports with


def bundled_rulebooks() -> list[BundledRulebook]:
    """Every rulebook shipped with ``check`` (wherever it is installed): the national rulebooks,
    newest first, then the examples. Only the files are listed, nothing is read or compiled:
    ``checker.rulebook.model.load_rulebook(entry.id)`` loads one (its YAML ``id:`` may differ from
    ``entry.id`` for the examples). Used by ``check rules list`` and docs/rules.md."""
    national = sorted(RULES_DIR.glob("*.yaml"), reverse=True)
    examples = sorted(RULES_DIR.glob("*/*.yaml"))
    return ([BundledRulebook(p.stem, p, False) for p in national]
            + [BundledRulebook(p.relative_to(RULES_DIR).with_suffix("").as_posix(), p, True) for p in examples])
