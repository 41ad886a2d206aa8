"""The one-line findings of the charts say only what is true: ties named as ties, "most" only
when one stands out, a flat series "保持", zeros named (issue 27). Pure builders, no database."""

from __future__ import annotations

import pandas as pd

from charts import breakdowns, rights, service

EMP = {"code": "culture_events", "name_zh": "残疾人文化体育活动", "name_en": "Culture and sport events",
       "unit_zh": "场次", "unit_en": "events", "decimals": 0, "aggregation": "sum"}  # fmt: skip


def _months(values: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"year": 2025, "month": range(1, 13), "value": values})


def test_a_tie_for_the_busiest_month_names_both():
    df = _months([5, 6, 7, 8, 9, 10, 11, 12, 12, 3, 13, 13])
    assert "11月、12月最多（各13件）" in breakdowns.monthly_finding(df, "受理法律援助案件", "件", lang="zh")
    assert "the most in Nov and Dec (13 cases each)" in breakdowns.monthly_finding(
        df, "legal-aid cases", "cases", lang="en"
    )


def test_a_three_way_tie_names_all_three():
    df = _months([0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    assert "3月、5月、8月最多（各1件）" in breakdowns.monthly_finding(df, "受理法律援助案件", "件", lang="zh")


def test_grew_most_is_a_tie_when_two_grew_alike():
    df = pd.DataFrame({"year": [2024, 2024, 2025, 2025], "agency": ["市场监管", "人社", "市场监管", "人社"],
                       "n": [1, 2, 5, 6]})  # fmt: skip
    assert "人社、市场监管增加最多（各4起）" in breakdowns.breakdown_finding(
        df, "agency", "n", "查处侵权案件", "起", lang="zh"
    )


def test_county_tie_in_rights():
    df = pd.DataFrame({"county": ["临江县", "长宁县", "青林县"], "infringement": [4, 4, 1]})
    s = rights.county_compare_finding(df, {"infringement": "查处侵权案件"}, {"infringement": "起"}, 2025, lang="zh")
    assert "查处侵权案件最多的是临江县、长宁县（各4起）" in s
    en = rights.county_compare_finding(
        df, {"infringement": "infringement cases"}, {"infringement": "cases"}, 2025, "en"
    )
    assert "highest in 临江县 and 长宁县 (4 cases each)" in en


def test_flat_trend_is_kept_not_grown():
    df = pd.DataFrame({"year": [2019, 2025], "value": [30, 30]})
    s = service.finding_trend(df, EMP, "全市", lang="zh")
    assert s == "2019—2025年全市残疾人文化体育活动保持30场次。"
    assert "增至" not in s and "0.0%" not in s


def test_lowest_tie_and_zeros_are_named():
    df = pd.DataFrame({"name": ["甲县", "乙县", "丙县", "丁县"], "value": [30, 9, 9, 20], "per_1000": [1, 2, 3, 4]})
    assert service.finding_areas(df, EMP, 2025, "各县(区)", lang="zh").endswith("乙县、丙县最少（各9场次）。")


def test_a_median_over_closed_cases_only_is_not_compared_with_closed_years():
    from charts.rights import closing_finding

    df = pd.DataFrame(
        {"year": [2023, 2024, 2025], "accepted": [90, 93, 100], "closed": [90, 93, 76], "closed_pct": [100, 100, 76],
         "median_days": [60, 70, 53], "open_cases": [0, 0, 24], "median_closed_only": [False, False, True]}
    )  # fmt: skip
    s = closing_finding(df, lang="zh")
    assert "中位数为53天（尚有24件未结案，未计入，故不与往年比较）" in s and "历年" not in s
    assert "24 open cases not counted" in closing_finding(df, "en")


def test_a_county_not_reported_is_named_never_written_as_zero():
    import numpy as np

    labels, units = {"legal": "法律援助案件", "access": "完成无障碍改造"}, {"legal": "件", "access": "个"}
    one = pd.DataFrame({"county": ["安平县"], "legal": [np.nan], "access": [np.nan]})
    assert rights.county_compare_finding(one, labels, units, 2025, lang="zh") == "2025年安平县尚未报送数据。"
    three = pd.DataFrame({"county": ["安平县", "临江县", "长宁县"], "legal": [np.nan, 4, 4], "access": [np.nan, 2, 1]})
    s = rights.county_compare_finding(three, labels, units, 2025, lang="zh")
    assert s.endswith("；安平县尚未报送。") and "安平县（" not in s and "0件" not in s


def test_coverage_history_without_villages_has_no_nan():
    from charts.org_coverage import trend_finding

    trend = pd.DataFrame(
        {"year": [2024, 2025, 2024, 2025], "measure": ["township", "township", "village", "village"],
         "pct": [90.0, 100.0, float("nan"), float("nan")]}
    )  # fmt: skip
    s = trend_finding(trend, pd.DataFrame(), 2025, "全市", lang="zh")
    assert "nan" not in s and "乡镇(街道)" in s
