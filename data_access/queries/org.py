"""Datasets of the Organisation coverage page (组织建设, section 一 of the work summary).

Coverage percentages are the indicator engine's (:func:`coverage.coverage_counts`, the
figures behind ``org_*_coverage``); this module adds what the engine lacks: whether a
township federation has its full-time staff, each area's status at a year end (for the
map and the gap list), the year coverage became complete, staffing by year and level,
and the county-level organisations (党组, the five special associations).

An organisation is "in place" at the end of year Y when ``established_on`` ≤ 31 December
Y; it "has its full-time staff" when ``staffed_on`` is also on or before that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, and_, case, func, literal, select
from sqlalchemy.orm import aliased

from ..catalog import SPECIAL_ASSOCIATIONS
from ..filters import Filters
from ..models import Area, AreaShape, OrgUnit, Staffing
from .common import frame, in_scope
from .coverage import counted, coverage_by_year

__all__ = [
    "org_area_status",
    "org_county_shapes",
    "org_county_units",
    "org_county_units_trend",
    "org_coverage",
    "org_coverage_trend",
    "org_full_coverage",
    "org_gaps",
    "org_staffing",
    "org_status_counts",
]

# the grassroots organisation of each level
LEVEL_ORG = {"township": "township_federation", "village": "village_association"}
# coverage measures, in display order: (level, needs full-time staff)
MEASURES = {
    "township": ("township", False),  # 乡镇(街道)残联
    "township_staff": ("township", True),  # 乡镇(街道)残联专职人员
    "village": ("village", False),  # 村(社区)残协
    "village_staff": ("village", True),  # 村(社区)残协专职委员
}
COUNTY_ORG_TYPES = ("party_group", *SPECIAL_ASSOCIATIONS)


def _end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _status_expr(end: dt.date):
    """staffed | no_staff | none for the outer-joined OrgUnit at the year end."""
    return case(
        (OrgUnit.id.is_(None), literal("none")),
        (and_(OrgUnit.staffed_on.is_not(None), OrgUnit.staffed_on <= end), literal("staffed")),
        else_=literal("no_staff"),
    )


def _coverage(conn: Connection, f: Filters, years: Sequence[int], by_county: bool) -> pd.DataFrame:
    """Every coverage measure at each year end, one statement per measure for all the years.

    Columns: year, [county_code,] measure, total, covered, gap, pct.
    """
    frames = []
    for measure in MEASURES:
        df = coverage_by_year(conn, f, years, measure, by=("county",) if by_county else ())
        df.insert(1 if not by_county else 2, "measure", measure)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out["gap"] = out["total"] - out["covered"]
    out["pct"] = (out["covered"] / out["total"].where(out["total"] != 0) * 100).round(6)
    keys = ["year", "county_code", "measure"] if by_county else ["year", "measure"]
    return out.sort_values(keys, key=_measure_order, kind="stable").reset_index(drop=True)


def org_coverage(conn: Connection, f: Filters, year: int | None = None, by_county: bool = False) -> pd.DataFrame:
    """Coverage at the end of ``year`` (default: the filters' year), whole selection or by county.

    Columns: [county_code,] measure, total, covered, gap, pct. ``measure`` is one of
    township (乡镇有残联), township_staff (乡镇残联有专职人员), village (村有残协),
    village_staff (村有残协且有专职委员).
    """
    return _coverage(conn, f, (year or f.year,), by_county).drop(columns="year")


def _measure_order(s: pd.Series) -> pd.Series:
    order = {m: i for i, m in enumerate(MEASURES)}
    return s.map(order) if s.name == "measure" else s


def org_coverage_trend(conn: Connection, f: Filters) -> pd.DataFrame:
    """Coverage at the end of each year of the filters' range: year, measure, total, covered, gap, pct."""
    return _coverage(conn, f, f.years, by_county=False)


def org_full_coverage(conn: Connection, f: Filters) -> pd.DataFrame:
    """When each measure reached 100 % in the selection: measure, total, covered, last_date, year.

    ``covered`` counts units that ever got their organisation (and staff); when it equals
    ``total`` the measure became complete on ``last_date`` (the latest establishment or
    staffing date), in ``year``; otherwise ``year`` is empty. Compare ``year`` with the
    selected year: a completion after it has not happened yet as of that year.
    """
    rows = []
    for measure, (level, staff) in MEASURES.items():
        date_col = OrgUnit.staffed_on if staff else OrgUnit.established_on
        cond = and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == LEVEL_ORG[level])
        if staff:
            cond = and_(cond, OrgUnit.staffed_on.is_not(None))
        stmt = (
            select(func.count(Area.code), func.count(OrgUnit.id), func.max(date_col))
            .select_from(Area)
            .outerjoin(OrgUnit, cond)
            .where(Area.level == level, *counted(level), *in_scope(Area.county_code, f))
        )
        total, covered, last = conn.execute(stmt).one()
        if isinstance(last, str):  # some drivers hand back MAX(date) as text
            last = dt.date.fromisoformat(last[:10])
        complete = total > 0 and covered == total
        done = last if complete else None
        rows.append((measure, int(total), int(covered), done, done.year if done is not None else None))
    df = pd.DataFrame(rows, columns=["measure", "total", "covered", "last_date", "year"])
    df["year"] = df["year"].astype("Int64")
    return df


