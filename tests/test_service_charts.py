"""The Service page's chart builders and findings, without Streamlit or a database."""

from __future__ import annotations

import pandas as pd

from charts import service as ch

EMP = {"code": "emp_new", "name_zh": "新增残疾人就业", "unit_zh": "人", "decimals": 0, "aggregation": "sum"}
SELF = {"code": "emp_self", "name_zh": "其中自主创业", "unit_zh": "人", "decimals": 0, "aggregation": "sum"}
FUNDS = {"code": "rehab_funds", "name_zh": "康复专项资金投入", "unit_zh": "万元", "decimals": 2, "aggregation": "sum"}
RATE = {
    "code": "edu_enrol_rate",
    "name_zh": "适龄残疾儿童少年义务教育入学率",
    "unit_zh": "%",
    "decimals": 1,
    "aggregation": "ratio",
}
GROWTH = {
    "code": "emp_income_growth",
    "name_zh": "残疾人家庭人均可支配收入同比增长",
    "unit_zh": "%",
    "decimals": 1,
    "aggregation": "growth",
}
AREAS = pd.DataFrame(
    {
        "county_code": ["a", "b", "c"],
        "name": ["甲区", "乙县", "丙县"],
        "value": [300.0, 600.0, 100.0],
        "previous": [280.0, 590.0, 120.0],
        "disabled_registered": [5000, 20000, 1000],
        "per_1000": [60.0, 30.0, 100.0],
    }
)


def test_value_sentence_as_in_the_work_summary():
    s = ch.finding_value("全市", 2025, EMP, 1000.0, 940.0, (SELF, 100.0), lang="zh")
    assert s == "2025年全市新增残疾人就业1,000人，同比增长6.4%，其中自主创业100人。"
    assert (
        ch.finding_value("全市", 2025, FUNDS, 2036.0, 1852.76, None, lang="zh")
        == "2025年全市康复专项资金投入2,036万元，同比增长9.9%。"
    )
    # rates: told in points, with 为; growths without
    assert (
        ch.finding_value("中江区", 2025, RATE, 99.3, 98.1, lang="zh")
        == "2025年中江区适龄残疾儿童少年义务教育入学率为99.3%，比上年提高1.2个百分点。"
    )
    assert (
        ch.finding_value("全市", 2025, GROWTH, 10.0, 10.0, lang="zh")
        == "2025年全市残疾人家庭人均可支配收入同比增长10.0%，与上年持平。"
    )
    assert ch.finding_value("全市", 2019, EMP, 705.0, None, lang="zh") == "2019年全市新增残疾人就业705人，上年无数据。"


def test_area_findings():
    assert ch.finding_areas(AREAS, EMP, 2025, "各县(区)", lang="zh") == (
        "2025年各县(区)新增残疾人就业合计1,000人，其中乙县最多（600人），丙县最少（100人）。"
    )
    zeros = AREAS.assign(value=[300.0, 0.0, 0.0])
    assert ch.finding_areas(zeros, EMP, 2025, "甲县各乡镇(街道)", lang="zh").endswith(
        "其中甲区最多（300人），乙县、丙县为0。"
    )
    per = ch.finding_areas(AREAS, EMP, 2025, "各县(区)", per_1000=True, lang="zh")
    assert per == "2025年按每千名持证残疾人计，各县(区)中丙县新增残疾人就业最多（100人），乙县最少（30人）。"
    rates = AREAS.assign(value=[99.5, 97.0, 98.0], per_1000=float("nan"))
    r = ch.finding_areas(rates, RATE, 2025, "各县(区)", lang="zh")
    assert r == "2025年各县(区)中甲区适龄残疾儿童少年义务教育入学率最高（99.5%），乙县最低（97.0%），相差2.5个百分点。"
    assert "合计" not in r  # a rate is never added up


def test_trend_and_monthly_findings():
    trend = pd.DataFrame({"year": [2019, 2020, 2021], "value": [100.0, 110.0, 121.0]})
    assert (
        ch.finding_trend(trend, EMP, "全市", lang="zh")
        == "2019—2021年全市新增残疾人就业由100人增至121人，年均增长10.0%。"
    )
    rate = pd.DataFrame({"year": [2023, 2025], "value": [96.0, 99.3]})
    assert ch.finding_trend(rate, RATE, "全市", lang="zh").endswith("由96.0%变为99.3%，提高3.3个百分点。")
    monthly = pd.DataFrame(
        {"year": [2024] * 3 + [2025] * 2, "month": [1, 2, 3, 1, 2], "value": [10, 10, 10, 8, 20]}
    ).assign(cumulative=[10, 20, 30, 8, 28])
    assert (
        ch.finding_monthly(monthly, EMP, "全市", 2025, lang="zh")
        == "截至2025年2月，全市累计新增残疾人就业28人，比上年同期增加8人（+40.0%）。"
    )


