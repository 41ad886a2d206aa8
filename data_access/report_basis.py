"""What the written texts and the deck rest on, besides the figures themselves: the values a
validation rule doubts (so a sentence marks them 待核实 and never makes them a headline or a
winner) and the date of the data (the latest month with figures, the latest load).

Read-only; the rules themselves live in :mod:`data_access.quality.rules` (checked here, not
restated).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, func, select

from .filters import Filters
from .models import IndicatorValue, LoadBatch

# rule kinds that doubt one figure of one county (a part larger than its whole doubts both, and
# names the part); date rules are about records, not figures
DOUBT_COLUMNS = ["code", "county_code", "year", "month", "rule", "kind", "message"]


def doubtful_values(conn: Connection, f: Filters) -> pd.DataFrame:
    """The figures of ``f.year`` that a validation rule flags: one row per (indicator, county,
    month) with the rule's code, kind and message (Chinese)."""
    from .quality.rules import check_year  # the rules import the loaders, which import the queries

    rows = [
        (v.indicator, v.county_code, v.year, v.month, v.rule, v.kind, v.message)
        for v in check_year(conn, f.year, f.counties_in_scope())
        if v.indicator and v.year == f.year
    ]
    return pd.DataFrame(rows, columns=DOUBT_COLUMNS)


def data_as_of(conn: Connection, f: Filters) -> dict:
    """The date of the year's data: ``last_month`` (the latest month of ``f.year`` with a
    monthly figure in scope, 0 when only yearly figures, None when no figure) and ``loaded_on``
    (the date of the latest load, None when nothing was loaded through the load path)."""
    iv = IndicatorValue.__table__.c
    q = select(func.max(iv.month), func.count()).where(iv.year == f.year)
    scope = f.counties_in_scope()
    if scope is not None:
        q = q.where(iv.county_code.in_(scope))
    last, n = conn.execute(q).one()
    lb = LoadBatch.__table__.c
    loaded = conn.execute(select(func.max(lb.loaded_at)).where(lb.status == "done")).scalar()
    if isinstance(loaded, str):  # SQLite returns text for a bare aggregate
        loaded = dt.datetime.fromisoformat(loaded)
    return {
        "year": f.year,
        "last_month": None if not n else int(last or 0),
        "loaded_on": loaded.date() if isinstance(loaded, dt.datetime) else None,
    }
