"""Coverage: how many areas of a level have their organisation at a year end.

One statement answers any number of year ends (a sum per year over the areas joined to
their organisation). The indicator engine turns it into ``coverage:NAME`` percentages;
the Organisation page and the deck read the counts themselves.

While the rollups are current, the counts for the whole selection or by county are
read from the coverage counts kept in ``fact_summary`` (``rollups.coverage_rows``: units
per county, units covered per county and year) — a few hundred rows instead of a
province's 24,170 villages joined to their associations; by township, or in a database
whose rollups hold no coverage counts yet, from the areas and organisations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, and_, case, func, select

from .. import rollups
from ..filters import Filters
from ..measures import COVERAGE, counted
from ..models import Area, FactSummary, OrgUnit
from . import common
from .common import frame, in_scope

__all__ = ["COVERAGE", "counted", "coverage_by_year", "coverage_counts"]

DIM_COLUMN = {"county": "county_code", "township": "township_code"}


def coverage_by_year(
    conn: Connection, f: Filters, years: Sequence[int], kind: str = "township", by: Sequence[str] = ()
) -> pd.DataFrame:
    """Units and units covered at each year end: columns [by…], year, total, covered
    (``by`` a subset of county, township), year by year in the order of ``years``."""
    org_type, level, staffed = COVERAGE[kind]
    names = [DIM_COLUMN[x] for x in by]
    if "township" not in by and _kept(conn, level):
        return _from_summary(conn, f, years, kind, level, names)
    keys = [getattr(Area, n) for n in names]
    covered = []
    for y in years:
        end = dt.date(y, 12, 31)
        cond = OrgUnit.established_on <= end
        if staffed:
            cond = and_(cond, OrgUnit.staffed_on.is_not(None), OrgUnit.staffed_on <= end)
        covered.append(func.sum(case((cond, 1), else_=0)).label(f"covered_{y}"))
    stmt = (
        select(*keys, func.count(Area.code).label("total"), *covered)
        .select_from(Area)
        .outerjoin(OrgUnit, and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == org_type))
        .where(Area.level == level, *counted(level), *in_scope(Area.county_code, f))
        .group_by(*keys)
        .order_by(*keys)
    )
    return _long(frame(conn, stmt), names, years)


def _kept(conn: Connection, level: str) -> bool:
    """The coverage counts of ``level`` are in ``fact_summary`` and current."""
    if not common.USE_ROLLUPS or not rollups.rollups_current(conn):
        return False
    fs = FactSummary
    units = rollups.COVERAGE_UNITS.format(level)
    return conn.execute(select(fs.measure).where(fs.measure == units, fs.year == 0).limit(1)).first() is not None


def _from_summary(
    conn: Connection, f: Filters, years: Sequence[int], kind: str, level: str, names: list[str]
) -> pd.DataFrame:
    """:func:`coverage_by_year` from the counts kept in ``fact_summary`` (``names``: [] or [county_code])."""
    fs = FactSummary
    keys = [fs.county_code.label("county_code")] if names else []
    units = rollups.COVERAGE_UNITS.format(level)
    measure = rollups.COVERAGE_MEASURE.format(kind)
    total = func.sum(case((fs.measure == units, fs.value), else_=0)).label("total")
    # units whose organisation (and staff) was in place in a year up to each year end
    covered = [
        func.sum(case((and_(fs.measure == measure, fs.year <= y), fs.value), else_=0)).label(f"covered_{y}")
        for y in years
    ]
    stmt = (
        select(*keys, total, *covered)
        .where(fs.measure.in_((units, measure)), *in_scope(fs.county_code, f))
        .group_by(*keys)
        .order_by(*keys)
    )
    wide = frame(conn, stmt)
    if names:  # counties with units only, as the areas give them
        wide = wide[wide["total"].fillna(0) > 0].reset_index(drop=True)
    return _long(wide, names, years)


def _long(wide: pd.DataFrame, names: list[str], years: Sequence[int]) -> pd.DataFrame:
    """One row per [county,] year from the wide frame (total, covered_YEAR…)."""
    cols = [*names, "year", "total", "covered"]
    frames = []
    for y in years:
        df = wide[names].copy()
        df["year"] = y
        df["total"] = wide["total"].fillna(0).astype(int)
        df["covered"] = wide[f"covered_{y}"].fillna(0).astype(int)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def coverage_counts(
    conn: Connection, f: Filters, year: int, kind: str = "township", by: Sequence[str] = ()
) -> pd.DataFrame:
    """Units and units covered at the end of ``year``: columns [by…], total, covered."""
    return coverage_by_year(conn, f, (year,), kind, by).drop(columns="year")
