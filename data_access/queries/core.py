"""The indicator engine and the datasets every page shares.

Every sum, count and maximum happens in SQL; pandas only arranges the handful of
aggregated rows (a ratio of two sums, a growth between two years). Every function
applies the filters' county scope in SQL through :func:`county_filter`.

The indicator engine (``indicator_series``) reads the dictionary and dispatches on
an indicator's ``source``: reported values, an event measure, a ratio, a growth or
a coverage. New indicators of a known kind need no code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, case, func, literal, select

from .. import summaries, vocab
from ..filters import Filters
from ..models import (
    AccessibilityProject,
    Activity,
    Area,
    Donation,
    FactSummary,
    Indicator,
    IndicatorValue,
    InfringementCase,
    LegalAidCase,
    OrgUnit,
    VolunteerRecord,
)

__all__ = [
    "CITY_LEVEL",
    "all_counties",
    "areas",
    "available_years",
    "city_name",
    "city_totals",
    "county_filter",
    "county_table",
    "coverage_counts",
    "indicator_dictionary",
    "indicator_series",
    "kpis",
    "summary",
]

DIMS = ("county", "township", "year", "month")
DIM_COLUMN = {"county": "county_code", "township": "township_code", "year": "year", "month": "month"}
CITY_LEVEL = "市本级"  # label for records of the city federation itself (no county)
# read fact_summary where it gives the same numbers (tests and benchmarks switch it off
# to compare with the facts)
USE_SUMMARIES = True


# ------------------------------------------------------------------ small helpers


def county_filter(col: ColumnElement, f: Filters) -> ColumnElement | None:
    """The scope and county choice as a SQL condition (None: no condition)."""
    counties = f.counties_in_scope()
    if counties is None:
        return None
    if not counties:
        return literal(False)
    return col.in_(counties)


def _where(table, f: Filters, years: Sequence[int]) -> list[ColumnElement]:
    conds = [table.year.between(min(years), max(years))]
    cf = county_filter(table.county_code, f)
    if cf is not None:
        conds.append(cf)
    return conds


def _frame(rows: Iterable, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


@dataclass(frozen=True)
class EventMeasure:
    """How an event table gives an indicator: which rows, what to add up."""

    model: type
    value: str  # "count" or a column expression name
    where: tuple = ()


def _event_measures() -> dict[str, EventMeasure]:
    return {
        "legal_aid": EventMeasure(LegalAidCase, "count"),
        "infringement": EventMeasure(InfringementCase, "count"),
        "access_completed": EventMeasure(
            AccessibilityProject, "count", (AccessibilityProject.status == vocab.ACCESS_DONE,)
        ),
        "culture_events": EventMeasure(Activity, "count", (Activity.kind == "culture_sport",)),
        "culture_participants": EventMeasure(Activity, "participants", (Activity.kind == "culture_sport",)),
        "donations_total": EventMeasure(Donation, "money_wan+goods_wan"),
        "donations_money": EventMeasure(Donation, "money_wan"),
        "donations_goods": EventMeasure(Donation, "goods_wan"),
        "volunteer_hours": EventMeasure(VolunteerRecord, "hours"),
        "volunteers": EventMeasure(VolunteerRecord, "team_max"),
    }


EVENT_MEASURES = _event_measures()


def measure_aggregate(em: EventMeasure) -> ColumnElement:
    """The SQL aggregate of an event measure (not ``team_max``): a count or a sum."""
    if em.value == "count":
        return func.count()
    expr = None
    for part in em.value.split("+"):
        col = getattr(em.model, part)
        expr = col if expr is None else expr + col
    return func.sum(expr)


# -------------------------------------------------------------------- dictionary


def indicator_dictionary(conn: Connection, visible_only: bool = False) -> pd.DataFrame:
    """The indicator dictionary, in display order."""
    cols = [c.name for c in Indicator.__table__.columns]
    stmt = select(*Indicator.__table__.columns).order_by(Indicator.sort)
    if visible_only:
        stmt = stmt.where(Indicator.visible == 1)
    return _frame(conn.execute(stmt), cols).set_index("code", drop=False)


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
    # the summaries answer whatever has no township dimension, while they are current
    use = "township" not in by and _summaries_current(conn, defs)
    pre = _Prefetch(conn, f, defs, codes, by, years) if use else None
    out = [_series(conn, f, defs, code, by, years, pre) for code in codes]
    cols = ["code", *(DIM_COLUMN[d] for d in by), "value"]
    frames = [o for o in out if not o.empty]
    if not frames:
        return pd.DataFrame(columns=cols)
    res = pd.concat(frames, ignore_index=True)[cols]
    res["value"] = res["value"].astype(float).round(6)
    return res


def _summaries_current(conn: Connection, defs: dict) -> bool:
    if not USE_SUMMARIES:
        return False
    if not any(d["source"] == "values" or d["source"].startswith("event:") for d in defs.values()):
        return False  # coverage only: no summary to read, no need to ask
    return summaries.summaries_current(conn)


def _summary_leaf(d: dict, by: tuple[str, ...]) -> tuple[str, bool] | None:
    """(measure, is a team maximum) when fact_summary answers this indicator, else None."""
    src = d["source"]
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
        return _frame(rows, names + ["value"])


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
    if leaf is not None:
        df = pre.get(leaf[0], by, years, leaf[1])
    elif src == "values":
        df = _reported(conn, f, code, by, years)
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


def _reported(conn: Connection, f: Filters, code: str, by: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    t = IndicatorValue
    keys = [getattr(t, DIM_COLUMN[x]) for x in by]
    stmt = (
        select(*keys, func.sum(t.value))
        .where(t.indicator_code == code, *_where(t, f, years))
        .group_by(*keys)
        .order_by(*keys)
    )
    return _frame(conn.execute(stmt), [DIM_COLUMN[x] for x in by] + ["value"])


def _summarised_rows(
    conn: Connection, f: Filters, measures: list[str], by: tuple[str, ...], years: tuple[int, ...], team: bool = False
):
    """Measures from ``fact_summary``: the same numbers as from the facts, far fewer rows.
    Rows: measure, the ``by`` dimensions, value — ordered by them."""
    t = FactSummary
    names = ["measure", *(DIM_COLUMN[x] for x in by)]
    keys = [getattr(t, n) for n in names]
    conds = [t.measure.in_(measures), *_where(t, f, years)]
    if team:
        # per team its most people over the period (max of yearly maxima), then add teams up
        inner = select(*keys, t.team, func.max(t.value).label("v")).where(*conds).group_by(*keys, t.team).subquery()
        ik = [inner.c[n] for n in names]
        stmt = select(*ik, func.sum(inner.c.v)).group_by(*ik).order_by(*ik)
    else:
        stmt = select(*keys, func.sum(t.value)).where(*conds).group_by(*keys).order_by(*keys)
    return conn.execute(stmt).all()


def _event(conn: Connection, f: Filters, em: EventMeasure, by: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    t = em.model
    names = [DIM_COLUMN[x] for x in by]
    keys = [getattr(t, n) for n in names]
    conds = [*_where(t, f, years), *em.where]
    if em.value == "team_max":
        # a team's volunteers in a period: its most in any month of it; then add teams up
        inner = (
            select(*keys, t.team, func.max(t.volunteers).label("v")).where(*conds).group_by(*keys, t.team).subquery()
        )
        ik = [inner.c[n] for n in names]
        stmt = select(*ik, func.sum(inner.c.v)).group_by(*ik).order_by(*ik)
    else:
        stmt = select(*keys, measure_aggregate(em)).where(*conds).group_by(*keys).order_by(*keys)
    return _frame(conn.execute(stmt), names + ["value"])


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


# ------------------------------------------------------------------- coverage

COVERAGE = {
    # numerator org type, area level, also require a full-time staff member
    "township": ("township_federation", "township", False),
    "village": ("village_association", "village", False),
    "village_staff": ("village_association", "village", True),
}


def counted(level: str) -> list[ColumnElement]:
    """Units that count in coverage: every village; townships unless left out (类似乡级单位 by default)."""
    return [Area.counts_in_coverage == 1] if level == "township" else []


def _coverage(conn: Connection, f: Filters, kind: str, by: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    """Share (%) of units with the organisation in place at the end of each year."""
    if "month" in by:
        raise ValueError("coverage is a year-end figure")
    geo = [x for x in by if x != "year"]
    frames = []
    # a year-end stock: without the year dimension, the last year asked for
    ys = years if "year" in by else (max(years),)
    counts = _coverage_years(conn, f, kind, tuple(geo), ys)
    for y in ys:
        df = counts[[DIM_COLUMN[x] for x in geo] + ["total", f"covered_{y}"]].rename(
            columns={f"covered_{y}": "covered"}
        )
        df["value"] = df["covered"] / df["total"].where(df["total"] != 0) * 100
        if "year" in by:
            df["year"] = y
        frames.append(df)
    cols = [DIM_COLUMN[x] for x in by] + ["value"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def _coverage_years(conn: Connection, f: Filters, kind: str, by: tuple[str, ...], years: Sequence[int]) -> pd.DataFrame:
    """``coverage_counts`` for several year ends in one statement: [by…], total, covered_<year>…"""
    org_type, level, staffed = COVERAGE[kind]
    names = [DIM_COLUMN[x] for x in by]
    keys = [getattr(Area, n) for n in names]
    covered = []
    for y in years:
        end = dt.date(y, 12, 31)
        cond = OrgUnit.established_on <= end
        if staffed:
            cond = and_(cond, OrgUnit.staffed_on.is_not(None), OrgUnit.staffed_on <= end)
        covered.append(func.sum(case((cond, 1), else_=0)))
    conds = [Area.level == level, *counted(level)]
    cf = county_filter(Area.county_code, f)
    if cf is not None:
        conds.append(cf)
    stmt = (
        select(*keys, func.count(Area.code), *covered)
        .select_from(Area)
        .outerjoin(OrgUnit, and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == org_type))
        .where(*conds)
        .group_by(*keys)
        .order_by(*keys)
    )
    cov_cols = [f"covered_{y}" for y in years]
    df = _frame(conn.execute(stmt), names + ["total", *cov_cols])
    df[cov_cols] = df[cov_cols].fillna(0).astype(int)
    df["total"] = df["total"].astype(int)
    return df


def coverage_counts(
    conn: Connection, f: Filters, year: int, kind: str = "township", by: Sequence[str] = ()
) -> pd.DataFrame:
    """Units and units covered at the end of ``year``: columns [by…], total, covered."""
    org_type, level, staffed = COVERAGE[kind]
    end = dt.date(year, 12, 31)
    cond = and_(OrgUnit.org_type == org_type, OrgUnit.established_on <= end)
    if staffed:
        cond = and_(cond, OrgUnit.staffed_on.is_not(None), OrgUnit.staffed_on <= end)
    names = [DIM_COLUMN[x] for x in by]
    keys = [getattr(Area, n) for n in names]
    conds = [Area.level == level, *counted(level)]
    cf = county_filter(Area.county_code, f)
    if cf is not None:
        conds.append(cf)
    stmt = (
        select(*keys, func.count(Area.code), func.sum(case((OrgUnit.id.is_not(None), 1), else_=0)))
        .select_from(Area)
        .outerjoin(OrgUnit, and_(OrgUnit.area_code == Area.code, cond))
        .where(*conds)
        .group_by(*keys)
        .order_by(*keys)
    )
    df = _frame(conn.execute(stmt), names + ["total", "covered"])
    df["covered"] = df["covered"].fillna(0).astype(int)
    df["total"] = df["total"].astype(int)
    return df


# ------------------------------------------------------------------ areas, KPIs


def areas(conn: Connection, f: Filters, level: str = "county") -> pd.DataFrame:
    """Areas of a level within the filters: code, name, kind, parent, registered disabled."""
    stmt = select(
        Area.code,
        Area.name,
        Area.kind,
        Area.parent_code,
        Area.county_code,
        Area.disabled_registered,
        Area.lon,
        Area.lat,
    ).where(Area.level == level)
    cf = county_filter(Area.county_code, f)
    if cf is not None:
        stmt = stmt.where(cf)
    cols = ["code", "name", "kind", "parent_code", "county_code", "disabled_registered", "lon", "lat"]
    return _frame(conn.execute(stmt.order_by(Area.code)), cols)


def all_counties(conn: Connection, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Counties a user may choose from (the filter's options): code, name."""
    stmt = select(Area.code, Area.name).where(Area.level == "county").order_by(Area.code)
    if scope is not None:
        stmt = stmt.where(Area.code.in_(scope or ("",)))
    return _frame(conn.execute(stmt), ["code", "name"])