def test_area_bars_largest_first_with_labels_and_reference():
    fig = ch.area_bars(AREAS, EMP, "县(区)", "新增残疾人就业（人）")
    bar = fig.data[0]
    assert list(bar.x) == ["乙县", "甲区", "丙县"] and list(bar.y) == [600, 300, 100]
    assert list(bar.text) == ["600", "300", "100"]
    assert fig.layout.xaxis.title.text == "县(区)" and fig.layout.yaxis.title.text == "新增残疾人就业（人）"
    per = ch.area_bars(AREAS, EMP, "县(区)", "新增残疾人就业（人/千名持证残疾人）", per_1000=True)
    assert list(per.data[0].x) == ["丙县", "甲区", "乙县"] and list(per.data[0].text) == ["100", "60", "30"]
    rates = AREAS.assign(value=[99.5, 97.0, 98.0])
    fig = ch.area_bars(rates, RATE, "县(区)", "入学率（%）", reference=("全市", 98.2))
    assert fig.layout.shapes[0].y0 == 98.2 and "全市" in fig.layout.annotations[0].text
    assert fig.layout.yaxis.range[0] > 0  # close rates are shown on a zoomed axis


def test_many_townships_are_drawn_horizontally():
    towns = pd.DataFrame({"name": [f"镇{i}" for i in range(14)], "value": [float(i) for i in range(14)]})
    fig = ch.area_bars(towns.assign(per_1000=float("nan")), EMP, "乡镇(街道)", "新增残疾人就业（人）")
    assert fig.data[0].orientation == "h" and fig.data[0].y[0] == "镇13"
    assert fig.layout.yaxis.title.text == "乡镇(街道)" and fig.layout.xaxis.title.text == "新增残疾人就业（人）"


def test_trend_and_cumulative_lines():
    trend = pd.DataFrame({"year": [2019, 2020], "value": [1156.18, 2036.0]})
    fig = ch.trend_line(trend, FUNDS, "年度", "康复专项资金投入（万元）", lang="zh")
    assert list(fig.data[0].x) == ["2019", "2020"] and list(fig.data[0].text) == ["1,156", "2,036"]
    assert fig.layout.yaxis.range[1] > 2036  # room for the top label
    monthly = pd.DataFrame(
        {"year": [2024] * 12 + [2025] * 3, "month": list(range(1, 13)) + [1, 2, 3], "value": 1.0}
    ).assign(cumulative=lambda d: d.groupby("year")["value"].cumsum())
    fig = ch.cumulative_lines(monthly, EMP, 2025, "月份", "累计新增残疾人就业（人）", lang="zh")
    assert [t.name for t in fig.data] == ["2025年", "2024年"]
    assert list(fig.data[0].x) == ["1月", "2月", "3月"] and list(fig.data[0].y) == [1, 2, 3]
    # told apart by dash and marker as well as colour
    assert fig.data[0].line.dash != fig.data[1].line.dash and fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fig.layout.showlegend and fig.layout.xaxis.title.text == "月份"


# ------------------------------------------------------------ scope and language

EMP = {"code": "emp_new", "name_zh": "新增残疾人就业", "name_en": "New employment of disabled persons",
       "unit_zh": "人", "unit_en": "persons", "decimals": 0, "aggregation": "sum"}  # fmt: skip
ENROL = {"code": "edu_enrol_rate", "name_zh": "入学率", "name_en": "Enrolment rate",
        "unit_zh": "%", "unit_en": "%", "decimals": 1, "aggregation": "ratio"}  # fmt: skip


def test_one_area_is_stated_not_ranked():
    one = pd.DataFrame({"name": ["青林县"], "value": [146.0], "per_1000": [8.4]})
    assert ch.finding_areas(one, EMP, 2025, "各县(区)", lang="zh") == "2025年青林县新增残疾人就业146人。"
    assert ch.finding_areas(one, EMP, 2025, "the counties", lang="en") == (
        "2025, 青林县: New employment of disabled persons 146 persons."
    )
    two = pd.DataFrame({"name": ["甲镇", "乙乡"], "value": [30.0, 12.0], "per_1000": [3.0, 1.0]})
    s = ch.finding_areas(two, EMP, 2025, "青林县各乡镇(街道)", lang="zh")
    assert s == "2025年青林县各乡镇(街道)新增残疾人就业合计42人，其中甲镇最多（30人），乙乡最少（12人）。"


def test_findings_in_english_and_the_one_rule_for_unchanged():
    s = ch.finding_value("Whole city", 2025, EMP, 1000.0, 940.0, lang="en")
    assert s == "Whole city, 2025: new employment of disabled persons 1,000 persons, up 6.4% on last year."
    # a rate that moved +0.04 points is unchanged here too, as on the tile and the slide
    assert ch.finding_value("全市", 2025, ENROL, 99.34, 99.30, lang="zh").endswith("与上年持平。")
    assert ch.finding_value("Whole city", 2025, ENROL, 99.34, 99.30, lang="en").endswith("unchanged on last year.")
    monthly = pd.DataFrame({"year": [2025, 2024], "month": [12, 12], "cumulative": [1000.0, 940.0]})
    en = ch.finding_monthly(monthly, EMP, "Whole city", 2025, "en")
    assert (
        en
        == "Whole city, January to Dec 2025: New employment of disabled persons 1,000 persons in all, up 60 persons on the same months of last year (+6.4%)."
    )
    trend = pd.DataFrame({"year": [2025], "value": [1000.0]})
    assert "choose an earlier first year" in ch.finding_trend(trend, EMP, "Whole city", "en")


def test_month_ticks_in_english():
    df = pd.DataFrame({"year": [2025, 2025], "month": [1, 2], "cumulative": [10.0, 20.0]})
    fig = ch.cumulative_lines(df, EMP, 2025, "Month", "Persons", lang="en")
    assert list(fig.data[0].x) == ["Jan", "Feb"] and fig.data[0].name == "2025"
    assert list(fig.layout.xaxis.categoryarray)[-1] == "Dec"
