"""Summary tables kept by every load, so that a page's cost does not grow with the facts.

``fact_summary`` holds the facts added up by measure, county, year and month (and a
volunteer team's yearly maximum). The indicator engine reads it instead of the facts
wherever that gives the same numbers (tests/test_perf_rollups.py proves it on three
backends) — but only while the rollups are current: ``meta.summary_version`` equals
``meta.data_version``.

A load keeps them current in its finish step (``data_access.finish.finish_load``),
inside its own transaction: it recomputes only the (county, year) slices whose facts
it changed (``refresh_slices``), bumps the data version and marks the rollups
current for it. Facts changed without a finish step (a hand edit in SQL, a bare
``db.bump_data_version``) leave the rollups behind the data version, so the engine
reads the facts until the next load, which then rebuilds everything;
``python -m data_access rollups --db URL`` rebuilds them at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    Table,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
)

from .db import data_version
from .measures import COVERAGE, EVENT_MEASURES, counted, measure_aggregate
from .models import Activity, Area, AreaCodeChange, FactSummary, Indicator, IndicatorValue, Meta, OrgUnit

__all__ = [
    "SUMMARY_KEY",
    "coverage_measures",
    "fed_by",
    "feeds_coverage",
    "mark_current",
    "rebuild_rollups",
    "refresh_coverage",
    "refresh_rollups",
    "refresh_slices",
    "rollups_current",
    "summary_rows",
]

SUMMARY_KEY = "summary_version"
# measures kept only for available_years (the engine's measures filter some rows out)
ALL_ACTIVITIES = "event:activities"
# the fact tables fact_summary adds up: a load that writes none of them touches no slice
SOURCE_TABLES = frozenset(
    {IndicatorValue.__tablename__, Activity.__tablename__, *(em.model.__tablename__ for em in EVENT_MEASURES.values())}
)


# coverage (organisations in place at a year end) is kept too (issue 15): per county, the
# units of each level (COVERAGE_UNITS, year 0) and the units that became covered in each
# year (COVERAGE_MEASURE, the year the organisation — and for *_staff its full-time staff —
# was in place); the units covered at the end of year Y are the sum over the years ≤ Y.
# Areas and organisations feed it: a load of either refreshes it whole (a few grouped
# counts, a fraction of a second for a province's 24,170 villages).
COVERAGE_MEASURE = "coverage:{}"
COVERAGE_UNITS = "coverage_units:{}"
COVERAGE_TABLES = frozenset({Area.__tablename__, OrgUnit.__tablename__, AreaCodeChange.__tablename__})


def fed_by(table: Table | str) -> bool:
    """Whether rows of ``table`` are added up in ``fact_summary`` by (county, year) slice."""
    return (table if isinstance(table, str) else table.name) in SOURCE_TABLES


def feeds_coverage(table: Table | str) -> bool:
    """Whether rows of ``table`` change the coverage counts kept in ``fact_summary``."""
    return (table if isinstance(table, str) else table.name) in COVERAGE_TABLES


def coverage_measures() -> list[str]:
    levels = sorted({level for _org, level, _staff in COVERAGE.values()})
    return [*(COVERAGE_MEASURE.format(k) for k in COVERAGE), *(COVERAGE_UNITS.format(lv) for lv in levels)]


def coverage_rows() -> list:
    """The SELECTs of the coverage counts (measure, county, team, year, month, value); the
    same joins and conditions as ``queries.coverage.coverage_by_year``."""
    stmts = []
    for level in sorted({level for _org, level, _staff in COVERAGE.values()}):
        stmts.append(
            select(
                literal(COVERAGE_UNITS.format(level)),
                Area.county_code,
                literal(None),
                literal(0),
                literal(0),
                func.count(),
            )
            .where(Area.level == level, *counted(level))
            .group_by(Area.county_code)
        )
    for kind, (org_type, level, staffed) in COVERAGE.items():
        year: ColumnElement[int] = cast(func.extract("year", OrgUnit.established_on), Integer)
        conds = [OrgUnit.established_on.is_not(None)]
        if staffed:
            staff_year = cast(func.extract("year", OrgUnit.staffed_on), Integer)
            year = case((staff_year > year, staff_year), else_=year)
            conds.append(OrgUnit.staffed_on.is_not(None))
        stmts.append(
            select(
                literal(COVERAGE_MEASURE.format(kind)), Area.county_code, literal(None), year, literal(0), func.count()
            )
            .select_from(Area)
            .join(OrgUnit, and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == org_type))
            .where(Area.level == level, *counted(level), *conds)
            .group_by(Area.county_code, year)
        )
    return stmts


def refresh_coverage(conn: Connection) -> int:
    """Recompute the coverage counts from the areas and organisations; returns the rows written."""
    fs = FactSummary.__table__
    names = coverage_measures()
    conn.execute(delete(fs).where(fs.c.measure.in_(names)))
    cols = ["measure", "county_code", "team", "year", "month", "value"]
    for stmt in coverage_rows():
        conn.execute(insert(fs).from_select(cols, stmt))
    return conn.execute(select(func.count()).select_from(fs).where(fs.c.measure.in_(names))).scalar() or 0


def _slice(table, counties: Iterable[str | None] | None, years: Iterable[int] | None) -> list:
    conds = []
    if years is not None:
        ys = sorted(set(years))
        conds.append(table.year.in_(ys) if ys else literal(False))
    if counties is not None:
        cs = set(counties)
        named = sorted(c for c in cs if c is not None)
        parts = []
        if named:
            parts.append(table.county_code.in_(named))
        if None in cs:
            parts.append(table.county_code.is_(None))
        conds.append(or_(*parts) if parts else literal(False))
    return conds


def summary_rows(conn: Connection, counties=None, years=None) -> list:
    """The SELECTs that compute the summary rows of a slice (measure, county, team, year, month, value)."""
    iv = IndicatorValue
    conds = _slice(iv, counties, years)
    if conds:
        # name every code, so a slice is read through the covering index
        # (indicator_code, year, county_code, month, value) instead of the whole table
        codes = sorted(conn.execute(select(Indicator.code)).scalars())
        conds.append(iv.indicator_code.in_(codes))
    stmts: list[Select] = [  # rows of (measure, county, team, year, month, value)
        select(iv.indicator_code, iv.county_code, literal(None), iv.year, iv.month, func.sum(iv.value))
        .where(*conds)
        .group_by(iv.indicator_code, iv.county_code, iv.year, iv.month)
    ]
    for name, em in EVENT_MEASURES.items():
        t = em.model
        if em.value == "team_max":
            # per team and year its most people in any month (max of maxima is the max)
            stmts.append(
                select(literal(f"event:{name}"), t.county_code, t.team, t.year, literal(0), func.max(t.volunteers))
                .where(*_slice(t, counties, years), *em.where)
                .group_by(t.county_code, t.team, t.year)
            )
            continue
        stmts.append(
            select(literal(f"event:{name}"), t.county_code, literal(None), t.year, t.month, measure_aggregate(em))
            .where(*_slice(t, counties, years), *em.where)
            .group_by(t.county_code, t.year, t.month)
        )
    a = Activity
    stmts.append(
        select(literal(ALL_ACTIVITIES), a.county_code, literal(None), a.year, a.month, func.count())
        .where(*_slice(a, counties, years))
        .group_by(a.county_code, a.year, a.month)
    )
    return stmts


def _measures(conn: Connection) -> list[str]:
    """Every measure a summary row can have: the dictionary's codes and the event measures."""
    codes = conn.execute(select(Indicator.code)).scalars()
    return sorted({*codes, *(f"event:{name}" for name in EVENT_MEASURES), ALL_ACTIVITIES})


