"""Plan targets: attainment, projection to the plan's end, and the yearly county assessment.

Actual figures always come from the indicator engine (``indicator_series``), so a rate
is computed from its summed parts for each area and year and never added up; the
targets are a few dozen rows read in SQL; pandas only sets the two side by side.

Method (stated on the plan page as well):

* attainment (完成率) = latest figure ÷ target (``at_least``) or target ÷ latest figure
  (``at_most``), in %;
* projection (预计期末) = the least-squares line through the plan's years so far — the
  baseline (基期) and each plan year up to the selected year — read at the target year;
  a plan without two such points yet (a plan that has just begun) is projected from the
  five years up to the selected year; once the target year has a figure, the projection
  is that figure;
* status: projected attainment ≥ 100 % → on_track (按期完成 ✓), ≥ 90 % → at_risk (有风险 !),
  else off_track (难以完成 ✗); no_trend (无法预测) with fewer than two years of figures;
  no_data (无法评估（未报送）) when the area has not reported the year (a county missing, or a
  city none of whose counties reported): no attainment, no projection, and no figure of another
  year in its place; partial_data (无法评估（数据不全）) when the area's figure lacks a county or
  a month (``data_access.completeness``): its figure is shown, not judged;
* the yearly change needed from the latest year to reach the target in the years left,
  against the change achieved over the years of the projection (a rate in percentage
  points a year, an amount as growth % a year).

The assessment (年度目标考核) of a year scores each county on the rules of that year
(``assessment_rules``): its figure against its target for that year — a plan target
whose target year is that year, else the five-year plan's target brought to that year
along the straight line from the baseline (年度进度目标).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Connection, or_, select

from ..completeness import completeness_many
from ..filters import Filters
from ..models import Area, AssessmentRule, Indicator, PlanTarget
from ..plan import assessment_reason, parse_thresholds, plan_period
from .areas_years import all_counties
from .common import county_filter
from .indicators import indicator_series

__all__ = [
    "PLAN_STATUS",
    "assessment_ranking",
    "assessment_rules",
    "assessment_scores",
    "assessment_unranked",
    "plan_attainment",
    "plan_list",
    "plan_progress",
    "plan_summary",
]

PLAN_STATUS = ("on_track", "at_risk", "off_track", "no_trend", "no_data", "partial_data")
AT_RISK_FROM = 90.0  # projected attainment (%) from which a target is at risk rather than off track
TREND_YEARS = 5  # years of the fallback trend for a plan without two years of its own

PROGRESS_COLUMNS = [
    "plan",
    "plan_first",
    "plan_last",
    "code",
    "name_zh",
    "name_en",
    "unit_zh",
    "unit_en",
    "decimals",
    "area_code",
    "area_name",
    "level",
    "attribute",
    "direction",
    "baseline_year",
    "baseline",
    "latest_year",
    "latest",
    "target_year",
    "target",
    "attainment",
    "projection",
    "projected_attainment",
    "trend_from",
    "trend_to",
    "needed_change",
    "achieved_change",
    "change_unit",
    "status",
]


# ------------------------------------------------------------------ targets


def _frame(rows, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def _targets(conn: Connection, f: Filters, plan: str | None = None, with_city: bool = True) -> pd.DataFrame:
    """Targets of the city (when the view is the whole city or the user's own scope) and
    of the counties in the filters, with indicator and area names."""
    t = PlanTarget
    stmt = (
        select(
            t.plan,
            t.indicator_code,
            Indicator.name_zh,
            Indicator.name_en,
            Indicator.unit_zh,
            Indicator.unit_en,
            Indicator.decimals,
            Indicator.aggregation,
            Indicator.sort,
            t.area_code,
            Area.name,
            Area.level,
            t.county_code,
            t.attribute,
            t.direction,
            t.baseline_year,
            t.baseline_value,
            t.target_year,
            t.value,
        )
        .join(Indicator, Indicator.code == t.indicator_code)
        .join(Area, Area.code == t.area_code)
    )
    shown = f.counties_in_scope()
    chosen = county_filter(t.county_code, f)  # None exactly when nothing narrows the scope
    counties = t.county_code.is_not(None) if shown is None or chosen is None else chosen
    # the city's targets sit beside its counties' unless counties were chosen
    stmt = stmt.where(or_(counties, t.county_code.is_(None)) if with_city and not f.counties else counties)
    if plan is not None:
        stmt = stmt.where(t.plan == plan)
    cols = [
        "plan",
        "code",
        "name_zh",
        "name_en",
        "unit_zh",
        "unit_en",
        "decimals",
        "aggregation",
        "sort",
        "area_code",
        "area_name",
        "level",
        "county_code",
        "attribute",
        "direction",
        "baseline_year",
        "baseline",
        "target_year",
        "target",
    ]
    df = _frame(conn.execute(stmt), cols)
    if df.empty:
        return df
    df["level_order"] = (df["level"] != "city").astype(int)
    df["plan_order"] = [(plan_period(p) or (9999, 9999))[0] for p in df["plan"]]
    df = df.sort_values(["plan_order", "level_order", "sort", "area_code"])
    return df.drop(columns=["plan_order", "level_order"]).reset_index(drop=True)


def plan_list(conn: Connection) -> pd.DataFrame:
    """Plans with targets: plan, first, last (years), in order of their first year."""
    names = conn.execute(select(PlanTarget.plan).distinct()).scalars().all()
    periods = {p: plan_period(p) for p in names}
    rows = [(p, *period) for p, period in periods.items() if period]
    return pd.DataFrame(sorted(rows, key=lambda r: (r[1], r[2])), columns=["plan", "first", "last"])


def _first_year(targets: pd.DataFrame, year: int) -> int:
    """The first year whose figures any of ``targets`` reads (its plan's year before, its
    baseline, the fallback trend's five years)."""
    starts = [targets["plan_first"].min() - 1, year - TREND_YEARS, *targets["baseline_year"].dropna()]
    return int(min(starts))


def _actuals(
    conn: Connection, f: Filters, targets: pd.DataFrame, year: int, first: int | None = None
) -> dict[tuple[str, str], pd.Series]:
    """(code, area_code) → values by year, from the indicator engine (city and counties)."""
    first = _first_year(targets, year) if first is None else first
    years = tuple(range(first, year + 1))
    out: dict[tuple[str, str], pd.Series] = {}
    city = targets[targets["level"] == "city"]
    if not city.empty:
        # the city's figures are city-wide totals, which every role may see
        s = indicator_series(conn, Filters(year), tuple(city["code"].unique()), by=("year",), years=years)
        code_of_city = city["area_code"].iloc[0]
        for code, g in s.groupby("code"):
            out[(code, code_of_city)] = g.set_index("year")["value"].astype(float)
    county = targets[targets["level"] == "county"]
    if not county.empty:
        fc = Filters(year, counties=tuple(sorted(county["area_code"].unique())), scope=f.scope)
        s = indicator_series(conn, fc, tuple(county["code"].unique()), by=("county", "year"), years=years)
        for (code, area), g in s.groupby(["code", "county_code"]):
            out[(code, area)] = g.set_index("year")["value"].astype(float)
    return out


def _share(value: float | None, target: float, direction: str) -> float | None:
    """Attainment in % (None without a figure)."""
    if value is None or pd.isna(value):
        return None
    if direction == "at_most":
        return 100.0 if value <= 0 else float(target) / float(value) * 100
    if target == 0:
        return 100.0
    return float(value) / float(target) * 100


def _status(projected: float | None) -> str:
    if projected is None:
        return "no_trend"  # fewer than two years of figures: nothing to project from
    if projected >= 100 - 1e-9:
        return "on_track"
    return "at_risk" if projected >= AT_RISK_FROM - 1e-9 else "off_track"


def _change(v0: float, v1: float, years: int, rate: bool) -> float | None:
    """Change per year from v0 to v1 over ``years``: points (rate) or growth % (amount)."""
    if years <= 0:
        return None
    if rate:
        return (v1 - v0) / years
    if v0 <= 0 or v1 < 0:
        return None
    return ((v1 / v0) ** (1 / years) - 1) * 100


def _progress(r: dict, series: pd.Series | None, year: int) -> dict:
    first = r["plan_first"]
    end = int(r["target_year"])
    series = pd.Series(dtype=float) if series is None else series.dropna()
    as_of = min(year, end)
    known = series[series.index <= as_of]
    latest_year = int(known.index.max()) if not known.empty else None
    latest = float(known.loc[latest_year]) if latest_year is not None else None
    rate = r["unit_zh"] == "%"
    # the plan's points: its baseline, then each of its years so far
    pts: dict[int, float] = {}
    if pd.notna(r["baseline_year"]):
        pts[int(r["baseline_year"])] = float(r["baseline"])
    for y, v in known.items():
        if first <= y <= as_of:
            pts[int(y)] = float(v)
    if len(pts) < 2:  # a plan that has just begun: the trend of the years before
        pts = {int(y): float(v) for y, v in known.items() if y > as_of - TREND_YEARS}
    projection = None
    if latest_year is not None and latest_year >= end:
        projection = latest
    elif len(pts) >= 2:
        xs = np.array(sorted(pts), dtype=float)
        ys = np.array([pts[int(x)] for x in xs])
        slope, intercept = np.polyfit(xs, ys, 1)
        projection = float(slope * end + intercept)
        if rate and r["aggregation"] == "ratio":
            projection = min(projection, 100.0)  # a share cannot pass 100 %
        projection = max(projection, 0.0)
    target = float(r["target"])
    projected_attainment = _share(projection, target, r["direction"])
    needed = achieved = None
    if latest is not None and latest_year is not None:
        needed = _change(latest, target, end - latest_year, rate)
        if pts:
            y0 = min(pts)
            achieved = _change(pts[y0], latest, latest_year - y0, rate)
    return {
        "latest_year": latest_year,
        "latest": latest,
        "attainment": _share(latest, target, r["direction"]),
        "projection": projection,
        "projected_attainment": projected_attainment,
        "trend_from": min(pts) if len(pts) >= 2 else None,
        "trend_to": max(pts) if len(pts) >= 2 else None,
        "needed_change": needed,
        "achieved_change": achieved,
        "change_unit": "pp" if rate else "pct",
        "status": _status(projected_attainment),
    }


def plan_progress(conn: Connection, f: Filters, plan: str | None = None) -> pd.DataFrame:
    """Every plan target in view with baseline, latest (as of the selected year), target,
    attainment, projection to the target year and status — see the module's method."""
    return _progress_of(conn, f, _targets(conn, f, plan))


def _progress_of(conn: Connection, f: Filters, t: pd.DataFrame, keep=None) -> pd.DataFrame:
    """:func:`plan_progress` of the targets ``t``; ``keep(t)`` (a mask) the rows wanted.

    The years read are those all of ``t`` would read, so a row comes out the same
    whether it is computed alone or among all the targets."""
    if t.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    periods = t["plan"].map(plan_period)
    t["plan_first"] = [p[0] for p in periods]
    t["plan_last"] = [p[1] for p in periods]
    first = _first_year(t, f.year)
    if keep is not None:
        t = t[keep(t)]
        if t.empty:
            return pd.DataFrame(columns=PROGRESS_COLUMNS)
    actual = _actuals(conn, f, t, f.year, first)
    judged = _judgeable(conn, t, f.year)
    rows = []
    for r in t.to_dict("records"):
        p = _progress(r, actual.get((r["code"], r["area_code"])), f.year)
        state = judged.get((r["code"], r["area_code"], min(f.year, int(r["target_year"]))), "present")
        if state == "missing":  # not reported: never last year's figure, never 0 %
            p |= dict.fromkeys(("latest_year", "latest", "attainment", "projection", "projected_attainment"))
            p |= {"needed_change": None, "achieved_change": None, "status": "no_data"}
        elif state == "partial":
            p |= {"attainment": None, "projected_attainment": None, "projection": None, "status": "partial_data"}
        rows.append(r | p)
    out = pd.DataFrame(rows)
    for c in ("latest", "attainment", "projection", "projected_attainment", "needed_change", "achieved_change"):
        out[c] = pd.to_numeric(out[c], errors="coerce").round(6)
    return out[PROGRESS_COLUMNS]


def _judgeable(conn: Connection, t: pd.DataFrame, year: int) -> dict[tuple[str, str, int], str]:
    """(code, area, year) → present | partial | missing for the targets' areas in the year they
    are judged on (the selected year, or the target year when it is past). The city is
    missing when none of its counties reported, partial when some did not."""
    out: dict[tuple[str, str, int], str] = {}
    for y in sorted({min(year, int(e)) for e in t["target_year"]}):
        codes = tuple(t.loc[t["target_year"].astype(int).clip(upper=year) == y, "code"].unique())
        covs = completeness_many(conn, Filters(y), codes)
        for r in t[t["code"].isin(codes)].to_dict("records"):
            cov = covs[r["code"]]
            if r["level"] == "city":
                state = (
                    "missing" if cov.expected and not cov.present else "partial" if not cov.is_complete else "present"
                )
            else:
                st = cov.status(r["area_code"])
                state = "present" if st == "not_expected" else st
            out[(r["code"], r["area_code"], y)] = state
    return out


def plan_attainment(conn: Connection, f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """For each of ``codes``, the target of the area in view (the city, or the one county
    chosen) in the plan running in the selected year — a yearly plan before a five-year
    one — with attainment and projection. Several counties at once have no target (targets
    of counties are not added up). Only those targets' figures are read (a province has
    hundreds of targets; a page's tiles need a few)."""
    shown = f.counties_in_scope()
    if shown is not None and len(shown) != 1:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)

    def keep(t: pd.DataFrame) -> pd.Series:
        area = t["level"] == "city" if shown is None else t["area_code"] == shown[0]
        running = (t["plan_first"] <= f.year) & (t["plan_last"] >= f.year)
        return t["code"].isin(list(codes)) & running & area

    p = _progress_of(conn, f, _targets(conn, f), keep)
    if p.empty:
        return p
    p = p.assign(_yearly=(p["plan_first"] == p["plan_last"]).astype(int))
    p = p.sort_values(["code", "_yearly", "plan_first"], ascending=[True, False, False])
    return p.drop_duplicates("code").drop(columns="_yearly").reset_index(drop=True)


def _plain(r: dict) -> dict:
    d = int(r["decimals"]) or 1

    def num(v, digits=1):
        return None if v is None or pd.isna(v) else round(float(v), digits)

    return {
        "plan": r["plan"],
        "target_year": int(r["target_year"]),
        "value": num(r["target"], d),
        "direction": r["direction"],
        "attribute": r["attribute"],
        "baseline_year": None if pd.isna(r["baseline_year"]) else int(r["baseline_year"]),
        "baseline": num(r["baseline"], d),
        "latest_year": None if pd.isna(r["latest_year"]) else int(r["latest_year"]),
        "latest": num(r["latest"], d),
        "attainment_pct": num(r["attainment"]),
        "projection": num(r["projection"], d),
        "projected_attainment_pct": num(r["projected_attainment"]),
        "status": r["status"],
    }


def plan_summary(conn: Connection, f: Filters, codes: Sequence[str]) -> dict:
    """The plan as plain data for the command line's JSON: ``figures`` — per code of
    ``codes`` with a target in view, its target (see ``plan_attainment``) — and ``targets``,
    every plan target in view with its area, attainment and projection."""
    return {
        "figures": {r["code"]: _plain(r) for r in plan_attainment(conn, f, codes).to_dict("records")},
        "targets": [
            {"code": r["code"], "name": r["name_zh"], "area_code": r["area_code"], "area": r["area_name"]} | _plain(r)
            for r in plan_progress(conn, f).to_dict("records")
        ],
    }


# ------------------------------------------------------------------ the assessment

ASSESSMENT_COLUMNS = [
    "year",
    "county_code",
    "county_name",
    "code",
    "name_zh",
    "name_en",
    "weight",
    "method",
    "value",
    "target",
    "attainment",
    "rank",
    "points",
    "lost",
    "reason",
    "reason_en",
    "missing",  # the county has not reported the rule's figure for the year
]


def assessment_rules(conn: Connection, year: int) -> pd.DataFrame:
    """The rules of a year's assessment: code, name, weight, method, thresholds, note."""
    a = AssessmentRule
    stmt = (
        select(
            a.indicator_code,
            Indicator.name_zh,
            Indicator.name_en,
            Indicator.unit_zh,
            a.weight,
            a.method,
            a.thresholds,
            a.note,
        )
        .join(Indicator, Indicator.code == a.indicator_code)
        .where(a.year == year)
        .order_by(a.weight.desc(), Indicator.sort)
    )
    return _frame(
        conn.execute(stmt), ["code", "name_zh", "name_en", "unit_zh", "weight", "method", "thresholds", "note"]
    )


def _year_target(rows: pd.DataFrame, year: int) -> float | None:
    """A county's target for ``year`` from its plan targets (see the module's method)."""
    exact = rows[rows["target_year"] == year]
    if not exact.empty:
        yearly = exact[exact["plan_first"] == exact["plan_last"]]
        return float((yearly if not yearly.empty else exact)["target"].iloc[0])
    running = rows[(rows["plan_first"] <= year) & (rows["target_year"] > year)]
    for r in running.to_dict("records"):
        if pd.notna(r["baseline_year"]) and r["baseline_year"] < year:
            share = (year - r["baseline_year"]) / (r["target_year"] - r["baseline_year"])
            return float(r["baseline"] + (r["target"] - r["baseline"]) * share)
        return float(r["target"])  # no baseline (a policy level such as 95 %): the level itself
    return None


def _score(year: int, conn: Connection) -> pd.DataFrame:
    """Every county's points on every rule of ``year`` (all counties: ranks need them all)."""
    rules = assessment_rules(conn, year)
    if rules.empty:
        return pd.DataFrame(columns=ASSESSMENT_COLUMNS)
    counties = all_counties(conn)
    names = dict(zip(counties["code"], counties["name"], strict=True))
    f_all = Filters(year)
    codes = tuple(rules["code"])
    targets = _targets(conn, f_all, with_city=False)
    targets = targets[targets["code"].isin(codes)] if not targets.empty else targets
    if not targets.empty:
        periods = targets["plan"].map(plan_period)
        targets = targets.assign(plan_first=[p[0] for p in periods], plan_last=[p[1] for p in periods])
    actual = indicator_series(conn, f_all, codes, by=("county",), years=(year,))
    actual = actual.set_index(["code", "county_code"])["value"] if not actual.empty else pd.Series(dtype=float)
    from ..plan import missing_rule

    covs = completeness_many(conn, f_all, codes)
    on_missing = missing_rule(conn)
    rows = []
    for rule in rules.to_dict("records"):
        code, weight = rule["code"], float(rule["weight"])
        mine = targets[targets["code"] == code] if not targets.empty else targets
        per = []
        for county in counties["code"]:
            tr = mine[mine["area_code"] == county] if not mine.empty else mine
            target = _year_target(tr, year) if not tr.empty else None
            direction = tr["direction"].iloc[0] if not tr.empty else "at_least"
            value = actual.get((code, county))
            value = None if value is None or pd.isna(value) else float(value)
            state = covs[code].status(county)
            absent = state in ("missing", "partial")  # not (fully) reported: not a 0, not a low score
            if state == "missing":
                value = None
            att = _share(value, target, direction) if target is not None and not absent else None
            per.append([county, value, target, att, absent, state == "partial"])
        df = pd.DataFrame(per, columns=["county_code", "value", "target", "attainment", "absent", "partial"])
        scored = df["attainment"].notna()
        n = int(scored.sum())
        df["rank"] = df["attainment"].rank(ascending=False, method="min")
        levels = parse_thresholds(rule["thresholds"]) if rule["method"] == "thresholds" else []
        for r in df.to_dict("records"):
            att = None if r["attainment"] is None or pd.isna(r["attainment"]) else float(r["attainment"])
            rank = None if pd.isna(r["rank"]) else int(r["rank"])
            missed = None
            if r["absent"]:
                points = None if on_missing.excluded else on_missing.points(weight)
            elif att is None:
                points = 0.0
            elif rule["method"] == "share":
                points = weight * min(att, 100.0) / 100
            elif rule["method"] == "rank":
                assert rank is not None  # an attainment has its rank
                points = weight * (n - rank + 1) / n
            else:
                share, missed = 0.0, levels[-1][0]
                for lv, sh in levels:
                    if att >= lv - 1e-9:
                        share = sh
                        break
                    missed = lv
                points = weight * share
            points = None if points is None else round(points, 2)
            lost = None if points is None else round(weight - points, 2)
            why = {"method": rule["method"], "attainment": att, "lost": lost, "rank": rank, "n": n, "missed": missed}
            if r["absent"]:
                reason = on_missing.reason(rule["name_zh"], lost, "zh", bool(r["partial"]))
                reason_en = on_missing.reason(rule["name_en"], lost, "en", bool(r["partial"]))
            else:
                reason = assessment_reason(rule["name_zh"], **why)
                reason_en = assessment_reason(rule["name_en"], **why, lang="en")
            rows.append(
                {
                    "year": year,
                    "county_code": r["county_code"],
                    "county_name": names.get(r["county_code"], r["county_code"]),
                    "code": code,
                    "name_zh": rule["name_zh"],
                    "name_en": rule["name_en"],
                    "weight": weight,
                    "method": rule["method"],
                    "value": r["value"],
                    "target": None if r["target"] is None else round(r["target"], 6),
                    "attainment": None if att is None or pd.isna(att) else round(att, 6),
                    "rank": rank,
                    "points": points,
                    "lost": lost,
                    "reason": reason,
                    "reason_en": reason_en,
                    "missing": bool(r["absent"]),
                }
            )
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def _in_view(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    shown = f.counties_in_scope()
    return df if shown is None else df[df["county_code"].isin(shown)].reset_index(drop=True)


def assessment_scores(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """Each county's points per rule of the year's assessment, with the reason for points
    lost (in Chinese). Ranks are among all counties; only counties in view are returned."""
    return _in_view(_score(year or f.year, conn), f)


def assessment_ranking(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """The ranked counties of :func:`_ranking` (rank an int, as before); the counties not
    ranked for want of figures are :func:`assessment_unranked`."""
    out = _ranking(conn, f, year)
    out = out[out["rank"].notna()].copy()
    out["rank"] = out["rank"].astype(int)
    return out.reset_index(drop=True)


def assessment_unranked(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """Counties not ranked because a rule's figure is not (fully) reported, under the rule
    "excluded" (``data_access.plan.missing_rule``): county_code, county_name, missing
    (the figures, 、-joined), missing_en, reasons, reasons_en. Empty under "deduct"."""
    out = _ranking(conn, f, year)
    cols = ["county_code", "county_name", "missing", "missing_en", "reasons", "reasons_en"]
    return out.loc[out["rank"].isna(), cols].reset_index(drop=True)


def _ranking(conn: Connection, f: Filters, year: int | None = None) -> pd.DataFrame:
    """The ranking: rank, county, total, the points of each rule (columns by indicator
    code) and the reasons for points lost, joined; ``missing``: the rules' figures the county
    has not reported. Under the federation's rule for missing figures
    (``data_access.plan.missing_rule``) such a county is either not ranked (rank and
    total empty: "excluded", the default) or scored as the rule states (a stated deduction)."""
    s = _score(year or f.year, conn)
    if s.empty:
        return pd.DataFrame(
            columns=[
                "rank",
                "county_code",
                "county_name",
                "total",
                "max_points",
                "reasons",
                "reasons_en",
                "missing",
                "missing_en",
            ]
        )
    wide = s.pivot_table(index="county_code", columns="code", values="points", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=list(dict.fromkeys(s["code"])))
    # a county with a figure not reported, under the rule "excluded": no total, no rank
    unranked = s.groupby("county_code")["points"].apply(lambda p: p.isna().any())
    total = s.groupby("county_code")["points"].sum(min_count=1).round(2).where(~unranked)
    missing = s[s["missing"].astype(bool)].groupby("county_code")["name_zh"].agg("、".join)
    missing_en = s[s["missing"].astype(bool)].groupby("county_code")["name_en"].agg(", ".join)
    reasons = s[s["reason"] != ""].groupby("county_code")["reason"].agg("；".join)
    reasons_en = s[s["reason_en"] != ""].groupby("county_code")["reason_en"].agg("; ".join)
    out = pd.DataFrame(
        {
            "county_code": total.index,
            "county_name": s.drop_duplicates("county_code").set_index("county_code").loc[total.index, "county_name"],
            "total": total.values,
            "max_points": float(s.drop_duplicates("code")["weight"].sum()),
        }
    ).reset_index(drop=True)
    out = out.join(wide.loc[total.index].reset_index(drop=True))
    out["reasons"] = out["county_code"].map(reasons).fillna("")
    out["reasons_en"] = out["county_code"].map(reasons_en).fillna("")
    out["missing"] = out["county_code"].map(missing).fillna("")
    out["missing_en"] = out["county_code"].map(missing_en).fillna("")
    out["rank"] = out["total"].rank(ascending=False, method="min").astype("Int64")
    out = out.sort_values(["rank", "county_code"], na_position="last").reset_index(drop=True)
    cols = [
        "rank", "county_code", "county_name", "total", "max_points", *wide.columns,
        "reasons", "reasons_en", "missing", "missing_en",
    ]  # fmt: skip
    return _in_view(out[cols], f)
