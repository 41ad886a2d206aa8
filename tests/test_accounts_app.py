"""Accounts as users meet them (issue 20): a disabled user's open session ends at once;
the 系统管理 page offers data staff only the roles below their own."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data_access import auth
from data_access.db import make_engine
from tests import apptest_helpers

PASSWORD = "Accounts-Test-2025"


@pytest.fixture(scope="module")
def engine(demo_sqlite_url):
    eng = make_engine(demo_sqlite_url)
    with eng.begin() as conn:
        existing = set(conn.execute(text("SELECT username FROM users")).scalars())
        for name, role in (("soon_gone", "leadership"), ("staff2", "data_staff")):
            if name not in existing:
                auth.add_user(conn, name, role, PASSWORD)
    return eng


@pytest.fixture(autouse=True)
def _accounts_mode(app_env, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    st.cache_data.clear()
    st.cache_resource.clear()


def sign_in(name: str) -> AppTest:
    return apptest_helpers.sign_in(name, PASSWORD)


def test_a_disabled_users_open_session_ends_at_once(engine):
    at = sign_in("soon_gone")
    assert at.metric, "signed in: the overview shows its figures"
    with engine.begin() as conn:
        auth.set_active(conn, "soon_gone", False, by="admin")
    at.run()
    assert not at.metric, "no data after the account was disabled"
    assert "此账号已被停用，已退出登录。如有疑问请联系系统管理员。" in [w.value for w in at.warning]
    assert at.text_input[0].label == "用户名"


def test_data_staff_are_offered_only_roles_below_their_own(engine):
    at = sign_in("staff2")
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    roles = next(s for s in at.selectbox if s.label == "角色")
    assert roles.options == ["领导", "县(区)残联"]
