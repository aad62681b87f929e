"""GitHub Actions workflow commands (``::error file=…,line=…::…``), printed when
``GITHUB_ACTIONS=true`` so that a pull request shows each missing part on the draft's line.

They go to stderr: the runner reads workflow commands from both streams, and stdout stays
clean for ``--format json``."""

from __future__ import annotations

import os

from checker.render.labels import STATUS

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def enabled(environ=os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS", "").lower() == "true"


def escape_data(s: str) -> str:
    """GitHub's escapes for a command's message (%, CR, LF), then every other control character
    made visible (an ESC sequence would still colour or rewrite the log)."""
    from checker.render.escape import terminal

    return terminal(str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, file: str | None = None, line: int | None = None,
            title: str | None = None) -> str:
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{level}{' ' + ','.join(props) if props else ''}::{escape_data(message)}"


def annotations(outcome) -> list[str]:
    """The commands for one outcome: mandatory elements not present are errors, other weak
    elements warnings (missing) or notices (partial); findings keep their severity."""
    r = outcome.report
    if r is None:
        return [command("error", outcome.error or "无法读取", file=outcome.path, title="无法读取")]
    out = []
    first = r.metadata.title_line or 1
    for e in r.elements:
        if e.status == "present":
            continue
        level = "error" if e.mandatory else ("warning" if e.status == "missing" else "notice")
        line = e.evidence[0].line if e.evidence else first
        msg = f"{e.name}：{STATUS[e.status]}。{e.reason}" + (f"。建议：{e.advice}" if e.advice else "")
        out.append(command(level, msg, file=r.file, line=line, title=f"{e.name}{'（必备）' if e.mandatory else ''}"))
    for f in r.findings:
        out.append(command(_LEVEL.get(f.severity, "notice"), f.message, file=r.file, line=f.line or first,
                           title=f.rule))
    if not r.passed:
        out.append(command("error", "；".join(r.gate_reasons), file=r.file, line=first,
                           title=f"未通过：得分 {r.score:g}"))
    return out


class Renderer:
    def __init__(self, out):
        self.out = out

    def start(self, total: int) -> None:
        pass

    def add(self, outcome) -> None:
        for line in annotations(outcome):
            self.out.write(line + "\n")

    def finish(self) -> None:
        self.out.flush()
