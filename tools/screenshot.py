"""Take screenshots of the app with Debian's Chromium.

python tools/screenshot.py http://localhost:8501/ out.png [--width 1600] [--height 1000]
python tools/screenshot.py slides [--out docs/screenshots/slideshow] [--base URL]

``slides`` serves the app on its own demo database (or uses ``--base``) and takes every
slide of the 汇报 show, and the organisation page, at 1366×768, 1600×900, 1920×1080 and
3840×2160, with every non-loopback request aborted (the list of any is printed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def wait_idle(page, timeout: float = 60000) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(800)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout)
    page.wait_for_timeout(700)


SIZES = [(1366, 768), (1600, 900), (1920, 1080), (3840, 2160)]


def _slides(out: Path, base: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    attempted: list[str] = []

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for w, h in SIZES:
            ctx = b.new_context(viewport={"width": w, "height": h}, locale="zh-CN")
            ctx.route("**/*", route)
            page = ctx.new_page()
            page.goto(f"{base}/presentation?show=1&slide=1")
            wait_idle(page, 240000)
            page.wait_for_selector(".ss-root.show .slide.on", timeout=240000)
            n = int(page.locator(".ss-count").inner_text().split("/")[1].split()[0])
            for i in range(1, n + 1):
                key = page.locator(".slide.on").get_attribute("data-key")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"slide-{i:02d}-{key}-{w}x{h}.png"))
                page.keyboard.press("ArrowRight")
            page.goto(f"{base}/organisation?year=2021")
            wait_idle(page, 240000)
            chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(4000)
            page.screenshot(path=str(out / f"organisation-map-2021-{w}x{h}.png"))
            ctx.close()
            print(f"{w}×{h}: {n} slides and the organisation page")
        b.close()
    print("outbound requests attempted:", attempted or "none")


def slides_main(argv: list[str]) -> None:
    p = argparse.ArgumentParser(prog="tools/screenshot.py slides")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "slideshow"))
    p.add_argument("--base", help="a running app (default: serve one on a fresh demo database)")
    a = p.parse_args(argv)
    if a.base:
        _slides(Path(a.out), a.base.rstrip("/"))
        return
    sys.path.insert(0, str(ROOT))
    from data_access.db import open_database
    from data_access.demo import load_demo
    from tests.browser.helpers import served_app

    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{d}/demo.sqlite"
        load_demo(open_database(url))
        with served_app(url, Path(d) / "streamlit.log") as base:
            _slides(Path(a.out), base)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "slides":
        slides_main(sys.argv[2:])
        return
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("out")
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=1000)
    p.add_argument("--full", action="store_true")
    a = p.parse_args()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = b.new_page(viewport={"width": a.width, "height": a.height})
        page.goto(a.url)
        wait_idle(page, 120000)
        page.screenshot(path=a.out, full_page=a.full)
        b.close()


if __name__ == "__main__":
    main()
