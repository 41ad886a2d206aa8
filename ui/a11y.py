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
  ("Help for 县(区)" → "县(区)的说明"), of the sidebar and its button, and the file uploader's
  button and limits ("Upload", "20MB per file • XLSX, CSV"). Streamlit 1.67 has no option for
  any of these (``st.file_uploader`` takes a label and help only).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

from . import figures
from .filters import lang, t

THEME = Path(__file__).resolve().parent.parent / "assets" / "theme"
K_CONTRAST, K_INIT = "a11y_contrast", "_a11y_init"
URL_KEY, URL_ON = "contrast", "high"
NAV_KEY = "canlian_nav"  # the sidebar container of ui/nav.py (CSS class st-key-canlian_nav)
# accessible names Streamlit 1.67 draws in English, and our text keys for them
_LABELS = {
    "Sidebar": "a11y_sidebar",
    "Collapse sidebar": "a11y_sidebar_collapse",
    "Expand sidebar": "a11y_sidebar_expand",
    "file upload": "a11y_file_input",
    # the toolbar of tables (st.dataframe)
    "Show/hide columns": "a11y_columns",
    "Download as CSV": "a11y_download_csv",
    "Search": "a11y_search",
    "Fullscreen": "a11y_fullscreen",
    "Close fullscreen": "a11y_fullscreen_close",
}
# the file uploader's words (its limits line is rewritten by pattern: "20MB per file • XLSX, CSV")
_UPLOADER_WORDS = {
    "Upload": "a11y_upload_button",
    "Drag and drop file here": "a11y_upload_drop",
    "Drag and drop files here": "a11y_upload_drop",
    "Drag and drop a file here": "a11y_upload_drop",
}

# Runs in the page (st.html with JavaScript). It re-applies itself whenever Streamlit redraws,
# and replaces the observer of an earlier run (the language may have changed).
_SCRIPT = r"""<script>
(() => {
  const cfg = __CONFIG__;
  const lang = cfg.lang;
  const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  // our navigation: a named landmark, the current page marked, the default page's link a real address
  const fixNav = () => {
    const box = document.querySelector(".st-key-" + cfg.nav.key);
    if (!box) return;
    setAttr(box, "role", "navigation");
    setAttr(box, "aria-label", cfg.nav.label);
    box.querySelectorAll('a[data-testid="stPageLink-NavLink"]').forEach((a) => {
      let href = a.getAttribute("href") || "";
      if (href === "" || href.startsWith("?")) { href = "./" + href; a.setAttribute("href", href); }
      const path = href.replace(/^\.?\//, "").split("?")[0];
      if (path === cfg.nav.current) setAttr(a, "aria-current", "page");
      else if (a.hasAttribute("aria-current")) a.removeAttribute("aria-current");
    });
  };
  // Streamlit's English names and texts, in the UI's language
  const fixWords = () => {
    // each name is made from Streamlit's own (kept in data-canlian-orig), never from one we set: an
    // observer of the previous language may rename a button after it was drawn in the new one
    const rename = (el, make) => {
      const label = el.getAttribute("aria-label");
      const orig = el.dataset.canlianName === label && el.dataset.canlianOrig ? el.dataset.canlianOrig : label;
      const name = make(orig);
      if (!name || name === label) return;
      el.dataset.canlianOrig = orig;
      el.dataset.canlianName = name;
      el.setAttribute("aria-label", name);
    };
    document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]').forEach((b) => rename(b, (orig) => {
      const m = /^Help for ([\s\S]*)$/.exec(orig);
      return m ? cfg.words.help_for.replace("{label}", m[1]) : orig === "Help" ? cfg.words.help : null;
    }));
    document.querySelectorAll("[aria-label]").forEach((el) => {
      const label = el.getAttribute("aria-label");
      const orig = el.dataset.canlianName === label && el.dataset.canlianOrig ? el.dataset.canlianOrig : label;
      if (Object.hasOwn(cfg.words.labels, orig)) rename(el, (o) => cfg.words.labels[o]);
    });
    document.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach((zone) => {
      zone.querySelectorAll("p, span").forEach((el) => {
        if (el.children.length) return;
        const said = el.textContent.trim();
        if (cfg.words.upload[said]) { el.textContent = cfg.words.upload[said]; return; }
        const m = /^(\S+) per file(?: • (.+))?$/.exec(said);
        if (m) {
          const types = m[2] ? m[2].split(/,\s*/).join(cfg.words.list_sep) : "";
          el.textContent = cfg.words[types ? "upload_limit" : "upload_limit_any"].replace("{size}", m[1]).replace("{types}", types);
        }
      });
    });
  };
  const fix = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    fixNav();
    fixWords();
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
  // attributes too: Streamlit sets a tooltip's English name again when its label changes
  window.__canlianA11y.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label", "href"] });
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
        },
    }


def apply(page: st.Page | None = None) -> None:
    """Draw the switch, set the language and apply the style sheets (called after
    ``st.navigation``, with the page it returned)."""
    _init_from_url()
    script = _SCRIPT.replace("__CONFIG__", json.dumps(script_config(page), ensure_ascii=False).replace("</", "<\\/"))
    with st.sidebar:
        st.toggle(t("a11y_contrast"), key=K_CONTRAST, help=t("a11y_contrast_help"))
        st.html(script, unsafe_allow_javascript=True)
    css = _css("base.css") + (_css("high-contrast.css") if high_contrast() else "") + figures.css(high_contrast())
    st.html(f"<style>{css}</style>")
    _sync_url()
