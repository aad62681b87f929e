"""Errors a user can act on. Their text is the one-line Chinese message the CLI prints."""


MAX_MESSAGE = 500  # characters; a value quoted from a hostile file must not make a 351 MB line


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut in the middle to at most about ``limit`` characters, saying how much is left out."""
    text = str(text)
    if len(text) <= limit:
        return text
    tail = limit // 5
    return f"{text[:limit - tail]}…（省略 {len(text) - limit} 字）…{text[-tail:]}"


class CheckError(Exception):
    """Base class: the message is shown to the user as is, with exit code 2."""

    exit_code = 2

    def __init__(self, message="", *args):
        super().__init__(clip(message), *args)


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
