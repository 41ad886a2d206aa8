"""Figures told truly on incomplete data: the indicator engine (``queries.indicators``) and the
coverage notion (``completeness``) together — what tiles, key figures, slides, tables and the
year's statement show (the shared design §3a, issue 27; the notions themselves are described in
``data_access.completeness``).

The layering is one way: ``completeness`` (expected / present / missing per kind) depends only
on the models and the report periods, so the query modules may use it (``blank_missing``,
``completeness_many``, ``rows_in_hand``); this module sits above both and no query module
imports it.

API::

    ch = like_for_like(conn, f, "emp_new")   # one figure's change, like for like (counties)
    county_values(conn, f, "rehab_funds")    # one row per expected county: value, status
    kpis_complete(conn, f, codes)            # queries.kpis + coverage marks, like-for-like change, doubt
    kpis_approved(conn, f, codes)            # the same counting approved report periods only
    county_table_complete(conn, f, codes)    # queries.county_table + status, doubt; 0 vs missing
    doubts(conn, f)                          # figures a validation rule doubts
    data_status(conn, f) -> DataStatus       # the year: counties present/complete, 数据截至 …
    city_totals(conn, year, codes)           # whole-city totals only, for every role
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
from sqlalchemy import Connection, func, select

from .completeness import (
    EVENT_TABLES,
    FINE,
    KINDS,
    Change,
    DataStatus,
    completeness,
    completeness_many,
    counties_of,
    covers,
    definitions,
    kinds_of,
    rows_by_month,
)
from .filters import Filters
from .measures import EVENT_MEASURES
from .models import LoadBatch, Submission
from .quality.periods import reports
from .quality.rules import check_year
from .queries.common import CITY_LEVEL
from .queries.indicators import county_table, indicator_series, kpis
from .queries.quality import quality_status

__all__ = [
    "DOUBT_COLUMNS",
    "KPI_COLUMNS",
    "city_totals",
    "county_table_complete",
    "county_values",
    "data_status",
    "doubt_text",
    "doubted_codes",
    "doubts",
    "kpis_approved",
    "kpis_complete",
    "like_for_like",
]

# example arguments of the scoped functions here for tests/test_auth.py (the county scope check)
EXAMPLES: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
    "county_values": (("rehab_funds",), {}),
    "like_for_like": (("emp_new",), {}),
    "kpis_complete": ((["emp_new", "rights_legal_aid"],), {}),
    "kpis_approved": ((["emp_new", "rights_legal_aid"],), {}),
    "county_table_complete": ((["emp_new", "rights_legal_aid"],), {}),
}


def county_values(conn: Connection, f: Filters, code: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """The year's figure of indicator ``code`` by county, missing kept apart from zero.

    One row per county of the scope: ``county_code``, ``county``, ``value`` (the figure;
    0.0 for a present county with no rows of an additive figure; NaN when missing or not
    computable), ``status`` (present | partial | missing | not_expected)."""
    cov = completeness(conn, f, code, as_of=as_of)
    s = indicator_series(conn, f, [code], by=("county",), years=(f.year,))
    vals = dict(zip(s["county_code"], s["value"], strict=True))
    d = definitions(conn)[code]
    additive = d["source"] == "values" or d["source"].startswith("event:")
    rows = []
    for c, name in cov.names.items():
        status = cov.status(c)
        v = vals.get(c)
        if status == "missing":
            v = None
        elif v is None and additive and status in ("present", "partial"):
            v = 0.0
        rows.append((c, name, float("nan") if v is None else float(v), status))
    return pd.DataFrame(rows, columns=["county_code", "county", "value", "status"])


def like_for_like(conn: Connection, f: Filters, code: str, as_of: dt.date | None = None) -> Change:
    """The figure of ``code`` this year and last, and its change over the counties in
    both years — complete: a county with a month not delivered in either year is left out
    too (rates and ratios recomputed over those counties, never by adding
    percentages). With nothing left out it is the plain change of the two figures."""
    now = completeness(conn, f, code, as_of=as_of)
    before = completeness(conn, f, code, year=f.year - 1, as_of=as_of)
    k = kpis(conn, f, [code]).iloc[0]
    value = None if (now.expected and not now.present) or pd.isna(k["value"]) else float(k["value"])
    previous = None if pd.isna(k["previous"]) else float(k["previous"])
    is_rate = k["unit_zh"] == "%"
    growth = definitions(conn)[code]["source"] == "growth" if code not in KINDS else False
    both = tuple(c for c in now.complete if c in before.complete)
    left_out = tuple(c for c in dict.fromkeys((*now.expected, *before.expected)) if c not in both and c in now.names)
    names = {**before.names, **now.names}
    if not left_out:
        vc, pc = value, previous
    elif both:
        sub = kpis(conn, replace(f, counties=both), [code]).iloc[0]
        vc = None if pd.isna(sub["value"]) else float(sub["value"])
        pc = None if pd.isna(sub["previous"]) else float(sub["previous"])
    else:
        vc = pc = None
    if growth:  # a growth is itself a change: the figure shown is the like-for-like one
        value = vc
    change = None if vc is None or pc is None else vc - pc
    pct = None if change is None or is_rate or not pc else change / pc * 100
    return Change(code, f.year, value, previous, vc, pc, change, pct, both, left_out, names)


KPI_COLUMNS = [
    "n_expected",
    "n_present",
    "coverage",
    "coverage_en",
    "missing",
    "missing_en",
    "partial",
    "partial_en",
    "value_cmp",
    "previous_cmp",
    "left_out",
    "left_out_en",
    "n_compared",
    "through",
    "doubt",
    "doubt_en",
]


def kpis_complete(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``queries.kpis`` told truly on incomplete data: what tiles, key figures and slides show.

    The kpis columns, with ``value`` NaN when the figure's counties are expected and none is
    present (never 0, never last year's), ``change``/``change_pct`` computed like for like, and:
    ``n_expected``, ``n_present``; ``coverage`` ('7/8 县(区)', '' when no county is missing) and
    ``coverage_en``; ``missing``/``partial`` (county names joined with 、; ``_en`` with ', ');
    ``value_cmp``/``previous_cmp`` (the two figures the change is made of; in a year under way,
    last year's over the same months: ``through`` is the last month due, 12 when the year is
    over); ``left_out``
    (names of the counties not in the comparison) and ``n_compared``; ``doubt``/``doubt_en``
    (where an unconfirmed figure a validation rule doubts sits: '青林县12月'; '' when none). A growth's ``value`` is
    itself computed over the counties complete in both years."""
    k = kpis(conn, f, list(codes))
    now = completeness_many(conn, f, tuple(codes), as_of=as_of)
    before = completeness_many(conn, f, tuple(codes), year=f.year - 1, as_of=as_of)
    defs = definitions(conn)
    # ``doubt_frame``: :func:`doubts` of ``f`` when the caller holds it (the app's cache): the
    # validation rules are the costly part
    doubted = doubted_codes(conn, codes, doubts(conn, f, as_of) if doubt_frame is None else doubt_frame)
    narrower: dict[tuple[str, ...], pd.DataFrame] = {}
    extra = []
    for row in k.to_dict("records"):
        code = row["code"]
        cn, cb = now[code], before[code]
        names = {**cb.names, **cn.names}
        both = tuple(c for c in cn.complete if c in cb.complete)
        left = tuple(c for c in dict.fromkeys((*cn.expected, *cb.expected)) if c not in both and c in cn.names)
        value = row["value"]
        additive = defs[code]["source"] == "values" or defs[code]["source"].startswith("event:")
        if cn.expected and not cn.present:
            value = float("nan")
        elif cn.present and additive and pd.isna(value):
            value = 0.0  # the present counties reported none: a true zero
        vc, pc = value, row["previous"]
        if left:
            if both:
                if both not in narrower:
                    narrower[both] = kpis(conn, replace(f, counties=both), list(codes)).set_index("code")
                sub = narrower[both].loc[code]
                vc, pc = sub["value"], sub["previous"]
            else:
                vc = pc = float("nan")
            if defs[code]["source"] == "growth":
                value = vc
        through = cn.through if cn.expected else 12
        by_month = additive and defs[code]["source"] != "event:volunteers"  # team maxima do not add up by month
        if by_month and 0 < through < 12 and both and not pd.isna(vc):
            # a year under way against the same months of last year, not against the whole year
            m = indicator_series(conn, replace(f, counties=both), [code], by=("month",), years=(f.year - 1,))
            pc = float(m.loc[m["month"].astype(int) <= through, "value"].sum())
        sep_zh, sep_en = "、", ", "
        extra.append(
            dict(
                value=value,
                n_expected=len(cn.expected),
                n_present=len(cn.present),
                coverage=cn.label("zh"),
                coverage_en=cn.label("en"),
                missing=cn.missing_names("zh"),
                missing_en=sep_en.join(cn.names.get(c, c) for c in cn.missing),
                partial=cn.partial_names("zh"),
                partial_en=sep_en.join(cn.names.get(c, c) for c in cn.partial),
                value_cmp=vc,
                previous_cmp=pc,
                left_out=sep_zh.join(names.get(c, c) for c in left),
                left_out_en=sep_en.join(names.get(c, c) for c in left),
                n_compared=len(both),
                through=through,
                doubt=doubt_text(doubted[code], "zh") if code in doubted else "",
                doubt_en=doubt_text(doubted[code], "en") if code in doubted else "",
            )
        )
    e = pd.DataFrame(extra, columns=["value", *KPI_COLUMNS], index=k.index)
    out = k.copy()
    out["value"] = e["value"].astype(float)
    for c in KPI_COLUMNS:
        out[c] = e[c]
    vc, pc = out["value_cmp"].astype(float), out["previous_cmp"].astype(float)
    out["change"] = vc - pc
    is_rate = out["unit_zh"] == "%"
    out["change_pct"] = (out["change"] / pc.where(pc != 0) * 100).where(~is_rate)
    return out


