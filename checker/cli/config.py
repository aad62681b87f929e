"""Project configuration: ``[tool.check]`` in ``pyproject.toml`` or a ``.check.yaml``.

A drafts repository sets its gate once (rulebook, pass mark, mandatory elements...) instead of
repeating flags in every CI job. The file is looked for from the working directory upward; the
first folder holding a ``.check.yaml`` (or ``.check.yml``) or a ``pyproject.toml`` with a
``[tool.check]`` table wins. Command-line flags override it.

A config file sets the gate, so a stranger's must never apply (``min_score: 0`` in ``/tmp``
would pass every report). The search stops at the repository root (a folder with ``.git``) and
at the home folder, and never enters a folder that others may write to (``/tmp``); a file found
that belongs to another user or that others may write is skipped with a message on stderr. Every value remembers where it
came from, so ``check config`` can say why the gate is what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import CheckError

YAML_NAMES = (".check.yaml", ".check.yml")
SOURCE_DEFAULT = "默认值"
SOURCE_CLI = "命令行"

# key -> (description in Chinese, default shown by ``check config``)
KEYS: dict[str, tuple[str, object]] = {
    "rules": ("规则集 id 或 YAML 路径", None),
    "min_score": ("合格线（0—100）", None),
    "fail_level": ("达到该级别的问题也判为未通过：error 或 warning", None),
    "mandatory": ("必备要素 id 列表（替换规则集中的设定）", None),
    "skip": ("不参与审查的要素 id 列表", []),
    "format": ("输出格式列表", ["text"]),
    "output": ("输出目录", "reports_out"),
    "jobs": ("并行进程数（0 为全部 CPU 核）", 0),
}
FORMAT_NAMES = ("text", "json", "html", "pdf", "sarif", "junit", "csv", "docx")
ALIASES = {"rulebook": "rules", "formats": "format", "output_dir": "output"}  # other spellings accepted


class ConfigError(CheckError):
    """A config file problem: names the file and the key."""

    def __init__(self, path, key: str | None, reason: str):
        where = f"{path}" + (f"：{key}" if key else "")
        super().__init__(f"配置文件 {where}：{reason}")


@dataclass
class Config:
    values: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # key -> file path, SOURCE_CLI or SOURCE_DEFAULT
    path: Path | None = None  # the file the values were read from

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def override(self, key: str, value) -> None:
        """A command-line flag wins over the file."""
        if value is not None:
            self.values[key] = value
            self.sources[key] = SOURCE_CLI

    def effective(self) -> list[tuple[str, object, str]]:
        """(key, value, source) for every known key, defaults included."""
        rows = []
        for key, (_, default) in KEYS.items():
            if key in self.values:
                rows.append((key, self.values[key], self.sources.get(key, SOURCE_DEFAULT)))
            else:
                rows.append((key, default, SOURCE_DEFAULT))
        return rows


def untrusted(path: Path) -> str | None:
    """Why a config file found by the search must not be used, or None when it may."""
    import os
    import stat

    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_uid not in (os.geteuid(), 0):
        return f"属于其他用户（uid {st.st_uid}）"
    if st.st_mode & stat.S_IWOTH:
        return "其他用户可以修改"
    return None


def _open_to_others(folder: Path) -> bool:
    import stat

    try:
        return bool(folder.stat().st_mode & stat.S_IWOTH)
    except OSError:
        return True


def _search_folders(here: Path):
    """``here`` and its parents, up to the repository root or the home folder, never into (or
    past) a folder that other users may write to."""
    try:
        home = Path.home().resolve()
    except (OSError, RuntimeError):
        home = None
    for folder in (here, *here.parents):
        if _open_to_others(folder):
            return
        yield folder
        if folder == home or (folder / ".git").exists():
            return


def find_config(start: Path | None = None, warn=None) -> Path | None:
    """The nearest config file from ``start`` (default: the working directory) upward; files
    another user could have written are skipped (``warn`` gets the reason, one line each)."""
    here = (start or Path.cwd()).resolve()
    for folder in _search_folders(here):
        candidates = [folder / name for name in YAML_NAMES]
        pyproject = folder / "pyproject.toml"
        candidates.append(pyproject)
        for path in candidates:
            if not path.is_file() or (path is pyproject and not _has_tool_check(path)):
                continue
            why = untrusted(path)
            if why is None:
                return path
            if warn is not None:
                warn(f"跳过配置文件 {path}：{why}，不予采用")
    return None


def _has_tool_check(pyproject: Path) -> bool:
    from checker.rulebook import safeyaml

    try:
        text = safeyaml.read_text(pyproject)
    except (OSError, UnicodeDecodeError, safeyaml.YamlLimit):
        return False
    return "[tool.check]" in text or "[tool.check." in text


def _read(path: Path) -> dict:
    from checker.rulebook import safeyaml

    try:
        text = safeyaml.read_text(path)
    except safeyaml.YamlLimit as e:
        raise ConfigError(path, None, f"无法读取（{e.reason}）") from None
    except UnicodeDecodeError:
        raise ConfigError(path, None, "无法读取（不是 UTF-8 编码的文本）") from None
    except OSError as e:
        raise ConfigError(path, None, f"无法读取（{e.strerror or e}）") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(path, None, f"TOML 语法错误（{e}）") from None
        except RecursionError:
            raise ConfigError(path, None, "嵌套层数过多，无法读取") from None
        data = data.get("tool", {}).get("check", {})
    else:
        import yaml

        try:
            data = safeyaml.load(text)
        except safeyaml.YamlLimit as e:
            raise ConfigError(path, None, e.reason) from None
        except yaml.YAMLError as e:
            raise ConfigError(path, None, f"YAML 语法错误（{getattr(e, 'problem', e)}）") from None
        except RecursionError:
            raise ConfigError(path, None, "嵌套层数过多，无法读取") from None
        if data is None:
            data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, None, "应为键值映射")
    return data


def _id_list(path, key, v) -> list[str]:
    if isinstance(v, str):
        v = [s.strip() for s in v.split(",") if s.strip()]
    if not isinstance(v, list) or not all(isinstance(s, str) and s for s in v):
        raise ConfigError(path, key, f"应为要素 id 的列表，收到：{v!r}")
    return list(v)


def validate(path, data: dict, base: Path) -> dict:
    """Check every key and value; resolve paths relative to the config file's folder."""
    out = {}
    for raw_key, v in data.items():
        key = str(raw_key).replace("-", "_")
        key = ALIASES.get(key, key)
        if key in out:
            raise ConfigError(path, str(raw_key), f"与另一种写法重复（{key}）")
        if key not in KEYS:
            raise ConfigError(path, str(raw_key), f"未知的配置项（可用：{'、'.join(KEYS)}）")
        if key == "rules":
            if not isinstance(v, str) or not v.strip():
                raise ConfigError(path, raw_key, f"应为规则集 id 或 YAML 路径，收到：{v!r}")
            local = base / v
            out[key] = str(local) if v.endswith((".yaml", ".yml")) or local.exists() else v
        elif key == "min_score":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
                raise ConfigError(path, raw_key, f"应为 0 到 100 之间的数，收到：{v!r}")
            out[key] = float(v)
        elif key == "fail_level":
            if v not in ("error", "warning"):
                raise ConfigError(path, raw_key, f"只能是 error 或 warning，收到：{v!r}")
            out[key] = v
        elif key in ("mandatory", "skip"):
            out[key] = _id_list(path, raw_key, v)
        elif key == "format":
            names = [s.strip().lower() for s in v.split(",")] if isinstance(v, str) else v
            if not isinstance(names, list) or not names or any(n not in FORMAT_NAMES for n in names):
                raise ConfigError(path, raw_key, f"应为输出格式的列表（可用：{'、'.join(FORMAT_NAMES)}），收到：{v!r}")
            out[key] = names
        elif key == "output":
            if not isinstance(v, str) or not v.strip():
                raise ConfigError(path, raw_key, f"应为目录路径，收到：{v!r}")
            out[key] = str(base / v)
        elif key == "jobs":
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ConfigError(path, raw_key, f"应为非负整数，收到：{v!r}")
            out[key] = v
    return out


