"""Accessibility of the app frame, applied once per run by ``dashboard.py``:

- the page's language (``<html lang="zh-CN">``, or ``en`` when English is chosen) — Streamlit
  serves ``lang="en"`` and has no option for it, so a small script sets it in the browser;
- a focus frame on every control (``assets/theme/base.css``);
- the 高对比度大字号 switch in the sidebar for low-vision users and projectors, kept in the
  session and in the address (``?contrast=high``), applying ``assets/theme/high-contrast.css``;
- the small trend lines inside KPI tiles are hidden from screen readers: Vega draws them as
  unlabelled SVG marks, and the tile already says the figure and its change in words;
- a KPI figure and its unit stay on one line: the figure is shrunk to its tile's width
  (``assets/theme/base.css`` keeps it from wrapping, the script fits it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from .filters import lang, t

THEME = Path(__file__).resolve().parent.parent / "assets" / "theme"
K_CONTRAST, K_INIT = "a11y_contrast", "_a11y_init"
URL_KEY, URL_ON = "contrast", "high"

# Runs in the page (st.html with JavaScript). It re-applies itself whenever Streamlit redraws,
# and replaces the observer of an earlier run (the language may have changed).
_SCRIPT = """<script>
(() => {
  const lang = "%s";
  // A KPI figure and its unit stay on one line ("2,036 万元", never "2,036 万 / 元"): a
  // figure wider than its tile is shrunk until it fits, at any width and in 高对比度 mode.
  const fitFigures = () => {
    document.querySelectorAll('[data-testid="stMetricValue"]').forEach((box) => {
      const text = box.querySelector("p") || box;
      text.style.removeProperty("font-size");
      let size = parseFloat(getComputedStyle(text).fontSize);
      const min = Math.max(size * 0.3, 12);  // a narrow tile in 高对比度 at 1366 px needs about 0.4
      while (box.scrollWidth > box.clientWidth + 1 && size > min) {
        size -= 1;
        text.style.setProperty("font-size", size + "px", "important");
      }
    });
  };
  // a tile that changes width (columns reflow, the 高对比度 style arrives) is fitted again
  if (!window.__canlianFitRO) window.__canlianFitRO = new ResizeObserver(() => requestAnimationFrame(fitFigures));
  const fix = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    document.querySelectorAll('[data-testid="stMetricChart"]:not([aria-hidden])')
      .forEach((el) => el.setAttribute("aria-hidden", "true"));
    document.querySelectorAll('[data-testid="stMetric"]:not([data-fit-watched])').forEach((el) => {
      el.dataset.fitWatched = "1";
      window.__canlianFitRO.observe(el);
    });
    fitFigures();
    setTimeout(fitFigures, 500);  // after style sheets inserted in the same run have applied
  };
  fix();
  if (window.__canlianResize) window.removeEventListener("resize", window.__canlianResize);
  window.__canlianResize = () => requestAnimationFrame(fitFigures);
  window.addEventListener("resize", window.__canlianResize);
  if (window.__canlianA11y) window.__canlianA11y.disconnect();
  let queued = false;
  window.__canlianA11y = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  });
  window.__canlianA11y.observe(document.body, { childList: true, subtree: true });
})();
</script>"""


@cache
def _css(name: str) -> str:
    return (THEME / name).read_text(encoding="utf-8")


def high_contrast() -> bool:
    return bool(st.session_state.get(K_CONTRAST, False))


def _init_from_url() -> None:
    if st.session_state.get(K_INIT):
        return
    st.session_state.setdefault(K_CONTRAST, st.query_params.get(URL_KEY) == URL_ON)
    st.session_state[K_INIT] = True


def _sync_url() -> None:
    if high_contrast():
        if st.query_params.get(URL_KEY) != URL_ON:
            st.query_params[URL_KEY] = URL_ON
    elif URL_KEY in st.query_params:
        del st.query_params[URL_KEY]


def apply() -> None:
    """Draw the switch, set the language and apply the style sheets (called after ``sidebar()``)."""
    _init_from_url()
    with st.sidebar:
        st.toggle(t("a11y_contrast"), key=K_CONTRAST, help=t("a11y_contrast_help"))
        st.html(_SCRIPT % ("en" if lang() == "en" else "zh-CN"), unsafe_allow_javascript=True)
    css = _css("base.css") + (_css("high-contrast.css") if high_contrast() else "")
    st.html(f"<style>{css}</style>")
    _sync_url()
