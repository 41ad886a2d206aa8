"""The reports and validation rules every database starts with (月报, 快报, 年报; a rule
set for the dictionary's indicators). Seeded like the indicator dictionary: codes not yet
in the database are added on every upgrade, rows a federation changed are kept."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from ..models import Report, ValidationRule

EVENT_KINDS = "legal_aid,infringement,access,activities,volunteers,donations"

DEFAULT_REPORTS: tuple[dict, ...] = (
    dict(
        code="monthly",
        name_zh="月报",
        covers=f"indicator_values:month,{EVENT_KINDS}",
        period="month",
        deadline_days=10,
        level="county",
        first_year=None,
        sort=1,
    ),
    dict(
        code="flash",
        name_zh="快报",
        covers="indicator_values:month",
        period="flash",
        deadline_days=10,  # 30 September + 10 days = 10 October
        level="county",
        first_year=None,
        sort=2,
    ),
    dict(
        code="annual",
        name_zh="年报",
        covers="indicator_values:year,org_units,staffing",
        period="year",
        deadline_days=31,  # by 31 January
        level="county",
        first_year=None,
        sort=3,
    ),
)


def _rule(code, name, rule, severity, target, other=None, low=None, high=None, threshold=None) -> dict:
    return dict(
        code=code,
        name_zh=name,
        name_en=RULE_NAMES_EN.get(code),
        rule=rule,
        severity=severity,
        target=target,
        other=other,
        low=low,
        high=high,
        threshold=threshold,
        active=1,
    )


RULE_NAMES_EN = {
    "emp_self_le_new": "Self-employed no more than new employment",
    "edu_enrolled_le_school_age": "Children in compulsory education no more than school-age disabled children",
    "values_non_negative": "Reported figures are not negative",
    "edu_enrol_rate_range": "Compulsory-education enrolment rate between 0 and 100%",
    "values_yoy_jump": "A county's year changes more than 80% on the same months of the year before",
    "values_month_outlier": "A county's month far from its other months (modified z-score)",
    "values_township_sum": "Townships add up to their county's total",
    "date_legal_aid_opened_on": "Legal-aid case opened between 1990 and today",
    "date_legal_aid_closed_on": "Legal-aid case closed after it was opened and not after today",
    "date_infringement_opened_on": "Infringement case opened between 1990 and today",
    "date_infringement_closed_on": "Infringement case closed after it was opened and not after today",
    "date_access_started_on": "Accessibility project started between 1990 and today",
    "date_access_completed_on": "Accessibility project completed after it started and not after today",
    "date_activities_held_on": "Activity held between 1990 and today",
    "date_donations_received_on": "Donation received between 1990 and today",
    "date_org_units_established_on": "Organisation established between October 1949 and today",
    "date_org_units_staffed_on": "Full-time staff in post after establishment and not after today",
}

_DATES = [
    ("legal_aid.opened_on", "1990-01-01,today", "法律援助受理日期在 1990 年至今之间"),
    ("legal_aid.closed_on", "opened_on,today", "法律援助结案日期不早于受理日期、不晚于今天"),
    ("infringement.opened_on", "1990-01-01,today", "侵权案件立案日期在 1990 年至今之间"),
    ("infringement.closed_on", "opened_on,today", "侵权案件办结日期不早于立案日期、不晚于今天"),
    ("access.started_on", "1990-01-01,today", "无障碍项目开工日期在 1990 年至今之间"),
    ("access.completed_on", "started_on,today", "无障碍项目完工日期不早于开工日期、不晚于今天"),
    ("activities.held_on", "1990-01-01,today", "活动举办日期在 1990 年至今之间"),
    ("donations.received_on", "1990-01-01,today", "捐赠接收日期在 1990 年至今之间"),
    ("org_units.established_on", "1949-10-01,today", "机构成立日期在 1949 年 10 月至今之间"),
    ("org_units.staffed_on", "established_on,today", "专职委员到位日期不早于成立日期、不晚于今天"),
]

DEFAULT_RULES: tuple[dict, ...] = (
    _rule("emp_self_le_new", "其中自主创业不大于新增残疾人就业", "part_le_whole", "error", "emp_self", "emp_new"),
    _rule(
        "edu_enrolled_le_school_age",
        "接受义务教育的人数不大于适龄残疾儿童少年数",
        "part_le_whole",
        "error",
        "edu_enrolled",
        "edu_school_age",
    ),
    _rule("values_non_negative", "报送的指标数值不得为负", "non_negative", "error", "*"),
    _rule(
        "edu_enrol_rate_range", "义务教育入学率在 0–100% 之间", "rate_range", "error", "edu_enrol_rate", low=0, high=100
    ),
    *(_rule(f"date_{t.replace('.', '_')}", name, "dates_order", "error", t, other) for t, other, name in _DATES),
    # a county's year against its previous year, on the same months; small bases are noise
    _rule("values_yoy_jump", "县(区)全年数比上年同期变化超过 80%", "yoy_jump", "warning", "*", low=50, threshold=80),
    # modified z-score over a county's months of a year; MAD floored at the Poisson spread √median,
    # since monthly counts of a few persons have a MAD near 0 and would flag every other month
    _rule("values_month_outlier", "县(区)月度数据异常（修正 Z 分数）", "outlier", "warning", "*", threshold=7),
    _rule("values_township_sum", "各乡镇(街道)之和等于县(区)合计", "breakdown_sum", "error", "*", "@township"),
)


def seed_quality(conn: Connection) -> None:
    """Add the shipped reports and rules that are not in the database yet."""
    for model, rows in ((Report, DEFAULT_REPORTS), (ValidationRule, DEFAULT_RULES)):
        have = set(conn.execute(select(model.code)).scalars())
        new = [r for r in rows if r["code"] not in have]
        if new:
            conn.execute(insert(model), new)
    # a database made before rules had English names: the shipped rules get theirs
    t = ValidationRule
    for code, name in RULE_NAMES_EN.items():
        conn.execute(update(t).where(t.code == code, t.name_en.is_(None)).values(name_en=name))
