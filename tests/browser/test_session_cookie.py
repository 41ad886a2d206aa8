"""A sign-in that survives a refresh, in Chromium (issue 20): after the login the page trades a
one-time ticket for an HttpOnly, SameSite=Strict cookie (``ui.session_cookie``, served by
``app.py``); F5 and a new tab with a shared link (query string and all) stay signed in; logout
clears the cookie and a refresh shows the login; an account disabled by an administrator
ends at its next click and a refresh shows the login."""

from __future__ import annotations

import pytest

from data_access import auth
from data_access.db import make_engine
from tests.browser.helpers import TIMEOUT_MS, VIEWPORT, copy_database, goto, served_app, wait_idle

PASSWORD = "Cookie-Password-2025"
COOKIE = "canlian_session"


@pytest.fixture(scope="module")
def accounts(demo_sqlite_url, tmp_path_factory):
    d = tmp_path_factory.mktemp("served_cookie")
    url = copy_database(demo_sqlite_url, d / "cookie.sqlite")
    engine = make_engine(url)
    with engine.begin() as conn:
        for name in ("c_keeper", "c_leaver"):
            auth.add_user(conn, name, "leadership", PASSWORD)
    with served_app(url, d / "streamlit.log", CANLIAN_AUTH_MODE="accounts") as base:
        yield {"base": base, "engine": engine}
    engine.dispose()


def _context(browser):
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


def sign_in(page, base: str, username: str) -> None:
    goto(page, base + "/")
    page.get_by_role("textbox", name="用户名").fill(username)
    page.get_by_role("textbox", name="密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    wait_idle(page, action=True)
    signed_in(page)


def signed_in(page) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text("当前用户").wait_for()
    assert page.get_by_role("textbox", name="用户名").count() == 0


def login_form(page) -> None:
    page.get_by_role("textbox", name="用户名").wait_for()
    assert page.locator('[data-testid="stSidebar"]').get_by_text("当前用户").count() == 0


def session_cookie(ctx) -> dict | None:
    """Wait (generously) for the page's exchange to set the cookie; None if it never comes."""
    page = ctx.pages[0]
    for _ in range(60):
        found = [c for c in ctx.cookies() if c["name"] == COOKIE]
        if found:
            return found[0]
        page.wait_for_timeout(500)
    return None


def test_refresh_new_tab_shared_link_and_logout(browser, accounts):
    base = accounts["base"]
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        sign_in(page, base, "c_keeper")
        cookie = session_cookie(ctx)
        assert cookie, "no session cookie after the login"
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert COOKIE not in page.evaluate("document.cookie"), "page script can read the session token"

        page.reload(wait_until="domcontentloaded")  # F5
        wait_idle(page)
        signed_in(page)

        tab = ctx.new_page()  # a new tab, opening a link someone shared
        goto(tab, f"{base}/rights?year=2024")
        signed_in(tab)
        tab.get_by_role("heading", name="示例市2024年权益保障").wait_for()
        assert "year=2024" in tab.url
        tab.close()

        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="退出登录").click()
        wait_idle(page, action=True)
        login_form(page)
        for _ in range(60):  # the page asks the server to clear it
            if not [c for c in ctx.cookies() if c["name"] == COOKIE]:
                break
            page.wait_for_timeout(500)
        assert not [c for c in ctx.cookies() if c["name"] == COOKIE], "logout left the cookie"
        page.reload(wait_until="domcontentloaded")
        wait_idle(page)
        login_form(page)
    finally:
        ctx.close()


def test_a_disabled_account_ends_at_the_next_click_and_after_a_refresh(browser, accounts):
    base = accounts["base"]
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        sign_in(page, base, "c_leaver")
        assert session_cookie(ctx)
        with accounts["engine"].begin() as conn:  # an administrator disables the account
            auth.set_active(conn, "c_leaver", False, by="admin")
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="权益保障").first.click()  # the next click
        wait_idle(page, action=True)
        page.get_by_text("此账号已被停用").wait_for()
        login_form(page)
        page.reload(wait_until="domcontentloaded")
        wait_idle(page)
        login_form(page)
    finally:
        ctx.close()
