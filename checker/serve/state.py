"""A checked report carried by the page itself, so the server keeps nothing once a page is sent.

The results page holds each report's state in a hidden form field; the PDF download and a batch
row's scorecard post it back. The state is the report (with its text) as JSON, compressed and
sealed with an HMAC key that only this server process knows: a state the server did not write
(edited, forged, or from before a restart) is refused before it is decompressed or parsed, so
nothing a page sends is ever trusted as data. Nothing is unpickled."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import zlib

from checker.judge.result import Report, report_from_dict, report_record

MAC_SIZE = 32
MAX_STATE = 256 << 20  # decompressed bytes (a sealed state is our own; this only bounds a bug)


class StateError(Exception):
    """A state the server cannot take; the message is for the user, in Chinese."""


def new_key() -> bytes:
    return secrets.token_bytes(32)


def seal(report: Report, key: bytes, source: bytes | None = None) -> str:
    """``source``: the uploaded .docx itself, for the Word file with the review as comments."""
    raw = json.dumps(report_record(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    packed = zlib.compress(raw, 6)
    body = len(packed).to_bytes(4, "big") + packed + (source or b"")
    mac = hmac.new(key, body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac + body).decode("ascii")


def unseal(token: str, key: bytes) -> Report:
    return unseal_with_source(token, key)[0]


def unseal_with_source(token: str, key: bytes) -> tuple[Report, bytes | None]:
    try:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        blob = b""
    mac, body = blob[:MAC_SIZE], blob[MAC_SIZE:]
    if len(mac) < MAC_SIZE or len(body) < 4 or not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        raise StateError("页面中的报告数据无效或已过期（服务器重启后旧页面不能再用），请重新上传报告")
    size = int.from_bytes(body[:4], "big")
    packed, source = body[4:4 + size], body[4 + size:]
    d = json.loads(zlib.decompressobj().decompress(packed, MAX_STATE).decode("utf-8", "surrogatepass"))
    return report_from_dict(d), (source or None)
