"""Screenshots with Debian's Chromium: the README's pictures, or any page of a served app.

    python tools/screenshot.py readme [-k overview]    # refresh docs/screenshots/e2e-*.png
    python tools/screenshot.py slides [--out docs/screenshots/slideshow] [--base URL]
    python tools/screenshot.py URL OUT.png [--width 1600] [--height 1000] [--full]

``readme`` runs the browser tests that open every page (tests/browser: a server of their
own on the demo city, axe-core checked) with their screenshots sent to docs/screenshots/
instead of the git-ignored tests/browser/out/ — so a test run never rewrites the README's
pictures, and refreshing them is this one deliberate command. ``-k`` is pytest's, to take
some pages only. The browser tests need axe-core once:
``npm install --prefix tests/browser --no-save axe-core@4``.

``slides`` serves the app on its own demo database (or uses ``--base``) and takes every
slide of the 汇报 show, and the organisation page, at 1366×768, 1600×900, 1920×1080 and
3840×2160, with every non-loopback request aborted (the list of any is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reporting.browser import chromium_args, chromium_path  # noqa: E402

README_SHOTS = ROOT / "docs" / "screenshots"
# the tests that open each page and leave e2e-<page>.png: open pages, then those behind a login
README_TESTS = (
    "tests/browser/test_pages.py::test_page_opens_and_passes_axe",
    "tests/browser/test_login.py::test_permission_page_opens_and_passes_axe",
)


def readme(select: str | None) -> int:
    env = os.environ | {"CANLIAN_SCREENSHOTS": str(README_SHOTS)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *README_TESTS]
    if select:
        cmd += ["-k", select]
    rc = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    if rc == 0:
        print(f"README pictures refreshed in {README_SHOTS.relative_to(ROOT)}/ (review with git diff, then commit)")
    return rc


def wait_idle(page, timeout: float = 180_000) -> None:
    """Until the script run has ended and no skeleton is left (sized for a busy two-core machine)."""
    app = '[data-testid="stApp"]'
    page.wait_for_selector(f'{app}[data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stSkeleton"], [data-testid="stStatusWidget"]\')',
        timeout=timeout,
    )
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

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        for w, h in SIZES:
            ctx = b.new_context(viewport={"width": w, "height": h}, locale="zh-CN")
            ctx.route("**/*", route)
            page = ctx.new_page()
            page.set_default_timeout(120000)
            page.goto(f"{base}/presentation?show=1&slide=1")
            wait_idle(page, 240000)
            page.wait_for_selector(".ss-root.show .slide.on", timeout=240000)
            count = page.locator(".ss-count").filter(has_text="/")  # the show has written 第 1 / 11 页
            count.wait_for(timeout=240000)
            n = int(count.inner_text().split("/")[1].split()[0])
            for i in range(1, n + 1):
                key = page.locator(".slide.on").get_attribute("data-key")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"slide-{i:02d}-{key}-{w}x{h}.png"))
                page.keyboard.press("ArrowRight")
            page.goto(f"{base}/organisation?year=2021")
            wait_idle(page, 240000)
            chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
            chart.wait_for(timeout=240000)
            chart.scroll_into_view_if_needed(timeout=240000)
            chart.locator("canvas").first.wait_for(timeout=120000)
            page.wait_for_timeout(5000)
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
    from benchmarks.many_users import warm_up
    from data_access.db import open_database
    from data_access.demo import load_demo
    from tests.browser.helpers import served_app

    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{d}/demo.sqlite"
        load_demo(open_database(url))
        with served_app(url, Path(d) / "streamlit.log") as base:
            # one run of dashboard.py before any deep link: until st.navigation has run in a fresh
            # process, Streamlit serves pages/ as an old-style multipage folder (see tests/browser)
            asyncio.run(warm_up(base))
            _slides(Path(a.out), base)


def one(url: str, out: str, width: int, height: int, full: bool) -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        page = b.new_page(viewport={"width": width, "height": height})
        page.goto(url, timeout=180_000)
        wait_idle(page)
        page.screenshot(path=out, full_page=full)
        b.close()
    print(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["slides"]:
        slides_main(argv[1:])
        return 0
    if argv[:1] == ["readme"]:
        p = argparse.ArgumentParser(prog="python tools/screenshot.py readme")
        p.add_argument("-k", dest="select", help="pytest -k expression: only these pages")
        return readme(p.parse_args(argv[1:]).select)
    p = argparse.ArgumentParser(prog="python tools/screenshot.py", description=__doc__.split("\n\n")[0])
    p.add_argument("url")
    p.add_argument("out")
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=1000)
    p.add_argument("--full", action="store_true")
    a = p.parse_args(argv)
    return one(a.url, a.out, a.width, a.height, a.full)


if __name__ == "__main__":
    sys.exit(main())
