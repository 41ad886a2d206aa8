"""Organisation records: township federations and village associations (coverage gaps
that close by the report year), county party groups, the five special associations,
legal-aid stations, and staffing (posts, hires, vice-chairs) by level and year."""

from __future__ import annotations

import datetime as dt
import math
import random

from .. import catalog
from .rows import DemoData
from .totals import CITY_CODE, COVERAGE_PATH, REPORT_YEAR, STAFFING_2025, alloc, random_day


def build_orgs(data: DemoData, rng: random.Random) -> None:
    years = data.scale.years
    first = years[0]
    # the report years' coverage path is the last len(path) years; before that, as its first
    path_years = tuple(range(REPORT_YEAR - 6, REPORT_YEAR + 1))
    counties = data.counties()
    lag = {c["code"]: rng.uniform(-0.6, 0.6) for c in counties}  # some counties lag, some lead

    def schedule(units: list[dict], shares: tuple[float, ...]) -> dict[str, int]:
        """Year each unit is first in place: the first ceil(share × N) by priority."""
        prio = sorted(units, key=lambda u: rng.random() + lag[u["county_code"]])
        n = len(units)
        when: dict[str, int] = {}
        done = 0
        for y, share in zip(path_years, shares, strict=True):
            upto = math.ceil(share * n) if share < 1 else n
            for u in prio[done:upto]:
                when[u["code"]] = y if y > path_years[0] else rng.randint(first - 6, path_years[0])
            done = max(done, upto)
        return when

    townships = data.townships()
    villages = data.villages()
    t_year = schedule(townships, COVERAGE_PATH["township"])
    v_year = schedule(villages, COVERAGE_PATH["village"])
    s_year = schedule(villages, COVERAGE_PATH["village_staff"])
    for t in townships:
        y = t_year[t["code"]]
        est = random_day(rng, y, rng.randint(1, 12))
        staffed = est + dt.timedelta(days=rng.randint(0, 200))
        if staffed.year > y and y == REPORT_YEAR:
            staffed = dt.date(REPORT_YEAR, 12, 31)
        data.org_units.append(
            dict(
                org_type="township_federation",
                area_code=t["code"],
                county_code=t["county_code"],
                name=f"{t['name']}残联",
                established_on=est,
                staffed_on=staffed,
                staff_count=rng.randint(1, 3),
            )
        )
    for v in villages:
        ey, sy = v_year[v["code"]], max(v_year[v["code"]], s_year[v["code"]])
        est = random_day(rng, ey, rng.randint(1, 12))
        staffed = max(est, random_day(rng, sy, rng.randint(1, 12)))
        data.org_units.append(
            dict(
                org_type="village_association",
                area_code=v["code"],
                county_code=v["county_code"],
                name=f"{v['name']}残协",
                established_on=est,
                staffed_on=staffed,
                staff_count=1,
            )
        )
    city = data.areas[0]
    for c in [city, *counties]:
        cc = c["county_code"]
        # county party groups: most set up over the years, every county by the report year
        if c["level"] == "county":
            y = rng.choice(path_years[:-1]) if rng.random() < 0.85 else REPORT_YEAR
            data.org_units.append(
                dict(
                    org_type="party_group",
                    area_code=c["code"],
                    county_code=cc,
                    name=f"{c['name']}残联党组",
                    established_on=random_day(rng, y, rng.randint(1, 12)),
                    staffed_on=None,
                    staff_count=0,
                )
            )
        for otype, short in catalog.SPECIAL_ASSOCIATIONS.items():
            r = rng.random()
            if c["level"] == "city":
                y = path_years[0]
            elif r < 0.06:
                continue  # not yet registered: a gap the grid shows
            else:
                y = rng.choice(path_years)
            data.org_units.append(
                dict(
                    org_type=otype,
                    area_code=c["code"],
                    county_code=cc,
                    name=f"{c['name']}{short}",
                    established_on=random_day(rng, y, rng.randint(1, 12)),
                    staffed_on=None,
                    staff_count=0,
                )
            )
        y = rng.choice(path_years[:5])
        data.org_units.append(
            dict(
                org_type="legal_aid_station",
                area_code=c["code"],
                county_code=cc,
                name=f"{c['name']}残疾人法律援助工作站",
                established_on=random_day(rng, y, rng.randint(1, 12)),
                staffed_on=None,
                staff_count=rng.randint(1, 3),
            )
        )
    # staffing: what was added each year, by level
    f = data.scale.factor
    for y in years:
        back = REPORT_YEAR - y
        for kind, n2025 in STAFFING_2025.items():
            total = round(n2025 * f) if back == 0 else max(0, round(n2025 * f * rng.uniform(0.0, 0.8)))
            if kind == "centre_posts":
                split = {CITY_CODE: total}
            elif kind in ("admin_posts", "public_welfare_posts"):
                split = dict(
                    zip([c["code"] for c in counties], alloc(total, [rng.random() for _ in counties]), strict=True)
                )
            elif kind == "paid_hires":
                split = {CITY_CODE: total}
            else:  # vice-chairs at both levels
                city_part = min(total, max(1, round(total * 0.2)))
                split = {CITY_CODE: city_part} | dict(
                    zip(
                        [c["code"] for c in counties],
                        alloc(total - city_part, [rng.random() for _ in counties]),
                        strict=True,
                    )
                )
            for code, n in split.items():
                if n:
                    data.staffing.append(
                        dict(
                            area_code=code,
                            county_code=None if code == CITY_CODE else code,
                            level="city" if code == CITY_CODE else "county",
                            year=y,
                            post_kind=kind,
                            count=n,
                        )
                    )
