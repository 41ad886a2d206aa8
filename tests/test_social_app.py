"""The 社会力量 page as a user sees it, driven through dashboard.py with AppTest."""

from __future__ import annotations

import pytest

from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.apptest_helpers import metrics, open_app, plotly_figures
from tests.test_rights_app import values

PAGE = "pages/social.py"
CODES = ["social_donations", "social_volunteers", "social_volunteer_hours"]


@pytest.fixture(autouse=True)
def _demo_city(app_env):
    """The demo city; nothing to clear: every cache is keyed by the database and its data version."""


def _findings(at) -> list[str]:
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_2025_whole_city_shows_the_work_summary():
    at = open_app(page=PAGE)
    assert at.title[0].value == "示例市2025年社会力量"
    shown = metrics(at)
    assert shown["助残志愿者"] == "500 人"
    assert shown["志愿服务时长"] == "10,000 小时"
    assert shown["社会捐赠款物"] == "300 万元"
    assert shown["人均服务时长"] == "20.0 小时"
    findings = _findings(at)
    assert any(s.startswith("2025年志愿服务时长共10,000小时") for s in findings)
    assert any(s.startswith("2025年收到社会捐赠款物300万元") for s in findings)
    # monthly hours (2019–2025: a bar a year, months on demand): 2025's bar and its twelve months are 10,000 hours
    year_bars, hours_line = plotly_figures(at)[0]["data"]
    assert values(year_bars["y"])[-1] == 10000
    assert sum(values(hours_line["y"])[-12:]) == 10000
    # counties and partners add up to the city
    counties = _table(at, "社会捐赠款物（万元）")
    assert counties["志愿者（人）"].sum() == 500 and counties["服务时长（小时）"].sum() == 10000
    assert counties["社会捐赠款物（万元）"].sum() == pytest.approx(300)
    partners = _table(at, "合作组织")
    assert partners["志愿者（人）"].sum() == 500
    assert {"共青团", "妇联"} <= set(partners["合作组织"])
    # the timeline lists the two lectures of the work summary with their speakers
    events = _table(at, "主讲人")
    lectures = events[(events["类别"] == "专题宣讲") & (events["日期"].astype(str).str.startswith("2025"))]
    assert set(lectures["主题"]) == {
        "不断增强法治意识，加快推进残疾人事业高质量发展",
        "学习贯彻习近平法治思想，落实残疾人保障法",
    }
    assert set(lectures["主讲人"]) == {"党组书记、理事长", "市委党校教授"}
    assert any("全国助残日" in t for t in events["主题"]) and any("国际残疾人日" in t for t in events["主题"])


def test_one_county(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[6]
        f = Filters(2025, counties=(c["code"],))
        want = queries.kpis(conn, f, CODES).set_index("code")["value"]
    at = open_app(page=PAGE, counties=(c["code"],), year_from=2025)
    assert at.title[0].value == f"{c['name']}2025年社会力量"
    shown = metrics(at)
    assert shown["助残志愿者"] == f"{int(want['social_volunteers'])} 人"
    assert shown["志愿服务时长"] == f"{int(want['social_volunteer_hours']):,} 小时"
    counties = _table(at, "社会捐赠款物（万元）")
    assert list(counties["县(区)"]) == [c["name"]]
    hours_bars = plotly_figures(at)[0]["data"][0]
    assert hours_bars["type"] == "bar" and sum(values(hours_bars["y"])) == want["social_volunteer_hours"]
    # the city federation's campaigns and lectures are not a county's records
    assert not any("主讲人" in d.value.columns for d in at.dataframe)
    assert "市残联组织的活动在选择全市时显示" in at.info[0].value


def test_year_range(app_env):
    with make_engine(app_env).connect() as conn:
        f = Filters(2024, year_from=2021)
        yearly = queries.indicator_series(conn, f, CODES).pivot_table(index="year", columns="code", values="value")
    at = open_app(page=PAGE, year=2024, year_from=2021)
    assert at.title[0].value == "示例市2024年社会力量"
    assert metrics(at)["助残志愿者"] == f"{int(yearly.loc[2024, 'social_volunteers'])} 人"
    hours_line = plotly_figures(at)[0]["data"][-1]  # four years: bars a year; the months behind 按月明细
    assert len(hours_line["x"]) == 48
    assert sum(values(hours_line["y"])) == pytest.approx(yearly["social_volunteer_hours"].sum())
    per_year = _table(at, "人均服务时长（小时）")
    assert list(per_year["年度"]) == [2021, 2022, 2023, 2024]
    assert list(per_year["志愿者（人）"]) == [int(v) for v in yearly["social_volunteers"]]
    donations = _table(at, "捐赠笔数")
    assert list(donations["年度"]) == [2021, 2022, 2023, 2024]
    assert list(donations["合计（万元）"]) == pytest.approx(list(yearly["social_donations"]), abs=0.02)
    events = _table(at, "主讲人")
    assert set(events["日期"].astype(str).str[:4]) == {"2021", "2022", "2023", "2024"}


def test_partners_are_named_in_english():
    at = open_app(page=PAGE, state={"g_lang": "en"})
    partners = _table(at, "Partner organisation")
    assert {"Communist Youth League", "Women's Federation"} <= set(partners["Partner organisation"])
    assert partners["Volunteers"].sum() == 500
