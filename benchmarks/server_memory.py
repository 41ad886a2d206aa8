"""Memory of a real app process: ``streamlit run`` on a database, every page opened in Chromium.

    python -m benchmarks.server_memory --db URL [--port 8633] [--pages overview,service]

Starts one server on loopback, opens each page (year = the newest) in Debian's Chromium,
waits until each run ends, then reads the server's peak (VmHWM) and current (VmRSS)
resident memory from /proc. The issue's target: under 600 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "organisation", "service", "rights", "social")


def _status(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmHWM", "VmRSS")):
            k, v = line.split(":")
            out[k] = int(v.split()[0]) // 1024
    return out


def _wait_done(page, timeout: float = 300) -> None:
    """Until the page has a title and the script run has ended (no status widget) for 1.5 s."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    end, quiet = time.monotonic() + timeout, 0
    while time.monotonic() < end and quiet < 3:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        titled = page.locator('[data-testid="stMain"] h1').count() > 0
        quiet = quiet + 1 if titled and not running else 0
        page.wait_for_timeout(500)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.server_memory")
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, default=8633)
    p.add_argument("--pages", default=",".join(PAGES))
    p.add_argument("--year", type=int, default=2025)
    a = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from reporting.browser import chromium_args, chromium_path

    env = os.environ | {"DATABASE_URL": a.db}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(a.port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(180):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{a.port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        print(f"started: {_status(server.pid)}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            for name in [x for x in a.pages.split(",") if x]:
                t = time.perf_counter()
                path = "" if name == "overview" else name  # the Overview is the default page, at /
                page.goto(f"http://127.0.0.1:{a.port}/{path}?year={a.year}", timeout=300000)
                _wait_done(page)
                print(f"{name:<14} {time.perf_counter() - t:6.1f} s in the browser, server {_status(server.pid)}")
            browser.close()
        print(f"peak resident memory of the app process: {_status(server.pid)['VmHWM']} MB")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
