"""Plan charts and the assessment workbook: pure builders checked on small frames."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from charts import plan as charts
from reporting.assessment import assessment_xlsx


def _progress() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["emp_new", "emp_new", "emp_new"],
            "name_zh": ["新增残疾人就业"] * 3,
            "name_en": ["New employment of disabled persons"] * 3,
            "area_name": ["甲区", "乙县", "丙县"],
            "attainment": [105.0, 95.3, 87.3],
            "projected_attainment": [105.0, 95.3, 87.3],
            "status": ["on_track", "at_risk", "off_track"],
        }
    )


def test_status_is_told_in_sign_and_word():
    assert [charts.status_text(s, lang="zh") for s in charts.SIGNS] == [
        "✓ 按期完成",
        "! 有风险",
        "✗ 难以完成",
        "? 无法预测",
        "○ 无法评估（未报送）",
        "◐ 无法评估（数据不全）",
    ]
    assert charts.status_text("at_risk", "en") == "! at risk"


def test_attainment_chart_labels_every_marker_with_its_status():
    fig = charts.attainment_chart(_progress(), "area_name", lang="zh")
    bars, marks = fig.data
    assert list(bars.text) == ["105%", "95%", "87%"]
    assert list(marks.text) == ["105% ✓ 按期完成", "95% ! 有风险", "87% ✗ 难以完成"]
    assert list(marks.marker.symbol) == ["circle", "triangle-up", "x"]  # shape too, not colour alone
    assert charts.attainment_finding(_progress(), "十四五", 2025, lang="zh") == (
        "十四五 3 项目标（截至2025年）：1 项按期完成，1 项有风险（乙县新增残疾人就业），1 项难以完成（丙县新增残疾人就业）。"
    )
    assert charts.attainment_finding(_progress(), "14th Five-Year Plan", 2025, "en") == (
        "14th Five-Year Plan, 3 targets (as of 2025): 1 on track, 1 at risk (乙县, New employment of disabled "
        "persons), 1 off track (丙县, New employment of disabled persons)."
    )


def _assessment():
    rules = pd.DataFrame(
        {
            "code": ["emp_new", "emp_training"],
            "name_zh": ["新增残疾人就业", "免费职业培训"],
            "name_en": ["New employment of disabled persons", "Free vocational training"],
            "unit_zh": ["人", "人次"],
            "weight": [30.0, 20.0],
            "method": ["share", "rank"],
            "thresholds": [None, None],
            "note": [None, None],
        }
    )
    ranking = pd.DataFrame(
        {
            "rank": [1, 2],
            "county_code": ["990101000000", "990102000000"],
            "county_name": ["甲区", "乙县"],
            "total": [63.63, 60.0],
            "max_points": [50.0, 50.0],
            "emp_new": [27.63, 30.0],
            "emp_training": [20.0, 10.0],
            "reasons": [
                "新增残疾人就业完成目标的 92%，扣 2.37 分",
                "免费职业培训完成目标的 71%，居第 2 位（共 2 个），扣 10 分",
            ],
        }
    )
    scores = pd.DataFrame(
        {
            "county_name": ["甲区", "乙县"],
            "name_zh": ["新增残疾人就业", "免费职业培训"],
            "weight": [30.0, 20.0],
            "method": ["share", "rank"],
            "value": [70.0, 20.0],
            "target": [76.0, 28.0],
            "attainment": [92.105, 71.43],
            "points": [27.63, 10.0],
            "lost": [2.37, 10.0],
            "reason": [
                "新增残疾人就业完成目标的 92%，扣 2.37 分",
                "免费职业培训完成目标的 71%，居第 2 位（共 2 个），扣 10 分",
            ],
        }
    )
    return ranking, scores, rules


def test_assessment_chart_stacks_points_and_states_the_totals():
    ranking, _, rules = _assessment()
    fig = charts.assessment_chart(ranking, rules, lang="zh")
    assert [t.name for t in fig.data[:2]] == ["新增残疾人就业（30分）", "免费职业培训（20分）"]
    assert list(fig.data[0].y) == ["1. 甲区", "2. 乙县"] and list(fig.data[1].x) == [20.0, 10.0]
    assert list(fig.data[2].text) == ["63.63 分", "60.00 分"]
    assert charts.assessment_finding(ranking, 2023, lang="zh") == (
        "2023年度考核：甲区 63.63 分居首，乙县 60.00 分居末；平均 61.81 分（满分 50 分）。"
    )
    fig = charts.assessment_chart(ranking, rules, "en")
    assert fig.data[0].name == "New employment of disabled persons (30 points)"
    assert charts.assessment_finding(ranking, 2023, "en") == (
        "2023 assessment: 甲区 first with 63.63 points, 乙县 last with 60.00; average 61.81 (of 50)."
    )


def test_plans_are_named_for_an_english_reader():
    from data_access.plan import plan_name

    assert [plan_name(p, "en") for p in ("十四五", "十五五", "十三五", "2026")] == [
        "14th Five-Year Plan",
        "15th Five-Year Plan",
        "13th Five-Year Plan",
        "2026 plan",
    ]
    assert plan_name("十四五") == "十四五"


def test_assessment_workbook_is_the_form_sent_with_the_notice():
    ranking, scores, rules = _assessment()
    wb = openpyxl.load_workbook(io.BytesIO(assessment_xlsx("小城市", 2023, ranking, scores, rules)))
    assert wb.sheetnames == ["考核结果", "逐项得分", "考核细则"]
    ws = wb["考核结果"]
    assert ws["A1"].value == "小城市2023年度县(区)残联目标考核结果"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows[0] == [
        "名次",
        "县(区)",
        "新增残疾人就业（30分）",
        "免费职业培训（20分）",
        "总分（满分50分）",
        "扣分原因",
    ]
    assert rows[2] == [2, "乙县", 30, 10, 60, "免费职业培训完成目标的 71%，居第 2 位（共 2 个），扣 10 分"]
    detail = [[c.value for c in r] for r in wb["逐项得分"].iter_rows(min_row=2)]
    assert detail[1][:4] == ["甲区", "新增残疾人就业", 30, "按完成率"] and detail[1][7] == 27.63
    assert [c.value for c in wb["考核细则"][3]][:3] == ["新增残疾人就业", 30, "按完成率"]
