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
    # the ⋮ menu, headings' anchors, select boxes, notices, the running man
    "Main menu": "a11y_main_menu",
    "Link to heading": "a11y_heading_link",
    "Open": "a11y_open_options",
    "Selectbox options": "a11y_options",
    "Close": "a11y_close",
    "Dismiss": "a11y_dismiss",
    "Clear value": "a11y_clear_value",
    "Clear all": "a11y_clear_all",
    "Running...": "a11y_running",
    "Stop": "a11y_stop",
    "Stopping...": "a11y_stopping",
    "Vega visualization": "a11y_chart",
    # placeholders of select boxes and multiselects
    "Choose an option": "a11y_choose_one",
    "Choose options": "a11y_choose_many",
}
# Streamlit's English shown as text, where it draws it: the skip link, the lists of select boxes
# and their announcements, the ⋮ menu, the running / connection notices
_TEXT_PLACES = (
    '[data-testid="stSkipToContent"], [data-baseweb="popover"], [data-testid="stMainMenuPopover"], '
    '[aria-live], [data-testid="stStatusWidget"], [role="dialog"], [data-testid="stSelectboxVirtualDropdown"], '
    '[data-testid="stMultiSelectDropdown"]'
)
_TEXTS = {
    "Skip to main content": "a11y_skip",
    "No results": "a11y_no_results",
    "Select all": "a11y_select_all",
    "Print": "a11y_print",
    "Record screen": "a11y_record",
    "Made with Streamlit v": "a11y_made_with",  # the version follows in a text of its own
    "Connecting": "a11y_connecting",
    "Please wait...": "a11y_please_wait",
    "Connection error": "a11y_connection_error",
    "Stop": "a11y_stop",
}
# the same, with a count in them: (JavaScript pattern whose group is the count, text key with {n})
_TEXT_PATTERNS = (
    (r"^Select (\d+) matches$", "a11y_select_matches"),
    (r"^(\d+) options? available\.?$", "a11y_options_available"),
)
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
    const rename = (el, make, attr = "aria-label") => {
      const cap = attr.replace(/(^|-)(.)/g, (_, __, c) => c.toUpperCase());  // AriaLabel, Title, Placeholder
      const [origKey, nameKey] = ["canlianOrig" + cap, "canlianName" + cap];
      const label = el.getAttribute(attr);
      const orig = el.dataset[nameKey] === label && el.dataset[origKey] ? el.dataset[origKey] : label;
      const name = make(orig);
      if (!name || name === label) return;
      el.dataset[origKey] = orig;
      el.dataset[nameKey] = name;
      el.setAttribute(attr, name);
    };
    // "Fullscreen: (the chart's title)": the words before the colon are Streamlit's
    const labelled = (orig) => {
      if (Object.hasOwn(cfg.words.labels, orig)) return cfg.words.labels[orig];
      const m = /^([^:]+): ([\s\S]+)$/.exec(orig || "");
      return m && Object.hasOwn(cfg.words.labels, m[1]) ? cfg.words.labels[m[1]] + cfg.words.colon + m[2] : null;
    };
    document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]').forEach((b) => rename(b, (orig) => {
      const m = /^Help for ([\s\S]*)$/.exec(orig);
      return m ? cfg.words.help_for.replace("{label}", m[1]) : orig === "Help" ? cfg.words.help : null;
    }));
    for (const attr of ["aria-label", "title", "placeholder"]) {
      document.querySelectorAll(`[${attr}]`).forEach((el) => {
        if (el.closest(".js-plotly-plot")) return;  // plotly's own buttons speak the chart's locale
        rename(el, labelled, attr);
      });
    }
    // texts: each text node keeps Streamlit's original (a WeakMap shared by every run's observer)
    const origs = (window.__canlianOrigText ||= new WeakMap());
    document.querySelectorAll(cfg.words.text_places).forEach((place) => {
      const walk = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const node = walk.currentNode;
        const said = node.nodeValue;
        const kept = origs.get(node);
        const orig = kept && kept.said === said ? kept.orig : said;
        const bare = orig.trim();
        let word = Object.hasOwn(cfg.words.texts, bare) ? cfg.words.texts[bare] : null;
        for (const [pattern, text] of cfg.words.text_patterns) {
          if (word !== null) break;
          const m = new RegExp(pattern).exec(bare);
          if (m) word = text.replace("{n}", m[1]);
        }
        if (word === null || word === said) continue;
        origs.set(node, { orig, said: word });
        node.nodeValue = word;
      }
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
  window.__canlianA11y.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-label", "title", "placeholder", "href"] });
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
