"""Every regular expression a rulebook supplies runs through here: compiled once, always with a
time limit, so that a catastrophic pattern in a user's rulebook stops the run with a message
naming the rule instead of hanging it.
"""

from __future__ import annotations

from bisect import bisect_right
from re import _constants as c, _parser  # the standard parser's syntax tree, to reason about patterns

import regex

from checker.errors import RulebookError

TIMEOUT = 2.0  # seconds for one search over one document
# Texts up to this length (a heading, a sentence) are searched without the time limit when the
# pattern cannot backtrack catastrophically: the limit costs ~3 µs a call, several times the
# search itself, and the engine searches short texts about a thousand times per report.
SHORT = 300


def _syntax_tree(source: str):
    """The standard parser's tree of ``source``; None when it cannot read it (``regex``-only
    syntax), which each caller below treats as the cautious answer."""
    try:
        return _parser.parse(source)
    except Exception:  # noqa: BLE001
        return None


def _risky(source: str) -> bool:
    """Conservatively, whether a pattern can backtrack badly: a repeated group that itself
    repeats (``(a+)+``), a backreference, more than two repeats in a row on one path, or a
    pattern the standard parser cannot read. Otherwise one search costs at most about n³
    steps in the text's length n, so a short text cannot hang it."""
    tree = _syntax_tree(source)
    if tree is None:
        return True  # keep the time limit

    def depth(items) -> int:
        """Repeats along the worst path through ``items``; -1 when nested or a backreference."""
        total = 0
        for op, av in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                lo, hi, sub = av
                inner = depth(sub)
                if inner < 0 or (hi > 1 and (inner > 0 or _has_branch(sub))):
                    return -1  # (a+)+, (a|ab)*: exponential
                total += 1 if hi > 1 else inner
            elif op == c.SUBPATTERN:
                inner = depth(av[-1])
                if inner < 0:
                    return -1
                total += inner
            elif op == c.BRANCH:
                inner = [depth(b) for b in av[1]]
                if min(inner) < 0:
                    return -1
                total += max(inner)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                inner = depth(av[1])
                if inner < 0:
                    return -1
                total += inner
            elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
                return -1
        return total

    def _has_branch(items) -> bool:
        for op, av in items:
            if op == c.BRANCH:
                return True
            if op == c.SUBPATTERN and _has_branch(av[-1]):
                return True
        return False

    d = depth(tree)
    return d < 0 or d > 2


def _context_free(source: str) -> bool:
    """Whether a pattern accepts a given text the same wherever the text stands: only
    characters, classes, groups, alternation and ordinary (backtracking) repeats, so no
    anchors, ``\\b``, lookarounds, backreferences, conditionals, atomic groups or possessive
    repeats (nor a pattern the standard parser cannot read, such as ``regex``-only syntax, or a
    literal brace, which ``regex`` may read as fuzzy matching). A backtracking search at a
    position then succeeds exactly when some text in the pattern's language starts there."""
    tree = _syntax_tree(source)
    if tree is None:
        return False
    plain = {c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN}

    def ok(items) -> bool:
        for op, av in items:
            if op in plain:
                if op in (c.LITERAL, c.NOT_LITERAL) and av in (ord("{"), ord("}")):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                if not ok(av[2]):
                    return False
            elif op == c.SUBPATTERN:
                if not ok(av[-1]):
                    return False
            elif op == c.BRANCH:
                if not all(ok(b) for b in av[1]):
                    return False
            else:
                return False
        return True

    return ok(tree)


def _line_bound(source: str) -> bool:
    """Whether no part of a pattern (lookarounds included) can match a line end ("\\n"), and
    nothing in it tests where the text begins or ends or what an earlier group captured: no
    anchors, ``\\b``, backreferences, conditionals, ``.`` with DOTALL, or a class or escape that
    takes "\\n" (``\\s``, ``\\D``, ``[^x]``); nor ``regex``-only syntax the standard parser
    rejects, a POSIX class, or a literal brace (``regex`` may read it as fuzzy matching).

    Then, at any position of a line, every path the matcher tries consumes and looks at the
    same characters whether the line stands alone or between other lines joined by "\\n": a
    path that would go past the line's end fails on the "\\n" exactly where the lone line
    ends. So the first match in each line is the first match within that line's span of the
    joined text (``Pattern.first_in_each``)."""
    if "[:" in source:
        return False
    tree = _syntax_tree(source)
    if tree is None:
        return False
    nl = ord("\n")
    takes_nl = {c.CATEGORY_SPACE, c.CATEGORY_NOT_DIGIT, c.CATEGORY_NOT_WORD}
    never_nl = {c.CATEGORY_DIGIT, c.CATEGORY_WORD, c.CATEGORY_NOT_SPACE}

    def class_ok(items) -> bool:
        negate = bool(items) and items[0][0] == c.NEGATE
        has, skip = True, False  # every member surely without "\n" / some member surely with it
        for op, av in items[1:] if negate else items:
            if op == c.LITERAL:
                surely_in, surely_out = av == nl, av != nl
            elif op == c.RANGE:
                surely_in = av[0] <= nl <= av[1]
                surely_out = not surely_in
            elif op == c.CATEGORY:
                surely_in, surely_out = av in takes_nl, av in never_nl
            else:
                surely_in = surely_out = False
            has = has and surely_out
            skip = skip or surely_in
        return skip if negate else has

    def ok(items, dotall: bool) -> bool:
        for op, av in items:
            if op == c.LITERAL:
                if av in (nl, ord("{"), ord("}")):
                    return False
            elif op == c.NOT_LITERAL:
                if av != nl:
                    return False
            elif op == c.ANY:
                if dotall:
                    return False
            elif op == c.IN:
                if not class_ok(av):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if not ok(av[2], dotall):
                    return False
            elif op == c.SUBPATTERN:
                _, add, remove, sub = av
                if not ok(sub, (dotall or bool(add & c.SRE_FLAG_DOTALL)) and not remove & c.SRE_FLAG_DOTALL):
                    return False
            elif op == c.ATOMIC_GROUP:
                if not ok(av, dotall):
                    return False
            elif op == c.BRANCH:
                if not all(ok(b, dotall) for b in av[1]):
                    return False
            elif op in (c.ASSERT, c.ASSERT_NOT):
                if not ok(av[1], dotall):
                    return False
            else:
                return False
        return True

    return ok(tree, bool(tree.state.flags & c.SRE_FLAG_DOTALL))


