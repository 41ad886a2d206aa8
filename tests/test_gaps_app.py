"""The pages on the city with gaps (tests/gaps.py) as a user reads them (AppTest through
dashboard.py): a county without 2025 data is never shown, summed, ranked or scored as 0; a
total on partial data says so and its change is like for like; a doubted figure is marked;
a year without data says so (issue 27)."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from tests import gaps
from tests.apptest_helpers import metrics, open_app


@pytest.fixture(autouse=True)
def _fresh_cache(gaps_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_overview_tiles_hold_the_counties_that_reported_and_say_so():
    at = open_app(year=2025)
    shown = metrics(at)
    # the total of the seven counties that reported, marked; never the eight-county label alone
    assert shown["新增残疾人就业（7/8 县(区)）"] == "867 人"
    assert "新增残疾人就业" not in shown
    emp = next(m for m in at.metric if m.label == "新增残疾人就业（7/8 县(区)）")
    # the change compares the six counties complete in both years, not 867 with last year's 940
    assert emp.proto.delta == "+5.3%（+39）" and emp.proto.delta_description == "6个县(区)同口径较上年"
    assert "安平县尚未报送" in emp.proto.help
    # income growth over the counties that reported both years (the issue: 10.2 %, not 6 %)
    assert shown["残疾人家庭人均可支配收入同比增长（7/8 县(区)）"] == "10.2%"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("2025年安平县尚未报送，带“7/8 县(区)”标记的合计") for c in captions)
    assert any("不含安平县、永和县" in c for c in captions)
    # the figure a rule doubts is marked where it is shown
    assert any(c.startswith("⚠ 待核实：含青林县12月") for c in captions)


def test_overview_county_table_keeps_missing_apart_from_zero():
    at = open_app(year=2025)
    table = _frame(at, "报送情况").set_index("县(区)")
    assert table.loc[gaps.NO_DATA_NAME, "报送情况"] == "未报送"
    assert table.loc[gaps.NO_DATA_NAME, "新增残疾人就业（人）"] != table.loc[gaps.NO_DATA_NAME, "新增残疾人就业（人）"]
    assert table.loc[gaps.ZERO_NAME, "新增康复床位（张）"] == 0  # a reported zero is a zero
    assert table.loc[gaps.DELETED_MONTH_NAME, "报送情况"] == "缺报部分月份"
    assert table.loc[gaps.OUTLIER_NAME, "待核实"] == "康复专项资金投入（万元）"


def test_a_year_without_data_says_so_and_borrows_nothing():
    at = open_app(year=2026)
    assert any(i.value.startswith("2026年数据尚不完整：截至") for i in at.info)
    shown = metrics(at)
    # one county has one case: the total is that county's, marked; the other seven are not 0, not 2025's
    assert shown["受理残疾人法律援助案件（1/8 县(区)）"] == "1 件"
    # a legal-aid case is no report of volunteers: not "0 人" for that county either (issue 27: a county
    # that submitted a period without rows has zero; rows of another kind are not a submission)
    assert shown["助残志愿者（0/8 县(区)）"] == "未报送"
    assert shown["市级新增编制"] == "未报送"
    assert "500 人" not in shown.values() and "438 人" not in shown.values()


def test_plan_attainment_of_a_county_without_data_cannot_be_assessed():
    at = open_app(page="pages/plan.py", year=2025)
    table = pd.concat([d.value for d in at.dataframe if "状态" in d.value and "区划" in d.value], ignore_index=True)
    row = table[(table["区划"] == gaps.NO_DATA_NAME) & (table["指标"] == "新增残疾人就业")].iloc[0]
    assert row["状态"] == "○ 无法评估（未报送）" and row["完成率"] == "—" and row["最新值"] == "—"
    city = table[(table["区划"] == "示例市") & (table["指标"] == "新增残疾人就业")].iloc[0]
    assert city["状态"] == "◐ 无法评估（数据不全）"


def test_the_assessment_leaves_out_a_county_without_data_and_says_why():
    at = open_app(page="pages/plan.py", year=2025)
    ranking = _frame(at, "名次")
    row = ranking[ranking["县(区)"] == gaps.NO_DATA_NAME].iloc[0]
    assert row["名次"] == "不参加排名" and row["总分"] != row["总分"]  # no 0.00, no rank 8
    assert "新增残疾人就业未报送，不参加排名" in row["扣分原因"]
    assert list(ranking["名次"][:6]) == ["1", "2", "3", "4", "5", "6"]
    assert any(
        w.value.startswith("安平县、永和县的考核指标未报送或缺报部分月份") and "未报送的县(区)不参加排名" in w.value
        for w in at.warning
    )


def test_the_quality_page_of_a_county_without_data_says_so():
    at = open_app(page="pages/quality.py", year=2025, counties=(gaps.NO_DATA,))
    assert any(w.value == "安平县没有2025年的任何数据（既未报送，也未导入）。" for w in at.warning)
    said = [s.value for s in at.success]
    assert "所选年度的数据符合全部校验规则。" not in said and "所选年度没有未报的报表。" not in said
    assert any(i.value == "所选范围没有2025年的数据，无从校验。" for i in at.info)


def test_english_tiles_carry_the_same_marks():
    at = open_app(year=2025, query={"lang": "en"})
    shown = metrics(at)
    label = next(k for k in shown if k.startswith("New employment of disabled persons"))
    assert label.endswith("(7/8 counties)") and shown[label] == "867 persons"


def test_the_switch_shows_approved_figures_only():
    at = open_app(year=2025, state={"g_approved_only": True})
    shown = metrics(at)
    # the demo approves everything up to October: the approved total is less than the reported one
    assert shown["新增残疾人就业（已审核）"] != "867 人"
    assert any(c.value.startswith("仅计已审核的报送期") for c in at.caption)
    off = open_app(year=2025)
    assert any(c.value.startswith("以下数字含未经审核的数据（已审核") for c in off.caption)
