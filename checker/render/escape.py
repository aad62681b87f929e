"""Escaping for each consumer of what others send: file names, report text and rulebook text
reach terminals, CI logs and spreadsheets, and must never act there.

- ``terminal``: control characters (ESC sequences, carriage returns, line breaks, NEL), line and
  paragraph separators and bidirectional overrides are shown as visible escapes (``\\x1b``,
  ``\\n``, ``\\u202e``): a file name cannot recolour or clear the terminal, fake a line, or start
  one with a GitHub workflow command.
- ``line_start``: a line that would begin with ``::`` (a workflow command for the GitHub runner,
  which reads both output streams) has its first colon percent-encoded.
- ``csv_cell``: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
  leading apostrophe (OWASP, CSV injection): the spreadsheet shows it as text, not a formula.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line/paragraph separators, bidi marks, embeddings, overrides and isolates,
# and lone surrogates (the undecodable bytes of a file name; stdout cannot encode them)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def terminal(value) -> str:
    """``value`` as text that is safe to print: every unsafe character made visible."""
    s = "" if value is None else str(value)
    return _UNSAFE.sub(_visible, s)


def line_start(s: str) -> str:
    """``s`` placed at the start of a line: never a workflow command (``::name ...::``)."""
    stripped = s.lstrip()
    if stripped.startswith("::"):
        cut = len(s) - len(stripped)
        return s[:cut] + "%3A" + stripped[1:]
    return s


def message(value) -> str:
    """A one-line message for stderr: terminal-safe and never a workflow command."""
    return line_start(terminal(value))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA) else s
