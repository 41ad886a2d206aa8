"""残联工作数据看板 — entry point: page set-up, database, global filters, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import DatabaseError
from ui import a11y, data, frame, identity, nav
from ui.auth import gate, sidebar_user
from ui.filters import language_from_link, sidebar, t
from words.i18n import text

st.set_page_config(
    page_title=text("app_title"), page_icon="assets/logo.svg", layout="wide", initial_sidebar_state="auto"
)

try:
    data.engine()
    data.data_version()
except (DatabaseError, SQLAlchemyError) as exc:
    frame.database_error(exc)

# (file, title key, icon, url path[, permission]); a page appears once its file exists and
# only to roles that have the permission
PAGES = {
    "nav_group_main": [("pages/overview.py", "nav_overview", ":material/dashboard:", "overview")],
    "nav_group_sections": [
        ("pages/organisation.py", "nav_org", ":material/account_tree:", "organisation"),
        ("pages/service.py", "nav_service", ":material/volunteer_activism:", "service"),
        ("pages/rights.py", "nav_rights", ":material/gavel:", "rights"),
        ("pages/social.py", "nav_social", ":material/diversity_3:", "social"),
        ("pages/plan.py", "nav_plan", ":material/flag:", "plan"),
    ],
    "nav_group_tools": [
        ("pages/presentation.py", "nav_present", ":material/slideshow:", "presentation"),
        ("pages/quality.py", "nav_quality", ":material/fact_check:", "quality"),
        ("pages/data.py", "nav_data", ":material/database:", "data", "load"),
        ("pages/admin.py", "nav_admin", ":material/admin_panel_settings:", "admin", "manage_accounts"),
    ],
}
ROOT = Path(__file__).resolve().parent


def _run() -> None:
    """Everything after the start-up check; any query in it may meet a database gone away."""
    legacy_run = frame.in_legacy_run()
    frame.restore_query()
    language_from_link()  # before the login page and the federation's name: both speak it
    user = gate()
    identity.sidebar()  # the federation's emblem and name at the top of the sidebar
    links = nav.nav_container()  # our own page links go here (filled once the page is known)
    sidebar_user(user)
    sidebar()
    groups = {}
    for group, pages in PAGES.items():
        entries = [
            st.Page(path, title=t(title), icon=icon, url_path=url, default=url == "overview")
            for path, title, icon, url, *permission in pages
            if (ROOT / path).is_file() and (not permission or user.can(permission[0]))
        ]
        if entries:
            groups[t(group)] = entries
    page = nav.navigation(groups, links)  # Streamlit's own menu hidden: its list markup fails axe
    a11y.apply(page)  # lang, focus frame, 高对比度大字号, names of Streamlit's controls, the current page
    frame.settle(legacy_run)
    target = frame.take_target()
    if target and target != page.url_path:
        wanted = [p for entries in groups.values() for p in entries if p.url_path == target]
        if wanted:  # a deep link that started outside the frame; pages the role may not use are not in nav
            st.switch_page(wanted[0])
    nav.unknown_path_notice()
    frame.enter()
    try:
        page.run()
    finally:
        frame.leave()


try:
    _run()
except (DatabaseError, SQLAlchemyError) as exc:  # mid-session: the Chinese page, not Streamlit's English error
    frame.database_error(exc)
