"""Tablets and phones (issue 29): 总览, 组织建设 and the slide show at 390×844 (a phone) and
768×1024 (a tablet, portrait), on a touch screen. The sidebar starts collapsed and its »
button is visible without a mouse to hover; the tiles reflow (two or one per row) with their
figure, unit and change readable and nothing clipped; the slide show fits the window.

Screenshots of each (the viewport, as the reader first sees it) go to the test output folder;
``CANLIAN_NARROW_SHOTS=docs/screenshots`` writes the committed ones (small PNGs, 64 colours)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.helpers import SCREENSHOTS, TIMEOUT_MS, assert_page_ok, goto
from tests.browser.test_slideshow import CHECK as SLIDE_CHECK

SIZES = [(390, 844), (768, 1024)]
PAGES = {"overview": "/", "organisation": "/organisation"}
MIN_TILE_PX = 150  # a tile narrower than this squeezes its figure (one character per line at ~70 px)
MIN_FIGURE_PX = 16  # the figure's type size, readable on a phone

# Every tile: its width, its figure's font size, and any text of it (label, figure, change)
# wider or taller than its box (clipped) — as a reader would see "+3.0个百分" cut off.
TILES = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map((m) => {
  const r = m.getBoundingClientRect();
  const v = m.querySelector('[data-testid="stMetricValue"] p') || m.querySelector('[data-testid="stMetricValue"]');
  const clipped = [];
  for (const el of m.querySelectorAll('[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"], ' +
      '[data-testid="stMetricValue"] *, [data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *')) {
    if (!el.textContent.trim() || el.getBoundingClientRect().width === 0) continue;
    const s = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) clipped.push(el.textContent.trim().slice(0, 30));
  }
  const lr = m.querySelector('[data-testid="stMetricValue"]').getBoundingClientRect();
  if (lr.right > r.right + 1 || lr.left < r.left - 1) clipped.push('figure outside its tile');
  return {label: (m.querySelector('[data-testid="stMetricLabel"]') || m).innerText.trim().slice(0, 30),
          width: r.width, top: Math.round(r.top), left: Math.round(r.left),
          font: parseFloat(getComputedStyle(v).fontSize), clipped};
})"""

SIDEBAR = """() => {
  const sb = document.querySelector('[data-testid="stSidebar"]');
  const open = !!sb && sb.getAttribute('data-collapsed') !== 'true' && sb.getBoundingClientRect().right > 10;
  const btn = document.querySelector('[data-testid="stExpandSidebarButton"]');
  const r = btn && btn.getBoundingClientRect();
  const shown = !!btn && r.width >= 24 && r.height >= 24 && getComputedStyle(btn).visibility !== 'hidden' &&
    getComputedStyle(btn).opacity !== '0' && r.right <= window.innerWidth;
  return {open, button: shown};
}"""


def _shot(page, name: str) -> Path:
    """The viewport as a small PNG (64 colours)."""
    out = Path(os.environ.get("CANLIAN_NARROW_SHOTS") or SCREENSHOTS)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"narrow-{name}.png"
    page.screenshot(path=str(path))
    Image.open(path).convert("RGB").quantize(64, dither=Image.Dither.NONE).save(path, optimize=True)
    return path


@pytest.fixture
def touch(browser):
    contexts = []

    def make(width: int, height: int):
        ctx = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=True, is_mobile=width < 600, locale="zh-CN"
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(PAGES))
def test_tiles_reflow_and_nothing_is_clipped(app_url, touch, name, width, height):
    page = touch(width, height)
    goto(page, app_url + PAGES[name])
    assert_page_ok(page, name)
    side = page.evaluate(SIDEBAR)
    assert not side["open"], f"{name} {width}x{height}: the sidebar covers the page at first"
    assert side["button"], f"{name} {width}x{height}: no visible button opens the sidebar on a touch screen"
    tiles = page.evaluate(TILES)
    assert tiles, "no tiles"
    squeezed = [t for t in tiles if t["width"] < MIN_TILE_PX or t["font"] < MIN_FIGURE_PX]
    assert not squeezed, f"{name} {width}x{height}: squeezed tiles {squeezed}"
    clipped = [(t["label"], t["clipped"]) for t in tiles if t["clipped"]]
    assert not clipped, f"{name} {width}x{height}: clipped text {clipped}"
    per_row = max(sum(1 for t in tiles if t["top"] == top) for top in {t["top"] for t in tiles})
    assert per_row <= (1 if width < 640 else 2), f"{name} {width}x{height}: {per_row} tiles in a row"
    _shot(page, f"{name}-{width}x{height}")
    # the sidebar opens with the visible button, over the page, and closes again
    page.locator('[data-testid="stExpandSidebarButton"]').tap()
    page.wait_for_function(f"({SIDEBAR})().open", timeout=30_000)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stSidebarCollapseButton"] button').is_visible()
    if name == "overview":
        _shot(page, f"sidebar-{width}x{height}")


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_slide_show_fits_a_phone_and_a_tablet(app_url, touch, width, height):
    page = touch(width, height)
    goto(page, f"{app_url}/presentation?show=1&slide=2")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=TIMEOUT_MS)
    # the slide's chart is drawn in the browser (Plotly.toImage): wait for it, generously
    page.wait_for_function(f"!({SLIDE_CHECK})().problems.includes('image not drawn')", timeout=TIMEOUT_MS)
    s = page.evaluate(SLIDE_CHECK)
    assert not s["problems"], f"{width}x{height}: {s['problems']}"
    assert abs(s["scale"] - min(width / 1280, height / 720)) < 0.01
    _shot(page, f"slide-{width}x{height}")
