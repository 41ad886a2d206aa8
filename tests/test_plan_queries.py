"""Plan targets: loading them, attainment, projection to the plan's end and the yearly
assessment, against values computed by hand on a small city loaded through the import
path on every backend, and on the demo city (its plan is derived from its figures)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access import queries
from data_access.filters import Filters
from data_access.loading import csv_bytes, load_file
from data_access.models import PlanTarget

CITY, A, B = "990100000000", "990101000000", "990102000000"
A1, A2, B1 = "990101101000", "990101201000", "990102101000"


def _load(engine, rows: list[dict], name: str, kind: str):
    res = load_file(engine, csv_bytes(pd.DataFrame(rows)), name, "测试", kind=kind)
    assert res.status == "done", res.problems[:5]
    return res


def _small_city(engine) -> None:
    """Two counties; the figures of the hand computations below."""
    area = lambda code, name, level, kind: {"区划代码": code, "名称": name, "层级": level, "类型": kind}
    _load(
        engine,
        [
            area(CITY, "小城市", "市", "市"),
            area(A, "甲区", "县(区)", "区"),
            area(B, "乙县", "县(区)", "县"),
            area(A1, "甲镇", "乡镇(街道)", "镇"),
            area(A2, "甲乡", "乡镇(街道)", "乡"),
            area(B1, "乙镇", "乡镇(街道)", "镇"),
        ],
        "areas.csv",
        "areas",
    )
    v = []
    for code, series in ((A1, (40, 50, 60, 70)), (B1, (20, 22, 24, 30))):
        for year, n in zip(range(2020, 2024), series, strict=True):
            v.append({"指标": "新增残疾人就业", "区划代码": code, "年度": year, "月份": 6, "数值": n})
    for code, n in ((A1, 45), (B1, 20)):
        v.append({"指标": "免费职业培训", "区划代码": code, "年度": 2023, "月份": 3, "数值": n})
    # enrolment: 甲区 (90 + 10) / (100 + 20) = 83.33 %, not the mean of 90 % and 50 %
    for code, age, enrolled in ((A1, 100, 90), (A2, 20, 10), (B1, 50, 50)):
        v.append({"指标": "适龄残疾儿童少年", "区划代码": code, "年度": 2023, "月份": 0, "数值": age})
        v.append(
            {"指标": "接受义务教育的适龄残疾儿童少年", "区划代码": code, "年度": 2023, "月份": 0, "数值": enrolled}
        )
    _load(engine, v, "values.csv", "indicator_values")

    def target(ind, area_code, value, baseline=None, plan="十四五", year=2025, attr="预期性"):
        return {
            "指标": ind,
            "区划代码": area_code,
            "规划": plan,
            "目标年度": year,
            "目标值": value,
            "指标属性": attr,
            "方向": "不低于",
            "基期年度": 2020 if baseline is not None else None,
            "基期值": baseline,
        }

    _load(
        engine,
        [
            target("新增残疾人就业", CITY, 140, 60),
            target("新增残疾人就业", A, 100, 40),
            target("新增残疾人就业", B, 30, 20),
            target("免费职业培训", A, 60, 30),
            target("免费职业培训", B, 40, 10),
            target("适龄残疾儿童少年义务教育入学率", A, 90, attr="约束性"),
            target("适龄残疾儿童少年义务教育入学率", B, 90, attr="约束性"),
        ],
        "targets.csv",
        "plan_targets",
    )
    _load(
        engine,
        [
            {"考核年度": 2023, "指标": "新增残疾人就业", "分值": 30, "计分方法": "按完成率"},
            {"考核年度": 2023, "指标": "免费职业培训", "分值": 20, "计分方法": "按排名"},
            {
                "考核年度": 2023,
                "指标": "适龄残疾儿童少年义务教育入学率",
                "分值": 20,
                "计分方法": "分档",
                "分档标准": "100=1;90=0.8;80=0.5",
            },
        ],
        "rules.csv",
        "assessment_rules",
    )


@pytest.fixture
def small_city(empty_db):
    _small_city(empty_db.engine)
    return empty_db


def _row(p: pd.DataFrame, code: str, area: str) -> pd.Series:
    return p[(p["code"] == code) & (p["area_code"] == area)].iloc[0]


def test_attainment_and_projection_by_hand(small_city):
    with small_city.engine.connect() as conn:
        p = queries.plan_progress(conn, Filters(2023))
    a = _row(p, "emp_new", A)
    # 70 of 100; the line through (2020, 40) … (2023, 70) rises 10 a year: 90 in 2025, 90 % → at risk
    assert a["latest"] == 70 and a["target"] == 100 and a["attainment"] == pytest.approx(70.0)
    assert a["projection"] == pytest.approx(90.0) and a["status"] == "at_risk"
    assert (a["trend_from"], a["trend_to"]) == (2020, 2023)
    assert a["needed_change"] == pytest.approx((math.sqrt(100 / 70) - 1) * 100)  # 19.52 % a year for 2 years
    assert a["achieved_change"] == pytest.approx(((70 / 40) ** (1 / 3) - 1) * 100)  # 20.51 % a year since 2020
    b = _row(p, "emp_new", B)
    # 20, 22, 24, 30: slope 16/5 = 3.2 through the mean (2021.5, 24): 35.2 in 2025 → 117.3 % → on track
    assert b["attainment"] == pytest.approx(100.0)
    assert b["projection"] == pytest.approx(35.2) and b["status"] == "on_track"
    city = _row(p, "emp_new", CITY)
    # 60, 72, 84, 100: slope 66/5 = 13.2 through (2021.5, 79): 125.2 of 140 = 89.4 % → off track
    assert city["level"] == "city" and city["latest"] == 100
    assert city["attainment"] == pytest.approx(100 / 140 * 100)
    assert city["projection"] == pytest.approx(125.2) and city["status"] == "off_track"
    rate = _row(p, "edu_enrol_rate", A)
    # a rate from its summed parts: 100 of 120, not (90 % + 50 %) / 2
    assert rate["latest"] == pytest.approx(100 / 120 * 100)
    assert rate["attainment"] == pytest.approx(100 / 120 * 100 / 90 * 100)
    # one year of figures is no trend: no projection, no status, said so rather than guessed
    assert pd.isna(rate["projection"]) and rate["status"] == "no_trend"


def test_attainment_for_tiles_is_the_area_in_view(small_city):
    with small_city.engine.connect() as conn:
        city = queries.plan_attainment(conn, Filters(2023), ("emp_new", "edu_enrol_rate"))
        one = queries.plan_attainment(conn, Filters(2023, counties=(B,)), ("emp_new", "edu_enrol_rate"))
        two = queries.plan_attainment(conn, Filters(2023, counties=(A, B)), ("emp_new",))
    assert list(city["code"]) == ["emp_new"] and city["target"].iloc[0] == 140  # the city has no rate target
    assert dict(zip(one["code"], one["target"], strict=True)) == {"edu_enrol_rate": 90, "emp_new": 30}
    assert two.empty  # targets of counties are not added up


def test_assessment_points_and_reasons_by_hand(small_city):
    with small_city.engine.connect() as conn:
        s = queries.assessment_scores(conn, Filters(2023))
        ranking = queries.assessment_ranking(conn, Filters(2023))
        scoped = queries.assessment_ranking(conn, Filters(2023, scope=(B,)))
    s = s.set_index(["county_code", "code"])
    # 2023's target on the line from the 2020 baseline to 2025: 40 + 60 × 3/5 = 76; 70/76 = 92.1 %
    a = s.loc[(A, "emp_new")]
    assert a["target"] == pytest.approx(76) and a["points"] == pytest.approx(27.63)
    assert a["reason"] == "新增残疾人就业完成目标的 92%，扣 2.37 分"
    assert s.loc[(B, "emp_new"), "points"] == 30 and s.loc[(B, "emp_new"), "reason"] == ""
    # rank: 甲区 45/48 = 93.8 % first (20), 乙县 20/28 = 71.4 % second of two (20 × 1/2)
    assert s.loc[(B, "emp_training"), "points"] == 10
    assert s.loc[(B, "emp_training"), "reason"] == "免费职业培训完成目标的 71%，居第 2 位（共 2 个），扣 10 分"
    # thresholds: 83.3 / 90 = 92.6 % is at the 90 % level: 0.8 × 20
    assert s.loc[(A, "edu_enrol_rate"), "points"] == 16
    assert s.loc[(A, "edu_enrol_rate"), "reason"] == (
        "适龄残疾儿童少年义务教育入学率完成目标的 93%，未达 100% 档，扣 4 分"
    )
    # the same reasons for an English reader
    assert a["reason_en"] == "New employment of disabled persons: 92% of target, 2.37 points lost"
    assert s.loc[(B, "emp_training"), "reason_en"].endswith(": 71% of target, ranked 2 of 2, 10 points lost")
    assert s.loc[(A, "edu_enrol_rate"), "reason_en"].endswith(": 93% of target, below the 100% level, 4 points lost")
    assert list(ranking["county_name"]) == ["甲区", "乙县"]
    assert list(ranking["total"]) == [pytest.approx(63.63), 60.0] and list(ranking["rank"]) == [1, 2]
    assert ranking["max_points"].iloc[0] == 70
    # a county user sees its own line, with its rank among all counties
    assert list(scoped["county_code"]) == [B] and scoped["rank"].iloc[0] == 2


def test_bad_targets_are_refused_and_change_nothing(small_city):
    bad = pd.DataFrame(
        [
            {
                "指标": "新增残疾人就业",
                "区划代码": A,
                "规划": "十四五",
                "目标年度": 2027,
                "目标值": 1,
                "指标属性": "预期性",
                "方向": "不低于",
            },
            {
                "指标": "新增残疾人就业",
                "区划代码": B,
                "规划": "十四〇",
                "目标年度": 2025,
                "目标值": 1,
                "指标属性": "预期性",
                "方向": "不低于",
            },
            {
                "指标": "不存在的指标",
                "区划代码": A1,
                "规划": "十五五",
                "目标年度": 2030,
                "目标值": 1,
                "指标属性": "预期性",
                "方向": "不低于",
            },
            {
                "指标": "免费职业培训",
                "区划代码": A,
                "规划": "十五五",
                "目标年度": 2030,
                "目标值": 1,
                "指标属性": "预期性",
                "方向": "不低于",
                "基期年度": 2026,
                "基期值": 1,
            },
        ]
    )
    with small_city.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(PlanTarget)).scalar()
    res = load_file(small_city.engine, csv_bytes(bad), "bad.csv", "测试", kind="plan_targets")
    assert res.status == "refused"
    msgs = {(p.row, p.column): p.message for p in res.problems}
    assert msgs[(2, "目标年度")] == "目标年度 2027 不在十四五规划期（2021—2025年）内"
    assert "不是规划名称" in msgs[(3, "规划")]
    assert "不是允许的值" in msgs[(4, "指标")]
    assert msgs[(4, "区划代码")] == "区划代码 990101101000 是乡镇(街道)，此处应为市或县(区)"
    assert msgs[(5, "基期年度")] == "基期年度 2026 应早于规划期的第一年 2026"
    rules = pd.DataFrame(
        [{"考核年度": 2024, "指标": "新增残疾人就业", "分值": 30, "计分方法": "分档", "分档标准": "满分=1"}]
    )
    res = load_file(small_city.engine, csv_bytes(rules), "rules.csv", "测试", kind="assessment_rules")
    assert res.status == "refused" and "不是“完成率=得分比例”的形式" in res.problems[0].message
    with small_city.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PlanTarget)).scalar() == before


def test_demo_plan_some_met_one_at_risk_one_missed(demo_db):
    with demo_db.engine.connect() as conn:
        p = queries.plan_progress(conn, Filters(2025), "十四五")
        live = queries.plan_progress(conn, Filters(2025), "十五五")
        ranking = queries.assessment_ranking(conn, Filters(2025))
    emp = p[(p["code"] == "emp_new") & (p["level"] == "county")].set_index("area_name")
    assert emp["status"].value_counts().to_dict() == {"on_track": 6, "at_risk": 1, "off_track": 1}
    # 东林区 missed: 48 of round(48 × 1.15) = 55; 永和县 at risk: 101 of round(101 × 1.05) = 106
    assert (emp.loc["东林区", "latest"], emp.loc["东林区", "target"]) == (48, 55)
    assert (emp.loc["永和县", "latest"], emp.loc["永和县", "target"]) == (101, 106)
    city = p[p["level"] == "city"].set_index("code")
    assert city.loc["emp_new", "target"] == 950 and city.loc["emp_new", "attainment"] == pytest.approx(1000 / 950 * 100)
    assert set(city["status"]) == {"on_track"}
    # the live plan: baseline 2025, projected from the five years 2021–2025
    c15 = live[live["level"] == "city"].set_index("code")
    assert c15.loc["emp_new", "baseline"] == 1000 and c15.loc["emp_new", "target"] == 1200
    assert (c15.loc["emp_new", "trend_from"], c15.loc["emp_new", "trend_to"]) == (2021, 2025)
    assert len(ranking) == 8 and ranking["rank"].iloc[0] == 1
    assert "新增残疾人就业完成目标的 87%，扣 3.82 分" in ranking.set_index("county_name").loc["东林区", "reasons"]


def test_tile_targets_are_the_rows_of_the_full_progress_table(demo_db):
    """The tiles read only their own targets' figures (issue 15), and get the same rows
    as the plan page's whole table, for the city and for one county, two years."""
    codes = ("emp_new", "org_village_coverage", "rehab_rate", "edu_enrol_rate")
    with demo_db.engine.connect() as conn:
        county = queries.all_counties(conn)["code"].iloc[2]
        for f in (Filters(2025), Filters(2023), Filters(2025, counties=(county,))):
            tiles = queries.plan_attainment(conn, f, codes)
            full = queries.plan_progress(conn, f)
            area = full["level"] == "city" if not f.counties else full["area_code"] == county
            running = (full["plan_first"] <= f.year) & (full["plan_last"] >= f.year)
            want = full[full["code"].isin(codes) & area & running]
            want = want.assign(_y=(want["plan_first"] == want["plan_last"]).astype(int))
            want = want.sort_values(["code", "_y", "plan_first"], ascending=[True, False, False])
            want = want.drop_duplicates("code").drop(columns="_y").reset_index(drop=True)
            assert len(tiles) >= 1
            pd.testing.assert_frame_equal(tiles, want, check_dtype=False)


def test_summary_json_carries_the_targets(demo_sqlite_url):
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "data_access", "overview", "--db", demo_sqlite_url, "--year", "2025"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    d = json.loads(out)
    t = d["figures"]["emp_new"]["target"]
    assert (t["plan"], t["target_year"], t["value"], t["attainment_pct"], t["status"]) == (
        "十四五",
        2025,
        950.0,
        105.3,
        "on_track",
    )
    assert "target" not in d["figures"]["rehab_funds"]  # no plan target, no invented one
    missed = [r for r in d["plan"] if r["area"] == "东林区" and r["code"] == "emp_new" and r["plan"] == "十四五"]
    assert missed[0]["attainment_pct"] == 87.3 and missed[0]["status"] == "off_track"
    assert {r["plan"] for r in d["plan"]} == {"十四五", "十五五"}