def org_area_status(conn: Connection, f: Filters, year: int | None = None, level: str = "township") -> pd.DataFrame:
    """Each township (or village) with its organisation's status at the end of ``year``.

    Columns: code, name, kind, county_code, county_name, township_code, township_name, lon,
    lat, org_name, established_on, staffed_on, staff_count, status (staffed | no_staff |
    none), geometry (GeoJSON text from ``area_shapes``; None for villages). Dates after
    the year end are blanked: at that time the organisation or staff did not exist yet.
    """
    year = year or f.year
    end = _end(year)
    county = aliased(Area)
    town = aliased(Area)
    status = _status_expr(end)
    stmt = (
        select(
            Area.code,
            Area.name,
            Area.kind,
            Area.county_code,
            county.name.label("county_name"),
            Area.township_code,
            town.name.label("township_name"),
            Area.lon,
            Area.lat,
            OrgUnit.name.label("org_name"),
            OrgUnit.established_on,
            case((OrgUnit.staffed_on <= end, OrgUnit.staffed_on), else_=None).label("staffed_on"),
            case((OrgUnit.staffed_on <= end, OrgUnit.staff_count), else_=0).label("staff_count"),
            status.label("status"),
            AreaShape.geometry,
        )
        .select_from(Area)
        .outerjoin(
            OrgUnit,
            and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == LEVEL_ORG[level], OrgUnit.established_on <= end),
        )
        .outerjoin(county, county.code == Area.county_code)
        .outerjoin(town, town.code == Area.township_code)
        .outerjoin(AreaShape, AreaShape.area_code == Area.code)
        .where(Area.level == level, *counted(level), *in_scope(Area.county_code, f))
        .order_by(Area.code)
    )
    df = frame(conn, stmt)
    df["staff_count"] = df["staff_count"].fillna(0).astype(int)
    return df


def org_status_counts(conn: Connection, f: Filters, year: int | None = None, level: str = "village") -> pd.DataFrame:
    """How many townships (or villages) have each status at the end of ``year``: status, count
    — the counts of :func:`org_area_status` without its rows (a province's 24,170 villages
    are counted, not sent, when the map shows townships only)."""
    end = _end(year or f.year)
    status = _status_expr(end).label("status")
    stmt = (
        select(status, func.count().label("count"))
        .select_from(Area)
        .outerjoin(
            OrgUnit,
            and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == LEVEL_ORG[level], OrgUnit.established_on <= end),
        )
        .where(Area.level == level, *counted(level), *in_scope(Area.county_code, f))
        .group_by(status)
    )
    df = frame(conn, stmt)
    df["count"] = df["count"].astype(int)
    return df


