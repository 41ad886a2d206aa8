"""The slide show of the 汇报 page: an ``st.components.v2`` component that draws the deck's
slides (reporting.slide_html) in one 16:9 frame scaled to its box — the whole window in
show mode (letterboxed, the app's chrome hidden), the page's width in preview mode.

Everything runs in the browser, so stepping through slides costs no rerun: ←/→ (and
PageUp/PageDown, what a presenter's clicker sends), Home/End, F for the browser's full
screen, Esc to leave the show. A small overlay with the same controls shows while the
mouse moves and hides itself after two seconds. The address keeps ``?slide=n`` so a
reload or a shared link opens the same slide. The component reports back only when the
show starts or ends (with the slide), which is when the page has something to redraw.
"""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from reporting.slide_html import CSS as SLIDE_CSS
from reporting.slide_html import FIT_JS, NUMBER_LEFT, H, W

# the overlay ends this far left of the slide's right edge, in slide pixels: clear of the slide
# number ("11 / 11" is right-aligned in its box, about 60 px wide at 15 px)
BAR_RIGHT = NUMBER_LEFT - 30

_CSS = (
    SLIDE_CSS
    + f"""
.ss-root {{ position: relative; width: 100%; aspect-ratio: 16 / 9; background: #1F2937; overflow: hidden;
  font-family: 'Noto Sans CJK SC', sans-serif; }}
.ss-root.show {{ position: fixed; inset: 0; width: 100vw; height: 100vh; aspect-ratio: auto; z-index: 999990;
  background: #000000; }}
.ss-root:fullscreen {{ width: 100vw; height: 100vh; aspect-ratio: auto; background: #000000; }}
.ss-stage {{ position: absolute; left: 0; top: 0; width: {W}px; height: {H}px; transform-origin: 0 0; }}
.ss-stage > .slide {{ display: none; }}
.ss-stage > .slide.on {{ display: block; }}
/* the overlay: in the slide's bottom row, left of the slide number (placed by fit()); hidden,
   it is gone (not only transparent), so a screenshot or a screen share never carries it */
.ss-bar {{ position: absolute; right: 12px; bottom: 12px; display: flex; gap: 6px; align-items: center;
  background: rgba(17, 24, 39, 0.88); color: #FFFFFF; border-radius: 8px; padding: 6px 8px;
  font-size: 15px; transition: opacity .3s, visibility 0s; z-index: 2; }}
.ss-bar.hide {{ opacity: 0; visibility: hidden; pointer-events: none; transition: opacity .3s, visibility 0s .3s; }}
.ss-bar button {{ font: inherit; font-size: 15px; color: #FFFFFF; background: #374151; border: 1px solid #9CA3AF;
  border-radius: 6px; padding: 4px 10px; cursor: pointer; }}
.ss-bar button:focus-visible {{ outline: 3px solid #FFD600; outline-offset: 1px; }}
.ss-bar button:disabled {{ opacity: .45; cursor: default; }}
.ss-count {{ min-width: 64px; text-align: center; }}
.slide .chart-failed {{ font-size: 22px; color: #111827; padding: 24px; border: 2px dashed #6B7280; }}
"""
)

