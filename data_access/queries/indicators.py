"""The indicator engine: every figure of the dictionary by code, grouped as asked.

``indicator_series`` reads the dictionary and dispatches on an indicator's ``source``:
reported values, an event measure, a ratio, a growth or a coverage. New indicators of a
known kind need no code. Every sum, count and maximum happens in SQL; pandas only
arranges the handful of aggregated rows (a ratio of two sums, a growth between two
years). Every statement applies the filters' county scope (``common.county_filter``).
``kpis``, ``county_table`` and ``city_totals`` are the engine's figures shaped for the
tiles and tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, func, select

from .. import rollups
from ..filters import Filters
from ..measures import EVENT_MEASURES, EventMeasure, measure_aggregate
from ..models import FactSummary, Indicator, IndicatorValue
from . import common
from .areas_years import all_counties
from .common import CITY_LEVEL, frame, period_where
from .coverage import coverage_by_year

__all__ = [
    "DIMS",
    "EVENT_MEASURES",
    "EventMeasure",
    "county_table",
    "indicator_dictionary",
    "indicator_series",
    "kpis",
    "measure_aggregate",
]

DIMS = ("county", "township", "year", "month")
DIM_COLUMN = {"county": "county_code", "township": "township_code", "year": "year", "month": "month"}


# -------------------------------------------------------------------- dictionary


def indicator_dictionary(conn: Connection, visible_only: bool = False) -> pd.DataFrame:
    """The indicator dictionary, in display order."""
    stmt = select(*Indicator.__table__.columns).order_by(Indicator.sort)
    if visible_only:
        stmt = stmt.where(Indicator.visible == 1)
    return frame(conn, stmt).set_index("code", drop=False)


def _definitions(conn: Connection, codes: Sequence[str]) -> dict[str, dict]:
    """Definitions of codes and, recursively, of the parts they are computed from."""
    # the dictionary is a few dozen rows: one read, then follow the parts here
    every = {r["code"]: dict(r) for r in conn.execute(select(*Indicator.__table__.columns)).mappings()}
    want, defs = list(codes), {}
    while want:
        code = want.pop()
        if code in defs or code not in every:
            continue
        defs[code] = every[code]
        want += [p for p in (every[code]["numerator"], every[code]["denominator"]) if p]
    missing = set(codes) - defs.keys()
    if missing:
        raise KeyError(f"未知指标代码：{', '.join(sorted(missing))}")
    return defs


# ---------------------------------------------------------------- the engine


def indicator_series(
    conn: Connection,
    f: Filters,
    codes: Sequence[str],
    by: Sequence[str] = ("year",),
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Values of indicators grouped by ``by`` (subset of county, township, year, month).

    Returns columns ``code``, the ``by`` dimensions (``county_code``/``township_code``/
    ``year``/``month``) and ``value``. Years default to the filters' range.
    Ratios and growths are computed from their summed parts, never by adding
    percentages.
    """
    by = tuple(d for d in DIMS if d in by)
    years = tuple(years or f.years)
    defs = _definitions(conn, codes)
    # the rollups answer whatever has no township dimension, while they are current
    use = "township" not in by and _rollups_current(conn, defs)
    pre = _Prefetch(conn, f, defs, codes, by, years) if use else None
    out = [_series(conn, f, defs, code, by, years, pre) for code in codes]
    cols = ["code", *(DIM_COLUMN[d] for d in by), "value"]
    frames = [o for o in out if not o.empty]
    if not frames:
        return pd.DataFrame(columns=cols)
    res = pd.concat(frames, ignore_index=True)[cols]
    res["value"] = res["value"].astype(float).round(6)
    return res


def _rollups_current(conn: Connection, defs: dict) -> bool:
    if not common.USE_ROLLUPS:
        return False
    if not any(d["source"] == "values" or d["source"].startswith("event:") for d in defs.values()):
        return False  # coverage only: no summary to read, no need to ask
    return rollups.rollups_current(conn)


def _summary_leaf(d: dict, by: tuple[str, ...]) -> tuple[str, bool] | None:
    """(measure, is a team maximum) when fact_summary answers this indicator, else None."""
    src = d["source"]
    if src == "values" and d.get("aggregation") == "max":
        return None  # each area's most in the period: summed over areas from the facts
    if src == "values":
        return d["code"], False
    if src.startswith("event:"):
        name = src.split(":", 1)[1]
        team = EVENT_MEASURES[name].value == "team_max"
        if team and "month" in by:
            return None  # a team's monthly figure is only in the records
        return f"event:{name}", team
    return None


