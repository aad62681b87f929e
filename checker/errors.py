"""Errors a user can act on. Their text is the one-line Chinese message the CLI prints."""


class CheckError(Exception):
    """Base class: the message is shown to the user as is, with exit code 2."""

    exit_code = 2


class InputError(CheckError):
    """A file that cannot be read as a report: names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RulebookError(CheckError):
    """A rulebook that cannot be loaded or used: names the file (and line or rule) and the reason."""

    def __init__(self, path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")