_JS = (
    (
        FIT_JS
        + """
// plotly.js from this server (ui/client_assets.py), loaded once per page
const loadPlotly = (url) => {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__canlianPlotly) {
    window.__canlianPlotly = new Promise((ok, no) => {
      const s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = () => (window.Plotly ? ok(window.Plotly) : no(new Error('no Plotly')));
      s.onerror = () => { window.__canlianPlotly = null; no(new Error('plotly.js did not load')); };
      document.head.appendChild(s);
    });
  }
  return window.__canlianPlotly;
};

// each slide's chart drawn here as an SVG picture, the slide on screen first; a picture
// that cannot be drawn says so, with its caption, where the chart would be
async function drawCharts(root, charts, failed) {
  const sig = root.dataset.sig;
  const imgs = Array.from(root.querySelectorAll('img[data-chart]')).filter((img) => img.dataset.drawn !== sig);
  if (!imgs.length) return;
  const cur = parseInt(root.dataset.index || '0', 10);
  imgs.sort((a, b) => Math.abs(+a.dataset.chart - cur) - Math.abs(+b.dataset.chart - cur));
  const fail = (img) => {
    const note = document.createElement('div');
    note.className = 'chart-failed';
    note.textContent = failed + (img.alt || '');
    img.replaceWith(note);
  };
  let P;
  try { P = await loadPlotly(charts.url); } catch (e) { imgs.forEach(fail); return; }
  for (const img of imgs) {
    if (root.dataset.sig !== sig || !img.isConnected) return;  // a newer deck is on screen
    try {
      const spec = JSON.parse(charts.specs[img.dataset.chart]);
      img.src = await P.toImage({ data: spec.data, layout: spec.layout },
        { format: 'svg', width: charts.w, height: charts.h });
      img.dataset.drawn = sig;
    } catch (e) { fail(img); }
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector('.ss-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'ss-root';
    root.tabIndex = 0;
    root.setAttribute('role', 'region');
    parentElement.appendChild(root);
  }
  root.setAttribute('aria-label', data.labels.region);
  root.classList.toggle('show', data.mode === 'show');
  root.dataset.mode = data.mode;
  if (root.dataset.sig !== data.sig) {
    root.dataset.sig = data.sig;
    root.innerHTML = '<div class="ss-stage">' + data.slides.join('') + '</div>' +
      '<div class="ss-bar" role="toolbar">' +
      '<button data-a="prev"></button><span class="ss-count" aria-live="polite"></span>' +
      '<button data-a="next"></button><button data-a="full"></button><button data-a="mode"></button></div>';
    root.dataset.index = String(Math.min(Math.max(data.start, 0), data.slides.length - 1));
  }
  const stage = root.querySelector('.ss-stage');
  const slides = Array.from(stage.children);
  const bar = root.querySelector('.ss-bar');
  const btn = (a) => bar.querySelector(`[data-a="${a}"]`);
  btn('prev').textContent = '◀ ' + data.labels.prev;
  btn('next').textContent = data.labels.next + ' ▶';
  btn('full').textContent = data.labels.full;
  btn('mode').textContent = data.mode === 'show' ? data.labels.leave : data.labels.start;
  btn('full').title = data.labels.full_help;
  btn('mode').title = data.mode === 'show' ? data.labels.leave_help : data.labels.start_help;

  const index = () => parseInt(root.dataset.index || '0', 10);
  const fit = () => {
    const w = root.clientWidth, h = root.clientHeight;
    const s = Math.min(w / %(W)d, h / %(H)d);
    stage.style.transform = `translate(${(w - %(W)d * s) / 2}px, ${(h - %(H)d * s) / 2}px) scale(${s})`;
    // the overlay's right edge at the slide's x = BAR_RIGHT, clear of the number at its right end
    bar.style.right = `${(w - %(W)d * s) / 2 + (%(W)d - %(BAR_RIGHT)d) * s}px`;
    bar.style.bottom = `${(h - %(H)d * s) / 2 + 6 * s}px`;
  };
  const go = (i) => {
    i = Math.min(Math.max(i, 0), slides.length - 1);
    root.dataset.index = String(i);
    slides.forEach((el, k) => el.classList.toggle('on', k === i));
    canlianFit(slides[i]);
    bar.querySelector('.ss-count').textContent = data.labels.count.replace('{n}', i + 1).replace('{total}', slides.length);
    btn('prev').disabled = i === 0;
    btn('next').disabled = i === slides.length - 1;
    try {
      const u = new URL(window.location.href);
      if (u.searchParams.get('slide') !== String(i + 1)) {
        u.searchParams.set('slide', String(i + 1));
        window.history.replaceState(window.history.state, '', u);
      }
    } catch (e) { /* an address that cannot be rewritten: the slide is still shown */ }
  };
  const full = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
  };
  const toggleMode = () => setTriggerValue(data.mode === 'show' ? 'leave' : 'start', index() + 1);
  let timer = null;
  const wake = () => {
    bar.classList.remove('hide');
    clearTimeout(timer);
    if (data.mode === 'show' || document.fullscreenElement) timer = setTimeout(() => bar.classList.add('hide'), 2000);
  };
  bar.onclick = (e) => {
    const a = e.target.closest('button')?.dataset.a;
    if (a === 'prev') go(index() - 1);
    if (a === 'next') go(index() + 1);
    if (a === 'full') full();
    if (a === 'mode') toggleMode();
  };
  const onKey = (e) => {
    const t = e.composedPath ? e.composedPath()[0] : e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'ArrowRight' || k === 'PageDown' || (k === ' ' && data.mode === 'show')) go(index() + 1);
    else if (k === 'ArrowLeft' || k === 'PageUp') go(index() - 1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(slides.length - 1);
    else if (k === 'f' || k === 'F') full();
    else if (k === 'Escape' && data.mode === 'show' && !document.fullscreenElement) toggleMode();
    else return;
    e.preventDefault();
  };
  // kiosk (?show=1&auto=20): the next slide every data.auto seconds, the first after the last;
  // a key or a click starts the count again
  let auto = null;
  const tick = () => {
    clearInterval(auto);
    if (data.mode === 'show' && data.auto > 0 && slides.length > 1) {
      auto = setInterval(() => go((index() + 1) % slides.length), data.auto * 1000);
    }
  };
  root.dataset.auto = String(data.mode === 'show' ? data.auto || 0 : 0);
  const onKeyAuto = (e) => { onKey(e); tick(); };
  document.addEventListener('keydown', onKeyAuto);
  root.addEventListener('mousemove', wake);
  const ro = new ResizeObserver(fit);
  ro.observe(root);
  document.addEventListener('fullscreenchange', wake);
  fit();
  go(index());
  wake();
  if (data.charts) drawCharts(root, data.charts, data.labels.chart_failed);
  if (data.mode === 'show') root.focus({ preventScroll: true });
  tick();
  return () => {
    clearInterval(auto);
    document.removeEventListener('keydown', onKeyAuto);
    document.removeEventListener('fullscreenchange', wake);
    root.removeEventListener('mousemove', wake);
    ro.disconnect();
    clearTimeout(timer);
  };
}
"""
    )
    .replace("%(W)d", str(W))
    .replace("%(H)d", str(H))
    .replace("%(BAR_RIGHT)d", str(BAR_RIGHT))
)

