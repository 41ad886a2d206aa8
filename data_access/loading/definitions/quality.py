"""Reporting and data quality (issue 19): the federation's reports and validation rules, loadable
like the dictionary; the checks across their columns are in data_access.quality. Every database is
seeded with the shipped ones, so they are not in a whole-database load (`LOAD_ORDER`)."""

from __future__ import annotations

from ... import models as m
from .base import YEAR_RANGE, Col, Kind, default

REPORT_PERIODS = {"month": "月报（每月）", "quarter": "季报（每季）", "flash": "快报（1–9月）", "year": "年报（每年）"}
RULE_KINDS = {
    "part_le_whole": "部分不大于整体",
    "non_negative": "不得为负数",
    "rate_range": "比率在范围内",
    "dates_order": "日期先后",
    "yoy_jump": "同比变化过大",
    "outlier": "月度异常值",
    "breakdown_sum": "分项之和等于合计",
}
SEVERITIES = {"error": "错误（拒绝导入）", "warning": "警告（导入并列出）"}


REPORTS = Kind(
    "reports",
    "报表与报送期",
    "Reports",
    m.Report,
    (
        Col("code", "报表代码", meaning="报表的代码，唯一", example="monthly"),
        Col("name_zh", "报表名称", meaning="如 月报、快报、年报", example="月报"),
        Col(
            "covers",
            "报送内容",
            meaning="数据类别或指标代码，用逗号分隔；indicator_values:month 表示全部按月指标",
            example="indicator_values:month,legal_aid",
        ),
        Col("period", "报送周期", allowed=REPORT_PERIODS, example="月报（每月）"),
        Col(
            "deadline_days",
            "截止天数",
            "int",
            meaning="报送期结束后第几天截止",
            unit="天",
            min=0,
            max=366,
            example=10,
        ),
        Col("level", "报送层级", allowed={"county": "县(区)", "township": "乡镇(街道)"}, example="县(区)"),
        Col(
            "first_year",
            "起报年度",
            "int",
            False,
            "从哪一年起要求报送",
            min=YEAR_RANGE[0],
            max=YEAR_RANGE[1],
            example=2019,
        ),
        Col("sort", "排序", "int", False, min=0, max=1000, example=1),
    ),
    key=("code",),
    area_col=None,
    description="市残联要求各县(区)报送的报表：报送内容、周期、截止日期（报送期结束后第几天）和报送层级。",
    order=("sort", "code"),
    derive=default("sort", 0),
)

VALIDATION_RULES = Kind(
    "validation_rules",
    "数据校验规则",
    "Validation rules",
    m.ValidationRule,
    (
        Col("code", "规则代码", meaning="规则的代码，唯一", example="emp_self_le_new"),
        Col("name_zh", "规则名称", example="自主创业不大于新增就业"),
        Col(
            "name_en",
            "英文名称",
            required=False,
            meaning="英文界面显示的规则名称；不填则显示中文名称",
            example="Self-employed no more than new employment",
        ),
        Col("rule", "规则类型", allowed=RULE_KINDS, example="部分不大于整体"),
        Col("severity", "级别", allowed=SEVERITIES, example="错误（拒绝导入）"),
        Col("target", "检查对象", meaning="指标代码；日期规则填“数据类别.列名”", example="emp_self"),
        Col(
            "other",
            "比较对象",
            required=False,
            meaning="整体指标、分项指标（逗号分隔，或 @township 表示各乡镇）、或日期（列名、today、2000-01-01）",
            example="emp_new",
        ),
        Col("low", "下限", "float", False, min=-1e12, max=1e12, example=None),
        Col("high", "上限", "float", False, min=-1e12, max=1e12, example=None),
        Col(
            "threshold",
            "阈值",
            "float",
            False,
            "同比变化的百分比，或异常值的修正 Z 分数",
            min=0,
            max=1e6,
            example=None,
        ),
        Col("active", "启用", "int", False, "1 启用，0 停用", min=0, max=1, example=1),
    ),
    key=("code",),
    area_col=None,
    description="每次导入和按需检查时执行的数据校验规则；“错误”拒绝导入并指出行，“警告”照常导入并列出。",
    order=("code",),
    derive=default("active", 1),
)
