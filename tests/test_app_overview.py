"""The Overview page as a user sees it, driven through dashboard.py with AppTest."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.apptest_helpers import DASHBOARD, metrics, open_app

WORK_SUMMARY_TILES = {
    "乡镇(街道)残联覆盖率": "100.0%",
    "村(社区)残协覆盖率": "100.0%",
    # section 一's staffing and reform (the work summary: 5 city / 3 county posts, 3 hires, 10 vice-chairs)
    "市级新增编制": "5 名",
    "县级新增行政编制": "3 名",
    "“以钱养事”工作人员": "3 名",
    "兼(挂)职副理事长": "10 名",
    "设立党组的县级残联": "8 / 8 个",
    "五个专门协会均已注册的县(区)": "5 / 8 个",
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
    "受理残疾人法律援助案件": "100 件",
    "完成无障碍改造项目": "50 个",
    "查处侵害残疾人权益案件": "20 起",
    "社会捐赠款物": "300 万元",
    "助残志愿者": "500 人",
    "志愿服务时长": "10,000 小时",
}


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def test_overview_2025_whole_city_shows_the_work_summary():
    at = open_app()
    assert at.title[0].value == "示例市2025年残疾人事业工作总览"
    assert metrics(at) == WORK_SUMMARY_TILES
    # the change on the year before is told in words, not by colour alone
    emp = next(m for m in at.metric if m.label == "新增残疾人就业")
    assert emp.proto.delta.startswith("+") and emp.proto.delta_description == "较上年"


def test_overview_one_county_adds_up_to_its_own_figures(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[3]
        want = queries.kpis(conn, Filters(2025, counties=(c["code"],)), ["emp_new", "rights_legal_aid"])
    want = want.set_index("code")["value"]
    at = open_app(counties=(c["code"],))
    assert at.title[0].value == f"{c['name']}2025年残疾人事业工作总览"
    shown = metrics(at)
    assert shown["新增残疾人就业"] == f"{int(want['emp_new']):,} 人"
    assert shown["受理残疾人法律援助案件"] == f"{int(want['rights_legal_aid'])} 件"
    table = at.dataframe[0].value
    assert list(table["县(区)"]) == [c["name"]]
    assert table["新增残疾人就业（人）"].iloc[0] == want["emp_new"]


def test_overview_2024_shows_2024(app_env):
    with make_engine(app_env).connect() as conn:
        want = queries.kpis(conn, Filters(2024), ["emp_new", "social_donations"]).set_index("code")["value"]
    at = open_app(year=2024)
    assert at.title[0].value.startswith("示例市2024年")
    assert metrics(at)["新增残疾人就业"] == f"{int(want['emp_new']):,} 人"
    assert metrics(at)["新增残疾人就业"] != "1,000 人"
    table = at.dataframe[0].value
    assert len(table) == 8
    assert table["社会捐赠款物（万元）"].sum() == pytest.approx(want["social_donations"])


def test_filters_come_from_a_shared_link(app_env):
    with make_engine(app_env).connect() as conn:
        c = queries.all_counties(conn).iloc[1]
    at = open_app(query={"county": c["code"], "year": "2023"})
    assert at.title[0].value == f"{c['name']}2023年残疾人事业工作总览"
    assert at.query_params["county"] in (c["code"], [c["code"]])
    assert at.query_params["year"] in ("2023", ["2023"])


def test_bad_values_in_a_link_are_ignored(app_env):
    at = open_app(query={"county": "110101000000,<script>", "year": "1900"})
    assert at.title[0].value == "示例市2025年残疾人事业工作总览"


def test_english_labels():
    at = open_app(query={"lang": "en"})
    assert "overview" in at.title[0].value
    assert "New employment of disabled persons" in metrics(at)
    helps = {m.label: m.proto.help for m in at.metric}
    assert helps["Townships with a federation"] == (
        "Townships (sub-districts) with a federation / all townships (sub-districts)"
    )


def test_english_pages_after_a_page_switch():
    """In English the year selector reads 2024, not 2024年, on the page a reader moves to."""
    at = open_app("pages/service.py", year=2024, state={"g_lang": "en"})
    year = at.selectbox(key="g_year")
    assert year.value == 2024 and "2023" in year.options and "2023年" not in year.options
    assert at.title[0].value == "Whole city 2024: service delivery"
    pick = at.selectbox(key="service_pick_rehab")
    assert "New rehabilitation beds (beds)" in pick.options, pick.options


def test_wrong_database_url_gives_a_clear_chinese_error(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://canlian:TopSecret99@127.0.0.1:9/canlian")
    st.cache_resource.clear()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    assert not at.exception
    assert "无法打开数据库" in at.title[0].value
    err = at.error[0].value
    assert "无法连接到数据库服务器" in err and "127.0.0.1:9" in err
    everything = " ".join(str(e.value) for e in [*at.error, *at.info, *at.code, *at.title])
    assert "TopSecret99" not in everything


def test_garbage_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "this is not a url")
    st.cache_resource.clear()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    assert not at.exception
    assert "数据库地址格式不正确" in at.error[0].value


@pytest.mark.parametrize("page", ["pages/plan.py", "pages/social.py"])
def test_charts_keep_the_projector_template(page):
    """Streamlit's own chart theme would grey the axis text: every chart is drawn with ours."""
    at = open_app(page)
    charts = at.get("plotly_chart")
    assert charts and all(el.proto.theme == "" for el in charts), [el.proto.theme for el in charts]
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["template"]["layout"]["xaxis"]["tickfont"]["color"] == "#111827"


def test_a_shared_english_link_names_the_federation_in_english():
    """?lang=en names the federation in English in the sidebar, in the first run: the language is
    read before the name is drawn (one at.run() is one execution, as in production)."""
    at = open_app(query={"lang": "en"})
    badge = next(h.proto.body for h in at.get("html") if "canlian-identity" in h.proto.body)
    assert "示例市 Disabled Persons&#x27; Federation" in badge and "残疾人联合会" not in badge
