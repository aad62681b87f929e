"""``check`` installed as users install it: a wheel in a fresh virtual environment (what
``pip install .`` and pipx do) and the repository's pre-commit hook through the real
``pre-commit`` tool (which installs the repository as a normal package). Each is run from a
folder outside the source tree, so nothing can be found beside the source by accident.

Both start from a snapshot of the work tree as it is now (tracked files and new, not ignored
ones, committed in a temporary repository): on a fresh CI clone that is the commit under test,
and during development it includes uncommitted work, which pre-commit (it clones a commit) and
a build from the checkout (stale build/ folders) would otherwise miss or mix up.

Slow (a wheel build, and pre-commit installs the hook's dependencies from PyPI): marked
``slow``; they run in ``make test``, ``pytest -m "not slow"`` leaves them out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.slow

DEV_CHECK = Path(sys.executable).parent / "check"
GIT_ID = ["-c", "user.name=check tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]


def _run(cmd, cwd, env=None, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _ok(p: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert p.returncode == 0, f"{p.args} exited {p.returncode}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


def _clean_env(**extra) -> dict:
    """No PYTHONPATH or virtual environment of the test run leaks into the installed tool."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """A git repository holding one commit: the work tree as it is."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    if listed.returncode != 0:
        pytest.skip(f"the source is not a git checkout: {listed.stderr.strip()}")
    repo = tmp_path_factory.mktemp("snapshot") / "check"
    for name in sorted(set(listed.stdout.split("\0")) - {""}):
        src = ROOT / name
        if src.is_file() and not src.is_symlink():  # tracked files deleted from the work tree are left out
            dst = repo / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    _ok(_run(["git", "init", "-q", "-b", "main", repo], repo.parent))
    _ok(_run(["git", "add", "-A"], repo))
    _ok(_run(["git", *GIT_ID, "commit", "-q", "-m", "work tree under test"], repo))
    return repo


@pytest.fixture(scope="module")
def wheel(snapshot, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _ok(_run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", out, snapshot], out))
    (found,) = out.glob("check_fzzf-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed, as pip/pipx install it. The
    dependencies are borrowed from the test run's environment through a .pth line (so nothing is
    downloaded); that adds their folder to sys.path without running its .pth files, so the
    editable install of the checkout stays out."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", env_dir], env_dir.parent))
    python = env_dir / "bin" / "python"
    site = Path(_ok(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         env_dir)).stdout.strip())
    borrowed = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "dev-dependencies.pth").write_text("".join(f"{p}\n" for p in borrowed), encoding="utf-8")
    _ok(_run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index",
              "--ignore-installed", wheel], env_dir.parent))
    return env_dir


@pytest.fixture()
def elsewhere(tmp_path) -> Path:
    """An empty working folder outside the source tree, with its own rulebook cache."""
    work = tmp_path / "work"
    work.mkdir()
    assert not work.resolve().is_relative_to(ROOT.resolve())
    return work


def _installed(venv: Path, args, cwd: Path) -> subprocess.CompletedProcess:
    return _run([venv / "bin" / "check", *args], cwd, env=_clean_env(CHECK_CACHE_DIR=str(cwd / ".cache")))


