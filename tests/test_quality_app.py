"""The 数据质量 page as a user sees it (AppTest through dashboard.py): the county × period grid
with its text marks, the counts, the missing list, the rule warning; the city's data staff
approving and returning submissions, a county's data staff offered no such controls."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access import auth
from data_access.auth import Principal
from data_access.db import make_engine
from data_access.models import Area, Submission
from tests.apptest_helpers import DASHBOARD, TIMEOUT, metrics, open_app, sign_in
from ui.filters import K_YEAR

PASSWORD = "Test-Password-2025!x"
PAGE = "pages/quality.py"


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def _accounts(app_env):
    # a signed-in session is checked against its account on every run
    with make_engine(app_env).begin() as conn:
        have = {u["username"] for u in auth.list_users(conn)}
        for name, county in (("q_county", "990101000000"), ("q_city", None)):
            if name not in have:
                auth.add_user(conn, name, "data_staff", PASSWORD, county_code=county)


def _frame(at, key_column: str):
    return next(d.value for d in at.dataframe if key_column in d.value.columns)


def test_grid_marks_counts_missing_and_the_warning():
    at = open_app(PAGE, year=2025)
    grid = _frame(at, "县(区)").set_index("县(区)")
    assert list(grid.columns) == [f"{m}月" for m in range(1, 13)]
    assert grid.loc["长宁县", "11月"] == "✗ 未报"
    assert grid.loc["永和县", "5月"] == "⏱ 逾期"
    others = grid.drop(index="长宁县")["11月"]
    assert set(others) == {"✓ 按时"} and len(others) == 7
    marks = grid.stack().value_counts().to_dict()
    assert marks == {"✓ 按时": 94, "⏱ 逾期": 1, "✗ 未报": 1}
    m = metrics(at)
    assert m["应报"] == "96 期次" and m["已报"] == "95 期次" and m["逾期"] == "1 期次" and m["未报"] == "1 期次"
    assert any("月报：应报 96 期次，按时 94，逾期 1，未报 1（按时率 97.9%）" in x.value for x in at.markdown)
    missing = _frame(at, "逾期天数")
    assert list(missing["县(区)"]) == ["长宁县"] and list(missing["报送期"]) == ["2025年11月"]
    rules = _frame(at, "规则")
    assert list(rules["级别"]) == ["警告"] and "临江县 2025年12月资助残疾学生 13人次" in rules["说明"].iloc[0]
    # a reader without the approve permission gets no decision controls
    assert not [b for b in at.button if b.key in ("q_approve", "q_return", "q_unlock")]


def test_the_grid_and_its_sentence_in_english():
    at = open_app(PAGE, year=2025, state={"g_lang": "en"})
    grid = _frame(at, "County").set_index("County")
    assert list(grid.columns)[:3] == ["Jan", "Feb", "Mar"] and grid.loc["长宁县", "Nov"] == "✗ missing"
    assert grid.loc["永和县", "May"] == "⏱ late"
    assert any(
        "Monthly report: 96 due, 94 on time, 1 late, 1 missing (97.9% on time); periods with late or missing "
        "reports: 2025-05, 2025-11." in x.value.replace("\\", "")  # plain() escapes the colons
        for x in at.markdown
    )
    missing = _frame(at, "Days overdue")
    assert list(missing["Period"]) == ["2025-11"] and list(missing["Report"]) == ["Monthly report"]
    assert list(_frame(at, "Kind of rule")["Level"]) == ["warning"]


def test_flash_report_grid_and_the_download():
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.session_state[K_YEAR] = 2025
    at.session_state["q_report"] = "flash"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    grid = _frame(at, "县(区)").set_index("县(区)")
    assert list(grid.columns) == ["1–9月"] and grid.loc["永和县", "1–9月"] == "⏱ 逾期"
    assert "下载报送情况（CSV）" in [d.proto.label for d in at.get("download_button")]


def _as(principal: Principal, **state) -> AppTest:
    return sign_in(principal.username, PASSWORD, state={K_YEAR: 2025, **state}, page=PAGE)


def test_county_data_staff_sees_its_county_and_no_decisions(monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    at = _as(Principal("q_county", "data_staff", "990101000000"))
    assert not [b for b in at.button if b.key in ("q_approve", "q_return", "q_unlock")]
    # the city's 通报 is not a county's to send
    assert not [d for d in at.get("download_button") if "通报" in d.proto.label]
    grid = _frame(at, "县(区)")
    assert list(grid["县(区)"]) == ["中江区"]
    subs = _frame(at, "审核状态")
    assert set(subs["县(区)"]) == {"中江区"} and len(subs) == 14


def test_city_data_staff_is_offered_the_decisions(app_env, monkeypatch):
    # (AppTest loses button clicks after a page switch; the clicks are driven in the browser)
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    at = _as(Principal("q_city", "data_staff"))
    picks = at.selectbox(key="q_pick")
    # the newest waiting submission first: what the city reviews next
    with make_engine(app_env).connect() as conn:
        newest = conn.execute(
            select(Area.name)
            .join(Submission, Submission.area_code == Area.code)
            .where(Submission.year == 2025, Submission.status == "submitted", Submission.report_code == "annual")
            .order_by(Submission.submitted_at.desc())
            .limit(1)
        ).scalar()
    assert picks.format_func(picks.value) == f"年报 · 2025年 · {newest}（待审核）"
    assert {b.key for b in at.button} >= {"q_approve", "q_return"}
    assert "下载2025年度通报（Word）" in [d.proto.label for d in at.get("download_button")]
    at = _as(Principal("q_city", "data_staff"), q_only_approved=True)
    subs = _frame(at, "审核状态")
    assert set(subs["审核状态"]) == {"已审核"} and len(subs) == 88


def test_the_data_page_makes_a_county_load_a_submission(monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    for who, offered in (
        (Principal("q_county", "data_staff", "990101000000"), ["月报", "快报", "年报"]),
        (Principal("q_city", "data_staff"), ["不作为报送（仅导入）", "月报", "快报", "年报"]),
    ):
        at = sign_in(who.username, PASSWORD, state={K_YEAR: 2025}, page="pages/data.py")
        picker = at.selectbox(key="data_submit_report")
        # a county's data staff cannot load without submitting
        assert list(picker.options) == offered
        if offered[0] == "月报":
            period = at.selectbox(key="data_submit_period_monthly")
            assert list(period.options) == [f"2025年{m}月" for m in range(1, 13)]
