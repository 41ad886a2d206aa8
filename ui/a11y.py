"""Accessibility of the app frame, applied once per run by ``dashboard.py``:

- the page's language (``<html lang="zh-CN">``, or ``en`` when English is chosen) — Streamlit
  serves ``lang="en"`` and has no option for it, so a small script sets it in the browser;
- a focus frame on every control (``assets/theme/base.css``);
- the 高对比度大字号 switch in the sidebar for low-vision users and projectors, kept in the
  session and in the address (``?contrast=high``), applying ``assets/theme/high-contrast.css``;
- the small trend lines inside KPI tiles are hidden from screen readers: Vega draws them as
  unlabelled SVG marks, and the tile already says the figure and its change in words;
- a KPI figure and its unit stay on one line: ``assets/theme/base.css`` keeps it from
  wrapping and ``ui/figures.py``'s rules size it to its tile (CSS container units, no script).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from . import figures
from .filters import lang, t

THEME = Path(__file__).resolve().parent.parent / "assets" / "theme"
K_CONTRAST, K_INIT = "a11y_contrast", "_a11y_init"
URL_KEY, URL_ON = "contrast", "high"

# Runs in the page (st.html with JavaScript). It re-applies itself whenever Streamlit redraws,
# and replaces the observer of an earlier run (the language may have changed).
_SCRIPT = """<script>
(() => {
  const lang = "%s";
  const fix = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    document.querySelectorAll('[data-testid="stMetricChart"]:not([aria-hidden])')
      .forEach((el) => el.setAttribute("aria-hidden", "true"));
  };
  fix();
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
    css = _css("base.css") + (_css("high-contrast.css") if high_contrast() else "") + figures.css(high_contrast())
    st.html(f"<style>{css}</style>")
    _sync_url()
