"""A progress bar on stderr for a batch, only when stderr is a terminal; silent otherwise
(CI logs, pipes, files). rich comes with typer but is imported only when the bar is shown, so
``check report.txt`` does not pay for it."""

from __future__ import annotations

import sys


class _Silent:
    def advance(self, label: str = "") -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


class _Bar:
    def __init__(self, total: int, stream):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # stdout is never redirected: it may carry JSON to a file while stderr is a terminal.
        self._p = Progress(TextColumn("审查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                           TextColumn("{task.description}"), console=Console(file=stream, stderr=True),
                           transient=True, redirect_stdout=False, redirect_stderr=False)
        self._task = self._p.add_task("", total=total)
        self._p.start()

    def advance(self, label: str = "") -> None:
        from rich.markup import escape

        from checker.render.escape import terminal

        self._p.update(self._task, advance=1, description=escape(terminal(label)[-40:]))

    def note(self, text: str) -> None:
        """What the batch is doing before the first report is done (a batch with cross-report
        analyses checks every report and links them before it gives the first)."""
        self._p.update(self._task, description=text)

    def close(self) -> None:
        self._p.stop()


def progress(total: int, stream=None, enabled: bool = True):
    """A bar for ``total`` inputs on ``stream`` (stderr) when it is a terminal and the batch has
    more than one input; otherwise an object whose methods do nothing."""
    stream = stream or sys.stderr
    if not enabled or total < 2 or not (hasattr(stream, "isatty") and stream.isatty()):
        return _Silent()
    return _Bar(total, stream)