class Pattern:
    """A compiled pattern that knows which rule (and rulebook) it belongs to."""

    __slots__ = ("rx", "source", "rule", "book", "fast", "joinable", "seen")

    SEEN_MAX = 1000  # short texts remembered by ``matches``

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
        self.fast = not _risky(source)
        # searched once over many sentences joined by "\n" rather than once per sentence (see
        # first_in_each): only patterns that need the time limit, whose cost is per call
        self.joinable = not self.fast and _line_bound(source)
        self.seen: dict[str, bool] = {}

    def _timeout(self) -> RulebookError:
        return RulebookError(self.book, f"规则 {self.rule} 的正则表达式匹配超时（可能存在灾难性回溯）：{self.source}")

    def search(self, text: str):
        if self.fast and len(text) <= SHORT:
            return self.rx.search(text)
        try:
            return self.rx.search(text, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timeout() from None

    def matches(self, text: str) -> bool:
        """Whether ``search`` finds a match, remembered for short texts: headings such as
        存在的问题 or 下一步工作打算 recur from report to report in a batch, and the engine tests
        each heading against the heading patterns of every element and report part."""
        if len(text) > SHORT:
            return self.search(text) is not None
        found = self.seen.get(text)
        if found is None:
            found = self.search(text) is not None
            if len(self.seen) >= self.SEEN_MAX:
                self.seen.clear()
            self.seen[text] = found
        return found

    def first_in_each(self, texts: list[str]) -> list[str | None]:
        """The text of the first match in each of ``texts`` (None: none), as ``search`` finds it.

        The time limit costs about 1.5 µs a call, more than a search of a sentence; a pattern
        that needs it and cannot run over a line end (``_line_bound``) is searched once over the
        texts joined by "\\n", each match credited to the text it starts in."""
        joined = "\n".join(texts) if self.joinable and len(texts) > 1 else ""
        if not joined or joined.count("\n") != len(texts) - 1:  # (a text with a line end of its own)
            out = []
            for t in texts:
                m = self.search(t)
                out.append(None if m is None else m.group())
            return out
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        out: list[str | None] = [None] * len(texts)
        for m in self.finditer(joined):
            k = bisect_right(starts, m.start()) - 1
            if out[k] is None:
                out[k] = m.group()
        return out

    def finditer(self, text: str, overlapped: bool = False) -> list:
        try:
            return list(self.rx.finditer(text, overlapped=overlapped, timeout=TIMEOUT))
        except TimeoutError:
            raise self._timeout() from None


class SignalSet:
    """Several named signals run as one pass: each match reports which signal it was.

    The scan uses the plain alternation (named groups make a scan about twice as slow); at each
    match, one anchored match of the same alternation with a named group per signal tells which
    signal it was. Both try the signals in the same order at the same position, so the answer is
    the one a single named scan would give.

    When every signal is context-free (``_context_free``), the signal is remembered by matched
    text: if signal i won with text t at one position, then at any other position where the
    scan matched t, no earlier signal can match (it would accept t here, hence there too, and
    would have won there) and signal i does match (it accepts t), so i wins again. That saves
    the anchored match for every repeated phrase (most of them, in a batch).
    """

    __slots__ = ("pattern", "scan", "names", "memo")

    MEMO_MAX = 2000  # matched texts remembered per signal set (a few dozen in practice)

    def __init__(self, signals: list[str], rule: str, book: str = ""):
        self.names = list(signals)
        self.pattern = Pattern("|".join(f"(?P<s{i}>{s})" for i, s in enumerate(signals)), rule, book)
        self.scan = Pattern("|".join(f"(?:{s})" for s in signals), rule, book)
        self.memo: dict[str, int] | None = {} if all(_context_free(s) for s in signals) else None

    def __bool__(self) -> bool:
        return bool(self.names)

    def _which(self, text: str, pos: int):
        if self.pattern.fast:
            return self.pattern.rx.match(text, pos)
        try:
            return self.pattern.rx.match(text, pos, timeout=TIMEOUT)
        except TimeoutError:
            raise self.pattern._timeout() from None

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(signal index, offset, matched text) for every match that does not overlap the one
        before it; at one position the first listed signal that matches wins."""
        if not self.names:
            return []
        out = []
        memo = self.memo
        # a plain scan resumes at the end of each match, which is exactly "one phrase is one
        # signal" ("民主决策机制" is not also 决策机制)
        for m in self.scan.finditer(text):
            if memo is None:
                n = self._which(text, m.start())
                out.append((int(n.lastgroup[1:]), m.start(), n.group()))
                continue
            found = m.group()  # the anchored match would find the same text (same alternatives)
            sig = memo.get(found)
            if sig is None:
                sig = int(self._which(text, m.start()).lastgroup[1:])
                if len(memo) >= self.MEMO_MAX:
                    memo.clear()
                memo[found] = sig
            out.append((sig, m.start(), found))
        return out
