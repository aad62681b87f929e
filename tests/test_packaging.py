"""What the wheel carries and where the installed tool looks for its data (quick checks; the
installed tool itself is run in test_installed.py)."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest

import checker
from checker import paths
from checker.cli.main import DISTRIBUTION, main
from checker.rulebook.model import load_rulebook
from conftest import ROOT

SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_folder(name: str) -> Path:
    """Where setuptools takes a package from: the longest mapped prefix in package-dir."""
    mapped = SETUPTOOLS.get("package-dir", {})
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in mapped:
            return ROOT / mapped[prefix] / Path(*parts[n:])
    return ROOT / Path(*parts)


def test_every_code_package_is_in_the_wheel():
    """The package list is explicit (mapped folders cannot be found by ``find``): a new
    subpackage missing from it would be left out of the wheel and fail only when installed."""
    listed = set(SETUPTOOLS["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(on_disk - listed)}"


def test_every_data_folder_is_shipped_with_its_files():
    data = SETUPTOOLS["package-data"]
    for name in SETUPTOOLS["packages"]:
        folder = _package_folder(name)
        assert folder.is_dir(), f"{name} maps to {folder}, which does not exist"
        files = {p for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")}
        shipped = {p for pattern in data.get(name, []) for p in folder.glob(pattern)}
        assert files <= shipped, f"{name}: not in package-data: {sorted(p.name for p in files - shipped)}"
    assert _package_folder("checker.rules") == ROOT / "rules"
    assert _package_folder("checker.templates") == ROOT / "templates"


def test_the_installed_copy_of_a_data_folder_wins(tmp_path, monkeypatch):
    pkg = tmp_path / "site-packages" / "checker"
    (pkg / "rules").mkdir(parents=True)
    (tmp_path / "site-packages" / "rules").mkdir()  # some other distribution's top-level rules/
    monkeypatch.setattr(paths, "PACKAGE_DIR", pkg)
    assert paths._data_dir("rules") == pkg / "rules"
    checkout = tmp_path / "checkout" / "checker"
    checkout.mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", checkout)
    assert paths._data_dir("rules") == tmp_path / "checkout" / "rules"


def test_bundled_rulebooks_are_every_shipped_file_each_loadable_by_its_id():
    books = paths.bundled_rulebooks()
    assert {p.resolve() for p in paths.RULES_DIR.rglob("*.yaml")} == {b.path.resolve() for b in books}
    ids = [b.id for b in books]
    assert ids[:2] == ["national-2021", "national-2015"] and "examples/province-department" in ids
    for b in books:
        assert b.example == (b.path.parent != paths.RULES_DIR)
        assert load_rulebook(b.id).path.resolve() == b.path.resolve()


def test_version_comes_from_the_package_metadata(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    version = importlib.metadata.version(DISTRIBUTION)
    assert version == checker.__version__
    assert capsys.readouterr().out == f"check {version}\n"


def test_version_is_answered_before_the_arguments_are_checked(capsys):
    with pytest.raises(SystemExit) as e:
        main(["no-such-report.txt", "--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("check ")
