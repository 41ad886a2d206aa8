"""Datasets of the Service delivery page (公共服务): rehabilitation, employment,
education, culture and sport.

Every figure comes from the indicator engine (:func:`indicators.indicator_series`); this
module only adds what the engine lacks: the part's indicators from the dictionary,
the denominator for "per 1,000 registered disabled persons" (``areas.disabled_registered``)
and the month-by-month cumulative progress (a cumulative sum of the engine's
already-aggregated monthly rows).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from ..completeness import blank_missing
from ..filters import Filters
from .areas_years import areas
from .common import CITY_LEVEL
from .indicators import indicator_dictionary, indicator_series

__all__ = ["service_by_area", "service_indicators", "service_monthly"]

# example arguments for the access-control test that runs every query function under a scope
EXAMPLES = {
    "service_indicators": (("rehab",), {}),
    "service_by_area": (("emp_new",), {"level": "county"}),
    "service_monthly": (("emp_new",), {}),
}

PART_PREFIX = "其中"  # a dictionary name "其中…" is a part of the indicator listed before it


def service_indicators(conn: Connection, f: Filters, topic: str) -> pd.DataFrame:
    """The shown indicators of one part of the page (dictionary ``topic``), in display order.

    Adds ``part_of``: for an indicator named "其中…" (e.g. 其中自主创业) the code of the
    indicator it is a part of (the one listed before it), so a finding can say
    "新增就业1000人，其中自主创业100人" without knowing the codes. ``per_capita_ok``
    says whether a per-1,000 figure makes sense (amounts yes, rates and growths no).
    ``f`` is unused (the dictionary is the same for every user) but kept for the
    uniform signature.
    """
    d = indicator_dictionary(conn)
    d = d[d["topic"] == topic].reset_index(drop=True)
    part_of: list[str | None] = []
    last_whole: str | None = None
    for row in d.itertuples():
        is_part = str(row.name_zh).startswith(PART_PREFIX)
        part_of.append(last_whole if is_part else None)
        if not is_part and row.visible:
            last_whole = row.code
    d["part_of"] = part_of
    d["per_capita_ok"] = d["aggregation"].eq("sum") & d["unit_zh"].ne("%")
    return d[d["visible"] == 1].reset_index(drop=True)


def _is_rate(conn: Connection, code: str) -> bool:
    d = indicator_dictionary(conn).loc[code]
    return d["aggregation"] in ("ratio", "growth") or d["unit_zh"] == "%"


def service_by_area(conn: Connection, f: Filters, code: str, level: str = "county") -> pd.DataFrame:
    """One indicator in the selected year (and the year before) by county or by township.

    Columns: ``county_code``, (``township_code`` for townships), ``name``, ``value``,
    ``previous``, ``disabled_registered`` (持证残疾人数), ``per_1000`` (value per 1,000
    registered disabled persons; empty for rates, which are never scaled or summed).

    Counties: every county in the filters (0 where a sum has no records), plus a
    市本级 row for city-level records that belong to no county. Townships: the
    townships of the counties in the filters, only if the indicator is reported by
    township (no rows with a township at all: an empty frame).
    """
    dim = "county" if level == "county" else "township"
    key = "county_code" if dim == "county" else "township_code"
    s = indicator_series(conn, f, (code,), by=(dim, "year"), years=(f.year - 1, f.year))
    a = areas(conn, f, level=dim)
    a = pd.DataFrame(
        {
            "county_code": a["code"] if dim == "county" else a["county_code"],
            key: a["code"],
            "name": a["name"],
            "disabled_registered": a["disabled_registered"],
        }
    ).loc[:, lambda x: ~x.columns.duplicated()]
    rate = _is_rate(conn, code)
    cur = s[s["year"] == f.year].set_index(key)["value"]
    prev = s[s["year"] == f.year - 1].set_index(key)["value"]
    if dim == "township" and cur.index.dropna().empty:
        return pd.DataFrame(
            columns=["county_code", key, "name", "value", "previous", "disabled_registered", "per_1000"]
        )
    out = a.copy()
    out["value"] = out[key].map(cur)
    out["previous"] = out[key].map(prev)
    if not rate:  # a sum with no records in an area is 0 there
        out["value"] = out["value"].fillna(0.0)
        if not prev.empty:
            out["previous"] = out["previous"].fillna(0.0)
    # records of the city federation itself (no county) show as 市本级
    if dim == "county" and None in cur.index and not pd.isna(cur.get(None)) and cur.get(None) != 0:
        extra = {
            "county_code": None,
            "name": CITY_LEVEL,
            "disabled_registered": None,
            "value": cur.get(None),
            "previous": prev.get(None) if None in prev.index else None,
        }
        out = pd.concat([out, pd.DataFrame([extra])], ignore_index=True)
    if dim == "county":  # a county that has not reported: no figure, not 0 (issue 27)
        out = blank_missing(conn, f, out, {"value": code}, previous={"previous": code})
    reg = pd.to_numeric(out["disabled_registered"], errors="coerce")
    out["per_1000"] = float("nan") if rate else out["value"] / reg.where(reg > 0) * 1000
    cols = ["county_code", *([key] if dim == "township" else []), "name", "value", "previous"]
    return out[[*cols, "disabled_registered", "per_1000"]].reset_index(drop=True)


def service_monthly(conn: Connection, f: Filters, code: str) -> pd.DataFrame:
    """Progress through the selected year month by month, against the same months of last year.

    Columns: ``year``, ``month``, ``value`` (the month's figure) and ``cumulative``
    (January to that month). The selected year runs to the last month that has data;
    last year runs to its last month with data. Only for indicators reported monthly
    that add up (``period`` month, aggregation ``sum``); otherwise an empty frame.
    """
    cols = ["year", "month", "value", "cumulative"]
    d = indicator_dictionary(conn).loc[code]
    if d["period"] != "month" or d["aggregation"] != "sum":
        return pd.DataFrame(columns=cols)
    s = indicator_series(conn, f, (code,), by=("year", "month"), years=(f.year - 1, f.year))
    s = s[s["month"].between(1, 12)]
    frames = []
    for y in (f.year - 1, f.year):
        g = s[s["year"] == y].set_index("month")["value"]
        if g.empty:
            continue
        months = pd.RangeIndex(1, int(g.index.max()) + 1, name="month")
        g = g.reindex(months, fill_value=0.0)
        frames.append(pd.DataFrame({"year": y, "month": months, "value": g.to_numpy(), "cumulative": g.cumsum()}))
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    out["year"] = out["year"].astype(int)
    out["month"] = out["month"].astype(int)
    out["cumulative"] = out["cumulative"].astype(float).round(6)
    return out
