"""The rulebook cache never unpickles a file another user could have written (issue 12).

A planted pickle here runs ``os.system``-like code on load; the tests plant one that would
create a marker file, under the exact name of the real entry, and check that the marker never
appears and the report is the same as without a cache."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys

import pytest

from checker.rulebook import cache as rulecache
from checker.paths import rulebook_path
from checker.rulebook.model import compile_rulebook, resolve
from conftest import ROOT, SEEDS

OTHER_UID = 65534  # nobody


class _Evil:
    """Unpickling calls ``open(marker, "w")``: the marker proves that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _entry(folder):
    path = rulebook_path("national-2021")
    return folder / f"rulebook-{rulecache.key(resolve(path), path)}.pickle"


def _plant(folder, marker):
    entry = _entry(folder)
    entry.write_bytes(pickle.dumps(_Evil(marker)))
    return entry


def _load(folder, monkeypatch):
    monkeypatch.setenv("CHECK_CACHE_DIR", str(folder))
    path = rulebook_path("national-2021")
    return rulecache.cached(resolve(path), path, compile_rulebook)


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


def test_the_planted_pickle_does_run_code_when_unpickled(tmp_path):
    """The premise of the other tests: loading the planted entry would run code."""
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(_Evil(marker)))
    assert marker.exists()


@needs_root
def test_entry_in_a_folder_owned_by_another_user_is_never_loaded(tmp_path, monkeypatch):
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    folder.mkdir(mode=0o700)
    entry = _plant(folder, marker)
    os.chown(entry, OTHER_UID, OTHER_UID)
    os.chown(folder, OTHER_UID, OTHER_UID)
    book = _load(folder, monkeypatch)
    assert not marker.exists() and book.id == "national-2021"


def test_entry_in_a_world_writable_folder_is_never_loaded(tmp_path, monkeypatch):
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    folder.mkdir()
    os.chmod(folder, 0o1777)  # like /tmp
    _plant(folder, marker)
    book = _load(folder, monkeypatch)
    assert not marker.exists() and book.id == "national-2021"


@needs_root
def test_entry_owned_by_another_user_in_our_folder_is_never_loaded(tmp_path, monkeypatch):
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    folder.mkdir(mode=0o700)
    os.chown(_plant(folder, marker), OTHER_UID, OTHER_UID)
    _load(folder, monkeypatch)
    assert not marker.exists()


def test_group_writable_entry_is_never_loaded(tmp_path, monkeypatch):
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    folder.mkdir(mode=0o700)
    os.chmod(_plant(folder, marker), 0o666)
    _load(folder, monkeypatch)
    assert not marker.exists()


def test_symlinked_entry_is_never_followed(tmp_path, monkeypatch):
    folder, marker, elsewhere = tmp_path / "cache", tmp_path / "ran", tmp_path / "planted.pickle"
    folder.mkdir(mode=0o700)
    elsewhere.write_bytes(pickle.dumps(_Evil(marker)))
    _entry(folder).symlink_to(elsewhere)
    _load(folder, monkeypatch)
    assert not marker.exists()


def test_symlinked_cache_folder_is_not_used(tmp_path, monkeypatch):
    real, link, marker = tmp_path / "real", tmp_path / "link", tmp_path / "ran"
    real.mkdir(mode=0o700)
    link.symlink_to(real)
    _plant(real, marker)
    _load(link, monkeypatch)
    assert not marker.exists()


def test_new_cache_folder_is_private(tmp_path, monkeypatch):
    folder = tmp_path / "fresh" / "check"
    _load(folder, monkeypatch)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.glob("rulebook-*.pickle"))  # the cache still works


def test_an_entry_that_is_not_a_rulebook_is_compiled_again(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _entry(folder).write_bytes(pickle.dumps({"not": "a rulebook"}))
    os.chmod(_entry(folder), 0o600)
    assert _load(folder, monkeypatch).id == "national-2021"


@needs_root
def test_command_line_with_a_hostile_cache_still_scores_and_runs_nothing(tmp_path):
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    _plant(folder, marker)
    os.chown(folder, OTHER_UID, OTHER_UID)
    env = dict(os.environ, CHECK_CACHE_DIR=str(folder))
    p = subprocess.run([sys.executable, "-m", "checker", str(SEEDS[1]), "-f", "json"], capture_output=True,
                       text=True, cwd=ROOT, env=env, timeout=120)
    assert p.returncode in (0, 1) and '"score"' in p.stdout and "内部错误" not in p.stderr, p.stderr
    assert not marker.exists()
