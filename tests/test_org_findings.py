"""The Organisation page's findings for every scope: several counties, one county (its own
figures and townships, never a ranking of one), no data, one year only — in both languages."""

from __future__ import annotations

import pandas as pd

from charts import org_associations, org_coverage, org_staffing

NAMES = {"990101000000": "中江区", "990103000000": "青林县"}


def _by_county(rows):
    out = []
    for code, pct, gap in rows:
        for m in ("township", "township_staff", "village", "village_staff"):
            p, g = (pct, gap) if m == "village_staff" else (100.0, 0)
            out.append({"county_code": code, "measure": m, "total": 100, "covered": 100 - g, "gap": g, "pct": p})
    return pd.DataFrame(out)


def _trend(pcts: dict[int, float]):
    return pd.DataFrame(
        [
            {"year": y, "measure": m, "covered": 0, "total": 0, "pct": p if m == "village_staff" else 100.0}
            for y, p in pcts.items()
            for m in ("township", "township_staff", "village", "village_staff")
        ]
    )


def test_several_counties_lowest_and_highest():
    s = org_coverage.county_finding(
        _by_county([("990101000000", 80.0, 20), ("990103000000", 37.9, 62)]), NAMES, 2022, lang="zh"
    )
    assert s == "2022年村(社区)专职委员配备率最低的是青林县（37.9%，缺62个），最高的是中江区（80.0%）。"
    en = org_coverage.county_finding(
        _by_county([("990101000000", 80.0, 20), ("990103000000", 37.9, 62)]), NAMES, 2022, "en"
    )
    assert en == (
        "2022: villages with full-time staff is lowest in 青林县 (37.9%, 62 villages short) and highest in 中江区 (80.0%)."
    )


def test_one_county_is_not_ranked_against_itself():
    one = _by_county([("990103000000", 37.9, 62)])
    s = org_coverage.county_finding(one, NAMES, 2022, trend=_trend({2021: 30.0, 2022: 37.9}), lang="zh")
    assert s == "2022年末青林县村(社区)专职委员配备率37.9%（缺62个），比上年提高7.9个百分点。"
    assert "最低" not in s and "最高" not in s
    assert (
        org_coverage.county_finding(one, NAMES, 2022, lang="zh")
        == "2022年末青林县村(社区)专职委员配备率37.9%（缺62个）。"
    )
    done = _by_county([("990103000000", 100.0, 0)])
    assert org_coverage.county_finding(done, NAMES, 2025, lang="zh") == "2025年末青林县四项覆盖率均达到100%。"
    # the table lists the county once, not a total row and the county again
    total = one.groupby("measure", as_index=False)[["total", "covered", "gap", "pct"]].sum()
    wide = org_coverage.coverage_wide(one, total, NAMES, "青林县", lang="zh")
    assert list(wide["县(区)"]) == ["青林县"]


def test_no_data():
    empty = _by_county([]).reindex(columns=["county_code", "measure", "total", "covered", "gap", "pct"])
    assert org_coverage.county_finding(empty, NAMES, 2025, lang="zh") == "所选范围没有数据。"
    assert org_coverage.county_finding(empty, NAMES, 2025, "en") == "No data for this selection."
    assert (
        org_coverage.trend_finding(_trend({}), pd.DataFrame({"year": []}), 2025, "全市", lang="zh")
        == "所选范围没有数据。"
    )


def _gaps(rows):
    return pd.DataFrame(
        [
            {"county_name": c, "township_name": t, "name": n, "level": lv, "status": st, "code": "9901", "established_on": None}
            for c, t, n, lv, st in rows
        ]
    )  # fmt: skip


def test_gaps_by_county_and_by_township():
    g = _gaps(
        [
            ("青林县", "石桥镇", "甲村", "village", "none"),
            ("青林县", "石桥镇", "乙村", "village", "no_staff"),
            ("青林县", "河口乡", "丙村", "village", "no_staff"),
        ]
    )
    city = org_coverage.gap_finding(g, 2022, "全市", counties_in_view=8, lang="zh")
    assert (
        city
        == "全市2022年末共有0个乡镇(街道)、3个村(社区)存在缺口（其中0个乡镇(街道)未建残联、1个村(社区)未建残协），均在青林县。"
    )
    one = org_coverage.gap_finding(g, 2022, "青林县", counties_in_view=1, lang="zh")
    assert one.endswith("，缺口最多的是石桥镇（2个）。") and "缺口最多的是青林县" not in one
    en = org_coverage.gap_finding(g.iloc[:0], 2025, "Whole city", "en")
    assert en.startswith("Whole city, end of 2025: no gaps") and "年" not in en


def test_one_year_only_and_english_trend():
    t = _trend({2025: 100.0})
    full = pd.DataFrame({"year": [2025]})
    s = org_coverage.trend_finding(t, full, 2025, "全市", lang="zh")
    assert "村(社区)专职委员配备率100.0%" in s and "选择更早的“趋势起始年”" in s and "从2025年" not in s
    en = org_coverage.trend_finding(_trend({2019: 50.0, 2025: 100.0}), full, 2025, "Whole city", "en")
    assert en.startswith("Whole city: townships with a federation went from 100.0% in 2019 to 100.0% in 2025")
    assert "年" not in en


def test_staffing_and_associations_for_one_county_and_in_english():
    staffing = pd.DataFrame({"year": [2025, 2025], "post_kind": ["admin_posts", "vice_chairs"], "count": [3, 2]})
    assert (
        org_staffing.staffing_finding(staffing, 2025, lang="zh") == "2025年新增：县级行政编制3名，兼(挂)职副理事长2名。"
    )
    assert org_staffing.staffing_finding(staffing, 2025, "en") == (
        "Added in 2025: 3 county administrative posts; 2 part-time/seconded vice-chairs."
    )
    kinds = ["party_group", "assoc_blind", "assoc_deaf", "assoc_physical", "assoc_intellectual", "assoc_mental"]
    trend = pd.DataFrame({"year": 2025, "org_type": kinds, "count": [1, 1, 1, 0, 1, 1], "counties": 1})
    one = org_associations.county_units_finding(trend, 2025, county="青林县", lang="zh")
    assert one == "2025年末，青林县已设立残联党组；已注册盲协、聋协、智协、精协，尚未注册肢协。"
    assert "1个县(区)中" not in one
