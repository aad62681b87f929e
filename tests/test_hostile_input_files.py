"""Rulebooks, configs and reports that are bombs or not files at all (issue 12, item 2).

Each case runs the real command in a subprocess with a time limit and an address-space limit
(``_run``), so the old behaviour — minutes of work and gigabytes, or a read that never ends —
fails the test instead of taking the machine down. Bounds are generous; speed lives in
bench/bench_hostile.py.

Reproductions:
- "billion laughs": ``a: &a ["lol" x9]`` then eight more levels ``b: &b [*a x9]`` … ``i: &i [*h x9]``
  (342 bytes, 10^9 nodes when expanded). As a rulebook (``--rules``, or reached by ``extends:``)
  it took 44 s and 3 GB (the rulebook cache key serialised the expanded tree); as ``.check.yaml``
  with ``min_score: *i`` it printed a 351 MB error line. Now: exit 2, one short Chinese line.
- ``--rules /dev/zero``, ``--config /dev/urandom``, a rulebook ``extends:`` a symlink to
  /dev/zero, a FIFO as rulebook/config/report: read without bound or blocked forever. Now:
  refused before opening (not a regular file), exit 2.
- a config value of 2 MB (``skip: [x, …]`` as one long string): the error line quoted it whole.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from checker.rulebook import safeyaml
from conftest import ROOT, SEED

MEMORY = 1536 * 1024 * 1024  # address space for one run: far above what a normal check needs
TIMEOUT = 60


def bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a: &a [' + ", ".join(['"lol"'] * width) + "]"]
    prev = "a"
    for name in "bcdefghijklmnop"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
        prev = name
    return "\n".join(lines) + "\n", prev


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(*args, cwd=ROOT, timeout=TIMEOUT):
    env = dict(os.environ, CHECK_CACHE_DIR="off")
    try:
        return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, cwd=cwd, preexec_fn=_limit, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"check {' '.join(map(str, args))} did not finish in {timeout} s")


def _one_line(proc, *words):
    assert proc.returncode == 2, proc.stderr[-2000:]
    err = proc.stderr
    assert "Traceback" not in err and "MemoryError" not in err
    assert err.count("\n") == 1 and len(err) < 1000, err[:2000]
    for w in words:
        assert w in err, err


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "报告.txt"
    p.write_bytes(SEED["001"].read_bytes())
    return p


def test_billion_laughs_rulebook(tmp_path, report):
    text, last = bomb()
    rules = tmp_path / "laughs.yaml"
    rules.write_text("id: laughs\nextends: national-2021\n" + text, encoding="utf-8")
    assert len(text) < 1024
    _one_line(_run(report, "--rules", rules), "laughs.yaml", "别名")


def test_billion_laughs_reached_by_extends(tmp_path, report):
    text, _ = bomb()
    (tmp_path / "base.yaml").write_text(text, encoding="utf-8")
    child = tmp_path / "local.yaml"
    child.write_text("id: local\nextends: base.yaml\n", encoding="utf-8")
    _one_line(_run(report, "--rules", child), "base.yaml", "别名")


def test_billion_laughs_config(tmp_path, report):
    text, last = bomb()
    (tmp_path / ".check.yaml").write_text(text.replace("a: &a", "x: &a") + f"min_score: *{last}\n", encoding="utf-8")
    proc = _run(report, cwd=tmp_path)
    _one_line(proc, ".check.yaml", "别名")


def test_billion_laughs_rules_lint(tmp_path):
    text, _ = bomb()
    rules = tmp_path / "laughs.yaml"
    rules.write_text(text, encoding="utf-8")
    proc = _run("rules", "lint", rules)
    assert proc.returncode in (1, 2) and "别名" in proc.stdout + proc.stderr
    assert len(proc.stdout) + len(proc.stderr) < 2000


def test_the_shipped_rulebooks_use_aliases_and_still_load():
    for name in ("national-2021.yaml", "national-2015.yaml"):
        text = (ROOT / "rules" / name).read_text(encoding="utf-8")
        import yaml

        assert safeyaml.load(text) == yaml.safe_load(text)


def test_recursive_alias_is_refused():
    with pytest.raises(safeyaml.YamlLimit):
        safeyaml.load("a: &a [1, *a]\n")


def test_a_huge_config_value_gives_a_short_message(tmp_path, report):
    (tmp_path / ".check.yaml").write_text("min_score: '" + "九" * 2_000_000 + "'\n", encoding="utf-8")
    proc = _run(report, cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr) < 1000, len(proc.stderr)
    assert proc.stderr.count("\n") == 1


def test_a_huge_but_small_enough_value_message_is_bounded(tmp_path, report):
    (tmp_path / ".check.yaml").write_text("min_score: '" + "九" * 200_000 + "'\n", encoding="utf-8")
    proc = _run(report, cwd=tmp_path)
    _one_line(proc, ".check.yaml", "min_score", "省略")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("how", ["--rules", "--config", "extends", "symlink"])
def test_devices_are_not_rulebooks_or_configs(tmp_path, report, device, how):
    if how == "--rules":
        args = ["--rules", device]
    elif how == "--config":
        args = ["--config", device]
    elif how == "extends":
        (tmp_path / "dev.yaml").symlink_to(device)
        (tmp_path / "local.yaml").write_text("id: local\nextends: dev.yaml\n", encoding="utf-8")
        args = ["--rules", tmp_path / "local.yaml"]
    else:
        (tmp_path / ".check.yaml").symlink_to(device)
        args = ["--config", tmp_path / ".check.yaml"]
    _one_line(_run(report, *args, timeout=30), "不是普通文件")


@pytest.mark.parametrize("what", ["rules", "config", "report", "report.pdf"])
def test_a_fifo_never_hangs(tmp_path, report, what):
    fifo = tmp_path / {"rules": "r.yaml", "config": "c.yaml", "report": "f.txt", "report.pdf": "f.pdf"}[what]
    os.mkfifo(fifo)
    args = {"rules": [report, "--rules", fifo], "config": [report, "--config", fifo],
            "report": [fifo], "report.pdf": [fifo, report]}[what]
    proc = _run(*args, timeout=30)
    assert proc.returncode == 2, proc.stderr
    assert "命名管道" in proc.stderr and "Traceback" not in proc.stderr


def test_an_oversized_rulebook_is_refused(tmp_path, report):
    rules = tmp_path / "big.yaml"
    rules.write_text("id: big\nextends: national-2021\ndescription: '" + "很" * 600_000 + "'\n", encoding="utf-8")
    _one_line(_run(report, "--rules", rules), "big.yaml", "过大")


def test_read_text_refuses_special_files(tmp_path):
    with pytest.raises(safeyaml.YamlLimit):
        safeyaml.read_text(Path("/dev/zero"))
    with pytest.raises(safeyaml.YamlLimit):
        safeyaml.read_text(tmp_path)
    p = tmp_path / "ok.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    assert safeyaml.read_text(p) == "a: 1\n"


def test_rules_lint_quotes_a_long_value_in_a_bounded_line(tmp_path):
    """A rulebook value of 300,000 characters where a number belongs: lint names the problem in
    one short line instead of echoing the value."""
    rules = tmp_path / "long.yaml"
    rules.write_text("id: long\nextends: national-2021\ngate:\n  min_score: '" + "六" * 300_000 + "'\n",
                     encoding="utf-8")
    proc = _run("rules", "lint", rules)
    out = proc.stdout + proc.stderr
    assert proc.returncode in (1, 2) and "Traceback" not in out
    assert all(len(line) < 1000 for line in out.splitlines()), max(map(len, out.splitlines()))
