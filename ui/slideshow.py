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
from words.assets import asset_text

# the overlay ends this far left of the slide's right edge, in slide pixels: clear of the slide
# number ("11 / 11" is right-aligned in its box, about 60 px wide at 15 px)
BAR_RIGHT = NUMBER_LEFT - 30


def _sized(text: str) -> str:
    """The slide's size and the overlay's place put into an asset's placeholders."""
    return text.replace("__W__", str(W)).replace("__H__", str(H)).replace("__BAR_RIGHT__", str(BAR_RIGHT))


_CSS = SLIDE_CSS + _sized(asset_text("css/slideshow.css"))

_JS = FIT_JS + _sized(asset_text("js/slideshow.js"))

_component = st.components.v2.component("canlian_slideshow", css=_CSS, js=_JS, isolate_styles=True)

# Streamlit's frame around the page, hidden while the show is on: nothing but the slide
# goes out on the video call.
HIDE_CHROME = "<style>" + asset_text("css/slideshow-hide-chrome.css") + "</style>"


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
