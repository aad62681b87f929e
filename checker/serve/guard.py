"""Checks every request passes before it reaches a route: the Host header (a page on another
site cannot reach a loopback server through DNS rebinding), the access token (required when the
server listens on anything but loopback), and the size of the body (counted as it arrives,
so a huge upload is refused without being stored)."""

from __future__ import annotations

import hmac
import json
from urllib.parse import parse_qsl, urlencode

COOKIE = "check_token"


class BodyTooLarge(Exception):
    pass


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


async def reply(send, status: int, message: str, path: str, extra: list | None = None) -> None:
    """A short Chinese answer: JSON ``{"error": ...}`` for the API, a small page otherwise."""
    if wants_json(path):
        body, ctype = json.dumps({"error": message}, ensure_ascii=False).encode(), b"application/json"
    else:
        from html import escape

        body = (f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>check</title>'
                f"<p>{escape(message)}</p></html>").encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app, token: str | None, allowed_hosts: set[str] | None, max_body: int):
        self.app, self.token, self.allowed_hosts, self.max_body = app, token, allowed_hosts, max_body

    def _token_ok(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(value.encode(), self.token.encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers, path = _headers(scope), scope["path"]
        if self.allowed_hosts is not None:
            host = headers.get("host", "").rsplit(":", 1)[0] if not headers.get("host", "").endswith("]") \
                else headers.get("host", "")
            if host.lower() not in self.allowed_hosts:
                return await reply(send, 421, "请求的主机名不被接受：请用 http://127.0.0.1 访问", path)
        if self.token:
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
            given = dict(query).get("token")
            if given is not None and self._token_ok(given) and scope["method"] == "GET" and not wants_json(path):
                # a link with ?token=: keep it in a cookie and show the address without it
                rest = urlencode([(k, v) for k, v in query if k != "token"])
                cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()
                location = (path + ("?" + rest if rest else "")).encode()
                return await reply(send, 303, "已登录", path, [(b"location", location), (b"set-cookie", cookie)])
            auth = headers.get("authorization", "")
            cookies = dict(c.strip().split("=", 1) for c in headers.get("cookie", "").split(";") if "=" in c)
            candidates = [auth[7:].strip() if auth.lower().startswith("bearer ") else None,
                          headers.get("x-check-token"), given, cookies.get(COOKIE)]
            if not any(self._token_ok(c) for c in candidates):
                return await reply(send, 401, "需要访问令牌：请用 check serve 启动时打印的地址（含 ?token=…）打开，"
                                              "或在请求头中加 Authorization: Bearer 令牌", path)
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return await reply(send, 413, f"上传的内容过大（上限 {self.max_body / 1048576:.0f} MB）", path)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)
