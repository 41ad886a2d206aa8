"""The page navigation, drawn by the app itself (issue 20, accessibility).

Streamlit's own sidebar navigation (``st.navigation(..., position="sidebar")`` with sections)
puts each section's ``<li>`` items in a ``<div>`` directly inside its ``<ul>`` — invalid list
markup that axe-core reports as serious (``list``, ``listitem``) on every page. So
``st.navigation`` runs with ``position="hidden"`` (it still resolves the page, deep links and
``st.switch_page``) and the sidebar gets our own navigation: one ``st.page_link`` per page
(client-side page changes, so the session and its filters stay), grouped under real ``h2``
headings, with no list markup at all, inside a ``nav`` landmark with a name; the script of
``ui/a11y.py`` marks the current page's link ``aria-current="page"``.

Paths users guess (``/overview`` for the default page, which Streamlit serves at ``/``) open
the page they mean; any other unknown path opens the Overview with a Chinese notice instead of
Streamlit's English "Page not found" dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from .a11y import NAV_KEY
from .filters import t
from .internals import pages_manager

K_UNKNOWN_PATH = "_nav_unknown_path"
# paths a user may type for a page, besides its own url path (lower case)
ALIASES = {"overview": "", "home": "", "index": "", "dashboard": "", "zonglan": ""}


def _redirect_guessed_path(known: set[str]) -> None:
    """Before ``st.navigation``: a typed path that names no page (``/overview``, an old or
    mistyped address) is resolved here — an alias to its page, anything else to the default
    page with a notice — so Streamlit never sends its English "Page not found" dialog."""
    wanted = pages_manager.requested_path()
    if not wanted or wanted in known:
        return
    alias = ALIASES.get(wanted.lower())
    if alias is None:
        alias = wanted.lower() if wanted.lower() in known else ""
        if not alias:
            st.session_state[K_UNKNOWN_PATH] = wanted
    pages_manager.open_instead(alias)


def navigation(groups: dict[str, list[st.Page]], draw_into) -> st.Page:
    """``st.navigation`` with Streamlit's menu hidden, and our own links drawn into ``draw_into``
    (a sidebar container made where the links should stand). Returns the page to run."""
    known = {p.url_path for entries in groups.values() for p in entries}
    _redirect_guessed_path(known)
    page = st.navigation(groups, position="hidden")
    with draw_into:
        for group, entries in groups.items():
            st.html(f'<h2 class="canlian-nav-heading">{html.escape(group)}</h2>')
            for p in entries:
                st.page_link(p)
    return page


def nav_container():
    """The place of the navigation in the sidebar (made before the filters, filled after
    ``st.navigation`` has resolved the page)."""
    return st.sidebar.container(key=NAV_KEY)


def unknown_path_notice(show: Callable[[str], object] = st.info) -> None:
    """On the page opened instead of an unknown path: say so, in the UI's language."""
    wanted = st.session_state.pop(K_UNKNOWN_PATH, None)
    if wanted:
        show(t("nav_unknown_path", path="/" + wanted))
