"""社会力量 datasets: volunteer service, donations, publicity campaigns and lectures,
aggregated in SQL and scoped by :func:`county_filter`.

Headline figures (volunteers, service hours, donations) are indicators and come from
the engine (``indicator_series``/``kpis``). This module gives the breakdowns the
engine has no dimension for (partner organisation, donation purpose) and the list of
campaigns and lectures. Volunteers by partner follow the rule of docs/decisions.md
(per team the most people in any month, summed over teams), so partners add up to
the engine's ``social_volunteers``.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from ..completeness import blank_missing
from ..filters import Filters
from ..models import Activity, Donation, VolunteerRecord
from .areas_years import all_counties
from .common import CITY_LEVEL, frame, period_where
from .indicators import indicator_series

__all__ = [
    "donations_by_purpose",
    "outreach_timeline",
    "social_by_county",
    "volunteers_by_partner",
]

VOLUNTEER_CODES = ("social_volunteers", "social_volunteer_hours")
OUTREACH_KINDS = ("campaign", "lecture")


def volunteers_by_partner(conn: Connection, f: Filters, trend: bool = False) -> pd.DataFrame:
    """Volunteer service by year and partner organisation (共青团, 妇联 …): year,
    partner_org, teams, volunteers (per team the most in any month, summed), hours."""
    t = VolunteerRecord
    years = f.years if trend else (f.year,)
    inner = (
        select(
            t.year,
            t.partner_org,
            t.team,
            func.max(t.volunteers).label("v"),
            func.sum(t.hours).label("h"),
        )
        .where(*period_where(t, f, years))
        .group_by(t.year, t.partner_org, t.team)
        .subquery()
    )
    stmt = (
        select(
            inner.c.year,
            inner.c.partner_org,
            func.count().label("teams"),
            func.sum(inner.c.v).label("volunteers"),
            func.sum(inner.c.h).label("hours"),
        )
        .group_by(inner.c.year, inner.c.partner_org)
        .order_by(inner.c.year, inner.c.partner_org)
    )
    df = frame(conn, stmt)
    df[["teams", "volunteers"]] = df[["teams", "volunteers"]].astype(int)
    df["hours"] = df["hours"].astype(float)
    df["hours_per_volunteer"] = (df["hours"] / df["volunteers"].where(df["volunteers"] != 0)).round(1)
    return df


def social_by_county(conn: Connection, f: Filters) -> pd.DataFrame:
    """The selected year by county, all from the engine: county_code, county, volunteers,
    hours, hours_per_volunteer, donations (万元). Every county within the filters is listed."""
    codes = (*VOLUNTEER_CODES, "social_donations")
    s = indicator_series(conn, f, codes, by=("county",), years=(f.year,))
    values = {(r.code, None if pd.isna(r.county_code) else r.county_code): float(r.value) for r in s.itertuples()}
    counties = all_counties(conn, f.scope)
    chosen = f.counties_in_scope()
    if chosen is not None:
        counties = counties[counties["code"].isin(chosen)]
    names = dict(zip(counties["code"], counties["name"], strict=True))
    keys = list(counties["code"])
    if any(k[1] is None for k in values):
        keys.append(None)
    out = pd.DataFrame(
        {
            "county_code": keys,
            "county": [names.get(c, CITY_LEVEL) for c in keys],
            "volunteers": [round(values.get(("social_volunteers", c), 0.0)) for c in keys],
            "hours": [values.get(("social_volunteer_hours", c), 0.0) for c in keys],
            "donations": [round(values.get(("social_donations", c), 0.0), 2) for c in keys],
        }
    )
    out["hours_per_volunteer"] = (out["hours"] / out["volunteers"].where(out["volunteers"] != 0)).round(1)
    out = out[["county_code", "county", "volunteers", "hours", "hours_per_volunteer", "donations"]]
    # a county that has not reported: no figure, not 0
    cols = {
        "volunteers": "social_volunteers",
        "hours": "social_volunteer_hours",
        "hours_per_volunteer": "social_volunteers",
        "donations": "social_donations",
    }
    return blank_missing(conn, f, out, cols)


def donations_by_purpose(conn: Connection, f: Filters, trend: bool = True) -> pd.DataFrame:
    """Donations by year and purpose: year, purpose, donations (count), money_wan,
    goods_wan, total_wan."""
    t = Donation
    years = f.years if trend else (f.year,)
    stmt = (
        select(
            t.year,
            t.purpose,
            func.count().label("donations"),
            func.sum(t.money_wan).label("money_wan"),
            func.sum(t.goods_wan).label("goods_wan"),
        )
        .where(*period_where(t, f, years))
        .group_by(t.year, t.purpose)
        .order_by(t.year, t.purpose)
    )
    df = frame(conn, stmt)
    df["donations"] = df["donations"].astype(int)
    df[["money_wan", "goods_wan"]] = df[["money_wan", "goods_wan"]].astype(float).round(2)
    df["total_wan"] = (df["money_wan"] + df["goods_wan"]).round(2)
    return df


def outreach_timeline(conn: Connection, f: Filters) -> pd.DataFrame:
    """Publicity campaigns (全国助残日, 国际残疾人日 …) and lectures (专题宣讲) over the
    filters' years, by date: county_code, county (市本级 for the city's own), held_on, year, kind, title, speaker,
    participants. A list of events (a few a year), not a count."""
    t = Activity
    stmt = (
        select(t.county_code, t.held_on, t.year, t.kind, t.title, t.speaker, t.participants)
        .where(*period_where(t, f, f.years), t.kind.in_(OUTREACH_KINDS))
        .order_by(t.held_on, t.activity_no)
    )
    df = frame(conn, stmt)
    df["participants"] = df["participants"].astype(int)
    names = all_counties(conn)
    lookup = dict(zip(names["code"], names["name"], strict=True))
    df.insert(1, "county", [lookup.get(c, CITY_LEVEL) if isinstance(c, str) else CITY_LEVEL for c in df["county_code"]])
    return df