def test_the_wheel_carries_the_rulebooks_and_templates(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for p in sorted((ROOT / "rules").rglob("*.yaml")):
        assert f"checker/rules/{p.relative_to(ROOT / 'rules').as_posix()}" in names
    for p in sorted(f for f in (ROOT / "templates").rglob("*") if f.is_file()):
        assert f"checker/templates/{p.relative_to(ROOT / 'templates').as_posix()}" in names


def test_the_installed_package_finds_its_data_inside_itself(venv, elsewhere):
    """Where the installed tool reads from: the package's own folder, as importlib.resources
    sees it; the PDF fence follows it (the checkout's templates are outside the fence)."""
    probe = f"""
import importlib.resources, json, sys
import checker
from checker import paths
from checker.render.fetcher import allowed
pkg = importlib.resources.files("checker")
print(json.dumps({{
    "package": checker.__file__, "prefix": sys.prefix, "rules": str(paths.RULES_DIR),
    "templates": str(paths.TEMPLATES_DIR),
    "resources_rules": str(pkg / "rules"), "resources_templates": str(pkg / "templates"),
    "rule_file": (pkg / "rules" / "national-2021.yaml").is_file(),
    "bundled": [[b.id, b.example, b.path.is_file()] for b in paths.bundled_rulebooks()],
    "fence_installed": allowed((paths.TEMPLATES_DIR / "scorecard.css").as_uri()),
    "fence_checkout": allowed({str((ROOT / "templates" / "scorecard.css").as_uri())!r}),
}}))
"""
    got = json.loads(_ok(_run([venv / "bin" / "python", "-c", probe], elsewhere, env=_clean_env())).stdout)
    assert Path(got["package"]).is_relative_to(got["prefix"]), "checker was not imported from the wheel"
    assert got["rules"] == got["resources_rules"] and got["templates"] == got["resources_templates"]
    assert got["rule_file"]
    from checker.paths import bundled_rulebooks

    assert got["bundled"] == [[b.id, b.example, True] for b in bundled_rulebooks()]
    assert got["fence_installed"] is True and got["fence_checkout"] is False


def test_installed_version(venv, elsewhere):
    import checker

    p = _ok(_installed(venv, ["--version"], elsewhere))
    assert p.stdout == f"check {checker.__version__}\n"


def test_installed_explain_and_lint_read_the_shipped_rulebooks(venv, elsewhere):
    p = _ok(_installed(venv, ["explain", "causes"], elsewhere))
    assert "national-2021" in p.stdout and "依据" in p.stdout
    shipped = venv.glob("lib/python*/site-packages/checker/rules/examples/province-department.yaml")
    p = _ok(_installed(venv, ["rules", "lint", next(shipped)], elsewhere))
    assert "未发现问题" in p.stdout


def test_installed_json_matches_the_checkout(venv, elsewhere):
    seed = SEED["001"]
    p = _installed(venv, [seed, "--format", "json"], elsewhere)
    assert p.returncode in (0, 1), p.stderr
    assert p.stderr == ""
    dev = _run([DEV_CHECK, seed, "--format", "json"], elsewhere, env=_clean_env(CHECK_CACHE_DIR=str(elsewhere / ".dev")))
    assert json.loads(p.stdout) == json.loads(dev.stdout)
    assert json.loads(p.stdout)["elements"]


def test_installed_rulebook_by_id_and_an_example_that_extends_one(venv, elsewhere):
    for rules in ("national-2015", "examples/province-department"):
        p = _installed(venv, [SEED["003"], "--format", "json", "--rules", rules], elsewhere)
        assert p.returncode in (0, 1), p.stderr
        assert json.loads(p.stdout)["rulebook"]["id"] in ("national-2015", "example-province-department")


def test_installed_html_scorecards_and_dashboard(venv, elsewhere):
    p = _installed(venv, [SEED["001"], SEED["004"], "--format", "html", "-o", "out"], elsewhere)
    assert p.returncode in (0, 1), p.stderr
    for key in ("001", "004"):
        html = (elsewhere / "out" / SEED[key].with_suffix(".html").name).read_text(encoding="utf-8")
        assert "<style>" in html and "要素" in html
    assert "<table" in (elsewhere / "out" / "index.html").read_text(encoding="utf-8")


def _pdf_blocker() -> str | None:
    from checker.cli.doctor import check_cjk_font, check_pango, check_weasyprint

    bad = [c for c in (check_weasyprint(), check_pango(), check_cjk_font()) if not c.ok]
    return "；".join(f"{c.name}：{c.detail}" for c in bad) or None


def test_installed_pdf(venv, elsewhere):
    blocker = _pdf_blocker()
    if blocker:
        pytest.skip(f"PDF output unavailable here (run scripts/sysdeps.sh as root): {blocker}")
    p = _installed(venv, [SEED["001"], "--format", "pdf", "-o", "out"], elsewhere)
    assert p.returncode in (0, 1), p.stderr
    assert "拒绝" not in p.stderr  # the fetcher refused nothing the scorecard needs
    pdf = (elsewhere / "out" / SEED["001"].with_suffix(".pdf").name).read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


# ---- the pre-commit hook, through the real pre-commit ---------------------------------------------

def _without_section(text: str, heading: str) -> str:
    """The report with one top-level section (heading to the next 一、..十、 heading) removed."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(heading))
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].strip()[:2] in {f"{n}、" for n in "一二三四五六七八九十"}), len(lines))
    return "".join(lines[:start] + lines[end:])


@pytest.fixture(scope="module")
def drafts(snapshot, tmp_path_factory) -> Path:
    """A drafts repository set up as docs/ci.md says: a .pre-commit-config.yaml naming this
    repository (the snapshot) at a commit, a report that passes (seed 001) and the same report
    without its mandatory 不足和原因 section, which fails the gate."""
    repo = tmp_path_factory.mktemp("drafts") / "drafts"
    repo.mkdir()
    rev = _ok(_run(["git", "rev-parse", "HEAD"], snapshot)).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: check-reports\n",
        encoding="utf-8")
    text = SEED["001"].read_text(encoding="utf-8")
    (repo / "通过.txt").write_text(text, encoding="utf-8")
    failing = _without_section(text, "二、2024年度推进法治政府建设存在的不足和原因")
    assert len(failing) < len(text)
    (repo / "缺少不足和原因.txt").write_text(failing, encoding="utf-8")
    _ok(_run(["git", "init", "-q", "-b", "main"], repo))
    _ok(_run(["git", "add", "-A"], repo))
    _ok(_run(["git", *GIT_ID, "commit", "-q", "-m", "drafts"], repo))
    return repo


def _pre_commit(drafts: Path, home: Path, name: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "pre-commit"
    if not exe.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    env = _clean_env(PRE_COMMIT_HOME=str(home), CHECK_CACHE_DIR=str(home / "check-cache"),
                     PRE_COMMIT_COLOR="never",
                     PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")  # no .pyc for the hook's dependencies: a third of the time
    return _run([exe, "run", "check-reports", "--files", name, "--verbose"], drafts, env=env, timeout=900)


def test_pre_commit_hook_passes_a_good_report_and_refuses_a_failing_one(drafts, tmp_path_factory):
    """``pre-commit run`` with the drafts repository's config, not ``pre-commit try-repo``: both
    clone the repository at a commit and ``pip install`` it, but try-repo does so afresh on every
    call, while here the two runs share one store (a new, empty one: nothing left from earlier)."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    good = _pre_commit(drafts, home, "通过.txt")
    assert good.returncode == 0, good.stdout[-3000:] + good.stderr[-3000:]
    assert "Passed" in good.stdout and "规则集文件不存在" not in good.stdout
    bad = _pre_commit(drafts, home, "缺少不足和原因.txt")
    assert bad.returncode == 1, bad.stdout[-3000:] + bad.stderr[-3000:]
    assert "未通过" in bad.stdout and "规则集文件不存在" not in bad.stdout


def test_pre_commit_try_repo_runs_the_hook_from_this_repository(drafts, snapshot, tmp_path_factory):
    """The issue's own reproduction: ``pre-commit try-repo`` on this repository (the snapshot of
    the work tree, at its commit) in a drafts repository: exit 0 for a passing report, exit 1
    for a failing one, and never the missing-rulebook message of an install without its data."""
    exe = Path(sys.executable).parent / "pre-commit"
    if not exe.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    home = tmp_path_factory.mktemp("try-repo-home")
    env = _clean_env(PRE_COMMIT_HOME=str(home), CHECK_CACHE_DIR=str(home / "check-cache"),
                     PRE_COMMIT_COLOR="never", PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name, code in (("通过.txt", 0), ("缺少不足和原因.txt", 1)):
        r = _run([exe, "try-repo", str(snapshot), "check-reports", "--files", name, "--verbose"], drafts,
                 env=env, timeout=900)
        assert r.returncode == code, r.stdout[-3000:] + r.stderr[-3000:]
        assert "规则集文件不存在" not in r.stdout
