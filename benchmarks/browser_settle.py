"""What a leader feels: the time from navigation (or a filter change) to a settled page in Chromium.

    python -m benchmarks.browser_settle [--db URL | --scale city|province] [--runs 3]
                                        [--pages overview,organisation,…]
                                        [--width 1920 --height 1080] [--port 8691] [--json out.json]

``--db`` serves that database (e.g. a province built once with ``python -m data_access demo
--scale province --db sqlite:////tmp/bench/province.sqlite``); without it a fresh demo of
``--scale`` is loaded into a temporary SQLite file first (the province takes minutes).

Serves the dashboard as deployed (``streamlit run app.py``) and, in the same run, a floor app —
one Streamlit page with four metrics and one plotly line chart — both on loopback, and
opens them in Debian's Chromium. For every page (and every tab of the pages that have
tabs) it measures:

- ``open``: ``page.goto`` until the page is settled;
- ``county``: choosing one county in the sidebar until settled again;
- ``year``: choosing the year before until settled again.

Settled means, continuously for ``QUIET`` seconds: the script run has ended and the
websocket is connected, no skeleton and no running indicator is on screen, every plotly
chart has drawn its SVG, every KPI tile its sparkline (``stMetricChart``'s SVG) and every map
its layers (coloured pixels in its WebGL canvas, not only the canvas). The time reported is when that state
began, not when the quiet period ended. It prints medians of ``--runs`` and each median
as a ratio of the floor's median measured in the same run (the absolute times move with
the machine's load; the ratios much less). Nothing here asserts: it is a measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reporting.browser import chromium_args, chromium_path  # noqa: E402

PAGES = ("overview", "organisation", "service", "rights", "social", "presentation")
QUIET = 0.8  # seconds the page must stay settled
TIMEOUT = 120.0  # a page not settled by then is reported as NaN

FLOOR_APP = """
import pandas as pd
import plotly.express as px
import streamlit as st

st.set_page_config(layout="wide")
st.title("Floor")
cols = st.columns(4)
for i, c in enumerate(cols):
    c.metric(f"Metric {i}", f"{1000 * (i + 1):,}", delta=f"+{i}%")
df = pd.DataFrame({"year": list(range(2019, 2026)), "value": [3, 4, 6, 5, 7, 8, 9]})
st.plotly_chart(px.line(df, x="year", y="value"))
"""

SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidget"]')) return false;
  // something drawn in the main area (the slide show draws its frame in a component, not a heading)
  if (!document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] h2, [role="heading"], [data-testid="stMain"] iframe, [data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  // every plotly chart drawn (outermost chart containers only: the test id is nested)
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
      .filter(el => !el.parentElement.closest('[data-testid="stPlotlyChart"]'));
  for (const c of charts) {
    if (c.offsetParent === null) continue;  // in a closed tab or expander: not on screen
    if (!c.querySelector('.main-svg')) return false;
  }
  // every KPI tile's sparkline drawn (Streamlit draws it with vega-embed as an SVG)
  for (const m of document.querySelectorAll('[data-testid="stMetricChart"]')) {
    if (m.offsetParent === null) continue;
    if (!m.querySelector('svg .mark-line path, svg .mark-area path, svg path')) return false;
  }
  // every map's layers drawn: its WebGL canvas copied into a small 2D canvas has coloured pixels
  // (a canvas that deck.gl has only cleared is all transparent)
  const decks = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')];
  for (const d of decks) {
    if (d.offsetParent === null) continue;
    const gl = d.querySelector('canvas');
    if (!gl || gl.width === 0 || gl.height === 0) return false;
    const probe = document.createElement('canvas');
    probe.width = 64; probe.height = 64;
    const ctx = probe.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(gl, 0, 0, 64, 64);
    const px = ctx.getImageData(0, 0, 64, 64).data;
    let drawn = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) drawn++;
    if (drawn < 20) return false;
  }
  // the slide show's charts, drawn by the browser (ui/client_assets.py): the slide on screen
  for (const host of document.querySelectorAll('*')) {
    const slide = host.shadowRoot && host.shadowRoot.querySelector('.ss-root .slide.on');
    if (!slide) continue;
    for (const img of slide.querySelectorAll('img')) if (!img.complete || img.naturalWidth === 0) return false;
  }
  return true;
}"""


@contextlib.contextmanager
def serve(script: Path, cwd: Path, port: int, env: dict[str, str]):
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115 (open while the server runs)
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {Path(log.name).read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer on {base}")
            time.sleep(0.3)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def settle(page, t0: float, started_by_action: bool) -> float:
    """Seconds from t0 until the page became settled (and stayed so for QUIET seconds)."""
    if started_by_action:  # give the rerun a moment to start, so the old page does not count as settled
        with contextlib.suppress(Exception):
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1500)
    since = None
    end = t0 + TIMEOUT
    while time.perf_counter() < end:
        ok = False
        with contextlib.suppress(Exception):
            ok = page.evaluate(SETTLED_JS)
        now = time.perf_counter()
        if ok:
            since = since or now
            if now - since >= QUIET:
                return since - t0
        else:
            since = None
        page.wait_for_timeout(50)
    return float("nan")


