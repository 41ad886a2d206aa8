"""Datasets of the presentation deck and the written summary (汇报) that the indicator
engine does not give: the township map with each township's federation status at a
year end, staffing added in a year, and legal-aid cases by type.

Every figure that is an indicator comes from ``indicators.indicator_series``/``kpis``; these
functions only add shapes, counts by a category, and posts. All aggregate in SQL and
apply the county scope in SQL.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, and_, case, func, select

from ..filters import Filters
from ..models import Area, AreaShape, LegalAidCase, OrgUnit, Staffing
from .common import frame, in_scope
from .coverage import counted

__all__ = ["report_legal_aid_types", "report_staffing", "report_township_map"]


def report_township_map(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """Each township in scope with its boundary and whether a township federation
    (乡镇残联) was in place at the end of ``year``.

    Columns: code, name, county_code, lon, lat, covered (0/1), geometry (GeoJSON text).
    """
    end = dt.date(year or f.year, 12, 31)
    org = and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == "township_federation", OrgUnit.established_on <= end)
    stmt = (
        select(
            Area.code,
            Area.name,
            Area.county_code,
            Area.lon,
            Area.lat,
            case((OrgUnit.id.is_not(None), 1), else_=0).label("covered"),
            AreaShape.geometry,
        )
        .select_from(Area)
        .outerjoin(OrgUnit, org)
        .outerjoin(AreaShape, AreaShape.area_code == Area.code)
        .where(Area.level == "township", *counted("township"), *in_scope(Area.county_code, f))
        .order_by(Area.code)
    )
    df = frame(conn, stmt)
    df["covered"] = df["covered"].astype(int)
    return df


def report_staffing(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """Posts and people added in ``year`` by level (city | county) and kind: level, post_kind, count.

    City-level rows have no county; they count only for the whole city (no county chosen)."""
    stmt = (
        select(Staffing.level, Staffing.post_kind, func.sum(Staffing.count).label("count"))
        .where(Staffing.year == (year or f.year), *in_scope(Staffing.county_code, f))
        .group_by(Staffing.level, Staffing.post_kind)
        .order_by(Staffing.level, Staffing.post_kind)
    )
    df = frame(conn, stmt)
    df["count"] = df["count"].astype(int)
    return df


def report_legal_aid_types(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """Legal-aid cases accepted in ``year`` by case type: case_type, cases (most first)."""
    n = func.count().label("cases")
    stmt = (
        select(LegalAidCase.case_type, n)
        .where(LegalAidCase.year == (year or f.year), *in_scope(LegalAidCase.county_code, f))
        .group_by(LegalAidCase.case_type)
        .order_by(n.desc(), LegalAidCase.case_type)
    )
    df = frame(conn, stmt)
    df["cases"] = df["cases"].astype(int)
    return df
