"""Summary tables kept by every load, so that a page's cost does not grow with the facts.

``fact_summary`` holds the facts added up by measure, county, year and month (and a
volunteer team's yearly maximum). The indicator engine reads it instead of the facts
wherever that gives the same numbers (tests/test_perf_summaries.py proves it on three
backends) — but only while the summaries are current: ``meta.summary_version`` equals
``meta.data_version``.

How a load keeps them current, inside its own transaction:

1. write the facts;
2. ``refresh_summaries(conn, counties=…, years=…)`` for the (county, year) slices it
   touched (``None`` in ``counties`` stands for city-level records with no county;
   leaving an argument out refreshes all of it);
3. ``db.bump_data_version(conn)``, which marks the summaries current for the new
   version. If step 2 was skipped in this transaction, the bump refreshes everything
   itself (correct, only slower on a big database).

Facts changed without a bump (a hand edit in SQL) are not seen through the summaries
until the next load; ``python -m data_access summaries --db URL`` rebuilds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, insert, literal, or_, select

from .models import FactSummary, Indicator, IndicatorValue, Meta

__all__ = ["SUMMARY_KEY", "rebuild_summaries", "refresh_summaries", "summaries_current", "summary_rows"]

SUMMARY_KEY = "summary_version"
_TX_KEY = "canlian_summaries_refreshed_in"
# measures kept only for available_years (the engine's measures filter some rows out)
ALL_ACTIVITIES = "event:activities"


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
    from .measures import EVENT_MEASURES, measure_aggregate
    from .models import Activity

    iv = IndicatorValue
    conds = _slice(iv, counties, years)
    if conds:
        # name every code, so a slice is read through the covering index
        # (indicator_code, year, county_code, month, value) instead of the whole table
        codes = sorted(conn.execute(select(Indicator.code)).scalars())
        conds.append(iv.indicator_code.in_(codes))
    stmts = [
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


def refresh_summaries(conn: Connection, counties: Iterable[str | None] | None = None, years=None) -> int:
    """Recompute the summaries of the given counties and years (None: all) from the facts.

    Runs in the caller's transaction and never commits. Returns the rows written.
    Call it after writing facts and before ``bump_data_version`` in the same transaction.
    """
    counties = None if counties is None else list(counties)
    years = None if years is None else list(years)
    fs = FactSummary.__table__
    conds = _slice(fs.c, counties, years)
    conn.execute(delete(fs).where(and_(*conds)) if conds else delete(fs))
    cols = ["measure", "county_code", "team", "year", "month", "value"]
    for stmt in summary_rows(conn, counties, years):
        conn.execute(insert(fs).from_select(cols, stmt))
    conn.info[_TX_KEY] = conn.get_transaction()
    count = select(func.count()).select_from(fs)
    return conn.execute(count.where(and_(*conds)) if conds else count).scalar() or 0


def refreshed_in_this_transaction(conn: Connection) -> bool:
    tx = conn.info.get(_TX_KEY)
    return tx is not None and tx is conn.get_transaction()


def _meta(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(Meta.key, Meta.value).where(Meta.key.in_(("data_version", SUMMARY_KEY))))
    return dict(rows.all())


def summaries_current(conn: Connection) -> bool:
    """True when the summaries hold the facts of the current data version."""
    m = _meta(conn)
    return SUMMARY_KEY in m and m[SUMMARY_KEY] == m.get("data_version", "0")


def mark_current(conn: Connection, version: str) -> None:
    if conn.execute(select(Meta.key).where(Meta.key == SUMMARY_KEY)).first():
        conn.execute(Meta.__table__.update().where(Meta.key == SUMMARY_KEY).values(value=version))
    else:
        conn.execute(Meta.__table__.insert().values(key=SUMMARY_KEY, value=version))
    conn.info.pop(_TX_KEY, None)


def rebuild_summaries(conn: Connection) -> int:
    """Recompute every summary and mark them current for the present data version."""
    from .db import data_version

    n = refresh_summaries(conn)
    mark_current(conn, data_version(conn))
    return n
