"""Taking data out: whole tables in the load format (so an export loads back as it is),
and any page's named datasets as currently filtered, as Excel or CSV.

CSV is UTF-8 with BOM, so Excel and WPS open Chinese correctly. Any text cell that
starts with ``= + - @``, a tab or a carriage return gets a leading apostrophe, so a
spreadsheet shows it as text and never runs it as a formula (the loader takes the
apostrophe off again).
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection, select

from .. import catalog, queries
from ..filters import Filters
from ..models import Area, Indicator
from ..queries.core import county_filter
from .definitions import KINDS
from .validate import FORMULA_GUARD

# Named datasets of a page, as its page asks for them: (query name, args, kwargs).
BUNDLES: dict[str, tuple[str, list[tuple[str, tuple, dict]]]] = {
    "overview": (
        "总览",
        [
            ("kpis", (catalog.OVERVIEW_CODES,), {}),
            ("county_table", (catalog.OVERVIEW_CODES,), {}),
            ("indicator_series", (catalog.OVERVIEW_CODES,), {"by": ("year",)}),
        ],
    ),
}


def neutralise(v: object) -> object:
    if isinstance(v, str) and v.startswith(FORMULA_GUARD):
        return "'" + v
    return v


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    return neutralise_frame(df).to_csv(index=False).encode("utf-8-sig")


def _sheet_name(name: str, used: set[str]) -> str:
    s = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "数据"
    base, n = s, 2
    while s in used:
        s = f"{base[:28]}_{n}"
        n += 1
    used.add(s)
    return s


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per frame; text stays text (codes keep their 12 digits), dates are dates."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for name, df in sheets.items():
        ws = wb.create_sheet(_sheet_name(name, used))
        safe = neutralise_frame(df)
        ws.append([str(c) for c in safe.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in safe.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for j, c in enumerate(safe.columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = max(10, min(40, len(str(c)) * 2 + 2))
            if safe[c].dtype == object:
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    if isinstance(cell.value, str):
                        cell.number_format = "@"
                    elif isinstance(cell.value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    if not sheets:
        wb.create_sheet("数据")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v: object) -> object:
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        return v.item()
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


# --------------------------------------------------------------- whole tables


def table_frame(
    conn: Connection,
    kind_name: str,
    f: Filters | None = None,
    county: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """A table in its load format (Chinese headers, labels for coded values), within the
    filters' scope and the chosen county and year. Loads back unchanged."""
    kind = KINDS[kind_name]
    t = kind.table
    stored = [c for c in kind.columns if c.stored]
    stmt = select(*(t.c[c.name] for c in stored))
    conds = []
    if f is not None and "county_code" in t.c:
        cf = county_filter(t.c.county_code, f)
        if cf is not None:
            conds.append(cf)
    if county:
        conds.append(t.c.county_code == county)
    if year is not None and "year" in t.c:
        conds.append(t.c.year == year)
    if conds:
        stmt = stmt.where(*conds)
    stmt = stmt.order_by(*(t.c[o] for o in kind.order))
    df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=[c.name for c in stored])
    for c in stored:
        if c.allowed:
            df[c.name] = df[c.name].map(lambda v, a=c.allowed: a.get(v, v))
        if c.type == "int":
            df[c.name] = df[c.name].astype("Int64")
    if kind.name == "indicator_values":
        names = dict(conn.execute(select(Indicator.code, Indicator.name_zh)).all())
        df["indicator_code"] = df["indicator_code"].map(lambda v: names.get(v, v))
    cols = []
    for c in kind.columns:
        if c.stored:
            cols.append(c.name)
        elif c.name == "area_name" and kind.area_col:
            codes = sorted(set(df[kind.area_col]))
            names = {}
            for i in range(0, len(codes), 1000):
                names |= dict(
                    conn.execute(select(Area.code, Area.name).where(Area.code.in_(codes[i : i + 1000]))).all()
                )
            df["area_name"] = df[kind.area_col].map(names)
            cols.append("area_name")
    df = df[cols].astype(object).where(df[cols].notna(), None)
    return df.rename(columns={c.name: c.zh for c in kind.columns})


# ------------------------------------------------------------ named datasets


def simple_datasets() -> list[str]:
    """Query functions that need nothing but the filters: every page's plain datasets."""
    out = []
    for name in queries.__all__:
        fn = getattr(queries, name)
        if not callable(fn) or name in ("county_filter",):
            continue
        try:
            params = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            continue
        required = [p for p in params if p.default is inspect.Parameter.empty and p.kind == p.POSITIONAL_OR_KEYWORD]
        if [p.name for p in required] == ["conn", "f"]:
            out.append(name)
    return out


def bundle_frames(conn: Connection, f: Filters, bundle: str) -> dict[str, pd.DataFrame]:
    """A page's datasets as the page shows them for these filters (for the command line)."""
    _, specs = BUNDLES[bundle]
    return {name: getattr(queries, name)(conn, f, *args, **kwargs) for name, args, kwargs in specs}


def dataset_frames(conn: Connection, f: Filters, names: Sequence[str]) -> dict[str, pd.DataFrame]:
    return {n: getattr(queries, n)(conn, f) for n in names}
