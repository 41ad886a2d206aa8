"""The demo city's plan: 十四五 (2021–2025) and 十五五 (2026–2030) targets for the city and
its counties, and the yearly assessment's rules (2021–2025).

Targets are derived from the demo's own figures, read back through the indicator engine
after the facts are loaded, so they follow the generator and state their intent:
a target met is 95 % of the 2025 figure, the one at risk is the figure × 1.05 (95 %
attained), the one missed the figure × 1.15 (87 %); rates have the policy values of a
plan (enrolment ≥ 95 %, full coverage of village staff). 十五五 targets grow from the 2025
figure. Baselines are the figures of the year before each plan.
"""

from __future__ import annotations

from sqlalchemy import Connection

from .. import models as m
from ..filters import Filters
from ..queries.areas_years import all_counties
from ..queries.indicators import indicator_series
from .part_context import PartContext
from .totals import CITY_CODE

# 十四五: (indicator, attribute); amounts get 95 % of their 2025 figure (met)
CITY_14 = {
    "emp_new": "expected",
    "emp_training": "expected",
    "rehab_beneficiaries": "expected",
    "social_volunteers": "expected",
}
COUNTY_14 = ("emp_new", "emp_training", "rehab_beneficiaries")
POLICY_14 = {"edu_enrol_rate": 95.0, "org_village_staff_coverage": 100.0}  # binding, city and counties
MET, AT_RISK, MISSED = 0.95, 1.05, 1.15
# the county whose new-employment target is at risk, and the one that missed it (by position)
AT_RISK_COUNTY, MISSED_COUNTY = 5, 1
# 十五五: growth of the 2025 figure by 2030
GROWTH_15 = {"emp_new": 1.20, "emp_training": 1.30, "rehab_beneficiaries": 1.25, "social_volunteers": 1.50}
# the yearly assessment: (indicator, points, method, thresholds)
RULES = (
    ("emp_new", 30, "share", None),
    ("rehab_beneficiaries", 25, "thresholds", "100=1;90=0.8;80=0.5"),
    ("emp_training", 25, "rank", None),
    ("edu_enrol_rate", 20, "share", None),
)
RULE_YEARS = range(2021, 2026)


def plan_rows(conn: Connection) -> tuple[list[dict], list[dict]]:
    """The demo's targets and assessment rules, computed from what is in the database."""
    counties = list(all_counties(conn)["code"])
    codes = tuple(dict.fromkeys((*CITY_14, *COUNTY_14, *GROWTH_15)))
    rates = tuple(POLICY_14)
    city = indicator_series(conn, Filters(2025), codes + rates, by=("year",), years=(2020, 2025))
    city = city.set_index(["code", "year"])["value"]
    county = indicator_series(conn, Filters(2025), codes + rates, by=("county", "year"), years=(2020, 2025))
    county = county.set_index(["code", "county_code", "year"])["value"]

    def row(code, area, plan, year, value, attribute, baseline_year, baseline):
        return dict(
            indicator_code=code,
            area_code=area,
            county_code=None if area == CITY_CODE else area,
            plan=plan,
            target_year=year,
            value=round(float(value), 1),
            attribute=attribute,
            direction="at_least",
            baseline_year=baseline_year,
            baseline_value=round(float(baseline), 1),
        )

    targets = []
    for code, attribute in CITY_14.items():
        targets.append(
            row(code, CITY_CODE, "十四五", 2025, round(city[(code, 2025)] * MET), attribute, 2020, city[(code, 2020)])
        )
    for code, value in POLICY_14.items():
        targets.append(row(code, CITY_CODE, "十四五", 2025, value, "binding", 2020, city[(code, 2020)]))
    for i, c in enumerate(counties):
        for code in COUNTY_14:
            factor = MET
            if code == "emp_new" and i == AT_RISK_COUNTY:
                factor = AT_RISK
            elif code == "emp_new" and i == MISSED_COUNTY:
                factor = MISSED
            actual = county[(code, c, 2025)]
            targets.append(
                row(code, c, "十四五", 2025, round(actual * factor), "expected", 2020, county[(code, c, 2020)])
            )
        for code, value in POLICY_14.items():
            targets.append(row(code, c, "十四五", 2025, value, "binding", 2020, county[(code, c, 2020)]))
    for code, growth in GROWTH_15.items():
        targets.append(
            row(
                code,
                CITY_CODE,
                "十五五",
                2030,
                round(city[(code, 2025)] * growth),
                "expected",
                2025,
                city[(code, 2025)],
            )
        )
    for c in counties:
        targets.append(
            row(
                "emp_new",
                c,
                "十五五",
                2030,
                round(county[("emp_new", c, 2025)] * GROWTH_15["emp_new"]),
                "expected",
                2025,
                county[("emp_new", c, 2025)],
            )
        )
    rules = [
        dict(year=y, indicator_code=code, weight=float(w), method=method, thresholds=th, note=None)
        for y in RULE_YEARS
        for code, w, method, th in RULES
    ]
    return targets, rules


def load(ctx: PartContext) -> int:
    """The demo part: write the plan in the load's transaction; returns the rows written."""
    targets, rules = plan_rows(ctx.conn)
    return ctx.insert(m.PlanTarget, targets) + ctx.insert(m.AssessmentRule, rules)
