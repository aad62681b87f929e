"""Where the project's data lives: rulebooks and templates sit beside the package."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RULES_DIR = PROJECT_DIR / "rules"
TEMPLATES_DIR = PROJECT_DIR / "templates"
DATA_DIR = PACKAGE_DIR / "data"
DEFAULT_RULEBOOK = "national-2021"


def rulebook_path(name_or_path: str) -> Path:
    """A rulebook id (``national-2021``) or a path to a YAML file."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    return RULES_DIR / f"{name_or_path}.yaml"
