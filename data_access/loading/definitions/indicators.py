"""The indicator dictionary (指标定义) and the figures reported against it (指标数据)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ... import models as m
from .base import AREA_NAME, YEAR_RANGE, Col, Kind, area

if TYPE_CHECKING:
    from ..validate import Context

INDICATOR_SECTIONS = {"org": "组织建设", "service": "公共服务", "rights": "权益保障", "social": "社会力量"}
TOPICS = {
    "org": "组织建设",
    "rehab": "康复",
    "employment": "就业",
    "education": "教育",
    "culture": "文体",
    "security": "社会保障",
    "rights": "权益保障",
    "social": "社会力量",
}
SERVICE_TOPICS = ("rehab", "employment", "education", "culture", "security")
AGGREGATIONS = {"sum": "求和", "ratio": "两项之比", "growth": "同比增长", "max": "取最大值"}
PERIODS = {"month": "按月", "year": "按年"}


def _indicator_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """Its parts exist; an indicator computed from records keeps how it is computed."""
    code, agg = r["code"], r["aggregation"]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", code):
        yield "code", f"指标代码“{code}”只能用英文字母、数字和下划线（字母开头，不超过 40 个字符）"
        return
    if r["section"] == "service" and r.get("topic") not in SERVICE_TOPICS:
        yield "topic", "公共服务的指标须填主题：康复、就业、教育、文体或社会保障"
    elif r["section"] != "service" and r.get("topic") not in (None, r["section"]):
        yield "topic", f"{INDICATOR_SECTIONS[r['section']]}的指标不分主题，请留空"
    src = ctx.all_indicators.get(code)
    if src and src.split(":")[0] in ("event", "coverage"):
        # computed from the records: names, units, showing and order may change, not how it adds up
        if agg != ctx.indicator_aggregations.get(code, agg):
            yield "aggregation", f"指标“{code}”由业务记录计算，不能改汇总方式（可改名称、单位、显示与排序）"
        ctx.file_indicators[code] = agg
        return
    known = set(ctx.all_indicators) | set(ctx.file_indicators)
    if agg in ("ratio", "growth") and not r.get("numerator"):
        yield "numerator", f"{AGGREGATIONS[agg]}的指标须填分子（{'增长所依据的' if agg == 'growth' else ''}指标代码）"
    if agg == "ratio" and not r.get("denominator"):
        yield "denominator", "两项之比的指标须填分母指标代码"
    for col in ("numerator", "denominator"):
        part = r.get(col)
        if part and part not in known:
            yield col, f"指标代码“{part}”不存在（须已在指标库中，或在本文件中排在前面）"
        if part == code:
            yield col, "指标不能由自己计算"
    ctx.file_indicators[code] = agg


def _derive_indicator(r: dict, ctx: Context) -> None:
    src = ctx.all_indicators.get(r["code"])
    if src and src.split(":")[0] in ("event", "coverage"):
        r["source"] = src
    else:
        r["source"] = {"ratio": "ratio", "growth": "growth"}.get(r["aggregation"], "values")
    r["topic"] = r.get("topic") or r["section"]
    r["name_en"] = r.get("name_en") or r["name_zh"]
    r["unit_en"] = r.get("unit_en") or r["unit_zh"]
    r["period"] = r.get("period") or "year"
    for col, default in (("scale", 1.0), ("decimals", 0), ("visible", 1), ("sort", 1000 + len(ctx.file_indicators))):
        if r.get(col) is None:
            r[col] = default
    if r["aggregation"] not in ("ratio",):
        r["denominator"] = None
    if r["aggregation"] not in ("ratio", "growth"):
        r["numerator"] = None


def _period_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """A yearly indicator is reported as month 0, a monthly one as months 1–12."""
    name, period = ctx.indicators[r["indicator_code"]]
    if period == "year" and r["month"] != 0:
        yield "month", f"指标“{name}”按年报送，月份应填 0"
    elif period == "month" and r["month"] == 0:
        yield "month", f"指标“{name}”按月报送，月份应为 1–12"


INDICATORS = Kind(
    "indicators",
    "指标定义",
    "Indicator definitions",
    m.Indicator,
    (
        Col("code", "指标代码", meaning="英文字母、数字和下划线，唯一", example="rehab_devices"),
        Col("name_zh", "指标名称", meaning="页面和报告上显示的名称", example="辅助器具适配"),
        Col(
            "name_en",
            "英文名称",
            required=False,
            meaning="英文界面显示的名称；不填则同中文",
            example="Assistive devices fitted",
        ),
        Col("unit_zh", "单位", meaning="如 人、人次、万元、%", example="人次"),
        Col("unit_en", "英文单位", required=False, example="person-times"),
        Col("section", "所属部分", allowed=INDICATOR_SECTIONS, meaning="显示在哪个页面", example="公共服务"),
        Col(
            "topic",
            "主题",
            required=False,
            allowed=TOPICS,
            meaning="公共服务须填康复、就业、教育、文体或社会保障；其余部分不填",
            example="康复",
        ),
        Col("aggregation", "汇总方式", allowed=AGGREGATIONS, meaning="各县(区)、各月如何合计", example="求和"),
        Col("numerator", "分子指标代码", required=False, meaning="两项之比的分子，或同比增长所依据的指标"),
        Col("denominator", "分母指标代码", required=False, meaning="两项之比的分母"),
        Col("scale", "比例系数", "float", False, "两项之比乘以的系数，百分比填 100", min=0, max=1e9, example=1),
        Col("period", "报送周期", required=False, allowed=PERIODS, meaning="不填则按年", example="按年"),
        Col("decimals", "小数位数", "int", False, min=0, max=4, example=0),
        Col("visible", "是否显示", "bool", False, "否：只作为其他指标的组成部分，不单独显示", example="是"),
        Col("sort", "排序", "int", False, "同一主题内的显示顺序，小的在前", min=0, max=100000, example=100),
        Col("description_zh", "说明", required=False, meaning="指标口径", example=""),
    ),
    key=("code",),
    area_col=None,
    description="本会自己的指标（如年报指标）：新增或修改指标库中的条目；导入后即可用“指标数据”报送其数值。",
    order=("sort", "code"),
    checks=(_indicator_fits,),
    derive=_derive_indicator,
)

INDICATOR_VALUES = Kind(
    "indicator_values",
    "指标数据",
    "Indicator values",
    m.IndicatorValue,
    (
        Col(
            "indicator_code",
            "指标",
            "indicator",
            meaning="指标名称或指标代码（见“选项”）",
            example="新增残疾人就业",
        ),
        area(("county", "township"), "990101101000", "县(区)或乡镇(街道)"),
        AREA_NAME,
        Col("year", "年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
        Col("month", "月份", "int", meaning="1–12 为当月数；按年报送的指标填 0", min=0, max=12, example=3),
        Col(
            "value",
            "数值",
            "float",
            meaning="当月（或全年）数，单位见指标",
            unit="见指标",
            min=0,
            max=1e10,
            example=12,
        ),
    ),
    key=("indicator_code", "area_code", "year", "month"),
    date_col=(),
    description="按指标、区划、年度、月份报送；同一指标、区划、年、月再次导入即替换原数。",
    order=("indicator_code", "year", "month", "area_code"),
    checks=(_period_fits,),
)
