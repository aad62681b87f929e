"""What keeps ``check report.txt`` quick to start: the compiled rulebook cache and option parsing
without pydantic. Both must be invisible in the results."""

import pickle
import subprocess
import sys

import pytest

from checker.rulebook import cache as rulecache
from checker.paths import rulebook_path
from checker.rulebook.model import compile_rulebook, resolve
from checker.judge.engine import evaluate
from checker.ingest import load
from conftest import ROOT, SEEDS


def test_cached_rulebook_gives_the_same_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECK_CACHE_DIR", str(tmp_path))
    path = rulebook_path("national-2021")
    data = resolve(path)
    fresh = rulecache.cached(data, path, compile_rulebook)  # compiled, then written
    entries = list(tmp_path.glob("rulebook-*.pickle"))
    assert len(entries) == 1

    def must_not_compile(*_):
        raise AssertionError("compiled again instead of loading the cache")

    again = rulecache.cached(resolve(path), path, must_not_compile)
    for seed in SEEDS:
        doc = load(seed)
        assert evaluate(doc, again).to_dict() == evaluate(load(seed), fresh).to_dict()


def test_a_changed_rulebook_or_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECK_CACHE_DIR", str(tmp_path))
    path = rulebook_path("national-2021")
    data = resolve(path)
    rulecache.cached(data, path, compile_rulebook)
    changed = dict(data, version="changed")
    calls = []
    book = rulecache.cached(changed, path, lambda d, p: calls.append(1) or compile_rulebook(d, p))
    assert calls and book.version == "changed"
    for entry in tmp_path.glob("rulebook-*.pickle"):
        entry.write_bytes(b"not a pickle")
    calls.clear()
    rulecache.cached(data, path, lambda d, p: calls.append(1) or compile_rulebook(d, p))
    assert calls
    pickle.loads((tmp_path / f"rulebook-{rulecache.key(data, path)}.pickle").read_bytes())  # rewritten


def test_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("CHECK_CACHE_DIR", "off")
    assert rulecache.cache_dir() is None


def test_one_report_does_not_import_pydantic_rich_or_multiprocessing():
    code = ("import sys, io, contextlib\n"
            "from checker.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main([sys.argv[1], '--min-score', '70', '-j', '1'])\n"
            "    except SystemExit as e: code = e.code\n"
            "print(code, sorted(m for m in ('pydantic', 'rich', 'multiprocessing', 'jinja2') if m in sys.modules))\n")
    p = subprocess.run([sys.executable, "-c", code, str(SEEDS[1])], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.stdout.split(None, 1) == ["0", "[]\n"], p.stdout + p.stderr


@pytest.mark.parametrize("args,needle", [(["--min-score", "abc"], "不是有效的数值"), (["-j", "x"], "不是有效的整数")])
def test_plain_option_parsing_still_rejects_bad_values(args, needle, capsys):
    from checker.cli.main import main

    with pytest.raises(SystemExit) as e:
        main([str(SEEDS[1])] + args)
    err = capsys.readouterr().err
    assert e.value.code == 2 and needle in err and err.count("\n") == 1


def test_rulebook_cache_keeps_only_the_newest_entries(tmp_path, monkeypatch):
    import os

    from checker.rulebook import cache as rulecache
    from checker.paths import RULES_DIR
    from checker.rulebook.model import compile_rulebook, read_yaml

    monkeypatch.setenv("CHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rulecache, "KEEP", 3)
    for i in range(5):
        (tmp_path / f"rulebook-old{i}.pickle").write_bytes(b"x")
        os.utime(tmp_path / f"rulebook-old{i}.pickle", (1000 + i, 1000 + i))
    path = RULES_DIR / "national-2021.yaml"
    rulecache.cached(read_yaml(path), path, compile_rulebook)
    left = sorted(p.name for p in tmp_path.glob("rulebook-*.pickle"))
    assert len(left) == 3 and "rulebook-old4.pickle" in left and "rulebook-old0.pickle" not in left