def org_gaps(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """The gap list: townships and villages without their organisation or without
    full-time staff at the end of ``year``, ordered by county, township and code.

    Columns: county_code, county_name, level, township_code, township_name, code, name,
    kind, status (no_staff | none), established_on.
    """
    year = year or f.year
    end = _end(year)
    frames = []
    for level in ("township", "village"):
        county = aliased(Area)
        town = aliased(Area)
        status = _status_expr(end)
        stmt = (
            select(
                Area.county_code,
                county.name.label("county_name"),
                literal(level).label("level"),
                Area.township_code,
                town.name.label("township_name"),
                Area.code,
                Area.name,
                Area.kind,
                status.label("status"),
                OrgUnit.established_on,
            )
            .select_from(Area)
            .outerjoin(
                OrgUnit,
                and_(
                    OrgUnit.area_code == Area.code,
                    OrgUnit.org_type == LEVEL_ORG[level],
                    OrgUnit.established_on <= end,
                ),
            )
            .outerjoin(county, county.code == Area.county_code)
            .outerjoin(town, town.code == Area.township_code)
            .where(
                Area.level == level,
                *counted(level),
                *in_scope(Area.county_code, f),
                # no organisation, or one whose staff came after the year end (or never)
                (OrgUnit.id.is_(None)) | OrgUnit.staffed_on.is_(None) | (OrgUnit.staffed_on > end),
            )
        )
        frames.append(frame(conn, stmt))
    if all(x.empty for x in frames):
        return frames[0]
    out = pd.concat([x for x in frames if not x.empty], ignore_index=True)
    out["_lv"] = out["level"].map({"township": 0, "village": 1})
    out = out.sort_values(["county_code", "township_code", "_lv", "code"]).drop(columns="_lv")
    return out.reset_index(drop=True)


def org_staffing(conn: Connection, f: Filters) -> pd.DataFrame:
    """Posts and people added each year of the range, by level and county.

    Columns: year, level (city | county), county_code (None for the city federation),
    post_kind (centre_posts, admin_posts, public_welfare_posts, paid_hires, vice_chairs),
    count. A county choice leaves out the city federation's own rows.
    """
    t = Staffing
    keys = [t.year, t.level, t.county_code, t.post_kind]
    stmt = (
        select(*keys, func.sum(t.count).label("count"))
        .where(t.year.between(f.first_year, f.year), *in_scope(t.county_code, f))
        .group_by(*keys)
        .order_by(*keys)
    )
    df = frame(conn, stmt)
    df["count"] = df["count"].astype(int)
    return df


def org_county_units(conn: Connection, f: Filters) -> pd.DataFrame:
    """County party groups and the five special associations, with when each was set up.

    Columns: county_code (None: the city federation's own associations), area_name,
    org_type, name, established_on. Units set up after the selected year are included
    (the page says "not yet" for them); counties with none still show through
    :func:`areas_years.areas`.
    """
    stmt = (
        select(
            OrgUnit.county_code,
            Area.name.label("area_name"),
            OrgUnit.org_type,
            OrgUnit.name.label("name"),
            OrgUnit.established_on,
        )
        .join(Area, Area.code == OrgUnit.area_code)
        .where(OrgUnit.org_type.in_(COUNTY_ORG_TYPES), *in_scope(OrgUnit.county_code, f))
        .order_by(OrgUnit.county_code, OrgUnit.org_type)
    )
    return frame(conn, stmt)


def org_county_units_trend(conn: Connection, f: Filters) -> pd.DataFrame:
    """How many counties had each county-level organisation at each year end.

    Columns: year, org_type, count, counties (counties in the selection). City-level
    associations are not counted (they are not a county's).
    """
    years = f.years
    per_year = [func.sum(case((OrgUnit.established_on <= _end(y), 1), else_=0)).label(f"y{y}") for y in years]
    stmt = (
        select(OrgUnit.org_type, *per_year)
        .where(
            OrgUnit.org_type.in_(COUNTY_ORG_TYPES),
            OrgUnit.county_code.is_not(None),
            *in_scope(OrgUnit.county_code, f),
        )
        .group_by(OrgUnit.org_type)
    )
    wide = frame(conn, stmt).set_index("org_type")
    wide = wide.reindex(list(COUNTY_ORG_TYPES)).fillna(0)
    n_counties = conn.execute(
        select(func.count(Area.code)).where(Area.level == "county", *in_scope(Area.county_code, f))
    ).scalar()
    rows = [(y, ot, int(wide.loc[ot, f"y{y}"]), int(n_counties or 0)) for y in years for ot in COUNTY_ORG_TYPES]
    return pd.DataFrame(rows, columns=["year", "org_type", "count", "counties"])


def org_county_shapes(conn: Connection, f: Filters) -> pd.DataFrame:
    """Counties in the selection with their outline: code, county_code, name, lon, lat, geometry."""
    stmt = (
        select(Area.code, Area.county_code, Area.name, Area.lon, Area.lat, AreaShape.geometry)
        .select_from(Area)
        .outerjoin(AreaShape, AreaShape.area_code == Area.code)
        .where(Area.level == "county", *in_scope(Area.county_code, f))
        .order_by(Area.code)
    )
    return frame(conn, stmt)
