"""The 汇报 slide show in Chromium, as a presenter drives it, at the four screens it
must fit (meeting-room laptop 1366×768, 1600×900, projector 1920×1080, 4K): every slide
inside the window with every element of it inside the slide frame, no scrollbar,
nothing of the app around it; the keys; leaving with Esc. And the network cut: every
request that does not go to loopback is aborted and recorded, on every page, and the
test fails if any was attempted (map styles, fonts, icons, tiles)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import declared_pages, goto, page_url, wait_idle

SIZES = [(1366, 768), (1600, 900), (1920, 1080), (3840, 2160)]
SLIDES = 11

# Runs in the page: what a viewer of the screen would call "outside" — any element of
# the shown slide whose box leaves the slide frame or the window, any text box whose text
# overflows it, scrollbars, and any app element still visible around the show.
CHECK = """() => {
  const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot && e.shadowRoot.querySelector('.ss-root'));
  const root = host.shadowRoot.querySelector('.ss-root');
  const slide = root.querySelector('.slide.on');
  const f = slide.getBoundingClientRect();
  const W = window.innerWidth, H = window.innerHeight;
  const out = [];
  const inside = (r, b, tol) => r.left >= b.left - tol && r.top >= b.top - tol && r.right <= b.right + tol &&
    r.bottom <= b.bottom + tol;
  if (!inside(f, {left: 0, top: 0, right: W, bottom: H}, 0.5)) out.push('slide frame outside the window ' + JSON.stringify(f));
  for (const el of slide.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (!inside(r, f, 1)) out.push('outside the frame: ' + el.className + ' ' + (el.textContent || '').slice(0, 40));
  }
  for (const el of slide.querySelectorAll('[data-fit]')) {
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      out.push('text overflows its box: ' + (el.textContent || '').slice(0, 40));
  }
  for (const img of slide.querySelectorAll('img')) if (!img.complete || img.naturalWidth === 0) out.push('image not drawn');
  const de = document.documentElement;
  if (de.scrollWidth > W || de.scrollHeight > H) out.push(`page scrolls: ${de.scrollWidth}x${de.scrollHeight}`);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && main.scrollHeight > main.clientHeight + 1) out.push('main area scrolls');
  for (const sel of ['[data-testid="stSidebar"]', 'header[data-testid="stHeader"]', '[data-testid="stToolbar"]']) {
    const el = document.querySelector(sel);
    if (el && el.getBoundingClientRect().width > 0 && getComputedStyle(el).display !== 'none') out.push('visible: ' + sel);
  }
  const fr = root.getBoundingClientRect();
  if (fr.left !== 0 || fr.top !== 0 || Math.abs(fr.width - W) > 1 || Math.abs(fr.height - H) > 1)
    out.push('show does not fill the window ' + JSON.stringify(fr));
  return {problems: out, key: slide.dataset.key, count: root.querySelector('.ss-count').textContent,
          scale: f.width / 1280};
}"""


def _loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


@pytest.fixture
def cut_off(context):
    """Every non-loopback request aborted; the list of what was attempted."""
    attempted: list[str] = []

    def route(r):
        if _loopback(r.request.url):
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return attempted


def _state(page) -> dict:
    return page.evaluate(CHECK)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_the_screen(app_url, context, cut_off, width, height):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    goto(page, f"{app_url}/presentation?show=1&slide=1")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    keys = []
    for n in range(1, SLIDES + 1):
        s = _state(page)
        assert s["count"] == f"第 {n} / {SLIDES} 页", s
        assert not s["problems"], f"{width}x{height}, slide {n} ({s['key']}): {s['problems']}"
        assert abs(s["scale"] - min(width / 1280, height / 720)) < 0.01  # letterboxed: as large as the window allows
        keys.append(s["key"])
        page.keyboard.press("ArrowRight")
    assert keys[:4] == ["cover", "org", "staffing", "ideology"] and len(set(keys)) == SLIDES
    assert not cut_off, cut_off


def test_keys_step_jump_and_leave(app_url, context, cut_off):
    page = context.new_page()
    goto(page, f"{app_url}/presentation?show=1&slide=3")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    assert _state(page)["key"] == "staffing"  # the link opened the show on slide 3
    page.keyboard.press("End")
    assert _state(page)["count"] == f"第 {SLIDES} / {SLIDES} 页"
    page.keyboard.press("ArrowRight")  # past the end: stays
    assert _state(page)["key"] == "plan"
    page.keyboard.press("PageUp")  # what a presenter's clicker sends
    assert _state(page)["key"] == "social"
    assert f"slide={SLIDES - 1}" in page.url  # a reload or a shared link keeps the slide
    page.keyboard.press("Home")
    assert _state(page)["key"] == "cover"
    page.keyboard.press("f")
    page.wait_for_function("() => !!document.fullscreenElement", timeout=10_000)
    page.evaluate("() => document.exitFullscreen()")
    page.wait_for_function("() => !document.fullscreenElement", timeout=10_000)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")  # leaves the show, on the slide it was at
    wait_idle(page, action=True)
    page.wait_for_selector(".ss-root:not(.show)", timeout=60_000)
    page.get_by_text("下载 PPT（.pptx）").first.wait_for(timeout=60_000)  # exports: on the page, outside the show
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    link = page.get_by_role("link", name="/presentation?", exact=False)
    assert "slide=2" in link.first.inner_text()
    assert not cut_off, cut_off


# Runs in the page: the overlay, whether it can be seen, and whether it covers the slide number
BAR = """() => {
  const h = [...document.querySelectorAll('*')].find((e) => e.shadowRoot && e.shadowRoot.querySelector('.ss-bar'));
  const bar = h.shadowRoot.querySelector('.ss-bar');
  const num = h.shadowRoot.querySelector('.slide.on .number div');
  const range = document.createRange();
  range.selectNodeContents(num);
  const a = bar.getBoundingClientRect(), b = range.getBoundingClientRect();
  return {hidden: bar.classList.contains('hide'), visibility: getComputedStyle(bar).visibility,
          covers: a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
          number: num.textContent};
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (3840, 2160)], ids=["1366x768", "3840x2160"])
def test_overlay_hides_itself_and_never_covers_the_slide_number(app_url, context, width, height):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    goto(page, f"{app_url}/presentation?show=1&slide=11")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    page.mouse.move(300, 300)
    page.mouse.move(320, 310)
    shown = page.evaluate(BAR)
    assert not shown["hidden"] and shown["visibility"] == "visible", shown
    assert shown["number"] == f"{SLIDES} / {SLIDES}" and not shown["covers"], shown
    page.wait_for_function(f"() => ({BAR})().hidden", timeout=10_000)
    page.wait_for_function(f"() => ({BAR})().visibility === 'hidden'", timeout=10_000)  # gone, not just faded


def test_no_page_asks_anything_beyond_loopback(app_url, context, cut_off):
    """Every page with the network cut: nothing attempted — the organisation map's base
    style included, scrolled into view so that deck.gl and its map have started."""
    page = context.new_page()
    seen = []
    for p in declared_pages():
        if not p.exists:
            continue
        goto(page, page_url(app_url, p))
        if p.name == "organisation":
            deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
            deck.wait_for(timeout=120_000)
            deck.scroll_into_view_if_needed()
            deck.locator("canvas").first.wait_for(timeout=60_000)
            page.wait_for_timeout(4000)  # deck.gl and its base map have started
        wait_idle(page)
        seen.append(p.name)
        assert not cut_off, f"{p.name}: {cut_off}"
    assert {"overview", "organisation", "presentation"} <= set(seen)
