"""Access control in the app: the login gate, the session's principal and scope, logout,
session expiry, and the account/audit actions of the 系统管理 page.

The scope a page's queries run under is set here, from the signed-in account, into
``st.session_state[K_SCOPE]``; no widget or URL parameter can write that key.
"""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlparse

import streamlit as st

from data_access import auth, writes
from data_access.auth import ANONYMOUS, Principal
from data_access.config import auth_settings

from . import data, frame, identity, session_cookie
from .filters import K_SCOPE, t

K_USER, K_SEEN = "auth_principal", "auth_last_seen"
K_SESSION, K_TICKET, K_CLEAR = "auth_session_id", "auth_ticket", "auth_clear_cookie"
COOKIE = session_cookie.COOKIE


def cookie_token() -> str | None:
    """The session token the browser sent when this connection opened (a refresh, a new
    tab, a shared link)."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser (bare mode)
        return None
    return value if isinstance(value, str) and value else None


def principal() -> Principal:
    return st.session_state.get(K_USER) or ANONYMOUS


def _sign_in(p: Principal, session_id: int | None = None) -> None:
    st.session_state[K_SESSION] = session_id
    st.session_state[K_USER] = p
    st.session_state[K_SEEN] = dt.datetime.now()
    st.session_state[K_SCOPE] = p.scope
    st.session_state["user_name"] = p.username
    # the county filter of an earlier user must not survive
    st.session_state.pop("g_counties", None)


def sign_out(reason: str = "logout") -> None:
    p = st.session_state.get(K_USER)
    session_id = st.session_state.get(K_SESSION)
    if p is not None or session_id is not None:
        writes.end_session(data.engine(), p, session_id, reason)
    if session_id is not None:
        st.session_state[K_CLEAR] = True
    for k in (K_USER, K_SEEN, K_SCOPE, K_SESSION, K_TICKET, "user_name", "g_counties"):
        st.session_state.pop(k, None)


def _login_form() -> Principal | None:
    """The sign-in form; returns the principal once the password is right.

    Drawn in a placeholder that is emptied on success, so the page continues in the same
    run (no st.rerun, which would also lose the form's error message)."""
    holder = st.empty()
    with holder.container():
        st.html(identity.badge(72, heading=True))  # whose system this is, before the password
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
    made = writes.open_session(data.engine(), result.principal.username)  # a refresh or a link keeps it
    _sign_in(result.principal, made.session_id)
    st.session_state[K_TICKET] = (made.ticket, time.monotonic())
    return result.principal


def _oidc(provider: str | None) -> Principal | None:
    if not st.user.is_logged_in:
        st.html(identity.badge(72, heading=True))
        st.title(t("auth_login_title"))
        st.button(t("auth_oidc_button"), type="primary", on_click=st.login, args=(provider,) if provider else ())
        return None
    known = st.session_state.get(K_USER)
    if known is not None:
        return known
    p = writes.oidc_principal(data.engine(), st.user.get("sub"), st.user.get("email"))
    if p is None:
        st.error(t("auth_oidc_unknown"))
        st.button(t("auth_logout"), on_click=st.logout)
        return None
    _sign_in(p)
    return p


def _url_page() -> str:
    """The last part of the address the browser opened (``/rights`` → ``rights``)."""
    try:
        return urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    except Exception:  # no browser (bare mode)
        return ""


def _remember_deep_link() -> None:
    """The page a link pointed at, so that after the login it opens there, not on 总览."""
    if frame.K_TARGET in st.session_state:
        return
    path = _url_page()
    if path and path not in ("dashboard", "index.html"):
        st.session_state[frame.K_TARGET] = path


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
    if st.session_state.pop(K_CLEAR, False):
        session_cookie.clear()
    p = st.session_state.get(K_USER)
    if p is None and (token := cookie_token()):  # a refresh, a new tab, a shared link
        found = writes.session_for_token(data.engine(), token, settings["session_minutes"])
        if found is not None:
            p = found[1]
            _sign_in(p, found[0])
    if p is not None:
        idle = dt.datetime.now() - st.session_state.get(K_SEEN, dt.datetime.now())
        if idle > dt.timedelta(minutes=settings["session_minutes"]):
            sign_out("session_expired")
            st.info(t("auth_expired"))
            p = None
    if p is not None:
        # every run: a disabled account, a logout elsewhere or a new password ends the session
        session_id = st.session_state.get(K_SESSION)
        active, valid = writes.session_valid(data.engine(), p.username, session_id, settings["session_minutes"])
        if not valid:
            sign_out("session_disabled" if not active else "session_ended")
            st.warning(t("auth_disabled_now")) if not active else st.info(t("auth_expired"))
            p = None
    if p is None:
        _remember_deep_link()
        p = _login_form()
        if p is None:
            st.stop()
    ticket = st.session_state.get(K_TICKET)
    if ticket and time.monotonic() - ticket[1] < auth.TICKET_SECONDS:
        # until the ticket is spent (a run cut short by a page switch draws nothing)
        session_cookie.exchange(ticket[0])
    else:
        st.session_state.pop(K_TICKET, None)
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
    return writes.list_users(data.engine(), require("manage_accounts"))


def audit_entries(limit: int = 500) -> list[dict]:
    return writes.audit_entries(data.engine(), require("audit"), limit)


def add_user(username: str, role: str, password: str, county_code: str | None, display_name: str | None) -> None:
    writes.add_user(data.engine(), require("manage_accounts"), username, role, password, county_code, display_name)


def set_active(username: str, active: bool) -> None:
    writes.set_active(data.engine(), require("manage_accounts"), username, active)


def record_export(what: str) -> None:
    """Audit a download (called by download buttons)."""
    writes.record_export(data.engine(), principal(), what)
