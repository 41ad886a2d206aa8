"""A sign-in that survives a refresh (issue 20): the login stores a server-side session and
gives the page a one-time ticket, which the server trades for the HttpOnly cookie's token
(``ui.session_cookie``; in Chromium: tests/browser/test_session_cookie.py); a refresh, a new
tab or a shared link carrying that cookie is signed in without the form; logout, disabling
the account and idle time end it; after the login a deep link opens its page, not 总览."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from sqlalchemy import select, text, update
from streamlit.testing.v1 import AppTest

from data_access import auth
from data_access.db import make_engine
from data_access.models import WebSession
from tests import apptest_helpers
from tests.apptest_helpers import DASHBOARD, TIMEOUT
from ui import auth as ui_auth

PASSWORD = "Session-Test-2025"


@pytest.fixture(scope="module")
def engine(demo_sqlite_url):
    eng = make_engine(demo_sqlite_url)
    with eng.begin() as conn:
        existing = set(conn.execute(text("SELECT username FROM users")).scalars())
        for name in ("keeper", "leaver", "idler"):
            if name not in existing:
                auth.add_user(conn, name, "leadership", PASSWORD)
    return eng


@pytest.fixture(autouse=True)
def _accounts_mode(app_env, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    st.cache_data.clear()
    st.cache_resource.clear()


def sign_in(name: str) -> AppTest:
    return apptest_helpers.sign_in(name, PASSWORD)


def cookie_of(at: AppTest, engine) -> str:
    """What the browser's cookie would hold: the ticket the login gave the page, redeemed as
    the server's route redeems it."""
    ticket = at.session_state[ui_auth.K_TICKET][0]
    with engine.begin() as conn:
        token = auth.redeem_ticket(conn, ticket)
    assert token
    return token


def open_with_cookie(monkeypatch, token: str | None, page: str | None = None) -> AppTest:
    """A new browser connection (refresh, new tab, shared link) sending the cookie."""
    monkeypatch.setattr(ui_auth, "cookie_token", lambda: token)
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(at: AppTest) -> bool:
    return bool(at.metric) and not any(ti.label == "用户名" for ti in at.text_input)


def test_login_gives_the_page_a_ticket_not_the_token(engine):
    at = sign_in("keeper")
    ticket = at.session_state[ui_auth.K_TICKET][0]
    bodies = [getattr(e.proto, "body", "") for e in at.get("html")]
    scripts = [b for b in bodies if "api/session" in b]
    assert scripts and ticket in scripts[0] and "document.cookie" not in scripts[0], scripts
    with engine.begin() as conn:
        token = auth.redeem_ticket(conn, ticket)
        assert token and len(token) >= 40 and token != ticket
        assert auth.redeem_ticket(conn, ticket) is None, "a ticket is spent once"
        rows = conn.execute(select(WebSession).where(WebSession.username == "keeper")).all()
    assert rows and all(token not in (r.token_hash, r.ticket_hash) for r in rows), "only hashes are stored"


def test_a_ticket_expires(engine):
    with engine.begin() as conn:
        made = auth.new_session(conn, "keeper", at=dt.datetime.now() - dt.timedelta(seconds=auth.TICKET_SECONDS + 5))
        assert auth.redeem_ticket(conn, made.ticket) is None


def test_a_refresh_and_a_shared_link_keep_the_user_signed_in(engine, monkeypatch):
    token = cookie_of(sign_in("keeper"), engine)
    assert signed_in(open_with_cookie(monkeypatch, token))
    at = open_with_cookie(monkeypatch, token, "pages/rights.py")
    assert at.title[0].value == "示例市2025年权益保障"
    assert not open_with_cookie(monkeypatch, "forged-" + token[7:]).metric


def test_logout_ends_the_session(engine, monkeypatch):
    at = sign_in("keeper")
    token = cookie_of(at, engine)
    at.button(key="logout").click().run()
    assert not signed_in(open_with_cookie(monkeypatch, token))


def test_disabling_the_account_ends_its_sessions(engine, monkeypatch):
    token = cookie_of(sign_in("leaver"), engine)
    with engine.begin() as conn:
        auth.set_active(conn, "leaver", False, by="admin")
    assert not signed_in(open_with_cookie(monkeypatch, token))
    with engine.begin() as conn:
        auth.set_active(conn, "leaver", True, by="admin")
    assert not signed_in(open_with_cookie(monkeypatch, token)), "re-enabling does not revive old sessions"


def test_an_idle_session_expires(engine, monkeypatch):
    token = cookie_of(sign_in("idler"), engine)
    with engine.begin() as conn:
        conn.execute(
            update(WebSession)
            .where(WebSession.username == "idler")
            .values(last_seen_at=dt.datetime.now() - dt.timedelta(minutes=31))
        )
    assert not signed_in(open_with_cookie(monkeypatch, token))


def test_after_the_login_a_deep_link_opens_its_page(engine, monkeypatch):
    monkeypatch.setattr(ui_auth, "cookie_token", lambda: None)
    monkeypatch.setattr(ui_auth, "_url_page", lambda: "rights")  # the browser opened /rights
    at = sign_in("keeper")
    assert at.title[0].value == "示例市2025年权益保障"
