"""Plain text and Markdown: decode, split lines exactly as an editor numbers them."""

from __future__ import annotations

from pathlib import Path

import regex

from checker.document.model import Document, build_document
from checker.ingest.text import decode

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split on CR, LF and CRLF only (str.splitlines also splits on \\f, \\x1c, U+2028 ...)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read(path: Path, opts) -> Document:
    text, encoding = decode(path.read_bytes(), path, opts.encoding)
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return build_document(split_lines(text), str(path), encoding=encoding, format=fmt)