class _Prefetch:
    """All summary measures one ``indicator_series`` call needs, read in one statement per
    (dimensions, years) — not one per indicator — then handed out per measure."""

    def __init__(self, conn: Connection, f: Filters, defs: dict, codes, by, years) -> None:
        self.conn, self.f = conn, f
        self.wanted: dict[tuple, set[str]] = {}
        self.rows: dict[tuple, dict[str, list]] = {}
        for code in codes:
            self._plan(defs, code, by, years)

    def _plan(self, defs: dict, code: str, by: tuple, years: tuple) -> None:
        d = defs[code]
        leaf = _summary_leaf(d, by)
        if leaf is not None:
            self.wanted.setdefault((by, years, leaf[1]), set()).add(leaf[0])
        elif d["source"] == "ratio":
            self._plan(defs, d["numerator"], by, years)
            self._plan(defs, d["denominator"], by, years)
        elif d["source"] == "growth":
            with_year = tuple(x for x in DIMS if x in by or x == "year")
            self._plan(defs, d["numerator"], with_year, (min(years) - 1, *years))

    def get(self, measure: str, by: tuple, years: tuple, team: bool) -> pd.DataFrame:
        key = (by, years, team)
        if key not in self.rows:
            grouped: dict[str, list] = {}
            for r in _summarised_rows(self.conn, self.f, sorted(self.wanted.get(key, {measure})), by, years, team):
                grouped.setdefault(r[0], []).append(tuple(r[1:]))
            self.rows[key] = grouped
        names = [DIM_COLUMN[x] for x in by]
        rows = self.rows[key].get(measure, [])
        if not by and not rows:
            # as from the facts: an aggregate without GROUP BY gives one row (COUNT 0, SUM NULL)
            em = EVENT_MEASURES.get(measure.removeprefix("event:")) if measure.startswith("event:") else None
            rows = [(0 if em is not None and em.value == "count" else None,)]
        # built as _reported/_event build theirs: the same columns and types
        return pd.DataFrame(rows, columns=[*names, "value"])


def _series(
    conn: Connection,
    f: Filters,
    defs: dict,
    code: str,
    by: tuple[str, ...],
    years: tuple[int, ...],
    pre: _Prefetch | None = None,
) -> pd.DataFrame:
    d = defs[code]
    src = d["source"]
    keys = [DIM_COLUMN[x] for x in by]
    leaf = _summary_leaf(d, by) if pre is not None else None
    if leaf is not None and pre is not None:
        df = pre.get(leaf[0], by, years, leaf[1])
    elif src == "values":
        df = _reported(conn, f, code, by, years, most=d.get("aggregation") == "max")
    elif src.startswith("event:"):
        df = _event(conn, f, EVENT_MEASURES[src.split(":", 1)[1]], by, years)
    elif src.startswith("coverage:"):
        df = _coverage(conn, f, src.split(":", 1)[1], by, years)
    elif src == "ratio":
        num = _series(conn, f, defs, d["numerator"], by, years, pre)
        den = _series(conn, f, defs, d["denominator"], by, years, pre)
        df = _divide(num, den, keys, d["scale"])
    elif src == "growth":
        # growth is between years: compute by year, then keep the years asked for
        with_year = tuple(x for x in DIMS if x in by or x == "year")
        base = _series(conn, f, defs, d["numerator"], with_year, (min(years) - 1, *years), pre)
        base = base.drop(columns="code")
        df = _growth(base, [DIM_COLUMN[x] for x in with_year])
        df = df[df["year"].isin(years if "year" in by else (max(years),))]
        df = df[[*keys, "value"]].reset_index(drop=True)
    else:
        raise ValueError(f"unknown source {src!r} for {code}")
    df.insert(0, "code", code)
    return df


def _reported(
    conn: Connection, f: Filters, code: str, by: tuple[str, ...], years: tuple[int, ...], most: bool = False
) -> pd.DataFrame:
    """Reported figures added up; ``most`` (aggregation max, a stock such as staff in post):
    per area its largest figure in the period, then added up over areas."""
    t = IndicatorValue
    keys = [getattr(t, DIM_COLUMN[x]) for x in by]
    if most:
        inner = (
            select(*keys, func.max(t.value).label("v"))
            .where(t.indicator_code == code, *period_where(t, f, years))
            .group_by(t.area_code, *keys)
            .subquery()
        )
        ik = [inner.c[DIM_COLUMN[x]] for x in by]
        return frame(conn, select(*ik, func.sum(inner.c.v).label("value")).group_by(*ik).order_by(*ik))
    stmt = (
        select(*keys, func.sum(t.value).label("value"))
        .where(t.indicator_code == code, *period_where(t, f, years))
        .group_by(*keys)
        .order_by(*keys)
    )
    return frame(conn, stmt)