def choose(page, label: str, option: str) -> float:
    """A sidebar choice, timed from the click on the option; NaN (and a note) when the page has no such filter."""
    side = page.locator('[data-testid="stSidebar"]')
    try:
        box = side.get_by_role("combobox", name=label, exact=True)
        box.click(timeout=60_000)
        wanted = page.get_by_role("option", name=option, exact=True)
        with contextlib.suppress(Exception):
            wanted.wait_for(timeout=2_000)
        if not wanted.is_visible():  # the first click after a multiselect's choice only closes its list
            box.click(timeout=60_000)
        t0 = time.perf_counter()
        wanted.click(timeout=60_000)
    except Exception as exc:  # a page without the filter, or an error shown instead of the page
        print(f"  could not choose {option!r} in {label!r} on {page.url}: {type(exc).__name__}", file=sys.stderr)
        return float("nan")
    page.keyboard.press("Escape")
    return settle(page, t0, True)


def measure_page(page, url: str, filters: bool, county: str, year: str, texts: dict) -> dict[str, float]:
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    out = {"open": settle(page, t0, False)}
    if filters:
        out["county"] = choose(page, texts["county"], county)
        out["year"] = choose(page, texts["year"], year)
    return out


def tabs_of(page) -> list[str]:
    return [t.inner_text().strip() for t in page.locator('[data-testid="stMain"] [role="tab"]').all()]


def measure_tab(page, name: str) -> float:
    t0 = time.perf_counter()
    page.locator('[data-testid="stMain"] [role="tab"]', has_text=name).first.click()
    return settle(page, t0, False)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.browser_settle")
    p.add_argument("--db", help="DATABASE_URL (default: a fresh demo SQLite file of --scale)")
    p.add_argument("--scale", choices=("city", "province"), default="city", help="the demo loaded when no --db")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--pages", default=",".join(PAGES))
    p.add_argument("--width", type=int, default=1920)
    p.add_argument("--height", type=int, default=1080)
    p.add_argument("--port", type=int, default=8691)
    p.add_argument("--json", help="write the raw figures here")
    a = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from data_access import queries
    from data_access.db import open_database
    from data_access.filters import Filters
    from words.i18n import text

    tmp = Path(tempfile.mkdtemp(prefix="settle-"))
    db = a.db
    if not db:
        from data_access.demo import load_demo

        db = f"sqlite:///{tmp / 'demo.sqlite'}"
        print(f"loading the {a.scale} demo into {db} …", file=sys.stderr, flush=True)
        load_demo(open_database(db), a.scale)
    eng = open_database(db)
    with eng.connect() as conn:
        counties = queries.all_counties(conn)
        years = queries.available_years(conn)
        villages = len(queries.areas(conn, Filters(years[-1]), "village"))
    county_name = str(counties["name"].iloc[0])
    year_before = f"{years[-2]}年"
    texts = {"county": text("county"), "year": text("year")}
    floor = tmp / "floor.py"
    floor.write_text(FLOOR_APP)
    pages = [x for x in a.pages.split(",") if x]
    results: dict[str, list[float]] = {}

    def add(key: str, v: float) -> None:
        results.setdefault(key, []).append(v)

    env = {"DATABASE_URL": db, "CANLIAN_AUTH_MODE": "open"}
    load_before = os.getloadavg()[0]
    with (
        serve(floor, tmp, a.port + 1, {}) as (floor_base, _),
        serve(ROOT / "app.py", ROOT, a.port, env) as (base, pid),  # as deployed (README)
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        # one warm-up pass, so the first measured page does not pay the server's imports
        ctx = browser.new_context(viewport={"width": a.width, "height": a.height})
        warm = ctx.new_page()
        for name in pages:
            warm.goto(f"{base}/{'' if name == 'overview' else name}", wait_until="commit")
            settle(warm, time.perf_counter(), False)
        warm.goto(floor_base, wait_until="commit")
        settle(warm, time.perf_counter(), False)
        ctx.close()
        for run in range(a.runs):
            for name in ["floor", *pages]:
                # a new context per page: a new session, as when a leader opens a shared link
                ctx = browser.new_context(viewport={"width": a.width, "height": a.height})
                pg = ctx.new_page()
                url = floor_base if name == "floor" else f"{base}/{'' if name == 'overview' else name}"
                figs = measure_page(pg, url, name not in ("floor", "presentation"), county_name, year_before, texts)
                for k, v in figs.items():
                    add(f"{name}:{k}", v)
                if name not in ("floor",):
                    for tab in tabs_of(pg)[1:]:
                        add(f"{name}:tab {tab}", measure_tab(pg, tab))
                ctx.close()
            print(f"run {run + 1}/{a.runs} done", file=sys.stderr)
        browser.close()
        rss = Path(f"/proc/{pid}/status").read_text()
        hwm = next((int(x.split()[1]) // 1024 for x in rss.splitlines() if x.startswith("VmHWM")), None)

    floor_open = statistics.median(results["floor:open"])
    print(
        f"# settle times, medians of {a.runs}; viewport {a.width}x{a.height};"
        f" load avg {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print(f"# database: {eng.url.render_as_string(hide_password=True)}; {len(counties)} counties, {villages} villages")
    print(f"{'page:action':42s} {'median s':>9s} {'x floor':>8s}   runs")
    for key, vals in results.items():
        vals = [v for v in vals if v == v] or [float("nan")]  # NaN: not measured
        med = statistics.median(vals)
        print(f"{key:42s} {med:9.2f} {med / floor_open:8.2f}   {', '.join(f'{v:.2f}' for v in vals)}")
    print(f"streamlit peak memory (VmHWM): {hwm} MB")
    if a.json:
        Path(a.json).write_text(json.dumps({"results": results, "floor": floor_open, "peak_mb": hwm}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
