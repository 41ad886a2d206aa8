"""Chart builders and findings of the 权益保障 and 社会力量 pages, without Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import breakdowns, rights, social


def _monthly(years):
    return pd.DataFrame(
        [(y, m, 10 + m + (y - years[0])) for y in years for m in range(1, 13)], columns=["year", "month", "value"]
    )


def test_monthly_single_year_bars_and_range_line():
    one = breakdowns.monthly_chart(_monthly([2025]), "案件数（件）", lang="zh")
    assert one.data[0].type == "bar" and list(one.data[0].x) == [f"{m}月" for m in range(1, 13)]
    span = breakdowns.monthly_chart(_monthly([2024, 2025]).iloc[:-1], "案件数（件）", lang="zh")  # 2025-12 missing
    assert span.data[0].type == "scatter" and len(span.data[0].x) == 24 and span.data[0].y[-1] == 0
    assert span.layout.yaxis.title.text == "案件数（件）"
    long = breakdowns.monthly_chart(_monthly([2019, 2020, 2021, 2022, 2023, 2024, 2025]), "案件数（件）", lang="zh")
    years, months = long.data
    assert years.type == "bar" and list(years.y) == [sum(10 + m + k for m in range(1, 13)) for k in range(7)]
    assert years.text[0] == "198" and months.visible is False and len(months.x) == 84  # months on demand
    assert [b.label for b in long.layout.updatemenus[0].buttons] == ["按年合计", "按月明细"]
    assert long.layout.xaxis.tickangle == 0 and long.layout.xaxis.tickformat == "%Y年"  # one horizontal tick a year


def test_monthly_finding():
    s = breakdowns.monthly_finding(_monthly([2024, 2025]), "受理法律援助案件", "件", lang="zh")
    assert s == "2025年受理法律援助案件共210件，12月最多（23件）；比2024年增加12件。"
    assert breakdowns.monthly_finding(_monthly([2024]).iloc[:0], "受理法律援助案件", "件", lang="zh").startswith(
        "所选范围内没有"
    )


def test_breakdown_fills_missing_years_with_zero_and_names_the_largest():
    df = pd.DataFrame(
        [(2024, "劳动争议", 5), (2025, "劳动争议", 6), (2025, "其他", 3)], columns=["year", "case_type", "cases"]
    )
    fig = breakdowns.breakdown_chart(df, "case_type", "cases", "案件类型", "案件数（件）", lang="zh")
    other = next(t for t in fig.data if t.name == "其他")
    assert list(other.y) == [0, 3]
    assert [t.line.dash for t in fig.data] == ["solid", "dash"]  # not told apart by colour alone
    s = breakdowns.breakdown_finding(df, "case_type", "cases", "法律援助案件", "件", lang="zh")
    assert s == "2025年法律援助案件中劳动争议最多，6件，占66.7%；与2024年相比，其他增加最多（3件）。"


def test_closing_finding_and_patterned_bars():
    df = pd.DataFrame(
        {
            "year": [2024, 2025],
            "accepted": [93, 100],
            "closed": [93, 76],
            "closed_pct": [100.0, 76.0],
            "median_days": [60.0, 53.0],
        }
    )
    s = rights.closing_finding(df, lang="zh")
    assert s.startswith("2025年受理100件，已结案76件（结案率76.0%），已结案件从受理到结案的天数中位数为53天")
    fig = rights.closing_chart(df, "案件数（件）", lang="zh")
    assert {t.marker.pattern.fillmode for t in fig.data} == {"overlay"}
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape


def test_stations_and_counties_findings():
    st = pd.DataFrame({"county": ["市本级", "甲县", "乙县"], "staff_count": [2, 1, 3]})
    assert (
        rights.stations_finding(st, 2025, 2, lang="zh")
        == "2025年底共有法律援助工作站3个（含市本级1个），覆盖全部2个县(区)，工作人员6人。"
    )
    assert "（共8个）" in rights.stations_finding(st, 2025, 8, lang="zh")
    df = pd.DataFrame({"county": ["甲县", "乙县"], "a": [3, 5], "b": [2, 1]})
    s = rights.county_compare_finding(
        df, {"a": "法律援助案件", "b": "查处侵权案件"}, {"a": "件", "b": "起"}, 2025, lang="zh"
    )
    assert s == "2025年各县(区)中，法律援助案件最多的是乙县（5件），查处侵权案件最多的是甲县（2起）。"


def test_social_findings():
    people = pd.DataFrame({"month": [1, 2, 3], "value": [300, 380, 340]})
    s = social.people_by_month_finding(people, 2025, 500, lang="zh")
    assert s.startswith("2025年每月参加服务的志愿者在300人（1月）到380人（2月）之间") and "不是各月相加" in s
    don = pd.DataFrame({"year": [2024, 2025], "money_wan": [200.0, 213.26], "goods_wan": [70.0, 86.74]})
    assert (
        social.donations_finding(don, lang="zh")
        == "2025年收到社会捐赠款物300万元，其中捐款213.26万元、捐物折价86.74万元；比2024年增加30万元。"
    )
    fig = social.donations_chart(don, "金额（万元）", lang="zh")
    assert list(fig.data[-1].text) == ["270", "300"]
    events = pd.DataFrame(
        {
            "held_on": [dt.date(2025, 4, 18), dt.date(2025, 5, 18), dt.date(2025, 10, 16)],
            "year": [2025] * 3,
            "kind": ["lecture", "campaign", "lecture"],
            "title": ["甲", "全国助残日", "乙"],
            "speaker": ["理事长", None, "教授"],
            "participants": [200, 2000, 150],
        }
    )
    assert (
        social.timeline_finding(events, 2025, lang="zh")
        == "2025年开展主题宣传活动1次、专题宣讲2场，共2,350人次参加；专题宣讲为《甲》、《乙》。"
    )
    tl = social.timeline_chart(events, "日期", lang="zh")
    assert {t.name for t in tl.data} == {"主题宣传活动", "专题宣讲"}
    assert tl.data[0].marker.symbol != tl.data[1].marker.symbol


def test_rights_findings_in_english_and_for_one_county():
    monthly = pd.DataFrame({"year": [2024, 2025, 2025], "month": [3, 3, 12], "value": [60, 40, 60]})
    en = breakdowns.monthly_finding(monthly, "legal-aid cases accepted", "cases", lang="en")
    assert en == "2025: legal-aid cases accepted 100 cases in all, the most in Dec (60 cases); up 40 cases on 2024."
    fig = breakdowns.monthly_chart(monthly[monthly["year"] == 2025], "Cases", lang="en")
    assert list(fig.data[0].x) == ["Mar", "Dec"] and fig.layout.xaxis.title.text == "Month"
    by_type = pd.DataFrame({"year": [2025, 2025], "case_type": ["劳动争议", "交通事故"], "cases": [30, 28]})
    assert breakdowns.breakdown_finding(by_type, "case_type", "cases", "legal-aid cases", "cases", lang="en") == (
        "2025: most legal-aid cases were labour disputes, 30 cases (51.7%)."
    )
    one = pd.DataFrame({"county": ["青林县"], "a": [9], "b": [2]})
    s = rights.county_compare_finding(
        one, {"a": "法律援助案件", "b": "查处侵权案件"}, {"a": "件", "b": "起"}, 2025, lang="zh"
    )
    assert s == "2025年青林县法律援助案件9件，查处侵权案件2起。" and "最多" not in s


def test_social_findings_in_english_and_for_one_county():
    one = pd.DataFrame({"county": ["青林县"], "volunteers": [66], "hours": [1388], "hours_per_volunteer": [21.03]})
    assert social.county_finding(one, 2025, lang="zh") == "2025年青林县志愿服务1,388小时（66名志愿者），人均21.0小时。"
    assert social.county_finding(one, 2025, "en") == "2025, 青林县: 1,388 hours by 66 volunteers, 21.0 hours each."
    don = pd.DataFrame({"year": [2024, 2025], "money_wan": [200.0, 220.0], "goods_wan": [70.0, 80.0]})
    assert social.donations_finding(don, "en") == (
        "2025: donations worth CNY 3 million, of which money CNY 2.2 million and goods CNY 800,000; "
        "up CNY 300,000 (+11.1%) on 2024."
    )
