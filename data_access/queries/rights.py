"""权益保障 datasets: legal-aid cases, infringement cases, accessibility projects and
legal-aid stations, aggregated in SQL and scoped by :func:`common.county_filter`.

Headline figures (cases accepted, projects completed, infringement cases) are
indicators: they come from the engine (``indicator_series``/``kpis``), never from here.
This module gives their breakdowns (type, service kind, agency, category, status)
and what is not an indicator (closing, median days, stations).

Median days to close. The number of days between acceptance and closing is an
integer expression compiled for each dialect (:class:`days_between`: ``julianday``
on SQLite, date subtraction on PostgreSQL, ``DATEDIFF`` on MariaDB/MySQL); the
database returns a histogram — cases per (period, whole days) — and the median is
read off the cumulative counts of that histogram. A year has at most a few hundred
distinct day values however many cases it holds, so no case is pulled into pandas,
and the same statement runs on all three databases (there is no portable
``PERCENTILE_CONT``: SQLite and MariaDB lack the ordered-set aggregate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, Integer, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from .. import vocab
from ..completeness import blank_missing
from ..filters import Filters
from ..models import AccessibilityProject, InfringementCase, LegalAidCase, OrgUnit
from .areas_years import all_counties
from .common import CITY_LEVEL, frame, in_scope, period_where
from .indicators import indicator_series

__all__ = [
    "access_by_category",
    "infringement_by_agency",
    "legal_aid_by_service",
    "legal_aid_by_type",
    "legal_aid_closing",
    "legal_aid_days_histogram",
    "legal_aid_stations",
    "rights_by_county",
]

RIGHTS_CODES = ("rights_legal_aid", "rights_access_projects", "rights_infringement")
CLOSED = vocab.LEGAL_AID_CLOSED
DIM = {"year": "year", "month": "month", "county": "county_code"}


# ---------------------------------------------------------------- days between


class days_between(FunctionElement):
    """Whole days from ``start`` to ``end`` (two DATE columns), on every supported dialect."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    end, start = list(element.clauses)
    return f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_pg(element, compiler, **kw):
    end, start = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


@compiles(days_between, "mysql")
@compiles(days_between, "mariadb")
def _days_mysql(element, compiler, **kw):
    end, start = list(element.clauses)
    return f"DATEDIFF({compiler.process(end, **kw)}, {compiler.process(start, **kw)})"


# ------------------------------------------------------------------- helpers


def _code(c: object) -> str | None:
    """A county code, or None for the city level (pandas may hold a missing code as NaN)."""
    return None if c is None or pd.isna(c) else str(c)


def _years(f: Filters, trend: bool) -> tuple[int, ...]:
    return f.years if trend else (f.year,)


def _count_by(conn: Connection, f: Filters, model, column, trend: bool, extra=()) -> pd.DataFrame:
    """Rows counted by year and one category column: year, <column>, cases."""
    stmt = (
        select(model.year, column, func.count().label("cases"))
        .where(*period_where(model, f, _years(f, trend)), *extra)
        .group_by(model.year, column)
        .order_by(model.year, column)
    )
    df = frame(conn, stmt)
    df["cases"] = df["cases"].astype(int)
    return df


# ---------------------------------------------------------------- legal aid


def legal_aid_by_type(conn: Connection, f: Filters, trend: bool = True) -> pd.DataFrame:
    """Legal-aid cases accepted by year and case type (劳动争议 …): year, case_type, cases."""
    return _count_by(conn, f, LegalAidCase, LegalAidCase.case_type, trend)


def legal_aid_by_service(conn: Connection, f: Filters, trend: bool = False) -> pd.DataFrame:
    """Legal-aid cases by year and service kind (咨询, 代书, 诉讼代理): year, service_kind, cases."""
    return _count_by(conn, f, LegalAidCase, LegalAidCase.service_kind, trend)


