"""The Service delivery page as a user sees it, driven through dashboard.py with AppTest."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.apptest_helpers import DASHBOARD, TIMEOUT, metrics, open_app, plotly_figures
from ui.filters import K_COUNTIES, K_TABLES, K_YEAR

PAGE = "pages/service.py"
# the shared design §5 (docs/shared-design.md), as the tiles print them
WORK_SUMMARY_TILES = {
    "康复专项资金投入": "2,036 万元",
    "新建和改扩建康复中心": "10 个",
    "新增康复床位": "200 张",
    "康复讲座和培训": "108 场次",
    "康复知识普及受益人次": "10,000 人次",
    "新增残疾人就业": "1,000 人",
    "其中自主创业": "100 人",
    "残疾人家庭人均可支配收入同比增长": "10.0%",
    "资助残疾学生": "200 人次",
    "发放助学金": "50 万元",
    "残疾人文化体育活动": "50 场次",
    "文体活动参与人次": "5,000 人次",
}
# one chart block per part: counties (or townships), trend, monthly progress
AREAS, TREND, MONTHLY = 0, 1, 2


@pytest.fixture(autouse=True)
def _demo_city(app_env):
    """The demo city; nothing to clear: every cache is keyed by the database and its data version."""


def open_service(year: int | None = None, counties: tuple[str, ...] = (), **widgets: object) -> AppTest:
    """The page with the page's own widgets (indicator, per-1,000 switch) set before the first run.

    Set through session state rather than ``set_value``: once another page's AppTest has run in
    the same process, widget changes made after ``switch_page`` are not kept on the rerun.
    """
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.session_state[K_TABLES] = True  # every tab computed, as with 一次显示全部内容
    if year is not None:
        at.session_state[K_YEAR] = year
    if counties:
        at.session_state[K_COUNTIES] = list(counties)
    for key, value in widgets.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def arr(v: object) -> list:
    """A trace's array as plain values (plotly sends numbers as typed base64 arrays)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def bar_values(fig: dict) -> dict[str, float]:
    """Area name → bar value, for vertical and horizontal bars."""
    trace = fig["data"][0]
    names, values = arr(trace["x"]), arr(trace["y"])
    if trace.get("orientation") == "h":
        names, values = values, names
    return dict(zip(names, values, strict=True))


def test_2025_whole_city_shows_the_work_summary(app_env):
    with make_engine(app_env).connect() as conn:
        k = queries.kpis(conn, Filters(2025), ["emp_new", "rehab_funds", "edu_enrol_rate"]).set_index("code")
        names = queries.all_counties(conn).set_index("code")["name"]
    at = open_app(page=PAGE)
    assert at.title[0].value == "示例市2025年公共服务"
    assert [tab.label for tab in at.tabs] == ["康复服务", "就业创业", "教育扶持", "文化体育"]
    shown = metrics(at)
    assert WORK_SUMMARY_TILES.items() <= shown.items()
    assert shown["免费职业培训"] == "1,500 人次" and shown["创业贷款贴息"] == "36.5 万元"
    assert shown["适龄残疾儿童少年义务教育入学率"] == f"{k.loc['edu_enrol_rate', 'value']:.1f}%"

    findings = [i.value for i in at.info]
    emp_pct = k.loc["emp_new", "change_pct"]
    assert findings[0] == f"2025年全市康复专项资金投入2,036万元，同比增长{k.loc['rehab_funds', 'change_pct']:.1f}%。"
    assert findings[1] == f"2025年全市新增残疾人就业1,000人，同比增长{emp_pct:.1f}%，其中自主创业100人。"

    figs = plotly_figures(at)
    assert len(figs) == 12  # four parts × (counties, trend, monthly)
    rehab, emp, culture = figs[0:3], figs[3:6], figs[9:12]
    # counties add up to the city; every county is there
    assert sum(bar_values(rehab[AREAS]).values()) == pytest.approx(2036)
    assert set(bar_values(emp[AREAS])) == set(names)
    assert sum(bar_values(emp[AREAS]).values()) == 1000
    assert sum(bar_values(culture[AREAS]).values()) == 50
    # axis titles in Chinese with units
    assert rehab[AREAS]["layout"]["yaxis"]["title"]["text"] == "康复专项资金投入（万元）"
    assert rehab[AREAS]["layout"]["xaxis"]["title"]["text"] == "县(区)"
    # the trend runs over the global year range and ends at the year's figure
    assert arr(emp[TREND]["data"][0]["x"]) == [str(y) for y in range(2019, 2026)]
    assert arr(emp[TREND]["data"][0]["y"])[-1] == 1000
    # month by month: this year's cumulative ends at the year's figure, against last year
    this_year, last_year = emp[MONTHLY]["data"]
    assert (this_year["name"], last_year["name"]) == ("2025年", "2024年")
    assert arr(this_year["y"])[-1] == 1000 and arr(last_year["y"])[-1] == pytest.approx(k.loc["emp_new", "previous"])
    assert emp[MONTHLY]["layout"]["yaxis"]["title"]["text"] == "累计新增残疾人就业（人）"
    # every chart's numbers are offered as a table with a CSV download
    assert len(at.get("download_button")) == 12


