"""``check serve`` under use: how long a reviewer waits from upload to scorecard, against
``check FILE --format html`` in-process (goal: at most 1.2 times); 20 uploads at once (goal: no
error); the server's memory over 1,000 requests (goal: flat; for page uploads, once the store of
results kept for downloads is full).

    .venv/bin/python bench/bench_serve.py [--reps 9] [--requests 1000] [--concurrent 20]

The server runs as users start it (``check serve``, its own process and 2 workers) on 127.0.0.1.
An upload is the page's own: POST /check with the file, following the redirect to the finished
scorecard, on one kept-alive connection as a browser does. The in-process side runs ``checker.cli.main([FILE, "--format", "html", "-o", DIR])``
after a warm-up (rulebooks compiled, as in the server's warm workers). Runs are interleaved and
medians reported. Memory: RSS of the server's main process, and RSS and PSS of it with its workers
(bench_memory's reader), sampled every 100 requests: API calls (which keep nothing), then page
uploads (whose results stay in memory for downloads, up to 300 reports).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, SEEDS  # noqa: E402
from bench_memory import tree_kb  # noqa: E402

sys.path.insert(0, str(ROOT))


def start_server(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    url = line[line.index("http://"):].split("（")[0]
    for _ in range(300):  # bounded: 60 s at most
        try:
            urllib.request.urlopen(url + "healthz", timeout=5).read()
            return proc, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("check serve did not start")


def multipart(paths: list[Path], fields: dict | None = None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = b""
    for k, v in (fields or {}).items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    for p in paths:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{p.name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + p.read_bytes() + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post(url: str, paths: list[Path]) -> tuple[int, bytes]:
    body, ctype = multipart(paths)
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype})
    with urllib.request.urlopen(req, timeout=300) as r:  # follows the 303 to the result
        return r.status, r.read()


class Browser:
    """One kept-alive connection, as a browser holds one: POST the form, follow the 303."""

    def __init__(self, url: str):
        import http.client
        from urllib.parse import urlsplit

        u = urlsplit(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=300)
        self.conn.connect()
        # browsers send without Nagle's delay; http.client does not, and a POST's headers and
        # body then wait for the server's delayed ACK (40 ms)
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def upload(self, paths: list[Path]) -> bytes:
        body, ctype = multipart(paths)
        self.conn.request("POST", "/check", body=body, headers={"Content-Type": ctype})
        r = self.conn.getresponse()
        r.read()
        assert r.status == 303, r.status
        self.conn.request("GET", r.getheader("location"))
        r = self.conn.getresponse()
        page = r.read()
        assert r.status == 200, r.status
        return page


def upload_to_scorecard(browser: Browser, seed: Path) -> float:
    t = time.perf_counter()
    page = browser.upload([seed])
    elapsed = time.perf_counter() - t
    assert b'class="verdict' in page, page[:300]
    return elapsed


def in_process(seed: Path, out: str) -> float:
    from checker.cli.main import main

    t = time.perf_counter()
    try:
        main([str(seed), "--format", "html", "-o", out])
    except SystemExit as e:
        assert e.code in (0, 1), e.code
    return time.perf_counter() - t


def speed(url: str, reps: int) -> None:
    print("1. 从上传到评分卡（每份种子，%d 次中位数）" % reps)
    print(f"   {'报告':<28}{'check --format html':>20}{'check serve':>14}{'比值':>8}")
    ratios = []
    browser = Browser(url)
    with tempfile.TemporaryDirectory() as out:
        for seed in SEEDS:
            in_process(seed, out), upload_to_scorecard(browser, seed)  # warm-up
            cli, web = [], []
            for _ in range(reps):
                cli.append(in_process(seed, out))
                web.append(upload_to_scorecard(browser, seed))
            a, b = statistics.median(cli), statistics.median(web)
            ratios.append(b / a)
            print(f"   {seed.name:<30}{a * 1000:>14.1f} ms{b * 1000:>11.1f} ms{b / a:>8.2f}")
    print(f"   比值中位数 {statistics.median(ratios):.2f}（目标 ≤ 1.2），最大 {max(ratios):.2f}")


def concurrent(url: str, n: int) -> None:
    results: list = [None] * n

    def one(i: int) -> None:
        seed = SEEDS[i % len(SEEDS)]
        try:
            t = time.perf_counter()
            status, page = post(url + "check", [seed])
            results[i] = (status == 200 and b'class="verdict' in page, time.perf_counter() - t)
        except Exception as e:  # noqa: BLE001 - counted as an error below
            results[i] = (False, repr(e))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(600)
    wall = time.perf_counter() - t
    errors = [r for r in results if not r or not r[0]]
    times = sorted(r[1] for r in results if r and r[0])
    print(f"2. {n} 个同时上传：错误 {len(errors)} 个；全部完成 {wall:.2f} s；"
          f"单个等待中位数 {statistics.median(times):.2f} s，最长 {times[-1]:.2f} s" if times else f"2. 全部失败：{errors[:3]}")


def _main_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def memory(url: str, pid: int, requests: int) -> None:
    """Two runs of ``requests``: API calls (nothing kept), then page uploads, whose results the
    server keeps for downloads up to its bound (300 reports): memory grows while that store fills
    and must stay flat after."""
    print(f"3. 内存：先 {requests} 个接口请求，再 {requests} 个页面上传；服务器主进程 RSS，及连同工作进程的 RSS / PSS")
    for kind, path in (("接口", "api/check"), ("页面", "check")):
        samples = []
        for i in range(1, requests + 1):
            status, _ = post(url + path, [SEEDS[i % len(SEEDS)]])
            assert status == 200
            if i % 100 == 0:
                rss, pss = tree_kb(pid)
                samples.append((i, _main_rss_kb(pid), rss, pss))
                print(f"   {kind}第 {i:>5} 个后  主进程 {samples[-1][1] / 1024:6.1f} MB  "
                      f"全部 RSS {rss / 1024:6.1f} MB  PSS {pss / 1024:6.1f} MB")
        half = next(s for s in samples if s[0] >= requests // 2)
        last = samples[-1]
        print(f"   {kind}：后一半（{half[0]} → {last[0]}）主进程 {(last[1] - half[1]) / 1024:+.1f} MB，"
              f"全部 PSS {(last[3] - half[3]) / 1024:+.1f} MB（{100 * (last[3] - half[3]) / half[3]:+.1f}%）")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--concurrent", type=int, default=20)
    ap.add_argument("--parts", default="speed,concurrent,memory", help="which measurements, comma-separated")
    args = ap.parse_args()
    parts = args.parts.split(",")
    print(f"负载均值 {os.getloadavg()[0]:.2f}，{os.cpu_count()} 核")
    proc, url = start_server("--max-files", str(max(50, args.concurrent)))
    try:
        if "speed" in parts:
            speed(url, args.reps)
        if "concurrent" in parts:
            concurrent(url, args.concurrent)
        if "memory" in parts:
            memory(url, proc.pid, args.requests)
    finally:
        proc.terminate()
        proc.wait(30)
    print(f"负载均值 {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
