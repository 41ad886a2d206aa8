"""Reported indicator values: monthly by township or county (by village at province
scale), and the yearly survey figures (household income, school enrolment)."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from .. import catalog
from .rows import VALUE_COLS, DemoData
from .totals import EXTRA_2025, MONTH_WEIGHTS, REPORT_YEAR, TARGETS_2025, alloc, year_total

# Reported monthly, by township (drill-down possible) or by county.
TOWNSHIP_MONTHLY = (
    "rehab_trainings",
    "rehab_beneficiaries",
    "emp_new",
    "emp_self",
    "emp_training",
    "edu_students",
    "edu_aid",
)
COUNTY_MONTHLY = ("rehab_funds", "rehab_centres", "rehab_beds", "emp_loan_subsidy")


def build_values(data: DemoData, rng: random.Random) -> None:
    data.values.extend(dict(zip(VALUE_COLS, r, strict=True)) for r in iter_values(data, rng))


def iter_values(data: DemoData, rng: random.Random) -> Iterator[tuple]:
    """Reported values as tuples (``VALUE_COLS``), one at a time: a province has millions."""
    sc = data.scale
    counties = data.counties()
    dis = [c["disabled_registered"] for c in counties]
    pace = {c["code"]: rng.uniform(-0.25, 0.35) for c in counties}  # growth differs by county

    def county_weights(code: str, year: int) -> list[float]:
        # a fixed temperament per county and indicator, plus the county's own pace
        r = random.Random(f"{code}-w")
        t = (year - REPORT_YEAR) / 6
        return [
            d
            * math.exp(r.gauss(0, 0.3))
            * (1 + pace[c["code"]] * t)
            * random.Random(f"{code}{c['code']}").uniform(0.7, 1.3)
            for c, d in zip(counties, dis, strict=True)
        ]

    for code in TOWNSHIP_MONTHLY + COUNTY_MONTHLY:
        d = catalog.BY_CODE[code]
        unit = 100 if d.decimals == 2 else 1
        base = TARGETS_2025[code] if code in TARGETS_2025 else EXTRA_2025[code]
        for y in sc.years:
            raw = base * sc.factor if y == REPORT_YEAR else year_total(base, code, y, sc.factor)
            total_units = round(raw * unit)
            for c, c_units in zip(counties, alloc(total_units, county_weights(code, y)), strict=True):
                mw = [w * rng.uniform(0.8, 1.2) for w in MONTH_WEIGHTS]
                if code in sc.village_monthly:
                    # reported by each village (a province's benchmark volume)
                    vills = [v for t in data.townships(c["code"]) for v in data.villages(t["code"])]
                    vw = [v["disabled_registered"] * rng.uniform(0.6, 1.4) for v in vills]
                    parts = alloc(c_units, [w * mw[m - 1] for w in vw for m in range(1, 13)])
                    k = 0
                    for v in vills:
                        for m in range(1, 13):
                            yield (code, v["code"], c["code"], v["township_code"], y, m, parts[k] / unit)
                            k += 1
                elif code in TOWNSHIP_MONTHLY:
                    towns = data.townships(c["code"])
                    tw = [t["disabled_registered"] * rng.uniform(0.6, 1.4) for t in towns]
                    cells = [(t, m) for t in towns for m in range(1, 13)]
                    parts = alloc(c_units, [tw[i] * mw[m - 1] for i in range(len(towns)) for m in range(1, 13)])
                    for (t, m), p in zip(cells, parts, strict=True):
                        yield (code, t["code"], c["code"], t["code"], y, m, p / unit)
                else:
                    for m, p in zip(range(1, 13), alloc(c_units, mw), strict=True):
                        yield (code, c["code"], c["code"], None, y, m, p / unit)
    yield from _build_income(data, rng, counties)
    yield from _build_enrolment(data, rng, counties)


def _yearly(code: str, county: dict, year: int, value: float) -> tuple:
    return (code, county["code"], county["code"], None, year, 0, value)


def _build_income(data: DemoData, rng: random.Random, counties: list[dict]) -> Iterator[tuple]:
    """Per-capita disposable income of surveyed households, growing exactly 10 % city-wide in 2025.

    Work in whole yuan; the surveyed households are the same in 2024 and 2025, so
    the city's per-capita growth is the growth of the income total.
    """
    years = data.scale.years
    persons = {c["code"]: rng.randint(250, 900) for c in counties}
    level = {c["code"]: rng.uniform(0.75, 1.3) for c in counties}
    totals: dict[int, dict[str, int]] = {}
    for y in years:
        if y < REPORT_YEAR:
            pc_city = 21000 * (1 - 0.075) ** (REPORT_YEAR - 1 - y) * (0.97 if y == 2020 else 1)
            t = {
                c["code"]: round(pc_city * level[c["code"]] * rng.uniform(0.96, 1.04) * persons[c["code"]])
                for c in counties
            }
            if y == REPORT_YEAR - 1:
                # make the 2024 total divisible by 10 so that +10 % is whole yuan
                first = counties[0]["code"]
                t[first] -= sum(t.values()) % 10
            totals[y] = t
        else:
            prev = totals[y - 1]
            target = sum(prev.values()) * 11 // 10
            w = [prev[c["code"]] * rng.uniform(1.03, 1.17) for c in counties]
            totals[y] = dict(zip([c["code"] for c in counties], alloc(target, w), strict=True))
    for y in years:
        for c in counties:
            yield _yearly("emp_income_persons", c, y, float(persons[c["code"]]))
            yield _yearly("emp_income_total", c, y, totals[y][c["code"]] / 10000)


def _build_enrolment(data: DemoData, rng: random.Random, counties: list[dict]) -> Iterator[tuple]:
    for c in counties:
        kids = max(40, round(c["disabled_registered"] * rng.uniform(0.025, 0.04)))
        start = rng.uniform(0.86, 0.93)
        for y in data.scale.years:
            rate = min(0.995, start + (1 - start) * (y - data.scale.years[0]) / (len(data.scale.years) - 0.6))
            n = kids + rng.randint(-5, 5)
            yield _yearly("edu_school_age", c, y, float(n))
            yield _yearly("edu_enrolled", c, y, float(min(n, round(n * rate))))
