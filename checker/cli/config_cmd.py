"""``check config``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from checker.cli.config import KEYS, load_config

# what an unset value means
UNSET = {"rules": "按报告年度自动选择", "min_score": "取规则集的设定（通常为 60）",
         "fail_level": "不按问题级别判定", "mandatory": "取规则集的设定", "skip": "无"}

app = typer.Typer(add_completion=False, rich_markup_mode=None,
                  help="显示生效的配置（[tool.check] 或 .check.yaml）以及每一项的来源。")


@app.command(help="显示生效的配置以及每一项的来源（配置文件、命令行或默认值）。")
def show(
    config: Optional[Path] = typer.Option(None, "--config", "-c", metavar="文件", help="配置文件路径（默认从当前目录向上查找）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
) -> None:
    from checker.cli.main import say

    cfg = load_config(config, warn=say)
    rows = cfg.effective()
    if as_json:
        print(json.dumps({"file": str(cfg.path) if cfg.path else None,
                          "values": {k: {"value": v, "source": s} for k, v, s in rows}},
                         ensure_ascii=False, indent=2))
        return
    from checker.render.escape import terminal

    print(f"配置文件：{terminal(cfg.path) if cfg.path else '（未找到，使用默认值）'}")
    width = max(len(k) for k in KEYS)
    for key, value, source in rows:
        shown = UNSET.get(key, "—") if value is None or value == [] else (
            ", ".join(map(str, value)) if isinstance(value, list) else f"{value:g}" if isinstance(value, float) else str(value))
        print(f"  {key.ljust(width)}  {terminal(shown)}    （来源：{terminal(source)}；{KEYS[key][0]}）")