def load_config(explicit: Path | None = None, start: Path | None = None, warn=None) -> Config:
    """The configuration from ``explicit`` (``--config``) or the nearest file; empty when none."""
    if explicit is not None:
        path = Path(explicit)
        if not path.exists():
            raise ConfigError(path, None, "文件不存在")
    else:
        path = find_config(start, warn)
        if path is None:
            return Config()
    values = validate(path, _read(path), path.resolve().parent)
    return Config(values=values, sources={k: str(path) for k in values}, path=path)


def check_element_ids(cfg: Config, known: set[str]) -> None:
    """Mandatory/skip ids must exist in the rulebook: a typo would silently weaken the gate."""
    for key in ("mandatory", "skip"):
        bad = [i for i in cfg.values.get(key) or () if i not in known]
        if bad:
            where = cfg.sources.get(key, SOURCE_CLI)
            msg = f"未知的要素 id：{'、'.join(bad)}（可用：{'、'.join(sorted(known))}）"
            if where == SOURCE_CLI:
                raise CheckError(f"--{key} {msg}")
            raise ConfigError(where, key, msg)


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [s.strip() for s in value.split(",") if s.strip()]


def effective(explicit: Path | None = None, warn=None, **flags) -> Config:
    """The configuration file's values with the command-line flags (those not None) on top.
    Flags: format (comma-separated), output, rules, min_score, fail_level, skip, mandatory
    (comma-separated ids), jobs. ``warn`` receives the one-line messages about skipped files."""
    cfg = load_config(explicit, warn=warn)
    for key in ("format", "skip", "mandatory"):
        if isinstance(flags.get(key), str):
            flags[key] = _split(flags[key])
    if flags.get("output") is not None:
        flags["output"] = str(flags["output"])
    for key, value in flags.items():
        cfg.override(key, value)
    return cfg