_component = st.components.v2.component("canlian_slideshow", css=_CSS, js=_JS, isolate_styles=True)

# Streamlit's frame around the page, hidden while the show is on: nothing but the slide
# goes out on the video call.
HIDE_CHROME = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stBottom"], footer { display: none !important; }
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: 100% !important; }
</style>"""


AUTO_MIN, AUTO_MAX = 5, 3600  # seconds a slide stays in kiosk mode


def kiosk_interval(value: str | None) -> int:
    """``?auto=20``: seconds a slide stays on the wall screen (5–3600); 0 (no kiosk) when absent
    or not a number."""
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 0
    return min(max(n, AUTO_MIN), AUTO_MAX) if n > 0 else 0


def watch_data(version: str, every: float | None = None) -> None:
    """In kiosk mode nobody clicks: every ``every`` seconds look at the data version and run the
    page again when a load has landed, so the wall shows the new figures (the deck is kept by
    the data version, ui.built.kept)."""
    from ui import data

    every = every or float(os.environ.get("CANLIAN_KIOSK_WATCH", "30"))

    @st.fragment(run_every=every)
    def _watch() -> None:
        if data.data_version() != version:
            st.rerun(scope="app")

    _watch()


def slideshow(
    slides: list[str],
    start: int,
    mode: str,
    labels: dict[str, str],
    key: str,
    charts: dict | None = None,
    auto: int = 0,
    **callbacks,
):
    """Mount the show (mode ``show``) or its preview (``preview``); ``start`` is 0-based.
    ``charts``: for slides whose charts are drawn here (``img[data-chart]``), the address of
    plotly.js (``url``), each chart's JSON by slide index (``specs``) and its size (``w``,
    ``h``). Returns the component's result: ``.start`` / ``.leave`` carry the 1-based slide
    when the presenter starts or leaves the show. ``auto``: seconds a slide stays in the show
    before the next (the last followed by the first); 0: driven by keys only."""
    sig = hashlib.sha1(("".join(slides) + repr(sorted((charts or {}).get("specs", {}).items()))).encode())
    sig = sig.hexdigest()[:16]
    if mode == "show":
        st.html(HIDE_CHROME)
    return _component(
        key=key,
        data={
            "slides": slides,
            "start": start,
            "mode": mode,
            "labels": labels,
            "sig": sig,
            "charts": charts,
            "auto": auto if mode == "show" else 0,
        },
        height="content",
        **callbacks,
    )
