"""Plan targets (规划目标) and the county assessment's rules (考核细则) (issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import catalog as _catalog
from ... import models as m
from ...plan import parse_thresholds, plan_period
from .base import AREA_NAME, YEAR_RANGE, Col, Kind, area

if TYPE_CHECKING:
    from ..validate import Context

PLAN_INDICATORS = {d.code: d.name_zh for d in _catalog.INDICATORS if d.visible}
TARGET_ATTRIBUTES = {"binding": "约束性", "expected": "预期性"}
TARGET_DIRECTIONS = {"at_least": "不低于", "at_most": "不高于"}
ASSESSMENT_METHODS = {"share": "按完成率", "rank": "按排名", "thresholds": "分档"}
PLAN_AHEAD = 10  # a target may lie up to two five-year plans beyond the years of the data


def _target_rules(r: dict, ctx: Context) -> list[tuple[str, str]]:
    period = plan_period(r["plan"])
    if period is None:
        return [("plan", f"“{r['plan']}”不是规划名称（可填 十四五、十五五 等五年规划，或年度如 2026）")]
    out = []
    first, last = period
    if not first <= r["target_year"] <= last:
        out.append(("target_year", f"目标年度 {r['target_year']} 不在{r['plan']}规划期（{first}—{last}年）内"))
    by, bv = r.get("baseline_year"), r.get("baseline_value")
    if (by is None) != (bv is None):
        out.append(("baseline_value" if by is not None else "baseline_year", "基期年度和基期值须同时填写或同时不填"))
    elif by is not None and by >= first:
        out.append(("baseline_year", f"基期年度 {by} 应早于规划期的第一年 {first}"))
    return out


def _rule_rules(r: dict, ctx: Context) -> list[tuple[str, str]]:
    if r["method"] == "thresholds":
        if not r.get("thresholds"):
            return [("thresholds", "计分方法为“分档”时须填写分档标准（如 100=1;90=0.8;80=0.5）")]
        try:
            parse_thresholds(r["thresholds"])
        except ValueError as exc:
            return [("thresholds", str(exc))]
    return []


PLAN_TARGETS = Kind(
    "plan_targets",
    "规划目标",
    "Plan targets",
    m.PlanTarget,
    (
        Col(
            "indicator_code",
            "指标",
            allowed=PLAN_INDICATORS,
            meaning="指标名称或指标代码",
            example="新增残疾人就业",
        ),
        area(("city", "county"), "990100000000", "目标所属的市或县(区)"),
        AREA_NAME,
        Col("plan", "规划", meaning="十四五、十五五等五年规划，或年度计划填年份（如 2026）", example="十四五"),
        Col(
            "target_year",
            "目标年度",
            "int",
            meaning="目标值对应的年度",
            min=YEAR_RANGE[0],
            max=YEAR_RANGE[1] + PLAN_AHEAD,
            example=2025,
        ),
        Col(
            "value",
            "目标值",
            "float",
            meaning="目标年度的指标值，单位与指标相同",
            unit="见指标",
            min=0,
            max=1e10,
            example=1000,
        ),
        Col("attribute", "指标属性", allowed=TARGET_ATTRIBUTES, example="预期性"),
        Col("direction", "方向", allowed=TARGET_DIRECTIONS, meaning="指标应不低于或不高于目标值", example="不低于"),
        Col(
            "baseline_year",
            "基期年度",
            "int",
            False,
            "基期（通常为规划期前一年）",
            min=YEAR_RANGE[0],
            max=YEAR_RANGE[1],
            example=2020,
        ),
        Col("baseline_value", "基期值", "float", False, "基期年度的指标值", "见指标", min=0, max=1e10, example=800),
    ),
    key=("indicator_code", "area_code", "plan"),
    description="每项规划指标每个区划一行；同一指标、区划和规划再次导入即替换。",
    order=("plan", "indicator_code", "area_code"),
    checks=(_target_rules,),
)

ASSESSMENT_RULES = Kind(
    "assessment_rules",
    "考核细则",
    "Assessment rules",
    m.AssessmentRule,
    (
        Col("year", "考核年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
        Col(
            "indicator_code",
            "指标",
            allowed=PLAN_INDICATORS,
            meaning="指标名称或指标代码",
            example="新增残疾人就业",
        ),
        Col("weight", "分值", "float", meaning="该项满分", unit="分", min=0, max=1000, example=30),
        Col(
            "method",
            "计分方法",
            allowed=ASSESSMENT_METHODS,
            meaning="按完成率：分值×完成率（最多满分）；按排名：按完成率排名，第 1 名满分，第 k 名得 (n−k+1)/n；分档：按分档标准",
            example="按完成率",
        ),
        Col(
            "thresholds",
            "分档标准",
            required=False,
            meaning="分档时填写：完成率(%)=得分比例，如 100=1;90=0.8;80=0.5，低于最低档不得分",
            example="",
        ),
        Col("note", "说明", required=False, example="以县(区)年度目标为准"),
    ),
    key=("year", "indicator_code"),
    area_col=None,
    description="每个考核年度每项指标一行；县(区)的年度目标取规划目标（见“规划目标”）。",
    order=("year", "indicator_code"),
    checks=(_rule_rules,),
)