DOUBT_COLUMNS = ["indicator", "county_code", "county", "month", "rule", "rule_zh", "severity", "message", "confirmed"]


def doubts(conn: Connection, f: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
    """The year's figures a validation rule doubts (an outlier, a part larger than its whole, a
    jump, a township sum that does not add up…), one row per indicator, county and month
    (0: the year), with ``confirmed``: True once the city approved the report period that
    holds it (the city has looked at it and kept it). An unconfirmed doubt is shown
    '待核实' and never wins a ranking (docs/decisions.md, "Doubtful figures")."""
    vs = [v for v in check_year(conn, f.year, f.counties_in_scope(), today=as_of) if v.indicator and v.county_code]
    if not vs:
        return pd.DataFrame(columns=DOUBT_COLUMNS)
    s = Submission
    approved = {
        (r.report_code, r.area_code, int(r.period_no))
        for r in conn.execute(
            select(s.report_code, s.area_code, s.period_no).where(s.year == f.year, s.status == "approved")
        )
    }
    defs = definitions(conn)
    reps = [r for r in reports(conn) if r.level == "county"]
    rows = []
    for v in vs:
        assert v.indicator is not None  # vs holds only the violations of an indicator and a county
        d = defs.get(v.indicator, {})
        month = int(v.month or 0)
        holding = [
            (r.code, r.record_period(f.year, month))
            for r in reps
            if r.covers_record("indicator_values", v.indicator, d.get("period"))
        ]
        holding = [(c, no) for c, no in holding if no is not None]
        if month == 0 and d.get("period") == "month":  # a year's total: every monthly period holds it
            holding = [(r.code, no) for r in reps if r.period == "month" for no in range(1, 13)]
        confirmed = bool(holding) and all((c, v.county_code, no) in approved for c, no in holding)
        rows.append((v.indicator, v.county_code, v.county, month, v.rule, v.rule_zh, v.severity, v.message, confirmed))
    return pd.DataFrame(rows, columns=DOUBT_COLUMNS)


def doubted_codes(conn: Connection, codes, d: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per indicator code: the unconfirmed doubts on it or on the parts it is made of."""
    defs = definitions(conn)
    open_ = d[~d["confirmed"].astype(bool)]
    out = {}
    for code in codes:
        parts = {code}
        want = [code]
        while want:
            x = defs.get(want.pop(), {})
            for p in (x.get("numerator"), x.get("denominator")):
                if p and p not in parts:
                    parts.add(p)
                    want.append(p)
        hit = open_[open_["indicator"].isin(parts)]
        if len(hit):
            out[code] = hit
    return out


def doubt_text(hit: pd.DataFrame, lang: str = "zh") -> str:
    """'青林县12月、临江县全年' — where the doubted figures are."""
    seen = []
    with_month = {c for c, m in zip(hit["county"], hit["month"], strict=True) if m}
    for county, month in zip(hit["county"], hit["month"], strict=True):
        if not month and county in with_month:
            continue  # the year is doubted because of that month: the month says where
        if lang == "zh":
            w = f"{county}{int(month)}月" if month else f"{county}全年"
        else:
            w = f"{county} month {int(month)}" if month else f"{county} (year)"
        if w not in seen:
            seen.append(w)
    return ("、" if lang == "zh" else ", ").join(seen)


def county_table_complete(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``queries.county_table`` with missing kept apart from zero: a county present for a figure
    with no rows of an additive one has 0; a missing county has NaN (shown as not reported);
    every county of the scope has a row. Extra columns: ``status`` (present | partial |
    missing, over the figures: missing when it reported none of them) and ``doubt`` (the
    codes of its unconfirmed doubted figures, joined with ',')."""
    wide = county_table(conn, f, list(codes)).set_index("county")
    covs = completeness_many(conn, f, tuple(codes), as_of=as_of)
    defs = definitions(conn)
    names = next(iter(covs.values())).names if covs else counties_of(conn, f)
    d = doubts(conn, f, as_of) if doubt_frame is None else doubt_frame
    d = d[~d["confirmed"].astype(bool)]
    rows = []
    for c, name in names.items():
        row: dict[str, object] = {"county": name}
        states = []
        for code in codes:
            cov = covs[code]
            st = cov.status(c)
            v = wide.at[name, code] if name in wide.index else float("nan")
            additive = defs[code]["source"] == "values" or defs[code]["source"].startswith("event:")
            if st == "missing":
                v = float("nan")
            elif st in ("present", "partial") and additive and pd.isna(v):
                v = 0.0
            row[code] = v
            if st != "not_expected" and not defs[code]["source"].startswith("coverage:"):
                states.append(st)  # organisations are a stock: they say nothing of the year's reports
        row["status"] = (
            "missing"
            if states and all(s == "missing" for s in states)
            else "partial"
            if "partial" in states or "missing" in states
            else "present"
        )
        row["doubt"] = ",".join(sorted(set(d.loc[d["county_code"] == c, "indicator"]) & set(codes)))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["county", *codes, "status", "doubt"])
    if CITY_LEVEL in wide.index:  # the city federation's own records, as county_table has them
        city = {"county": CITY_LEVEL, **{c: wide.at[CITY_LEVEL, c] for c in codes}, "status": "present", "doubt": ""}
        out = pd.concat([out, pd.DataFrame([city])], ignore_index=True)
    return out


def data_status(conn: Connection, f: Filters, as_of: dt.date | None = None) -> DataStatus:
    """The year of ``f`` in its scope: counties present / complete / missing over the monthly
    report's figures (or the yearly report's, when no monthly one is declared), the latest
    month with figures, the day they came in, and the report periods due, in and approved."""
    today = as_of or dt.date.today()
    kind = "legal_aid"  # a 月报 kind: its coverage is the monthly report's, all kinds alike
    cov = completeness(conn, f, kind, as_of=today)
    names = cov.names
    codes = tuple(names)
    month_rows = rows_by_month(conn, [*EVENT_TABLES, *_monthly_value_kinds(conn)], f.year, codes)
    months = [m for _, m in month_rows if m]
    with_rows = {c for c, _ in month_rows} | {c for c, _ in rows_by_month(conn, ["staffing"], f.year, codes)}
    last_month = max(months) if months else None
    t = Submission
    sub_at = conn.execute(
        select(func.max(t.submitted_at)).where(t.year == f.year, t.area_code.in_(codes or ("",)))
    ).scalar()
    lb = LoadBatch
    load_at = conn.execute(
        select(func.max(lb.loaded_at)).where(lb.status == "done", lb.kind != "demo", lb.kind != "geo")
    ).scalar()
    days = [d.date() if isinstance(d, dt.datetime) else d for d in (sub_at, load_at) if d is not None]
    last_loaded = max(days) if days and last_month is not None else None
    st = quality_status(conn, f, None, today)
    due = st[st["status"] != "pending"] if len(st) else st
    return DataStatus(
        year=f.year,
        through=cov.through if cov.expected else 0,
        n_expected=len(cov.expected),
        n_present=len(cov.present),
        n_complete=len(cov.complete),
        missing=tuple(names[c] for c in cov.missing),
        partial=tuple(names[c] for c in cov.partial),
        last_month=last_month,
        last_loaded=last_loaded,
        periods_due=len(due),
        periods_in=int(due["status"].isin(["on_time", "late", "loaded"]).sum()) if len(due) else 0,
        periods_approved=int((due["approval"] == "approved").sum()) if len(due) else 0,
        no_figures=tuple(n for c, n in names.items() if c not in with_rows),
        n_counties=len(names),
    )


def _monthly_value_kinds(conn: Connection) -> list[str]:
    """Every reported indicator (monthly and yearly rows alike: month 0 is a yearly row)."""
    return [f"indicator_values:{c}:{d['period']}" for c, d in definitions(conn).items() if d["source"] == "values"]


def kpis_approved(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`kpis_complete` counting approved figures only: per county and month, a figure
    counts when the city approved the report period holding it (the finest covering report;
    a yearly figure: the 年报). Additive figures (reported sums, counts and sums of records)
    only; a ratio, a growth or a stock has NaN here (it cannot be split by approval).
    ``value``/``previous`` are the approved totals of the year and the year before;
    ``unapproved`` the share (%) of the year's total not yet approved (NaN when not additive)."""
    k = kpis_complete(conn, f, codes, as_of, doubt_frame)
    defs = definitions(conn)
    additive = [
        c
        for c in codes
        if (defs[c]["source"] == "values" and defs[c]["aggregation"] != "max")
        or (defs[c]["source"].startswith("event:") and EVENT_MEASURES[defs[c]["source"][6:]].value != "team_max")
    ]
    s = Submission
    approved = {
        (r.report_code, r.area_code, int(r.year), int(r.period_no))
        for r in conn.execute(
            select(s.report_code, s.area_code, s.year, s.period_no).where(
                s.year.in_((f.year - 1, f.year)), s.status == "approved"
            )
        )
    }
    reps = [r for r in reports(conn) if r.level == "county"]
    series = (
        indicator_series(conn, f, additive, by=("county", "year", "month"), years=(f.year - 1, f.year))
        if additive
        else pd.DataFrame(columns=["code", "county_code", "year", "month", "value"])
    )
    sums: dict[tuple[str, int], float] = {}
    totals: dict[tuple[str, int], float] = {}
    for code, g in series.groupby("code"):
        kinds = kinds_of(conn, code, defs)
        holding = [r for r in reps if covers(r, kinds[0][0])]
        holding = [r for r in holding if r.period in FINE] or holding
        for county, year, month, value in zip(g["county_code"], g["year"], g["month"], g["value"], strict=True):
            y, m = int(year), int(month)
            totals[(code, y)] = totals.get((code, y), 0.0) + float(value)
            ok = county is not None and any(
                (r.code, county, y, r.record_period(y, m)) in approved
                for r in holding
                if r.record_period(y, m) is not None
            )
            if ok:
                sums[(code, y)] = sums.get((code, y), 0.0) + float(value)
    out = k.copy()
    nan = float("nan")
    out["value"] = [sums.get((c, f.year), 0.0) if c in additive else nan for c in out["code"]]
    out["previous"] = [sums.get((c, f.year - 1), 0.0) if c in additive else nan for c in out["code"]]
    # approved periods of a year under way against a whole approved year are not like for like:
    # no change is told in this mode
    out["value_cmp"] = out["previous_cmp"] = out["change"] = out["change_pct"] = nan
    out["unapproved"] = [
        (1 - sums.get((c, f.year), 0.0) / totals[(c, f.year)]) * 100 if totals.get((c, f.year)) else nan
        for c in out["code"]
    ]
    out["left_out"] = out["left_out_en"] = ""
    return out


def city_totals(conn: Connection, year: int, codes: Sequence[str]) -> pd.DataFrame:
    """Whole-city totals only (code, value, previous, coverage: '7/8 县(区)' on partial data) —
    no county breakdown.

    A county-scoped user may compare their county with the city as a whole (access
    control: "its own detail, plus city-wide totals only"); this function returns
    nothing finer than the city, so it takes a year rather than the user's filters.
    """
    k = kpis_complete(conn, Filters(year), tuple(codes))  # a county not reported: the total says so
    return k[["code", "value", "previous", "coverage", "coverage_en"]]
