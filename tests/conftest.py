"""Shared fixtures: the seed reports and a helper to check a text without touching the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.document.model import build_document
from checker.judge.engine import evaluate
from checker.ingest import load
from checker.ingest.plain import split_lines
from checker.rulebook.model import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
SEED = {p.name[:3]: p for p in SEEDS}  # "000" -> path


@pytest.fixture(scope="session")
def book():
    return load_rulebook("national-2021")


def check_text(text: str, rules: str = "national-2021", path: str = "snippet.txt"):
    """Evaluate a report given as a string (the same path a file takes after decoding)."""
    return evaluate(build_document(split_lines(text), path), load_rulebook(rules))


def check_seed(key: str, rules: str = "national-2021"):
    return evaluate(load(SEED[key]), load_rulebook(rules))


def checked(path):
    """The report as the CLI makes it (rulebook chosen by the report's year)."""
    from checker.pipeline import Options, check_file

    return check_file(str(path), Options()).report


def statuses(report) -> dict[str, str]:
    return {e.id: e.status for e in report.elements}