def refresh_rollups(conn: Connection, counties: Iterable[str | None] | None = None, years=None) -> int:
    """Recompute the rollups of the given counties × years (None: all) from the facts.

    ``None`` among ``counties`` stands for city-level records with no county. Runs in
    the caller's transaction and never commits; does not mark the rollups current
    (the finish step does). Returns the rows written.
    """
    counties = None if counties is None else list(counties)
    years = None if years is None else list(years)
    fs = FactSummary.__table__
    conds = _slice(fs.c, counties, years)
    if conds:
        # name every measure, so the slice is found through the covering index
        # (measure, year, county_code, …) instead of a scan of the whole table
        conds.append(fs.c.measure.in_(_measures(conn)))
    conn.execute(delete(fs).where(and_(*conds)) if conds else delete(fs))
    cols = ["measure", "county_code", "team", "year", "month", "value"]
    for stmt in summary_rows(conn, counties, years) + ([] if conds else coverage_rows()):
        conn.execute(insert(fs).from_select(cols, stmt))
    # counted, not summed from rowcount: drivers report -1 for INSERT … SELECT
    count = select(func.count()).select_from(fs)
    return conn.execute(count.where(and_(*conds)) if conds else count).scalar() or 0


def refresh_slices(conn: Connection, slices: Iterable[tuple[str | None, int]]) -> int:
    """Recompute exactly the (county, year) slices given; returns the rows written.

    Years with the same set of counties are refreshed together, so a load of one
    county's seven years costs one pass, and a load of one row one small pass.
    """
    by_year: dict[int, set[str | None]] = {}
    for county, year in slices:
        by_year.setdefault(int(year), set()).add(county)
    groups: dict[frozenset[str | None], list[int]] = {}
    for year, counties in sorted(by_year.items()):
        groups.setdefault(frozenset(counties), []).append(year)
    return sum(refresh_rollups(conn, counties, years) for counties, years in groups.items())


def _meta(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(Meta.key, Meta.value).where(Meta.key.in_(("data_version", SUMMARY_KEY))))
    return dict(rows.all())


def rollups_current(conn: Connection) -> bool:
    """True when the rollups hold the facts of the current data version."""
    m = _meta(conn)
    return SUMMARY_KEY in m and m[SUMMARY_KEY] == m.get("data_version", "0")


def summary_version(conn: Connection) -> str | None:
    """The data version the rollups were last made current for (None: never)."""
    return conn.execute(select(Meta.value).where(Meta.key == SUMMARY_KEY)).scalar()


def mark_current(conn: Connection, version: str) -> None:
    if conn.execute(select(Meta.key).where(Meta.key == SUMMARY_KEY)).first():
        conn.execute(Meta.__table__.update().where(Meta.key == SUMMARY_KEY).values(value=version))
    else:
        conn.execute(Meta.__table__.insert().values(key=SUMMARY_KEY, value=version))


def rebuild_rollups(conn: Connection) -> int:
    """Recompute every summary and mark them current for the present data version."""
    n = refresh_rollups(conn)
    mark_current(conn, data_version(conn))
    return n
