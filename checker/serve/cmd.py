"""``check serve``: start the web page and the API on this machine.

Listens on 127.0.0.1 unless ``--host`` says otherwise; on any other address every request
needs the access token (``--token``, or one generated and printed here)."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
from typing import Optional

import typer

from checker.errors import CheckError

app = typer.Typer(add_completion=False, rich_markup_mode=None,
                  help="在浏览器中审查报告：启动本机网页和接口（默认 http://127.0.0.1:8321/）。")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access(host: str, token: str | None) -> tuple[str | None, set[str] | None]:
    """(the token every request needs, the Host names accepted): on loopback no token unless
    one is given, and only loopback names; anywhere else a token always (generated if none)."""
    from checker.serve.app import LOOPBACK_HOSTS

    if is_loopback(host):
        return token, LOOPBACK_HOSTS
    return token or secrets.token_urlsafe(24), None


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio turns Nagle's delay off only on sockets that say they are
    # TCP, and with it on every kept-alive request waits 40 ms for a delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        reason = "端口已被占用，请用 --port 指定其他端口" if e.errno == 98 else (e.strerror or str(e))
        raise CheckError(f"无法在 {host}:{port} 上监听：{reason}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@app.command(help="启动审查网页和接口：上传报告即得评分卡，可下载 PDF、JSON 和批量 CSV；"
                  "其他系统可调用 POST /api/check（见 docs/api.md）。按 Ctrl+C 停止。")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", metavar="地址", help="监听地址（默认只允许本机访问；其他地址需要访问令牌）"),
    port: int = typer.Option(8321, "--port", metavar="端口", help="端口（0 表示任选一个空闲端口）"),
    open_browser: bool = typer.Option(False, "--open", help="启动后在浏览器中打开页面"),
    token: Optional[str] = typer.Option(None, "--token", metavar="令牌", help="访问令牌（监听非本机地址时必需；不给则自动生成并打印）"),
    max_size: Optional[str] = typer.Option(None, "--max-size", metavar="大小", help="单个文件的大小上限（默认 20MB）"),
    max_files: int = typer.Option(50, "--max-files", metavar="个数", help="每次上传的文件数上限"),
    jobs: int = typer.Option(0, "--jobs", "-j", metavar="个数", help="审查用的进程数（默认使用全部 CPU 核）"),
    keep: float = typer.Option(10, "--keep", metavar="分钟", help="审查完成而结果页面未被打开时，结果在内存中等待的时间；页面发送后即清除"),
) -> None:
    from checker.cli.main import _size

    if not 0 <= port <= 65535:
        raise CheckError(f"--port 应为 0 到 65535 之间的整数，收到：{port}")
    if max_files < 1 or jobs < 0 or keep <= 0:
        raise CheckError("--max-files 应为正整数，--jobs 为非负整数，--keep 为正数")
    loopback = is_loopback(host)
    token, allowed_hosts = access(host, token)
    sock = _bind(host, port)

    import uvicorn

    from checker.serve.app import Settings, create_app

    settings = Settings(token=token, max_files=max_files, jobs=jobs, keep=keep * 60, allowed_hosts=allowed_hosts)
    size = _size(max_size)
    if size is not None:
        settings.max_size = size
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    print(f"check serve：审查页面 {url}（按 Ctrl+C 停止）", flush=True)
    if token:
        print(f"访问令牌：{token}", flush=True)
        print(f"请打开 {url}?token={token} ；接口请求加请求头 Authorization: Bearer {token}", flush=True)
        if not loopback:
            print(f"注意：正在监听 {host}，同一网络中的其他计算机可以访问；每个请求都需要上述令牌。", flush=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, [url + (f"?token={token}" if token else "")]).start()
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                            server_header=False, timeout_graceful_shutdown=5)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    sys.stdout.flush()
