"""Which hand-written SQL answers which dataset call, and how to check they agree.

``for_call(name, f, args, kwargs)`` gives ``(hand, check)``: ``hand(conn)`` runs the
hand-written SQL (``handsql``), ``check(result, numbers)`` says whether the query
layer's frame holds the same numbers. Datasets with no entry are timed without a
yardstick (the report shows "—").
"""

from __future__ import annotations

import math

import pandas as pd

from data_access.filters import Filters

from . import handsql as h


def _close(a, b) -> bool:
    a = None if a is None or (isinstance(a, float) and math.isnan(a)) else float(a)
    b = None if b is None or (isinstance(b, float) and math.isnan(b)) else float(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _series_check(dims):
    cols = [h.DIMCOL[d] for d in dims]

    def check(df: pd.DataFrame, numbers: dict) -> bool:
        got = {(r["code"], *(r[c] for c in cols)): r["value"] for _, r in df.iterrows()}
        keys = set(got) | {k for k, v in numbers.items() if v is not None}
        return all(_close(got.get(k), numbers.get(k)) for k in keys)

    return check


def _kpis(f: Filters, codes):
    def hand(conn):
        return h.series(conn, f, codes, ("year",), (f.year - 1, f.year))

    def check(df, numbers):
        return all(
            _close(r.value, numbers.get((r.code, f.year))) and _close(r.previous, numbers.get((r.code, f.year - 1)))
            for r in df.itertuples()
        )

    return hand, check


def _by_county(f: Filters, codes, value_cols: dict | None = None):
    """county_table / social_by_county / rights_by_county: codes by county for the year."""

    def hand(conn):
        return h.series(conn, f, codes, ("county",), (f.year,)), h.county_names(conn, f)

    def check(df, numbers):
        vals, names = numbers
        ok = True
        for r in df.to_dict("records"):
            code = r.get("county_code")
            if code is None and "county" in r:
                code = next((c for c, n in names.items() if n == r["county"]), None)
            for c in codes:
                col = (value_cols or {}).get(c, c)
                if col in r:
                    want = vals.get((c, code))
                    got = r[col]
                    if want is None and (got == 0 or got is None or (isinstance(got, float) and math.isnan(got))):
                        continue
                    ok &= _close(round(float(got), 6), None if want is None else round(want, 6)) or (
                        want is not None and abs(float(got) - want) < 0.5  # shown rounded (volunteers)
                    )
        return ok

    return hand, check


def _count(table, column, trend_default, cols):
    def make(f: Filters, kwargs):
        trend = kwargs.get("trend", trend_default)

        def hand(conn):
            return h.count_by(conn, f, table, column, trend)

        def check(df, numbers):
            got = {(r[0], r[1]): r[2] for r in df[cols].itertuples(index=False)}
            return got == numbers

        return hand, check

    return make


def for_call(name: str, f: Filters | None, args: tuple, kwargs: dict):
    if name == "kpis":
        return _kpis(f, list(args[0]))
    if name == "city_totals":
        return _kpis(Filters(args[0]), list(args[1]))
    if name == "indicator_series":
        codes = list(args[0])
        by = tuple(d for d in ("county", "township", "year", "month") if d in kwargs.get("by", ("year",)))
        years = kwargs.get("years") or f.years
        return (lambda conn: h.series(conn, f, codes, by, years)), _series_check(by)
    if name == "county_table":
        return _by_county(f, list(args[0]))
    if name == "social_by_county":
        return _by_county(
            f,
            ["social_volunteers", "social_volunteer_hours", "social_donations"],
            {"social_volunteers": "volunteers", "social_volunteer_hours": "hours", "social_donations": "donations"},
        )
    if name == "service_monthly":
        code = args[0]

        def hand(conn):
            return h.series(conn, f, [code], ("year", "month"), (f.year - 1, f.year))

        def check(df, numbers):
            return all(_close(r.value, numbers.get((code, r.year, r.month), 0.0)) for r in df.itertuples())

        return hand, check
    if name == "service_by_area":
        code, level = args[0], kwargs.get("level", args[1] if len(args) > 1 else "county")
        dim = "county" if level == "county" else "township"

        def hand(conn):
            return h.series(conn, f, [code], (dim, "year"), (f.year - 1, f.year))

        def check(df, numbers):
            key = "county_code" if dim == "county" else "township_code"
            return all(
                _close(r["value"], numbers.get((code, r[key], f.year), r["value"] if pd.isna(r["value"]) else 0.0))
                for r in df.to_dict("records")
                if r[key] is not None
            )

        return hand, check
    makers = {
        "legal_aid_by_type": _count("legal_aid_cases", "case_type", True, ["year", "case_type", "cases"]),
        "legal_aid_by_service": _count("legal_aid_cases", "service_kind", False, ["year", "service_kind", "cases"]),
        "infringement_by_agency": _count(
            "infringement_cases", "partner_agency", True, ["year", "partner_agency", "cases"]
        ),
    }
    if name in makers:
        return makers[name](f, kwargs)
    if name == "donations_by_purpose":
        trend = kwargs.get("trend", True)

        def check(df, numbers):
            got = {
                (r.year, r.purpose): (r.donations, round(r.money_wan, 2), round(r.goods_wan, 2))
                for r in df.itertuples()
            }
            want = {k: (v[0], round(v[1], 2), round(v[2], 2)) for k, v in numbers.items()}
            return got == want

        return (lambda conn: h.donations_by_purpose(conn, f, trend)), check
    if name == "volunteers_by_partner":
        trend = kwargs.get("trend", False)

        def check(df, numbers):
            got = {(r.year, r.partner_org): (r.teams, r.volunteers, round(r.hours, 6)) for r in df.itertuples()}
            want = {k: (v[0], v[1], round(v[2], 6)) for k, v in numbers.items()}
            return got == want

        return (lambda conn: h.volunteers_by_partner(conn, f, trend)), check
    if name == "access_by_category":
        trend = kwargs.get("trend", False)

        def check(df, numbers):
            got = {(r.year, r.category, r.status): (r.projects, round(r.cost_wan, 2)) for r in df.itertuples()}
            want = {k: (v[0], round(v[1], 2)) for k, v in numbers.items()}
            return got == want

        return (lambda conn: h.access_by_category(conn, f, trend)), check
    return None
