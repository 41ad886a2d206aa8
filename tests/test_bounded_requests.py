"""Bounded work for every request (issue 30, finding 5): our own routes on the served app
(``app.py``) refuse a large body before reading it — a 100 MB POST /api/session gets 413
while the client is still sending, and the server's memory stays where it was."""

from __future__ import annotations

import contextlib
import select
import socket
import time
from pathlib import Path

import pytest

from data_access.db import open_database
from tests.browser.helpers import served_app

CHUNK = 64 * 1024
HUNDRED_MB = 100 * 1024 * 1024


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def server_pid(port: int) -> int:
    """The process listening on ``port`` (the streamlit server we started)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        if parts[1].endswith(f":{port:04X}") and parts[3] == "0A":
            inode = parts[9]
    assert inode, "server socket not found"
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if fd.readlink().name == f"socket:[{inode}]":
                    return int(proc.name)
        except OSError:
            continue
    raise AssertionError("server process not found")


def post_streaming(port: int, path: str, total: int, chunked: bool) -> tuple[int, int, float]:
    """POST ``total`` bytes a chunk at a time; stop as soon as the server answers.
    Returns (status, bytes sent, seconds)."""
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
    head += "Sec-Fetch-Site: same-origin\r\nContent-Type: text/plain\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {total}\r\n\r\n"
    sent, start = 0, time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        answer = b""
        while sent < total:
            ready, _, _ = select.select([s], [], [], 0)
            if ready:
                break
            n = min(CHUNK, total - sent)
            block = f"{n:X}\r\n".encode() + b"A" * n + b"\r\n" if chunked else b"A" * n
            try:
                s.sendall(block)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += n
        if chunked and sent == total:
            s.sendall(b"0\r\n\r\n")
        s.settimeout(30)
        with contextlib.suppress(ConnectionResetError):
            answer = s.recv(4096)
        elapsed = time.monotonic() - start
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1") else 0
    return status, sent, elapsed


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('bounded') / 'empty.sqlite'}"
    open_database(url).dispose()  # the schema, so a small ticket is judged by the database
    log = tmp_path_factory.mktemp("bounded-log") / "server.log"
    with served_app(url, log, CANLIAN_AUTH_MODE="accounts") as base:
        port = int(base.rsplit(":", 1)[1])
        # one ordinary request first: the route's own modules are imported on first use
        assert post_streaming(port, "/api/session", 64, chunked=False)[0] == 403
        yield port, server_pid(port)


@pytest.mark.parametrize("route", ["/api/session", "/api/session/end"])
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_100_mb_body_is_refused_unread_with_memory_flat(server, route, chunked):
    port, pid = server
    before = rss_kb(pid)
    status, sent, elapsed = post_streaming(port, route, HUNDRED_MB, chunked)
    after = rss_kb(pid)
    print(
        f"{route} chunked={chunked}: {status} after {sent / 1e6:.1f} MB sent, {elapsed:.3f} s, RSS {before} -> {after} kB"
    )
    assert status == 413, f"a 100 MB body to {route} must be refused (413), got {status}"
    assert sent < HUNDRED_MB, "the server answered only after the whole body was sent (it waited for all of it)"
    assert elapsed < 1.0, f"refused after {elapsed:.2f} s"
    assert after - before < 20_000, f"the server's memory grew by {(after - before) / 1024:.0f} MB"


def test_a_ticket_a_few_kb_over_is_413_and_a_normal_one_is_read(server):
    port, _ = server
    status, _, _ = post_streaming(port, "/api/session", 4 * 1024, chunked=False)
    assert status == 413
    status, _, _ = post_streaming(port, "/api/session", 64, chunked=False)
    assert status == 403, "a small body is read and judged as a ticket (a forged one: 403)"
