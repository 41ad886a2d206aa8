"""The 规划目标 page and the target line on KPI tiles as a user sees them (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import DASHBOARD, TIMEOUT, open_app, plotly_figures

PAGE = "pages/plan.py"


@pytest.fixture(autouse=True)
def _demo_city(app_env):
    """The demo city; nothing to clear: every cache is keyed by the database and its data version."""


def _table(at, column: str, contains: str):
    """The longest table with ``column`` that shows ``contains`` somewhere."""
    found = [
        d.value
        for d in at.dataframe
        if column in d.value.columns and d.value.astype(str).apply(lambda c: c.str.contains(contains)).any().any()
    ]
    assert found, f"no table with {column} showing {contains}"
    return max(found, key=len)


def _row(df, **where):
    m = df
    for k, v in where.items():
        m = m[m[k] == v]
    assert len(m) == 1, (where, len(m))
    return m.iloc[0]


def test_plan_2025_lists_every_indicator_with_status_in_words_and_signs():
    at = open_app(page=PAGE)
    assert at.title[0].value == "示例市规划目标与年度考核"
    assert at.radio[0].value == "十四五"
    findings = [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]
    assert findings[0] == "十四五 6 项目标（截至2025年）：6 项按期完成。"
    assert "1 项有风险（永和县新增残疾人就业），1 项难以完成（东林区新增残疾人就业）" in findings[1]
    every = _table(at, "预计完成率", "东林区")
    assert len(every) == 58 - 12  # the 十四五 targets: 6 of the city, 5 of each of 8 counties
    city = _row(every, 指标="新增残疾人就业", 区划="示例市")
    assert (city["基期值"], city["最新值"], city["目标值"]) == ("675 人（2020）", "1,000 人（2025）", "≥950 人（2025）")
    assert (city["完成率"], city["状态"]) == ("105%", "✓ 按期完成")
    missed = _row(every, 指标="新增残疾人就业", 区划="东林区")
    assert (missed["最新值"], missed["目标值"], missed["完成率"], missed["状态"]) == (
        "48 人（2025）",
        "≥55 人（2025）",
        "87%",
        "✗ 难以完成",
    )
    assert _row(every, 指标="新增残疾人就业", 区划="永和县")["状态"] == "! 有风险"
    rate = _row(every, 指标="适龄残疾儿童少年义务教育入学率", 区划="示例市")
    assert rate["目标值"] == "≥95.0%（2025）" and rate["属性"] == "约束性"
    chart = plotly_figures(at)[0]
    assert "105% ✓ 按期完成" in chart["data"][1]["text"]  # the projection marker says it in words


def test_the_live_plan_is_projected_from_the_five_years_before():
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.session_state["plan_choice"] = "十五五"  # set before the first run (set_value after switch_page is lost)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception and at.radio[0].value == "十五五"
    every = _table(at, "预计完成率", "示例市")
    emp = _row(every, 指标="新增残疾人就业", 区划="示例市")
    assert (emp["基期值"], emp["目标值"]) == ("1,000 人（2025）", "≥1,200 人（2030）")
    assert emp["需年均"] == "+3.7%/年"  # (1200 / 1000) ^ (1/5) − 1
    assert emp["状态"] in ("✓ 按期完成", "! 有风险", "✗ 难以完成")


def test_assessment_ranking_points_and_reasons():
    at = open_app(page=PAGE)
    ranking = _table(at, "名次", "长宁县")
    first = ranking.iloc[0]
    assert (first["名次"], first["县(区)"], first["总分"]) == (1, "长宁县", 100.0)
    dl = _row(ranking, **{"县(区)": "东林区"})
    assert dl["新增残疾人就业（30）"] == 26.18
    assert "新增残疾人就业完成目标的 87%，扣 3.82 分" in dl["扣分原因"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载考核结果（Excel）" in labels and "下载2025年度通报（Word）" in labels


def test_one_county_chosen_shows_its_targets_and_its_rank_among_all():
    at = open_app(page=PAGE, counties=("990102000000",))
    every = _table(at, "预计完成率", "东林区")
    assert set(every["区划"]) == {"东林区"}
    ranking = _table(at, "名次", "东林区")
    assert list(ranking["县(区)"]) == ["东林区"] and ranking["名次"].iloc[0] == 4


def test_overview_tiles_carry_the_target_line():
    at = open_app(page="pages/overview.py")
    captions = [c.value for c in at.caption]
    assert "十四五目标 ≥950 人，完成 105%（✓ 按期完成）" in captions
    one = open_app(page="pages/overview.py", counties=("990102000000",))
    assert "十四五目标 ≥55 人，完成 87%（✗ 难以完成）" in [c.value for c in one.caption]
