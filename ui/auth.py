"""Access control in the app: the login gate, the session's principal and scope, logout,
session expiry, and the account/audit actions of the 系统管理 page.

The scope a page's queries run under is set here, from the signed-in account, into
``st.session_state[K_SCOPE]``; no widget or URL parameter can write that key.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access import auth
from data_access.auth import ANONYMOUS, Principal
from data_access.config import auth_settings

from . import data
from .filters import K_SCOPE, t

K_USER, K_SEEN = "auth_principal", "auth_last_seen"


def principal() -> Principal:
    return st.session_state.get(K_USER) or ANONYMOUS


def _sign_in(p: Principal) -> None:
    st.session_state[K_USER] = p
    st.session_state[K_SEEN] = dt.datetime.now()
    st.session_state[K_SCOPE] = p.scope
    st.session_state["user_name"] = p.username
    # the county filter of an earlier user must not survive
    st.session_state.pop("g_counties", None)


def sign_out(reason: str = "logout") -> None:
    p = st.session_state.get(K_USER)
    if p is not None:
        with data.engine().begin() as conn:
            auth.audit(conn, p.username, reason)
    for k in (K_USER, K_SEEN, K_SCOPE, "user_name", "g_counties"):
        st.session_state.pop(k, None)


def _login_form() -> Principal | None:
    """The sign-in form; returns the principal once the password is right.

    Drawn in a placeholder that is emptied on success, so the page continues in the same
    run (no st.rerun, which would also lose the form's error message)."""
    holder = st.empty()
    with holder.container():
        st.title(t("auth_login_title"))
        st.caption(t("auth_login_caption"))
        with st.form("login", border=True):
            username = st.text_input(t("auth_username"), max_chars=64, autocomplete="username")
            password = st.text_input(
                t("auth_password"), type="password", max_chars=128, autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("auth_login_button"), type="primary")
        if not submitted:
            return None
        # the attempt is counted and committed before the password is checked (lock-out
        # holds against guesses sent in parallel)
        result = auth.login(data.engine(), username.strip(), password)
        if result.principal is None:
            st.error(result.error)
            return None
    holder.empty()
    _sign_in(result.principal)
    return result.principal


def _oidc(provider: str | None) -> Principal | None:
    if not st.user.is_logged_in:
        st.title(t("auth_login_title"))
        st.button(t("auth_oidc_button"), type="primary", on_click=st.login, args=(provider,) if provider else ())
        return None
    known = st.session_state.get(K_USER)
    if known is not None:
        return known
    with data.engine().begin() as conn:
        p = auth.principal_for_oidc(conn, st.user.get("sub"), st.user.get("email"))
    if p is None:
        st.error(t("auth_oidc_unknown"))
        st.button(t("auth_logout"), on_click=st.logout)
        return None
    _sign_in(p)
    return p


def gate() -> Principal:
    """Return who is using the app, or draw the login and stop the run."""
    settings = auth_settings()
    mode = settings["mode"]
    if mode == "open":
        st.session_state[K_SCOPE] = None
        return ANONYMOUS
    if mode == "oidc":
        p = _oidc(settings["oidc_provider"])
        if p is None:
            st.stop()
        return p
    p = st.session_state.get(K_USER)
    if p is not None:
        idle = dt.datetime.now() - st.session_state.get(K_SEEN, dt.datetime.now())
        if idle > dt.timedelta(minutes=settings["session_minutes"]):
            sign_out("session_expired")
            st.info(t("auth_expired"))
            p = None
    if p is not None:
        with data.engine().connect() as conn:  # every run: a disabled account's session ends at once
            active = auth.is_active(conn, p.username)
        if not active:
            sign_out("session_disabled")
            st.warning(t("auth_disabled_now"))
            p = None
    if p is None:
        p = _login_form()
        if p is None:
            st.stop()
    st.session_state[K_SEEN] = dt.datetime.now()
    st.session_state[K_SCOPE] = p.scope
    return p


def sidebar_user(p: Principal) -> None:
    if p is ANONYMOUS:
        return
    role = auth.ROLES.get(p.role, (p.role, p.role))
    with st.sidebar:
        st.caption(t("auth_signed_in_as", name=p.display_name or p.username, role=role[0]))
        st.button(t("auth_logout"), key="logout", on_click=_logout)


def _logout() -> None:
    sign_out()
    if auth_settings()["mode"] == "oidc":
        st.logout()


# ------------------------------------------------------------- admin page actions


def require(permission: str) -> Principal:
    """Stop the page unless the user may do this (pages call it first)."""
    p = principal()
    if not p.can(permission):
        st.error(t("auth_forbidden"))
        st.stop()
    return p


def users() -> list[dict]:
    require("manage_accounts")
    with data.engine().connect() as conn:
        return auth.list_users(conn)


def audit_entries(limit: int = 500) -> list[dict]:
    require("audit")
    with data.engine().connect() as conn:
        return auth.audit_entries(conn, limit)


def add_user(username: str, role: str, password: str, county_code: str | None, display_name: str | None) -> None:
    p = require("manage_accounts")
    with data.engine().begin() as conn:
        auth.add_user(
            conn, username, role, password, county_code or None, display_name or None, by=p.username, by_role=p.role
        )


def set_active(username: str, active: bool) -> None:
    p = require("manage_accounts")
    with data.engine().begin() as conn:
        auth.set_active(conn, username, active, by=p.username, by_role=p.role)


def record_export(what: str) -> None:
    """Audit a download (called by download buttons)."""
    with data.engine().begin() as conn:
        auth.audit(conn, principal().username, "export", what)