def legal_aid_days_histogram(conn: Connection, f: Filters, by: Sequence[str] = ("year",)) -> pd.DataFrame:
    """Closed cases by whole days from acceptance to closing: [by…], days, cases.

    Cases belong to the year (and county) in which they were accepted.
    """
    t = LegalAidCase
    names = [DIM[d] for d in by]
    keys = [getattr(t, n) for n in names]
    days = days_between(t.closed_on, t.opened_on).label("days")
    stmt = (
        select(*keys, days, func.count().label("cases"))
        .where(*period_where(t, f, f.years), t.status == CLOSED, t.closed_on.is_not(None))
        .group_by(*keys, days)
        .order_by(*keys, days)
    )
    df = frame(conn, stmt)
    df["days"] = df["days"].astype(int)
    df["cases"] = df["cases"].astype(int)
    return df


def median_from_histogram(days: Sequence[int], counts: Sequence[int]) -> float | None:
    """The median of a value list given as (value, how many times): the middle value, or
    the mean of the two middle ones for an even count."""
    pairs = sorted((int(d), int(c)) for d, c in zip(days, counts, strict=True) if c > 0)
    n = sum(c for _, c in pairs)
    if n == 0:
        return None
    lo_pos, hi_pos = (n + 1) // 2, n // 2 + 1  # 1-based positions of the middle value(s)
    lo = hi = None
    seen = 0
    for d, c in pairs:
        seen += c
        if lo is None and seen >= lo_pos:
            lo = d
        if seen >= hi_pos:
            hi = d
            break
    assert lo is not None and hi is not None  # both positions lie within the n values
    return (lo + hi) / 2


def legal_aid_closing(conn: Connection, f: Filters, by: Sequence[str] = ("year",)) -> pd.DataFrame:
    """Cases accepted, of them closed, the closing rate (%) and the median days to close,
    by year (over the filters' range) or by county (selected year): [by…], accepted,
    closed, closed_pct, median_days, open_cases, median_closed_only (True when cases are
    still open: the median is of the closed cases only and must not be compared as like
    with a year whose cases are all closed)."""
    t = LegalAidCase
    years = f.years if "year" in by else (f.year,)
    g = f if "year" in by else f.with_year(f.year)
    names = [DIM[d] for d in by]
    keys = [getattr(t, n) for n in names]
    stmt = (
        select(
            *keys,
            func.count().label("accepted"),
            func.sum(case((t.status == CLOSED, 1), else_=0)).label("closed"),
        )
        .where(*period_where(t, f, years))
        .group_by(*keys)
        .order_by(*keys)
    )
    df = frame(conn, stmt)
    df[["accepted", "closed"]] = df[["accepted", "closed"]].fillna(0).astype(int)
    hist = legal_aid_days_histogram(conn, g, by)
    medians = {}
    for key, h in hist.groupby(names, dropna=False) if names else [((), hist)]:
        k = key if isinstance(key, tuple) else (key,)
        medians[k] = median_from_histogram(h["days"], h["cases"])
    df["closed_pct"] = (df["closed"] / df["accepted"].where(df["accepted"] != 0) * 100).round(1)
    df["median_days"] = [medians.get(tuple(r)) for r in df[names].itertuples(index=False)]
    df["median_days"] = df["median_days"].astype(float)
    # the median counts closed cases only: a year with cases still open has a median of its quick
    # cases, not comparable with a year whose cases are all closed (issue 27) — say so, or compare
    # years that are both complete
    df["open_cases"] = df["accepted"] - df["closed"]
    df["median_closed_only"] = df["open_cases"] > 0
    return df


# ------------------------------------------------------------- infringement


def infringement_by_agency(conn: Connection, f: Filters, trend: bool = True) -> pd.DataFrame:
    """Infringement cases investigated by year and partner agency (公安, 市场监管 …):
    year, partner_agency, cases."""
    return _count_by(conn, f, InfringementCase, InfringementCase.partner_agency, trend)


# ------------------------------------------------------------ accessibility


