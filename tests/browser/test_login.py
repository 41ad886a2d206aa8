"""Access control in the browser (``CANLIAN_AUTH_MODE=accounts``), on a server of its own
that no one has opened yet: a deep link must meet the login form, each role signs in and
sees what its role allows, and the pages behind a permission (数据管理, 系统管理) open,
pass axe-core and are screenshotted; the data page takes a file and says what is wrong."""

from __future__ import annotations

import pytest

from data_access import auth, loading, queries
from data_access.db import make_engine
from tests.browser.helpers import (
    NAV_LINK,
    VIEWPORT,
    assert_page_ok,
    axe_report,
    copy_database,
    declared_pages,
    goto,
    run_axe,
    screenshot,
    served_app,
    wait_idle,
)

PASSWORD = "E2e-Password-2025"
ROLES = {"e2e_lead": "leadership", "e2e_county": "county", "e2e_staff": "data_staff", "e2e_admin": "admin"}


@pytest.fixture(scope="module")
def accounts_app(demo_sqlite_url, tmp_path_factory):
    d = tmp_path_factory.mktemp("served_accounts")
    url = copy_database(demo_sqlite_url, d / "accounts.sqlite")
    engine = make_engine(url)
    with engine.begin() as conn:
        county = queries.all_counties(conn).iloc[1]
        for name, role in ROLES.items():
            auth.add_user(conn, name, role, PASSWORD, county["code"] if role == "county" else None, None)
    engine.dispose()
    with served_app(url, d / "streamlit.log", CANLIAN_AUTH_MODE="accounts") as base:
        yield {"base": base, "county": county}


def sign_in(page, base: str, username: str, path: str = "") -> None:
    goto(page, f"{base}/{path}")
    page.get_by_role("textbox", name="用户名").fill(username)
    page.get_by_role("textbox", name="密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    wait_idle(page, action=True)
    page.locator('[data-testid="stSidebar"]').get_by_text("当前用户").wait_for()


NAV = {"nav_data": "数据管理", "nav_admin": "系统管理"}


def open_in_session(page, p) -> None:
    """Go to a page by its navigation link: a new address would start a new session (and
    ask for the login again)."""
    page.locator(NAV_LINK).filter(has_text=NAV[p.title_key]).click()
    wait_idle(page, action=True)
    assert page.url.split("?")[0].endswith("/" + p.url)


def test_a_deep_link_on_a_fresh_server_meets_the_login(browser, accounts_app):
    """Runs first on this server. Streamlit serves the files of a ``pages/`` folder on their
    own (old-style multipage) when a session starts on /<page>; every page therefore calls
    ``ui.frame.guard`` first, which hands the session to ``dashboard.py`` — the login gate,
    the scope and the filters — and only then opens the page the link named."""
    ctx = browser.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        goto(page, f"{accounts_app['base']}/rights")
        page.get_by_role("textbox", name="密码").wait_for()  # the hand-over to dashboard.py is a second run
        wait_idle(page)
        assert page.get_by_role("textbox", name="密码").count() == 1, "a deep link skipped the login gate"
        assert page.locator('[data-testid="stMetric"]').count() == 0
        # signed in, the link's page opens inside the frame, with the sidebar filters
        page.get_by_role("textbox", name="用户名").fill("e2e_lead")
        page.get_by_role("textbox", name="密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        wait_idle(page, action=True)
        page.locator("[data-testid='stMain'] h1").first.wait_for()
        assert "权益保障" in page.locator("[data-testid='stMain'] h1").first.inner_text()
        assert page.locator('[data-testid="stSidebar"]').get_by_text("趋势起始年").count() == 1
    finally:
        ctx.close()


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_signs_in_and_sees_its_pages(context, accounts_app, username):
    page = context.new_page()
    sign_in(page, accounts_app["base"], username)
    assert_page_ok(page, f"overview as {username}")
    links = page.locator(NAV_LINK).all_inner_texts()
    role = ROLES[username]
    guarded = [p for p in declared_pages() if p.permission is not None]
    assert {p.title_key for p in guarded} <= set(NAV), "a page behind a permission needs its nav title in NAV"
    for p in guarded:
        allowed = auth.Principal(username, role).can(p.permission)
        assert any(NAV[p.title_key] in link for link in links) == allowed, f"{role}: {NAV[p.title_key]} in nav {links}"
    if role == "county":
        name = accounts_app["county"]["name"]
        assert page.locator("[data-testid='stMain'] h1").first.inner_text().startswith(name)


PERMISSION_PAGES = [p for p in declared_pages() if p.permission]


@pytest.mark.parametrize("p", PERMISSION_PAGES, ids=[p.name for p in PERMISSION_PAGES])
def test_permission_page_opens_and_passes_axe(context, accounts_app, p):
    assert p.exists, f"{p.file} is declared in dashboard.py but missing"
    page = context.new_page()
    sign_in(page, accounts_app["base"], "e2e_admin")
    open_in_session(page, p)
    assert_page_ok(page, p.file)
    screenshot(page, p.name)
    violations = run_axe(page)
    assert violations == [], f"{p.file}: axe found\n{axe_report(violations)}"


def test_data_page_takes_a_file_and_names_its_problems(context, accounts_app):
    p = next(p for p in declared_pages() if p.name == "data")
    assert p.exists, f"{p.file} is declared in dashboard.py but missing"
    page = context.new_page()
    sign_in(page, accounts_app["base"], "e2e_staff")
    open_in_session(page, p)
    page.locator('[role="tab"]').filter(has_text="导入数据").first.click()
    name, kind = next(iter(loading.KINDS.items()))
    header = ",".join(c.zh for c in kind.columns)
    bad = ",".join("不是数字" for _ in kind.columns)
    # the records uploader (the Data page also has one for boundary files)
    page.locator('input[type="file"][accept*=".xlsx"]').set_input_files(
        files=[{"name": f"{name}.csv", "mimeType": "text/csv", "buffer": f"{header}\n{bad}\n".encode("utf-8-sig")}]
    )
    wait_idle(page, action=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    error = page.locator('[data-testid="stAlertContentError"]')
    error.first.wait_for()
    assert "问题" in error.first.inner_text() or "错误" in error.first.inner_text()
    assert page.get_by_role("button", name="确认导入").count() == 0  # nothing to confirm: nothing loaded
