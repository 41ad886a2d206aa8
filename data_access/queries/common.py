"""What every query module shares: the filters as SQL conditions, a result as a frame.

Every statement labels its columns (``.label("covered")``) and :func:`frame` takes the
frame's column names from the result, so there is no second, hand-aligned list of names
to keep in step with the ``select``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Executable, literal
from sqlalchemy.orm import InstrumentedAttribute

from ..filters import Filters

CITY_LEVEL = "市本级"  # label for records of the city federation itself (no county)
# read fact_summary where it gives the same numbers (tests and benchmarks switch it off
# to compare with the facts)
USE_ROLLUPS = True

# a column to filter on: a Core column or a mapped attribute (``Model.county_code``)
Column = ColumnElement[Any] | InstrumentedAttribute[Any]


def county_filter(col: Column, f: Filters) -> ColumnElement[bool] | None:
    """The scope and county choice as a SQL condition (None: no condition)."""
    counties = f.counties_in_scope()
    if counties is None:
        return None
    if not counties:
        return literal(False)
    return col.in_(counties)


def in_scope(col: Column, f: Filters) -> list[ColumnElement[bool]]:
    """:func:`county_filter` as a list, to splat into ``where(…)``."""
    cf = county_filter(col, f)
    return [] if cf is None else [cf]


def period_where(table: Any, f: Filters, years: Sequence[int]) -> list[ColumnElement[bool]]:
    """The years asked for and the county scope on a fact table (or ``fact_summary``)."""
    return [table.year.between(min(years), max(years)), *in_scope(table.county_code, f)]


def frame(conn: Connection, stmt: Executable) -> pd.DataFrame:
    """Run ``stmt``; a frame whose columns are the statement's labels (also when empty)."""
    result = conn.execute(stmt)
    return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))