def access_by_category(conn: Connection, f: Filters, trend: bool = False) -> pd.DataFrame:
    """Accessibility retrofit projects by year, category and status (已完成 in the year of
    completion, 实施中 in the year started): year, category, status, projects, cost_wan."""
    t = AccessibilityProject
    stmt = (
        select(t.year, t.category, t.status, func.count().label("projects"), func.sum(t.cost_wan).label("cost_wan"))
        .where(*period_where(t, f, _years(f, trend)))
        .group_by(t.year, t.category, t.status)
        .order_by(t.year, t.category, t.status)
    )
    df = frame(conn, stmt)
    df["projects"] = df["projects"].astype(int)
    df["cost_wan"] = df["cost_wan"].astype(float).round(2)
    return df


# ---------------------------------------------------------------- stations


def legal_aid_stations(conn: Connection, f: Filters) -> pd.DataFrame:
    """Legal-aid stations (法律援助工作站) in place at the end of the selected year:
    county_code, county, name, established_on, staff_count (the city's own station
    has no county and shows as 市本级)."""
    t = OrgUnit
    conds = [
        t.org_type == "legal_aid_station",
        t.established_on <= dt.date(f.year, 12, 31),
        *in_scope(t.county_code, f),
    ]
    stmt = select(t.county_code, t.name, t.established_on, t.staff_count).where(*conds).order_by(t.area_code)
    df = frame(conn, stmt)
    names = all_counties(conn)
    lookup = dict(zip(names["code"], names["name"], strict=True))
    df["county_code"] = [_code(c) for c in df["county_code"]]
    df.insert(1, "county", [lookup.get(c, CITY_LEVEL) for c in df["county_code"]])
    return df


def _stations_by_year(conn: Connection, f: Filters) -> pd.DataFrame:
    """Stations in place at each year end of the range, by county: county_code, year, stations."""
    t = OrgUnit
    frames = []
    for y in f.years:
        conds = [t.org_type == "legal_aid_station", t.established_on <= dt.date(y, 12, 31), *in_scope(t.county_code, f)]
        stmt = (
            select(t.county_code, literal(y).label("year"), func.count().label("stations"))
            .where(*conds)
            .group_by(t.county_code)
        )
        frames.append(frame(conn, stmt))
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------ counties


def rights_by_county(conn: Connection, f: Filters) -> pd.DataFrame:
    """The selected year by county: county_code, county, the three rights indicators (from
    the engine), cases closed, median days to close, legal-aid stations at year end.
    Counties within the filters with no records show zeros; 市本级 appears only when it
    has records of its own."""
    s = indicator_series(conn, f, RIGHTS_CODES, by=("county",), years=(f.year,))
    values = {(r.code, _code(r.county_code)): float(r.value) for r in s.itertuples()}
    closing = legal_aid_closing(conn, f, by=("county",))
    closed = dict(zip(map(_code, closing["county_code"]), closing["closed"], strict=True))
    median = dict(zip(map(_code, closing["county_code"]), closing["median_days"], strict=True))
    st = _stations_by_year(conn, f.with_year(f.year))
    stations = dict(zip(map(_code, st["county_code"]), st["stations"], strict=True))
    counties = all_counties(conn, f.scope)
    chosen = f.counties_in_scope()
    if chosen is not None:
        counties = counties[counties["code"].isin(chosen)]
    names = dict(zip(counties["code"], counties["name"], strict=True))
    codes = list(counties["code"])
    # records without a county (the city federation's own) as a last row
    if any(c is None for c in [*(k[1] for k in values), *closed, *stations]):
        codes.append(None)
    rows = []
    for c in codes:
        rows.append(
            {
                "county_code": c,
                "county": names.get(c, CITY_LEVEL),
                **{code: round(values.get((code, c), 0.0)) for code in RIGHTS_CODES},
                "closed": int(closed.get(c, 0)),
                "median_days": median.get(c),
                "stations": int(stations.get(c, 0)),
            }
        )
    cols = ["county_code", "county", *RIGHTS_CODES, "closed", "median_days", "stations"]
    out = pd.DataFrame(rows, columns=cols)
    out["median_days"] = out["median_days"].astype(float)
    # a county that has not reported: no figure, not 0
    figures = {c: c for c in RIGHTS_CODES} | {"closed": "rights_legal_aid", "median_days": "rights_legal_aid"}
    return blank_missing(conn, f, out, figures)