def test_rates_are_not_summed_on_the_page(app_env):
    with make_engine(app_env).connect() as conn:
        by_county = queries.service_by_area(conn, Filters(2025), "edu_enrol_rate")
        city = queries.kpis(conn, Filters(2025), ["edu_enrol_rate"]).loc[0, "value"]
    at = open_service(service_pick_education="edu_enrol_rate")
    assert at.selectbox(key="service_pick_education").value == "edu_enrol_rate"
    figs = plotly_figures(at)
    areas = figs[6]
    assert sorted(arr(areas["data"][0]["y"])) == pytest.approx(sorted(by_county["value"]))
    assert areas["layout"]["shapes"][0]["y0"] == pytest.approx(city)  # the city's rate, from its parts
    finding = next(m.value for m in at.markdown if "入学率最高" in m.value)
    assert "合计" not in finding and "相差" in finding
    # a rate is not divided by population and has no monthly progress
    assert at.toggle(key="service_per_education").disabled
    assert "该指标按年度统计，没有逐月进度。" in [i.value for i in at.info]


def test_one_county_2024_drills_down_to_townships(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[2]
        f = Filters(2024, counties=(c["code"],))
        k = queries.kpis(conn, f, ["rehab_funds", "rehab_trainings", "emp_new"]).set_index("code")["value"]
        towns = dict(
            conn.execute(
                text(
                    "SELECT a.name, SUM(v.value) FROM indicator_values v JOIN areas a ON a.code = v.township_code "
                    "WHERE v.indicator_code='rehab_trainings' AND v.year=2024 AND v.county_code=:c GROUP BY a.name"
                ),
                {"c": c["code"]},
            ).all()
        )
        reg = dict(
            conn.execute(
                text("SELECT name, disabled_registered FROM areas WHERE level='township' AND county_code=:c"),
                {"c": c["code"]},
            ).all()
        )
    at = open_app(page=PAGE, year=2024, counties=(c["code"],))
    assert at.title[0].value == f"{c['name']}2024年公共服务"
    shown = metrics(at)
    assert shown["康复专项资金投入"] == f"{k['rehab_funds']:,.2f}".rstrip("0").rstrip(".") + " 万元"
    assert shown["新增残疾人就业"] == f"{int(k['emp_new']):,} 人"
    assert shown["新增残疾人就业"] != "1,000 人"
    # rehab funds are reported by county: no townships to show
    assert "该指标按县(区)上报，没有乡镇(街道)明细。" in [i.value for i in at.info]

    at = open_service(2024, (c["code"],), service_pick_rehab="rehab_trainings")
    assert f"{c['name']}各乡镇(街道)" in [h.value for h in at.subheader]
    townships = bar_values(plotly_figures(at)[0])
    assert townships == pytest.approx({n: float(v) for n, v in towns.items()} | {n: 0.0 for n in reg if n not in towns})
    assert sum(townships.values()) == pytest.approx(k["rehab_trainings"])
    assert plotly_figures(at)[0]["layout"]["yaxis"]["title"]["text"] == "乡镇(街道)"  # many: horizontal bars

    # per 1,000 registered disabled persons, so large and small townships compare fairly
    at = open_service(2024, (c["code"],), service_pick_rehab="rehab_trainings", service_per_rehab=True)
    assert at.toggle(key="service_per_rehab").value
    per = bar_values(plotly_figures(at)[0])
    assert per == pytest.approx({n: towns.get(n, 0) / reg[n] * 1000 for n in reg})
    assert plotly_figures(at)[0]["layout"]["xaxis"]["title"]["text"] == "康复讲座和培训（场次/千名持证残疾人）"
    table = at.dataframe[0].value
    assert "每千名持证残疾人（场次）" in table.columns and len(table) == len(reg)
