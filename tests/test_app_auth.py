"""Access control as users meet it: the login form, roles, county scoping that a crafted
link cannot widen, session expiry, and the server settings that protect it."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data_access import auth, queries
from data_access.db import make_engine
from tests import apptest_helpers as helpers
from tests.apptest_helpers import DASHBOARD, TIMEOUT, metrics

PASSWORD = "Test-Password-2025"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def accounts(demo_sqlite_url):
    engine = make_engine(demo_sqlite_url)
    with engine.begin() as conn:
        counties = queries.all_counties(conn)
        mine, other = counties.iloc[0], counties.iloc[4]
        existing = set(conn.execute(text("SELECT username FROM users")).scalars())
        for name, role, county in (
            ("lead", "leadership", None),
            ("cty", "county", mine["code"]),
            ("staff", "data_staff", None),
            ("root", "admin", None),
        ):
            if name not in existing:
                auth.add_user(conn, name, role, PASSWORD, county)
    return {"mine": mine, "other": other, "engine": engine}


@pytest.fixture(autouse=True)
def _accounts_mode(app_env, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    st.cache_data.clear()
    st.cache_resource.clear()


def sign_in(name: str, password: str = PASSWORD, query: dict | None = None) -> AppTest:
    return helpers.sign_in(name, password, query=query)


def test_login_form_first_and_nothing_else(accounts):
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT).run()
    assert at.title[0].value == "残联工作数据看板 · 登录"
    assert len(at.text_input) == 2 and at.metric.len == 0


def test_wrong_password_is_refused_in_chinese(accounts):
    at = sign_in("lead", "not-the-password")
    assert at.error[0].value == "用户名或密码不正确"
    assert at.metric.len == 0


def test_leadership_sees_the_whole_city(accounts):
    at = sign_in("lead")
    assert at.title[0].value == "示例市2025年残疾人事业工作总览"
    assert metrics(at)["新增残疾人就业"] == "1,000 人"
    assert len(at.dataframe[0].value) == 8


def test_county_user_sees_own_county_and_city_totals_only(accounts):
    mine, other = accounts["mine"], accounts["other"]
    at = sign_in("cty")
    assert at.title[0].value == f"{mine['name']}2025年残疾人事业工作总览"
    county_table = at.dataframe[0].value
    assert list(county_table["县(区)"]) == [mine["name"]]
    # the city only as totals
    assert at.subheader[-1].value == "全市合计（供对照）"
    city = at.dataframe[1].value.set_index("指标")
    assert city.loc["新增残疾人就业（人）", "数值"] == 1000
    assert other["name"] not in " ".join(str(v) for v in county_table.to_numpy().ravel())


def test_a_crafted_link_cannot_widen_a_county_users_view(accounts):
    mine, other = accounts["mine"], accounts["other"]
    at = sign_in("cty", query={"county": other["code"]})
    assert other["name"] not in at.title[0].value
    assert list(at.dataframe[0].value["县(区)"]) == [mine["name"]]
    with accounts["engine"].connect() as conn:
        from data_access.filters import Filters

        theirs = queries.kpis(conn, Filters(2025, counties=(other["code"],)), ["emp_new"])["value"].iloc[0]
        own = queries.kpis(conn, Filters(2025, counties=(mine["code"],)), ["emp_new"])["value"].iloc[0]
    assert metrics(at)["新增残疾人就业"] == f"{int(own):,} 人" != f"{int(theirs):,} 人"


def test_pages_a_role_may_not_use_are_not_offered(accounts):
    for name, allowed in (("lead", False), ("cty", False), ("staff", True)):
        at = sign_in(name)
        if allowed:
            at.switch_page("pages/admin.py").run()
            assert at.title[0].value == "系统管理：账号与审计日志"
        else:
            # the page is not registered for this role: AppTest finds no such page to switch to
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page("pages/admin.py")


def test_admin_sees_the_audit_log_with_logins(accounts):
    sign_in("lead", "wrong-password-1")
    at = sign_in("root")
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    log = at.dataframe[-1].value
    assert {"登录", "登录失败"} <= set(log["操作"])  # in words, not the codes login_ok / login_failed
    assert not {a for a in log["操作"] if re.fullmatch(r"[a-z_]+", a)}, set(log["操作"])
    assert PASSWORD not in log.to_csv()
    staff = sign_in("staff")
    staff.switch_page("pages/admin.py").run()
    assert "审计日志（最近 500 条）" not in [s.value for s in staff.subheader]


def test_session_expires_after_idle_time(accounts):
    # signed in through the form (a session row of its own), then idle for three hours
    at = sign_in("lead")
    at.session_state["auth_last_seen"] = dt.datetime.now() - dt.timedelta(hours=3)
    at.run()
    assert at.title[0].value == "残联工作数据看板 · 登录"
    assert "会话已过期" in at.info[0].value
    assert "auth_principal" not in at.session_state
    # a session used a minute ago goes on
    at = sign_in("lead")
    at.session_state["auth_last_seen"] = dt.datetime.now() - dt.timedelta(minutes=1)
    at.run()
    assert at.title[0].value.endswith("工作总览")


def test_logout(accounts):
    at = sign_in("lead")
    at.button(key="logout").click().run()
    assert "auth_principal" not in at.session_state
    with accounts["engine"].connect() as conn:
        last = conn.execute(text("SELECT username, action FROM audit_log ORDER BY id DESC")).first()
    assert tuple(last) == ("lead", "logout")


def test_open_mode_has_no_login_and_no_data_management(accounts, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "open")
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT).run()
    assert at.title[0].value.endswith("工作总览")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")


def test_server_protection_settings():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert 0 < cfg["server"]["maxUploadSize"] <= 50
    assert cfg["client"]["showErrorDetails"] == "none"