def city_name(conn: Connection) -> str:
    return conn.execute(select(Area.name).where(Area.level == "city").limit(1)).scalar() or "本市"


def available_years(conn: Connection) -> list[int]:
    """Years with reported data, newest last."""
    if USE_SUMMARIES and summaries.summaries_current(conn):
        # the same years from the summaries: a province's millions of values need no scan
        t = FactSummary
        whole = ("event:legal_aid", summaries.ALL_ACTIVITIES, "event:donations_total")
        stmt = select(t.year).where(t.measure.not_like("event:%") | t.measure.in_(whole)).distinct()
        return sorted(int(y) for y in conn.execute(stmt).scalars())
    ys = set(conn.execute(select(IndicatorValue.year).distinct()).scalars())
    for t in (LegalAidCase, Activity, Donation):
        ys |= set(conn.execute(select(t.year).distinct()).scalars())
    return sorted(ys)


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


def summary(conn: Connection, f: Filters, codes: Sequence[str]) -> dict:
    """Headline figures as plain data (for the CLI and the written summary)."""
    k = kpis(conn, f, codes)
    return {
        r.code: {
            "name": r.name_zh,
            "unit": r.unit_zh,
            "value": None if pd.isna(r.value) else round(float(r.value), int(r.decimals)),
            "previous": None if pd.isna(r.previous) else round(float(r.previous), int(r.decimals)),
        }
        for r in k.itertuples()
    }


def city_totals(conn: Connection, year: int, codes: Sequence[str]) -> pd.DataFrame:
    """Whole-city totals only (code, value, previous) — no county breakdown.

    A county-scoped user may compare their county with the city as a whole (access
    control: "its own detail, plus city-wide totals only"); this function returns
    nothing finer than the city, so it takes a year rather than the user's filters.
    """
    return kpis(conn, Filters(year), codes)[["code", "value", "previous"]]
