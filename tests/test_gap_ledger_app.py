"""The gap ledger on the Organisation page as users see it (AppTest through dashboard.py): the
progress sentence and its table, the ledger's rows and filter, and a county's data staff
offered the form for their own county's gaps only."""

from __future__ import annotations

import shutil

import pytest
import streamlit as st

from data_access import auth
from data_access.db import make_engine
from tests.apptest_helpers import deck_specs, open_app, sign_in
from tests.gap_city import QINGLIN, make_gaps
from ui.filters import K_TABLES

PAGE = "pages/organisation.py"
PASSWORD = "gap-ledger-test-passphrase-42"


@pytest.fixture
def gap_city(demo_sqlite_url, tmp_path, monkeypatch):
    path = tmp_path / "gaps.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    make_gaps(engine)
    with engine.begin() as conn:
        auth.add_user(conn, "qinglin_staff", "data_staff", PASSWORD, QINGLIN)
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return engine


def ledger_frame(at):
    return next(d.value for d in at.dataframe if "整改期限" in d.value.columns)


def test_progress_and_ledger_are_shown(gap_city, monkeypatch):
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "open")
    at = open_app(page=PAGE, year=2025)
    said = [md.value for md in at.markdown]
    assert any(
        "示例市共列入缺口 7 个，数据显示已建成 0 个（其中市残联已核实 0 个），尚未建成 7 个，其中逾期 1 个。"
        "逾期最多的是中江区（1 个）。" in s
        for s in said
    ), said
    progress = next(d.value for d in at.dataframe if "列入" in d.value.columns)
    assert progress.set_index("县(区)")[["列入", "未建成", "逾期"]].to_dict("index") == {
        "中江区": {"列入": 2, "未建成": 2, "逾期": 1},
        "青林县": {"列入": 5, "未建成": 5, "逾期": 0},
    }
    book = ledger_frame(at)
    assert len(book) == 7
    assert sorted(set(book["缺口"])) == ["无专职人员", "未建立组织"] and set(book["状态"]) == {"未启动"}
    assert int((book["逾期天数"] > 0).sum()) == 1
    assert not any(e.label == "更新整改事项" for e in at.expander)  # a viewer changes nothing
    # the map rings the one overdue gap
    (deck,) = deck_specs(at)
    rings = next(layer for layer in deck["layers"] if layer["id"] == "overdue_gaps")["data"]
    assert len(rings) == 1 and any(c.value == "逾期缺口 1 个（红圈）" for c in at.caption)
    # the filter (a page's widget is set before the run: AppTest keeps it across switch_page)
    book = ledger_frame(open_app(page=PAGE, year=2025, state={"gaps_overdue": True}))
    assert list(book["县(区)"]) == ["中江区"] and list(book["缺口"]) == ["未建立组织"]


def test_a_county_data_staff_gets_the_form_for_their_own_gaps_only(gap_city, monkeypatch):
    """The form's saving is the data layer's update_gap (tests/test_gaps.py): AppTest does not
    keep a page's widget values set after switch_page, so it cannot submit the form here."""
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    at = sign_in("qinglin_staff", PASSWORD, state={K_TABLES: True}, page=PAGE)
    pick = at.selectbox(key="gaps_pick")
    assert len(pick.options) == 5 and all(o.startswith("青林县 · ") for o in pick.options)
    assert list(ledger_frame(at)["县(区)"].unique()) == ["青林县"]  # the ledger in the user's scope
    assert [b.label for b in at.button if b.label == "保存"] == ["保存"]
    history = next(d.value for d in at.dataframe if "操作人" in d.value.columns)
    assert list(history["操作人"]) == ["数据"] and history["内容"].iloc[0] == "数据显示无专职人员"


def test_the_admin_page_lists_subscriptions_and_a_failed_delivery_with_its_error(gap_city, monkeypatch):
    from data_access import subscriptions as subs

    with gap_city.begin() as conn:
        auth.add_user(conn, "root_admin", "admin", PASSWORD, None)
        sid = subs.add_subscription(conn, "青林县领导", "summary", "monthly", "root_admin", QINGLIN, "l@q.test")
    subs.enqueue(gap_city, sid, "2026-11")
    (c,) = subs.claim(gap_city, "test")
    subs.finish(gap_city, c, "test", error="连接失败：[Errno 111] Connection refused")
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    at = sign_in("root_admin", PASSWORD, page="pages/admin.py")
    listed = next(d.value for d in at.dataframe if "周期" in d.value.columns)
    assert listed.iloc[0].to_dict() == {
        "订阅": "青林县领导", "范围": "青林县", "内容": "书面总结（Word）", "周期": "每月", "接收": "l@q.test",
    }  # fmt: skip
    log = next(d.value for d in at.dataframe if "报告期" in d.value.columns)
    row = log.iloc[0]
    assert (row["报告期"], row["状态"], row["尝试次数"]) == ("2026-11", "失败待重试", 1)
    assert row["错误"] == "连接失败：[Errno 111] Connection refused"
    assert [b.label for b in at.button if b.label == "立即发送"] == ["立即发送"]
