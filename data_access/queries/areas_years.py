"""Areas and years: the counties a user may choose, areas of a level, the city's name,
the years that have data — what every page's filters and labels are built from."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from .. import rollups
from ..config import year_range
from ..filters import Filters
from ..models import Activity, Area, Donation, FactSummary, IndicatorValue, LegalAidCase
from . import common
from .common import frame, in_scope

__all__ = ["all_counties", "areas", "available_years", "city_name"]


def areas(conn: Connection, f: Filters, level: str = "county") -> pd.DataFrame:
    """Areas of a level within the filters: code, name, kind, parent, registered disabled."""
    stmt = (
        select(
            Area.code,
            Area.name,
            Area.kind,
            Area.parent_code,
            Area.county_code,
            Area.disabled_registered,
            Area.lon,
            Area.lat,
        )
        .where(Area.level == level, *in_scope(Area.county_code, f))
        .order_by(Area.code)
    )
    return frame(conn, stmt)


def all_counties(conn: Connection, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Counties a user may choose from (the filter's options): code, name."""
    stmt = select(Area.code, Area.name).where(Area.level == "county").order_by(Area.code)
    if scope is not None:
        stmt = stmt.where(Area.code.in_(scope or ("",)))
    return frame(conn, stmt)


def city_name(conn: Connection) -> str:
    return conn.execute(select(Area.name).where(Area.level == "city").limit(1)).scalar() or "本市"


def available_years(conn: Connection) -> list[int]:
    """Years with reported data inside the plausible range (:func:`config.year_range`),
    newest last: a stray ``0001-03-15`` put in by hand must not stretch every trend."""
    lo, hi = year_range()
    if common.USE_ROLLUPS and rollups.rollups_current(conn):
        # the same years from the rollups: a province's millions of values need no scan
        t = FactSummary
        whole = ("event:legal_aid", rollups.ALL_ACTIVITIES, "event:donations_total")
        kept = t.measure.not_like("event:%") & t.measure.not_in(rollups.coverage_measures())
        stmt = select(t.year).where(kept | t.measure.in_(whole)).distinct()
        return sorted(int(y) for y in conn.execute(stmt).scalars() if y is not None and lo <= y <= hi)
    ys = set(conn.execute(select(IndicatorValue.year).distinct()).scalars())
    for model in (LegalAidCase, Activity, Donation):
        ys |= set(conn.execute(select(model.year).distinct()).scalars())
    return sorted(int(y) for y in ys if y is not None and lo <= y <= hi)
