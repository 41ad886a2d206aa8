"""The plan slide and the optional assessment slide of the deck."""

from __future__ import annotations

from sqlalchemy import create_engine

from data_access.filters import Filters
from reporting.data import gather
from reporting.slides import build_deck


def test_plan_slide_and_optional_assessment_slide(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        plain = build_deck(gather(conn, Filters(2025)), "zh")
        deck = build_deck(gather(conn, Filters(2025)), "zh", assessment=True)
        county = build_deck(gather(conn, Filters(2025, counties=("990102000000",))), "zh")
    assert [s.key for s in plain.slides][-1] == "plan"
    assert [s.key for s in deck.slides][-2:] == ["plan", "assessment"]
    plan, assessment = deck.slides[-2:]
    assert plan.title == "十四五规划6项指标：6项按期完成"
    assert "新增残疾人就业：1,000 人，目标≥950 人（2025年），完成105%，预计期末完成105%，✓ 按期完成。" in plan.notes
    # the indicator's value and its attainment as two labelled figures, never "新增残疾人就业 105%"
    emp = {k.label: k for k in plan.figures}["新增残疾人就业"]
    assert emp.value == "1,000 人" and emp.change == "完成目标105% · ✓ 按期完成"
    rate = {k.label: k for k in plan.figures}["适龄残疾儿童少年义务教育入学率"]
    assert rate.value == "99.3%"
    assert len(plan.figures) == len(plan.figure.data[0].y)  # the chart shows the tiles' indicators
    assert assessment.title == "2025年度考核：长宁县 100.00 分居首，中江区 78.12 分居末；平均 88.41 分（满分 100 分）"
    assert list(assessment.table["county_name"])[:2] == ["长宁县", "安平县"]
    # one county: its own targets, the missed one named in the title
    c = county.slides[-1]
    assert c.key == "plan" and c.title == "十四五规划5项指标：4项按期完成，1项难以完成"
    assert "东林区 新增残疾人就业" in list(c.table["label"])
