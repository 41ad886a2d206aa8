"""The demo's totals: the report year's whole-city totals (the shared design §5, the
work summary's figures), how earlier years grow towards them, the seasons of a year,
and the one way every total is split into whole units.

Every total is split into whole units (people, cases, 0.01 万元) by largest
remainder (``alloc``), so parts always add up to the whole exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random

REPORT_YEAR = 2025
CITY_CODE = "990100000000"
CITY_NAME = "示例市"

# the shared design §5: the 2025 whole-city figures (work summary). Units as in the dictionary.
TARGETS_2025: dict[str, float] = {
    "rehab_funds": 2036,
    "rehab_centres": 10,
    "rehab_beds": 200,
    "rehab_trainings": 108,
    "rehab_beneficiaries": 10000,
    "emp_new": 1000,
    "emp_self": 100,
    "emp_income_growth": 10.0,
    "edu_students": 200,
    "edu_aid": 50,
    "culture_events": 50,
    "culture_participants": 5000,
    "rights_legal_aid": 100,
    "rights_access_projects": 50,
    "rights_infringement": 20,
    "social_donations": 300,
    "social_volunteers": 500,
    "social_volunteer_hours": 10000,
    "org_township_coverage": 100.0,
    "org_village_coverage": 100.0,
    "org_village_staff_coverage": 100.0,
}
# figures the work summary gives without a target in the shared design; chosen once here
EXTRA_2025 = {"emp_training": 1500, "emp_loan_subsidy": 36.5}
# new posts and people in 2025 (the shared design §5): city centre 5, county admin 3, 以钱养事 3,
# part-time/seconded vice-chairs 10 at city and county levels
STAFFING_2025 = {"centre_posts": 5, "admin_posts": 3, "public_welfare_posts": 4, "paid_hires": 3, "vice_chairs": 10}

# yearly growth towards 2025 (value(Y) = value(2025) * (1 - g) ** (2025 - Y))
GROWTH = {
    "rehab_funds": 0.09,
    "rehab_centres": 0.05,
    "rehab_beds": 0.08,
    "rehab_trainings": 0.07,
    "rehab_beneficiaries": 0.10,
    "emp_new": 0.06,
    "emp_self": 0.09,
    "emp_training": 0.07,
    "emp_loan_subsidy": 0.12,
    "edu_students": 0.05,
    "edu_aid": 0.08,
    "culture": 0.08,
    "legal_aid": 0.07,
    "access": 0.12,
    "infringement": 0.05,
    "donations": 0.10,
    "volunteers": 0.09,
    "volunteer_hours": 0.11,
}
# events that gather people dipped in 2020
DIP_2020 = {
    "rehab_trainings": 0.65,
    "rehab_beneficiaries": 0.7,
    "culture": 0.45,
    "emp_training": 0.8,
    "volunteer_hours": 0.8,
}
MONTH_WEIGHTS = (0.55, 0.5, 0.85, 1.0, 1.3, 1.0, 0.9, 0.85, 1.0, 1.1, 1.2, 1.45)
# share of units established by the end of each year (townships; villages; villages staffed)
COVERAGE_PATH = {
    "township": (0.80, 0.86, 0.91, 0.95, 0.98, 1.0, 1.0),
    "village": (0.55, 0.65, 0.75, 0.84, 0.91, 0.97, 1.0),
    "village_staff": (0.38, 0.50, 0.62, 0.73, 0.83, 0.93, 1.0),
}


def alloc(total: int, weights: list[float]) -> list[int]:
    """Split a whole number by weights so the parts add up exactly (largest remainder)."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    s = sum(weights)
    if s <= 0:
        weights, s = [1.0] * len(weights), float(len(weights))
    raw = [total * w / s for w in weights]
    parts = [math.floor(r) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


def random_day(rng: random.Random, year: int, month: int) -> dt.date:
    return dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def random_months(rng: random.Random, n: int) -> list[int]:
    return rng.choices(range(1, 13), weights=MONTH_WEIGHTS, k=n)


def year_total(base2025: float, key: str, year: int, factor: float = 1.0) -> float:
    v = base2025 * factor * (1 - GROWTH[key]) ** (REPORT_YEAR - year)
    if year == 2020:
        v *= DIP_2020.get(key, 0.92)
    return v
