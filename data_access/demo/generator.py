"""The demo city 示例市 (and, scaled up, a demo province), deterministic by seed.

The report year is 2025. Its whole-city figures are exactly ``TARGETS_2025``
(DESIGN §5, the work summary's figures); earlier years grow towards them, counties
differ by size and by their own pace, 2020 has the dip of a year of closures, and
organisation coverage has gaps that close by 2025.

Every total is split into whole units (people, cases, 0.01 万元) by largest
remainder, so parts always add up to the whole exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import catalog, vocab
from .geo import Lattice, centroid
from .names import county_names, place_names

REPORT_YEAR = 2025
CITY_CODE = "990100000000"
CITY_NAME = "示例市"

# DESIGN §5: the 2025 whole-city figures (work summary). Units as in the dictionary.
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
# figures the summary gives without a DESIGN target; chosen once here
EXTRA_2025 = {"emp_training": 1500, "emp_loan_subsidy": 36.5}
# new posts and people in 2025 (DESIGN §5): city centre 5, county admin 3, 以钱养事 3,
# part-time/seconded vice-chairs 10 at city and county levels
STAFFING_2025 = {"centre_posts": 5, "admin_posts": 3, "public_welfare_posts": 4, "paid_hires": 3, "vice_chairs": 10}

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


@dataclass(frozen=True)
class Scale:
    name: str
    county_grid: tuple[int, int]  # counties across, down
    block: tuple[int, int] | None  # cells per county (province) or None: the city layout
    years: tuple[int, ...]
    villages_per_township: tuple[int, int]
    factor: float  # multiplies the city's totals
    # province scale only (benchmarks): indicators reported monthly by village instead
    # of by township, event volumes raised beyond ``factor``, volunteer teams per township
    village_monthly: tuple[str, ...] = ()
    event_factor: float = 1.0
    township_teams: bool = False

    @property
    def n_counties(self) -> int:
        return self.county_grid[0] * self.county_grid[1] if self.block else 8


CITY = Scale("city", (0, 0), None, tuple(range(2019, 2026)), (8, 22), 1.0)
PROVINCE = Scale(
    "province",
    (10, 10),
    (4, 4),
    tuple(range(2016, 2026)),
    (11, 23),
    12.5,
    village_monthly=("rehab_beneficiaries", "emp_training"),
    event_factor=8.0,
    township_teams=True,
)
# a few counties shaped like the province (village reporting, township teams): for tests
# of the bulk loader and the summaries, quick on every backend
COUNTIES = Scale(
    "counties",
    (2, 2),
    (2, 2),
    tuple(range(2022, 2026)),
    (6, 10),
    0.5,
    village_monthly=("rehab_beneficiaries", "emp_training"),
    event_factor=4.0,
    township_teams=True,
)
SCALES = {"city": CITY, "province": PROVINCE, "counties": COUNTIES}
# columns of a reported value row as iter_values yields it
VALUE_COLS = ("indicator_code", "area_code", "county_code", "township_code", "year", "month", "value")
EVENT_KINDS = ("legal_aid", "infringement", "access", "activities", "volunteers", "donations")

# the city: a 10 × 10 lattice in eight blocks (c0, r0, c1, r1); the two small
# central blocks are urban districts of streets and communities
CITY_BLOCKS = (
    (3, 5, 5, 8, "区"),
    (5, 5, 7, 8, "区"),
    (0, 5, 3, 10, "县"),
    (3, 8, 7, 10, "县"),
    (7, 5, 10, 10, "县"),
    (0, 0, 3, 5, "县"),
    (3, 0, 7, 5, "县"),
    (7, 0, 10, 5, "县"),
)


@dataclass
class DemoData:
    scale: Scale
    areas: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    org_units: list[dict] = field(default_factory=list)
    staffing: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    legal_aid: list[dict] = field(default_factory=list)
    infringement: list[dict] = field(default_factory=list)
    access: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    volunteers: list[dict] = field(default_factory=list)
    donations: list[dict] = field(default_factory=list)
    # areas by (level, parent), rebuilt when areas grow (a province asks it per event)
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def _children(self, level: str, parent: str | None) -> list[dict]:
        n = self._index.get("n", 0)
        if n != len(self.areas):
            if n > len(self.areas):  # replaced, not appended to: start again
                self._index.clear()
                n = 0
            self._index["n"] = len(self.areas)
            for a in self.areas[n:]:
                self._index.setdefault((a["level"], None), []).append(a)
                if a["level"] == "township":
                    self._index.setdefault(("township", a["county_code"]), []).append(a)
                elif a["level"] == "village":
                    self._index.setdefault(("village", a["township_code"]), []).append(a)
        return list(self._index.get((level, parent), ()))

    def counties(self) -> list[dict]:
        return self._children("county", None)

    def townships(self, county: str | None = None) -> list[dict]:
        return self._children("township", county)

    def villages(self, township: str | None = None) -> list[dict]:
        return self._children("village", township)


# ----------------------------------------------------------------------- helpers


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


def _random_day(rng: random.Random, year: int, month: int) -> dt.date:
    return dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _months(rng: random.Random, n: int) -> list[int]:
    return rng.choices(range(1, 13), weights=MONTH_WEIGHTS, k=n)


def year_total(base2025: float, key: str, year: int, factor: float = 1.0) -> float:
    v = base2025 * factor * (1 - GROWTH[key]) ** (REPORT_YEAR - year)
    if year == 2020:
        v *= DIP_2020.get(key, 0.92)
    return v


# ------------------------------------------------------------------------ areas


def build_areas(data: DemoData, rng: random.Random, seed: int) -> None:
    sc = data.scale
    if sc.block:
        bw, bh = sc.block
        gx, gy = sc.county_grid
        lattice = Lattice(gx * bw, gy * bh, 108.0, 25.0, 0.16, 0.13, seed)
        blocks = [
            (x * bw, y * bh, (x + 1) * bw, (y + 1) * bh, "区" if rng.random() < 0.2 else "县")
            for y in range(gy)
            for x in range(gx)
        ]
    else:
        lattice = Lattice(10, 10, 112.2, 29.6, 0.16, 0.13, seed)
        blocks = list(CITY_BLOCKS)
    names = county_names(rng, len(blocks), [b[4] for b in blocks])
    data.areas.append(
        dict(
            code=CITY_CODE,
            name=CITY_NAME,
            level="city",
            kind="市",
            parent_code=None,
            county_code=None,
            township_code=None,
        )
    )
    used_names: set[str] = set()
    for k, (c0, r0, c1, r1, kind) in enumerate(blocks, start=1):
        ccode = f"9901{k:02d}000000" if k < 100 else f"99{k // 100 + 1:02d}{k % 100:02d}000000"
        poly = lattice.block_polygon(c0, r0, c1, r1)
        lon, lat = centroid(poly[0])
        county = dict(
            code=ccode,
            name=names[k - 1],
            level="county",
            kind=kind,
            parent_code=CITY_CODE,
            county_code=ccode,
            township_code=None,
            lon=lon,
            lat=lat,
        )
        data.areas.append(county)
        data.shapes.append(dict(area_code=ccode, geometry=poly))
        urban = kind == "区"
        cells = [(i, j) for j in range(r0, r1) for i in range(c0, c1)]
        t_names = place_names(rng, len(cells), used_names)
        n_street = n_town = n_xiang = 0
        for (i, j), tname in zip(cells, t_names, strict=True):
            if urban or (i, j) == cells[len(cells) // 2]:
                tkind, n_street = "街道", n_street + 1
                tno = n_street
            elif rng.random() < 0.7:
                tkind, n_town = "镇", n_town + 1
                tno = 100 + n_town
            else:
                tkind, n_xiang = "乡", n_xiang + 1
                tno = 200 + n_xiang
            tcode = f"{ccode[:6]}{tno:03d}000"
            tpoly = lattice.cell_polygon(i, j)
            tlon, tlat = centroid(tpoly[0])
            township = dict(
                code=tcode,
                name=tname + tkind,
                level="township",
                kind=tkind,
                parent_code=ccode,
                county_code=ccode,
                township_code=tcode,
                lon=tlon,
                lat=tlat,
            )
            data.areas.append(township)
            data.shapes.append(dict(area_code=tcode, geometry=tpoly))
            lo, hi = sc.villages_per_township
            nv = rng.randint(lo, hi) if not urban else rng.randint(5, 10)
            v_names = place_names(rng, nv, set())
            n_comm = n_vill = 0
            pop_t = dis_t = 0
            for vname in v_names:
                if tkind == "街道" or rng.random() < 0.08:
                    vkind, n_comm = "社区", n_comm + 1
                    vno = n_comm
                    pop = rng.randint(3000, 9000)
                else:
                    vkind, n_vill = "村", n_vill + 1
                    vno = 200 + n_vill
                    pop = rng.randint(700, 3200)
                dis = round(pop * rng.uniform(0.022, 0.038))
                vlon, vlat = lattice.point_in_cell(i, j, rng.uniform(0.18, 0.82), rng.uniform(0.18, 0.82))
                data.areas.append(
                    dict(
                        code=f"{tcode[:9]}{vno:03d}",
                        name=vname + vkind,
                        level="village",
                        kind=vkind,
                        parent_code=tcode,
                        county_code=ccode,
                        township_code=tcode,
                        population=pop,
                        disabled_registered=dis,
                        lon=vlon,
                        lat=vlat,
                    )
                )
                pop_t += pop
                dis_t += dis
            township["population"], township["disabled_registered"] = pop_t, dis_t
        county["population"] = sum(t["population"] for t in data.townships(ccode))
        county["disabled_registered"] = sum(t["disabled_registered"] for t in data.townships(ccode))
    city = data.areas[0]
    city["population"] = sum(c["population"] for c in data.counties())
    city["disabled_registered"] = sum(c["disabled_registered"] for c in data.counties())
    lons = [p[0] for s in data.shapes for p in s["geometry"][0]]
    lats = [p[1] for s in data.shapes for p in s["geometry"][0]]
    city["lon"], city["lat"] = round((min(lons) + max(lons)) / 2, 5), round((min(lats) + max(lats)) / 2, 5)


# ---------------------------------------------------------------- organisations


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
        est = _random_day(rng, y, rng.randint(1, 12))
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
        est = _random_day(rng, ey, rng.randint(1, 12))
        staffed = max(est, _random_day(rng, sy, rng.randint(1, 12)))
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
                    established_on=_random_day(rng, y, rng.randint(1, 12)),
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
                    established_on=_random_day(rng, y, rng.randint(1, 12)),
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
                established_on=_random_day(rng, y, rng.randint(1, 12)),
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


# ------------------------------------------------------------ reported indicators


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
        base = TARGETS_2025.get(code, EXTRA_2025.get(code))
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


# --------------------------------------------------------------------- events


def _yearly_count(key: str, base: int, y: int, factor: float) -> int:
    return round(base * factor) if y == REPORT_YEAR else round(year_total(base, key, y, factor))


def _place(rng: random.Random, data: DemoData, county: dict) -> dict:
    towns = data.townships(county["code"])
    return rng.choices(towns, weights=[t["disabled_registered"] for t in towns])[0]


def _county_split(rng: random.Random, counties: list[dict], n: int) -> list[tuple[dict, int]]:
    w = [c["disabled_registered"] * rng.uniform(0.5, 1.5) for c in counties]
    return list(zip(counties, alloc(n, w), strict=True))


def _where(t: dict, y: int, m: int) -> dict:
    return dict(area_code=t["code"], county_code=t["county_code"], township_code=t["code"], year=y, month=m)


def build_events(data: DemoData, rng: random.Random) -> None:
    for kind, row in iter_events(data, rng):
        getattr(data, kind).append(row)


def iter_events(data: DemoData, rng: random.Random) -> Iterator[tuple[str, dict]]:
    """Event records as (kind, row), kind one of ``EVENT_KINDS``, one at a time."""
    sc = data.scale
    ef = sc.factor * sc.event_factor
    counties = data.counties()
    end = dt.date(REPORT_YEAR, 12, 31)
    for y in sc.years:
        # legal aid
        seq = 0
        for c, n in _county_split(rng, counties, _yearly_count("legal_aid", 100, y, ef)):
            for m in _months(rng, n):
                seq += 1
                t = _place(rng, data, c)
                opened = _random_day(rng, y, m)
                closed = opened + dt.timedelta(days=rng.randint(7, 120))
                done = closed <= end and rng.random() < 0.97
                yield (
                    "legal_aid",
                    (
                        _where(t, y, m)
                        | dict(
                            case_no=f"FY{y}{c['code'][2:6]}{seq:05d}",
                            case_type=rng.choices(catalog.LEGAL_AID_TYPES, weights=(34, 22, 18, 16, 10))[0],
                            service_kind=rng.choices(catalog.LEGAL_SERVICE_KINDS, weights=(45, 25, 30))[0],
                            opened_on=opened,
                            closed_on=closed if done else None,
                            status=vocab.LEGAL_AID_CLOSED if done else vocab.LEGAL_AID_OPEN,
                        )
                    ),
                )
        # infringement cases
        seq = 0
        for c, n in _county_split(rng, counties, _yearly_count("infringement", 20, y, ef)):
            for m in _months(rng, n):
                seq += 1
                t = _place(rng, data, c)
                opened = _random_day(rng, y, m)
                closed = opened + dt.timedelta(days=rng.randint(15, 90))
                done = closed <= end
                yield (
                    "infringement",
                    (
                        _where(t, y, m)
                        | dict(
                            case_no=f"QQ{y}{c['code'][2:6]}{seq:05d}",
                            partner_agency=rng.choices(catalog.PARTNER_AGENCIES, weights=(45, 30, 15, 10))[0],
                            case_type=rng.choice(("侵占财产", "虐待遗弃", "欺诈", "就业歧视")),
                            opened_on=opened,
                            closed_on=closed if done else None,
                            status=vocab.INFRINGEMENT_CLOSED if done else vocab.INFRINGEMENT_OPEN,
                        )
                    ),
                )
        # accessibility projects completed in y; at the end of the report year some are under way
        seq = 0
        n_done = _yearly_count("access", 50, y, ef)
        batches = [(True, n_done)] + ([(False, round(n_done * 0.3))] if y == REPORT_YEAR else [])
        for finished, count in batches:
            for c, n in _county_split(rng, counties, count):
                for m in _months(rng, n):
                    seq += 1
                    t = _place(rng, data, c)
                    cat = rng.choices(catalog.ACCESS_CATEGORIES, weights=(35, 20, 15, 30))[0]
                    day = _random_day(rng, y, m)  # completed on, or started on when under way
                    started = day - dt.timedelta(days=rng.randint(30, 240)) if finished else day
                    yield (
                        "access",
                        (
                            _where(t, y, m)
                            | dict(
                                project_no=f"WZA{y}{c['code'][2:6]}{seq:04d}",
                                name=f"{t['name']}{cat}改造",
                                category=cat,
                                cost_wan=round(rng.uniform(2, 80), 2),
                                started_on=started,
                                completed_on=day if finished else None,
                                status=vocab.ACCESS_DONE if finished else vocab.ACCESS_ONGOING,
                            )
                        ),
                    )
        # culture and sport events
        n_events = _yearly_count("culture", 50, y, ef)
        people = round(year_total(5000, "culture", y, ef)) if y != REPORT_YEAR else round(5000 * ef)
        evs = []
        for c, n in _county_split(rng, counties, n_events):
            evs += [(c, m) for m in _months(rng, n)]
        for k, ((c, m), p) in enumerate(zip(evs, alloc(people, [rng.uniform(0.3, 2) for _ in evs]), strict=True)):
            t = _place(rng, data, c)
            title = rng.choice(
                ("残疾人书画展", "残疾人文艺汇演", "残疾人运动会", "残疾人象棋比赛", "特奥融合活动", "盲人诵读会")
            )
            yield (
                "activities",
                (
                    _where(t, y, m)
                    | dict(
                        activity_no=f"WT{y}{k + 1:05d}",
                        kind="culture_sport",
                        title=f"{c['name']}{title}",
                        speaker=None,
                        held_on=_random_day(rng, y, m),
                        participants=p,
                    )
                ),
            )
        yield from _build_campaigns_lectures(data, rng, y)
        yield from _build_volunteers(data, rng, y, counties)
        yield from _build_donations(data, rng, y, counties)


def _city_event(y: int, m: int) -> dict:
    return dict(area_code=CITY_CODE, county_code=None, township_code=None, year=y, month=m)


def _build_campaigns_lectures(data: DemoData, rng: random.Random, y: int) -> Iterator[tuple[str, dict]]:
    # 全国助残日: the third Sunday of May; 国际残疾人日: 3 December
    may1 = dt.date(y, 5, 1)
    third_sunday = may1 + dt.timedelta(days=(6 - may1.weekday()) % 7 + 14)
    yield (
        "activities",
        (
            _city_event(y, 5)
            | dict(
                activity_no=f"XC{y}001",
                kind="campaign",
                title=f"第{y - 1990}次全国助残日主题宣传活动",
                speaker=None,
                held_on=third_sunday,
                participants=rng.randint(1500, 3000),
            )
        ),
    )
    yield (
        "activities",
        (
            _city_event(y, 12)
            | dict(
                activity_no=f"XC{y}002",
                kind="campaign",
                title="国际残疾人日主题宣传活动",
                speaker=None,
                held_on=dt.date(y, 12, 3),
                participants=rng.randint(800, 2000),
            )
        ),
    )
    if y == REPORT_YEAR:
        lectures = [
            (dt.date(y, 4, 18), "不断增强法治意识，加快推进残疾人事业高质量发展", "党组书记、理事长"),
            (dt.date(y, 10, 16), "学习贯彻习近平法治思想，落实残疾人保障法", "市委党校教授"),
        ]
    else:
        lectures = [
            (_random_day(rng, y, rng.choice((3, 4, 6))), "残疾人保障法专题宣讲", "市残联领导"),
            (_random_day(rng, y, rng.choice((9, 10, 11))), "残疾人事业发展专题宣讲", "特邀专家"),
        ]
    for k, (day, title, speaker) in enumerate(lectures, start=1):
        yield (
            "activities",
            (
                _city_event(y, day.month)
                | dict(
                    activity_no=f"XJ{y}{k:03d}",
                    kind="lecture",
                    title=title,
                    speaker=speaker,
                    held_on=day,
                    participants=rng.randint(120, 300),
                )
            ),
        )


def _build_volunteers(data: DemoData, rng: random.Random, y: int, counties: list[dict]) -> Iterator[tuple[str, dict]]:
    sc = data.scale
    ef = sc.factor * sc.event_factor
    n_vol = _yearly_count("volunteers", 500, y, ef)
    hours = _yearly_count("volunteer_hours", 10000, y, ef)
    # two teams per county (a province: per township); ``c`` is the team's area
    units = data.townships() if sc.township_teams else counties
    code_part = slice(2, 9) if sc.township_teams else slice(2, 6)
    teams = [(c, k) for c in units for k in (1, 2)]
    rosters = alloc(
        n_vol, [c["disabled_registered"] * random.Random(f"team{c['code']}{k}").uniform(0.5, 1.5) for c, k in teams]
    )
    cells, caps = [], []
    for (c, k), r in zip(teams, rosters, strict=True):
        if r == 0:
            continue
        peak = rng.randint(1, 12)
        for m in range(1, 13):
            people = r if m == peak else max(1, round(r * rng.uniform(0.4, 0.95)))
            cells.append((c, k, m, people))
            caps.append(people * MONTH_WEIGHTS[m - 1])
    partner = {(c["code"], k): random.Random(f"p{c['code']}{k}").choice(catalog.VOLUNTEER_PARTNERS) for c, k in teams}
    for (c, k, m, people), h in zip(cells, alloc(hours, caps), strict=True):
        yield (
            "volunteers",
            (
                dict(
                    area_code=c["code"],
                    county_code=c["county_code"],
                    township_code=c["code"] if sc.township_teams else None,
                    year=y,
                    month=m,
                    record_no=f"ZY{y}{c['code'][code_part]}{k}{m:02d}",
                    team=f"{c['name']}助残志愿服务{'一' if k == 1 else '二'}队",
                    partner_org=partner[(c["code"], k)],
                    volunteers=people,
                    hours=float(h),
                )
            ),
        )


def _build_donations(data: DemoData, rng: random.Random, y: int, counties: list[dict]) -> Iterator[tuple[str, dict]]:
    ef = data.scale.factor * data.scale.event_factor
    total = round(year_total(300, "donations", y, ef) * 100) if y != REPORT_YEAR else round(300 * ef * 100)
    n = max(1, round(total / 800))
    places = rng.choices(counties, weights=[c["disabled_registered"] for c in counties], k=n)
    for k, (c, units) in enumerate(zip(places, alloc(total, [rng.paretovariate(1.6) for _ in places]), strict=True)):
        goods = round(units * rng.choice((0, 0, 0.3, 0.6, 1.0)))
        m = _months(rng, 1)[0]
        t = _place(rng, data, c)
        yield (
            "donations",
            (
                _where(t, y, m)
                | dict(
                    donation_no=f"JZ{y}{k + 1:05d}",
                    donor_kind=rng.choices(("企业", "个人", "社会组织"), weights=(5, 3, 2))[0],
                    purpose=rng.choice(catalog.DONATION_PURPOSES),
                    received_on=_random_day(rng, y, m),
                    money_wan=(units - goods) / 100,
                    goods_wan=goods / 100,
                )
            ),
        )


# ------------------------------------------------------------------------ entry


def generate_head(scale: str = "city", seed: int = 2025) -> DemoData:
    """Areas, shapes, organisations and staffing (small even for a province); no facts yet."""
    data = DemoData(SCALES[scale])
    build_areas(data, random.Random(seed), seed)
    build_orgs(data, random.Random(seed + 1))
    return data


def iter_facts(data: DemoData, seed: int = 2025) -> Iterator[tuple[str, tuple | dict]]:
    """The facts of ``generate_head(scale, seed)`` as a stream: ("values", tuple in
    ``VALUE_COLS`` order) rows first, then (kind, dict) event rows. The same rows, in
    the same order, as ``generate`` puts in its lists — without holding them all."""
    for row in iter_values(data, random.Random(seed + 2)):
        yield "values", row
    yield from iter_events(data, random.Random(seed + 3))


def generate(scale: str = "city", seed: int = 2025) -> DemoData:
    """The whole demo dataset as plain rows; same seed, same rows."""
    data = generate_head(scale, seed)
    build_values(data, random.Random(seed + 2))
    build_events(data, random.Random(seed + 3))
    return data
