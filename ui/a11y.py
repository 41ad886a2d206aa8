"""Accessibility of the app frame, applied once per run by ``dashboard.py``:

- the page's language (``<html lang="zh-CN">``, or ``en`` when English is chosen) — Streamlit
  serves ``lang="en"`` and has no option for it, so a small script sets it in the browser;
- a focus frame on every control (``assets/theme/base.css``);
- the 高对比度大字号 switch in the sidebar for low-vision users and projectors, kept in the
  session and in the address (``?contrast=high``), applying ``assets/theme/high-contrast.css``;
- the small trend lines inside KPI tiles are hidden from screen readers: Vega draws them as
  unlabelled SVG marks, and the tile already says the figure and its change in words;
- a KPI figure and its unit stay on one line: ``assets/theme/base.css`` keeps it from
  wrapping and ``ui/figures.py``'s rules size it to its tile (CSS container units, no script);
- our own navigation (``ui/nav.py``) becomes a ``nav`` landmark with a name, its link to the
  page shown gets ``aria-current="page"``, and the link to the default page a real address;
- Streamlit's built-in English is replaced in the UI's language: the names of tooltip buttons
  ("Help for 县(区)" → "县(区)的说明"), of the sidebar and its button, of tables' and charts'
  toolbar buttons ("Fullscreen: <title>" → "全屏：<title>"), of the ⋮ menu, headings' anchors and
  the running man; select boxes' placeholders, their lists ("No results", "Select all") and what
  they announce ("3 options available."); the skip link, the ⋮ menu's items, the connection
  notices; the file uploader's button and limits ("Upload", "20MB per file • XLSX, CSV").
  Streamlit 1.67 has no option for any of these (``st.file_uploader`` takes a label and help only).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import streamlit as st

from words.assets import asset_text

from . import figures
from .filters import lang, t
from .internals.dom import LABELS as _LABELS
from .internals.dom import TEXT_PATTERNS as _TEXT_PATTERNS
from .internals.dom import TEXT_PLACES as _TEXT_PLACES
from .internals.dom import TEXTS as _TEXTS
from .internals.dom import UPLOADER_WORDS as _UPLOADER_WORDS

THEME = Path(__file__).resolve().parent.parent / "assets" / "theme"
K_CONTRAST, K_INIT = "a11y_contrast", "_a11y_init"
URL_KEY, URL_ON = "contrast", "high"
NAV_KEY = "canlian_nav"  # the sidebar container of ui/nav.py (CSS class st-key-canlian_nav)
# Runs in the page (st.html with JavaScript). It re-applies itself whenever Streamlit redraws,
# and replaces the observer of an earlier run (the language may have changed).
_SCRIPT = "<script>\n" + asset_text("js/a11y.js") + "</script>"


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


def script_config(page: st.Page | None = None) -> dict:
    """What the page's script needs: the language, the navigation, and our words for Streamlit's."""
    uploader = {en: t(key) for en, key in _UPLOADER_WORDS.items()}
    return {
        "lang": "en" if lang() == "en" else "zh-CN",
        "nav": {"key": NAV_KEY, "label": t("nav_label"), "current": page.url_path if page else None},
        "words": {
            "help_for": t("a11y_help_for"),
            "help": t("a11y_help"),
            "labels": {en: t(key) for en, key in _LABELS.items()},
            "upload": uploader,
            "upload_limit": t("a11y_upload_limit"),
            "upload_limit_any": t("a11y_upload_limit_any"),
            "list_sep": t("a11y_list_sep"),
            "colon": t("a11y_colon"),
            "text_places": _TEXT_PLACES,
            "texts": {en: t(key) for en, key in _TEXTS.items()},
            "text_patterns": [[pattern, t(key)] for pattern, key in _TEXT_PATTERNS],
        },
    }


def script_html(page: st.Page | None = None) -> str:
    """The ``<script>`` sent to the page. Streamlit passes ``st.html`` through DOMPurify, which
    drops a script whose text holds ``<`` before a letter, ``/`` or ``!`` (its rule against
    markup hidden in text): the code must not, and a ``<`` in the words is sent as ``\\u003c``."""
    config = json.dumps(script_config(page), ensure_ascii=False)
    return _SCRIPT.replace("__CONFIG__", re.sub(r"<(?=[/\w!])", r"\\u003c", config))


def apply(page: st.Page | None = None) -> None:
    """Draw the switch, set the language and apply the style sheets (called after
    ``st.navigation``, with the page it returned)."""
    _init_from_url()
    script = script_html(page)
    with st.sidebar:
        st.toggle(t("a11y_contrast"), key=K_CONTRAST, help=t("a11y_contrast_help"))
        st.html(script, unsafe_allow_javascript=True)
    css = _css("base.css") + (_css("high-contrast.css") if high_contrast() else "") + figures.css(high_contrast())
    st.html(f"<style>{css}</style>")
    _sync_url()
