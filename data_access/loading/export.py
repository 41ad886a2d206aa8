"""Taking data out: whole tables in the load format (so an export loads back as it is),
and any page's named datasets as currently filtered, as Excel or CSV.

CSV is UTF-8 with BOM, so Excel and WPS open Chinese correctly. Any text cell that
starts with ``= + - @``, a tab or a carriage return gets a leading apostrophe, so a
spreadsheet shows it as text and never runs it as a formula (the loader takes the
apostrophe off again).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection, select

from .. import catalog, queries
from ..filters import Filters
from ..models import Area, Indicator
from ..queries.common import county_filter
from .definitions import KINDS
from .validate import FORMULA_GUARD


@dataclass(frozen=True)
class DatasetCall:
    """One query function of ``data_access.queries`` with the arguments a page passes
    after ``(conn, f)``; ``name`` (the function's own) heads its sheet or file."""

    fn: Callable[..., pd.DataFrame]
    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fn.__name__


@dataclass(frozen=True)
class Export:
    """What the export offers as one choice: a page's datasets (``bundle``) or one dataset."""

    label: str  # a page's name, or the dataset's name
    calls: tuple[DatasetCall, ...]
    bundle: bool = True


# a page's datasets, as the page asks for them; keyed by the command line's name
BUNDLES: dict[str, Export] = {
    "overview": Export(
        "总览",
        (
            DatasetCall(queries.kpis, (catalog.OVERVIEW_CODES,)),
            DatasetCall(queries.county_table, (catalog.OVERVIEW_CODES,)),
            DatasetCall(queries.indicator_series, (catalog.OVERVIEW_CODES,), {"by": ("year",)}),
        ),
    ),
}

# query functions that need nothing but the filters: every page's plain datasets, offered
# one by one (tests/test_lint.py checks that none is missing here)
SIMPLE_DATASETS: tuple[Callable[[Connection, Filters], pd.DataFrame], ...] = (
    queries.access_by_category,
    queries.areas,
    queries.assessment_ranking,
    queries.assessment_unranked,
    queries.assessment_scores,
    queries.assessment_unranked,
    queries.coverage_left_out,
    queries.donations_by_purpose,
    queries.gap_ledger,
    queries.gap_progress,
    queries.infringement_by_agency,
    queries.legal_aid_by_service,
    queries.legal_aid_by_type,
    queries.legal_aid_closing,
    queries.legal_aid_days_histogram,
    queries.legal_aid_stations,
    queries.org_area_status,
    queries.org_county_shapes,
    queries.org_county_units,
    queries.org_county_units_trend,
    queries.org_coverage,
    queries.org_coverage_trend,
    queries.org_full_coverage,
    queries.org_gaps,
    queries.org_staffing,
    queries.org_status_counts,
    queries.outreach_timeline,
    queries.plan_progress,
    queries.quality_approval_counts,
    queries.quality_doubts,
    queries.quality_missing,
    queries.quality_status,
    queries.quality_submissions,
    queries.quality_summary,
    queries.quality_violations,
    queries.report_legal_aid_types,
    queries.report_staffing,
    queries.report_township_map,
    queries.rights_by_county,
    queries.social_by_county,
    queries.volunteers_by_partner,
)


def exports() -> list[Export]:
    """Every choice of the Data page's export: the bundles, then each plain dataset."""
    return [*BUNDLES.values(), *(Export(fn.__name__, (DatasetCall(fn),), bundle=False) for fn in SIMPLE_DATASETS)]


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


def export_frames(conn: Connection, f: Filters, export: Export) -> dict[str, pd.DataFrame]:
    """An export's datasets for these filters, by name (for the command line)."""
    return {c.name: c.fn(conn, f, *c.args, **c.kwargs) for c in export.calls}
