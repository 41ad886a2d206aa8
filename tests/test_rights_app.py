"""The 权益保障 page as a user sees it, driven through dashboard.py with AppTest."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.apptest_helpers import metrics, open_app, plotly_figures

PAGE = "pages/rights.py"
CODES = ["rights_legal_aid", "rights_access_projects", "rights_infringement"]


@pytest.fixture(autouse=True)
def _demo_city(app_env):
    """The demo city; nothing to clear: every cache is keyed by the database and its data version."""


def values(arr) -> list:
    """A plotly JSON array as a list (plotly sends numbers as base64 typed arrays)."""
    if isinstance(arr, dict) and "bdata" in arr:
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=np.dtype(arr["dtype"])).tolist()
    return list(arr)


def _findings(at) -> list[str]:
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_2025_whole_city_shows_the_work_summary(app_env):
    at = open_app(page=PAGE)
    assert at.title[0].value == "示例市2025年权益保障"
    shown = metrics(at)
    assert shown["受理残疾人法律援助案件"] == "100 件"
    assert shown["完成无障碍改造项目"] == "50 个"
    assert shown["查处侵害残疾人权益案件"] == "20 起"
    with make_engine(app_env).connect() as conn:
        closing = queries.legal_aid_closing(conn, Filters(2025)).iloc[0]
    assert shown["已结案"] == f"{int(closing['closed'])} 件（{closing['closed_pct']:.1f}%）"
    assert shown["办理天数中位数"] == f"{closing['median_days']:g} 天"
    assert shown["法律援助工作站"] == "9 个"
    findings = _findings(at)
    assert any(s.startswith("2025年受理法律援助案件共100件") for s in findings)
    assert any(s.startswith("2025年完成无障碍改造项目50个") for s in findings)
    # by default trends run from 2019: a bar a year, and behind 按月明细 84 months, the last twelve adding up to 2025
    figs = plotly_figures(at)
    year_bars, month_line = figs[0]["data"]
    assert values(year_bars["y"])[-1] == 100
    assert len(month_line["x"]) == 84 and month_line["x"][-12] == "2025-01-15"
    assert sum(values(month_line["y"])[-12:]) == 100
    # counties add up to the city in the table
    counties = _table(at, "法律援助案件（件）")
    assert counties["法律援助案件（件）"].sum() == 100
    assert counties["查处侵权案件（起）"].sum() == 20
    assert counties["完成无障碍改造（个）"].sum() == 50


def test_one_county(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[5]
        f = Filters(2025, counties=(c["code"],))
        want = queries.kpis(conn, f, CODES).set_index("code")["value"]
        closing = queries.legal_aid_closing(conn, f).iloc[0]
    at = open_app(page=PAGE, counties=(c["code"],), year_from=2025)  # a single year, no trend
    assert at.title[0].value == f"{c['name']}2025年权益保障"
    shown = metrics(at)
    assert shown["受理残疾人法律援助案件"] == f"{int(want['rights_legal_aid'])} 件"
    assert shown["查处侵害残疾人权益案件"] == f"{int(want['rights_infringement'])} 起"
    assert shown["已结案"].startswith(f"{int(closing['closed'])} 件")
    assert shown["法律援助工作站"] == "1 个"
    counties = _table(at, "法律援助案件（件）")
    assert list(counties["县(区)"]) == [c["name"]]
    month_bars = plotly_figures(at)[0]["data"][0]
    assert month_bars["type"] == "bar" and sum(values(month_bars["y"])) == want["rights_legal_aid"]


def test_year_range_draws_trends(app_env):
    with make_engine(app_env).connect() as conn:
        f = Filters(2023, year_from=2020)
        yearly = queries.indicator_series(conn, f, CODES).pivot_table(index="year", columns="code", values="value")
        closing = queries.legal_aid_closing(conn, f).set_index("year")
    at = open_app(page=PAGE, year=2023, year_from=2020)
    assert at.title[0].value == "示例市2023年权益保障"
    assert metrics(at)["受理残疾人法律援助案件"] == f"{int(yearly.loc[2023, 'rights_legal_aid'])} 件"
    figs = plotly_figures(at)
    # four years: a bar a year, and the month detail (all 48 months) behind 按月明细, adding up alike
    year_bars, month_line = figs[0]["data"]
    assert year_bars["type"] == "bar" and values(year_bars["y"]) == list(yearly["rights_legal_aid"])
    assert len(month_line["x"]) == 48 and sum(values(month_line["y"])) == yearly["rights_legal_aid"].sum()
    # the type chart has one line per type over the four years
    type_lines = figs[1]["data"]
    assert {tr["name"] for tr in type_lines} == {"劳动争议", "交通事故", "婚姻家庭", "财产权益", "其他"}
    assert sum(sum(values(tr["y"])) for tr in type_lines) == yearly["rights_legal_aid"].sum()
    # accepted and closed per year
    table = _table(at, "受理（件）")
    assert list(table["年度"]) == [2020, 2021, 2022, 2023]
    assert list(table["已结案（件）"]) == list(closing["closed"])
    completed = _table(at, "完成项目（个）")
    assert list(completed["完成项目（个）"]) == [int(v) for v in yearly["rights_access_projects"]]


def test_only_the_open_section_is_drawn_on_first_view(app_env):
    """The first view draws the legal-aid section; the others wait behind their tabs (一次显示全部内容
    off), so a leader's first look is not nine charts long (issue 33)."""
    at = open_app(page=PAGE, tables=False)
    assert [tab.label for tab in at.tabs] == [
        "法律援助",
        "查处侵害残疾人权益案件",
        "无障碍改造",
        "法律援助工作站",
        "各县(区)比较",
    ]
    findings = _findings(at)
    assert any(s.startswith("2025年受理法律援助案件共100件") for s in findings)
    assert not any(s.startswith("2025年完成无障碍改造项目50个") for s in findings)
    assert len(plotly_figures(at)) == 4  # by month, by type, by service, closing
    assert metrics(at)["完成无障碍改造项目"] == "50 个"  # the tiles above the tabs stay whole