def _summarised_rows(
    conn: Connection, f: Filters, measures: list[str], by: tuple[str, ...], years: tuple[int, ...], team: bool = False
):
    """Measures from ``fact_summary``: the same numbers as from the facts, far fewer rows.
    Rows: measure, the ``by`` dimensions, value — ordered by them."""
    t = FactSummary
    names = ["measure", *(DIM_COLUMN[x] for x in by)]
    keys = [getattr(t, n) for n in names]
    conds = [t.measure.in_(measures), *period_where(t, f, years)]
    if team:
        # per team its most people over the period (max of yearly maxima), then add teams up
        inner = select(*keys, t.team, func.max(t.value).label("v")).where(*conds).group_by(*keys, t.team).subquery()
        ik = [inner.c[n] for n in names]
        stmt = select(*ik, func.sum(inner.c.v).label("value")).group_by(*ik).order_by(*ik)
    else:
        stmt = select(*keys, func.sum(t.value).label("value")).where(*conds).group_by(*keys).order_by(*keys)
    return conn.execute(stmt).all()


def _event(conn: Connection, f: Filters, em: EventMeasure, by: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    t = em.model
    names = [DIM_COLUMN[x] for x in by]
    keys = [getattr(t, n) for n in names]
    conds = [*period_where(t, f, years), *em.where]
    if em.value == "team_max":
        # a team's volunteers in a period: its most in any month of it; then add teams up
        inner = (
            select(*keys, t.team, func.max(t.volunteers).label("v")).where(*conds).group_by(*keys, t.team).subquery()
        )
        ik = [inner.c[n] for n in names]
        stmt = select(*ik, func.sum(inner.c.v).label("value")).group_by(*ik).order_by(*ik)
    else:
        stmt = select(*keys, measure_aggregate(em).label("value")).where(*conds).group_by(*keys).order_by(*keys)
    return frame(conn, stmt)


def _divide(num: pd.DataFrame, den: pd.DataFrame, keys: list[str], scale: float) -> pd.DataFrame:
    if keys:
        m = num.merge(den, on=keys, how="outer", suffixes=("_n", "_d"))
    else:
        m = pd.DataFrame({"value_n": num["value"].to_numpy()[:1], "value_d": den["value"].to_numpy()[:1]})
    m["value"] = (m["value_n"].astype(float) / m["value_d"].astype(float).where(m["value_d"] != 0)) * scale
    return m[[*keys, "value"]].dropna(subset=["value"]).reset_index(drop=True)


def _growth(base: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if "year" not in keys:
        raise ValueError("growth needs the year dimension")
    other = [k for k in keys if k != "year"]
    prev = base.assign(year=base["year"] + 1)
    m = base.merge(prev, on=["year", *other], how="inner", suffixes=("", "_prev"))
    m["value"] = (m["value"].astype(float) / m["value_prev"].astype(float).where(m["value_prev"] != 0) - 1) * 100
    return m[keys + ["value"]].dropna(subset=["value"]).sort_values(keys).reset_index(drop=True)


def _coverage(conn: Connection, f: Filters, kind: str, by: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    """Share (%) of units with the organisation in place at the end of each year."""
    if "month" in by:
        raise ValueError("coverage is a year-end figure")
    geo = tuple(x for x in by if x != "year")
    # a year-end stock: without the year dimension, the last year asked for
    df = coverage_by_year(conn, f, years if "year" in by else (max(years),), kind, geo)
    df["value"] = df["covered"] / df["total"].where(df["total"] != 0) * 100
    return df[[DIM_COLUMN[x] for x in by] + ["value"]]


# ---------------------------------------------------------------- the engine's figures, shaped


def kpis(conn: Connection, f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """Each indicator's value in the selected year and the year before, with the change.

    Columns: code, name_zh, name_en, unit_zh, unit_en, decimals, aggregation, value,
    previous, change (absolute), change_pct (relative, %; None for rates).
    """
    year = f.year
    s = indicator_series(conn, f, codes, by=("year",), years=(year - 1, year))
    d = indicator_dictionary(conn).loc[list(codes)]
    cur = s[s["year"] == year].set_index("code")["value"]
    prev = s[s["year"] == year - 1].set_index("code")["value"]
    out = d[
        [
            "code",
            "name_zh",
            "name_en",
            "unit_zh",
            "unit_en",
            "decimals",
            "aggregation",
            "section",
            "topic",
            "description_zh",
        ]
    ].copy()
    out["value"] = out["code"].map(cur)
    out["previous"] = out["code"].map(prev)
    out["change"] = out["value"] - out["previous"]
    is_rate = out["unit_zh"] == "%"
    out["change_pct"] = (out["change"] / out["previous"].where(out["previous"] != 0) * 100).where(~is_rate)
    return out.reset_index(drop=True)


def county_table(conn: Connection, f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """The selected year's figures by county (rows) and indicator (columns), with names."""
    s = indicator_series(conn, f, codes, by=("county",), years=(f.year,))
    names = all_counties(conn, f.scope).set_index("code")["name"]
    wide = s.pivot_table(index="county_code", columns="code", values="value", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=list(codes))
    wide.index = [names.get(c, CITY_LEVEL) if c is not None else CITY_LEVEL for c in wide.index]
    wide.index.name = "county"
    return wide.reset_index()
