"""Every regular expression a rulebook supplies runs through here: compiled once, always with a
time limit, so that a catastrophic pattern in a user's rulebook stops the run with a message
naming the rule instead of hanging it.
"""

from __future__ import annotations

import regex

from checker.errors import RulebookError

TIMEOUT = 2.0  # seconds for one search over one document


class Pattern:
    """A compiled pattern that knows which rule (and rulebook) it belongs to."""

    __slots__ = ("rx", "source", "rule", "book")

    def __init__(self, source: str | list[str], rule: str, book: str = ""):
        if isinstance(source, list):
            source = "|".join(f"(?:{s})" for s in source)
        self.source = source
        self.rule = rule
        self.book = book
        try:
            self.rx = regex.compile(source, regex.V0)
        except regex.error as e:
            raise RulebookError(book, f"规则 {rule} 的正则表达式无法编译（{e}）：{source}") from None

    def _timeout(self) -> RulebookError:
        return RulebookError(self.book, f"规则 {self.rule} 的正则表达式匹配超时（可能存在灾难性回溯）：{self.source}")

    def search(self, text: str):
        try:
            return self.rx.search(text, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timeout() from None

    def finditer(self, text: str, overlapped: bool = False) -> list:
        try:
            return list(self.rx.finditer(text, overlapped=overlapped, timeout=TIMEOUT))
        except TimeoutError:
            raise self._timeout() from None


class SignalSet:
    """Several named signals run as one pass: each match reports which signal it was."""

    __slots__ = ("pattern", "names")

    def __init__(self, signals: list[str], rule: str, book: str = ""):
        self.names = list(signals)
        body = "|".join(f"(?P<s{i}>{s})" for i, s in enumerate(signals))
        self.pattern = Pattern(body, rule, book)

    def __bool__(self) -> bool:
        return bool(self.names)

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(signal index, offset, matched text) for every match that does not overlap the one
        before it; at one position the first listed signal that matches wins."""
        if not self.names:
            return []
        out = []
        end = -1  # end of the last kept match: one phrase is one signal ("民主决策机制")
        for m in self.pattern.finditer(text, overlapped=True):
            if m.start() < end:
                continue
            out.append((int(m.lastgroup[1:]), m.start(), m.group()))
            end = m.end()
        return out
