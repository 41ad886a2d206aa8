"""KPI figures in Chromium as a reader sees them: on the Overview (26 tiles, the staffing row
of eight narrow ones) and the organisation page ("1,434 / 1,434 个"), at the meeting-room
laptop (1366×768) and the projector (1920×1080), normal and 高对比度: every figure and its
unit on one line, whole, inside its tile.

The fitting is CSS (``ui/figures.py``: container units, no script), so once the script run has
ended and the page has drawn, the figures are final: the test waits for that (Streamlit's run
state, the 高对比度 style sheet applied, the fonts loaded), then measures once."""

from __future__ import annotations

import pytest

from tests.browser.helpers import TIMEOUT_MS, goto

SIZES = [(1366, 768), (1920, 1080)]
PAGES = [("", 20), ("organisation", 7)]  # path, tiles at least

# Runs in the page: every figure whose text takes more than one line (its text's line boxes
# do not share one top), is cut (wider than its box), or leaves its tile.
BROKEN = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map((box) => {
  const p = box.querySelector('p') || box;
  const range = document.createRange();
  range.selectNodeContents(p);
  const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
  const tile = box.closest('[data-testid="stMetric"]').getBoundingClientRect();
  const text = range.getBoundingClientRect();
  return {text: box.innerText, lines: tops.size, cut: p.scrollWidth > box.clientWidth + 1,
          outside: text.left < tile.left - 1 || text.right > tile.right + 1,
          size: getComputedStyle(p).fontSize, tile: Math.round(tile.width)};
}).filter((m) => m.lines !== 1 || m.cut || m.outside)"""


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_kpi_figure_and_unit_stay_on_one_line(app_url, context, size, contrast):
    page = context.new_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for path, at_least in PAGES:
        goto(page, f"{app_url}/{path}?year=2025" + ("&contrast=high" if contrast else ""))
        if contrast:  # the 高对比度 style sheet (125 % type) has applied
            page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '21px'",
                                   timeout=TIMEOUT_MS)  # fmt: skip
        page.evaluate("() => document.fonts.ready.then(() => true)")
        values = page.locator('[data-testid="stMetricValue"]')
        assert values.count() >= at_least, f"/{path}: {values.count()} tiles"
        broken = page.evaluate(BROKEN)
        assert broken == [], f"/{path} at {size}{' 高对比度' if contrast else ''}: {broken}"
