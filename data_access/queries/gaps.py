"""Datasets of the gap ledger (整改台账, ``data_access.gaps``): the ledger itself, its progress
by county, one gap's history and evidence. Overdue: not yet built by the data (no
``closed_on``) and its deadline before ``today`` (passed by the caller, so a cached result
keyed by the day is right the next morning)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, case, func, select
from sqlalchemy.orm import aliased

from ..filters import Filters
from ..models import Area, Gap, GapEvent, GapEvidence
from .common import frame, in_scope

__all__ = ["gap_evidence_file", "gap_evidence_files", "gap_history", "gap_ledger", "gap_progress"]

# example arguments for tests/test_auth.py (the county scope check): ids no gap or file has
# (nothing for anyone); that test also adds a gap of another county and passes its ids
EXAMPLES: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
    "gap_history": ((0,), {}),
    "gap_evidence_files": ((0,), {}),
    "gap_evidence_file": ((0,), {}),
}

LEDGER_COLUMNS = [
    "id", "county_code", "county_name", "township_name", "code", "name", "level", "missing", "state",
    "owner_unit", "owner_person", "deadline", "opened_on", "closed_on", "verified_on", "days_overdue",
    "notes", "evidence", "updated_at", "updated_by", "lon", "lat",
]  # fmt: skip


def gap_ledger(conn: Connection, f: Filters, today: dt.date | None = None) -> pd.DataFrame:
    """Every gap within the filters' counties, by county, township and code. Columns as
    LEDGER_COLUMNS; ``days_overdue``: days past the deadline of a gap the data has not closed
    (0 when not overdue); ``evidence``: how many files it has."""
    today = today or dt.date.today()
    county = aliased(Area)
    town = aliased(Area)
    files = select(GapEvidence.gap_id, func.count().label("n")).group_by(GapEvidence.gap_id).subquery("files")
    stmt = (
        select(
            Gap.id, Gap.county_code, county.name.label("county_name"), town.name.label("township_name"),
            Gap.area_code.label("code"), Area.name, Gap.level, Gap.missing, Gap.state, Gap.owner_unit,
            Gap.owner_person, Gap.deadline, Gap.opened_on, Gap.closed_on, Gap.verified_on,
            func.coalesce(files.c.n, 0).label("evidence"), Gap.notes, Gap.updated_at, Gap.updated_by,
            Area.lon, Area.lat,
        )
        .select_from(Gap)
        .join(Area, Area.code == Gap.area_code)
        .outerjoin(county, county.code == Gap.county_code)
        .outerjoin(town, town.code == Area.township_code)
        .outerjoin(files, files.c.gap_id == Gap.id)
        .where(*in_scope(Gap.county_code, f))
        .order_by(Gap.county_code, Area.township_code, Gap.level.desc(), Gap.area_code)
    )  # fmt: skip
    df = frame(conn, stmt)
    late = [
        (today - d).days if c is None and d is not None and d < today else 0
        for d, c in zip(df["deadline"], df["closed_on"], strict=True)
    ]
    df["days_overdue"] = pd.Series(late, index=df.index, dtype="int64")
    df["evidence"] = df["evidence"].astype("int64")
    return df[LEDGER_COLUMNS]


def gap_progress(conn: Connection, f: Filters, today: dt.date | None = None) -> pd.DataFrame:
    """The gaps' progress by county: county_code, county_name, opened (ever listed), closed
    (built by the data), verified (confirmed by the city), open, overdue — counted in SQL."""
    today = today or dt.date.today()
    county = aliased(Area)
    is_open = Gap.closed_on.is_(None)
    stmt = (
        select(
            Gap.county_code,
            county.name.label("county_name"),
            func.count().label("opened"),
            func.sum(case((is_open, 0), else_=1)).label("closed"),
            func.sum(case((Gap.state == "verified", 1), else_=0)).label("verified"),
            func.sum(case((is_open, 1), else_=0)).label("open"),
            func.sum(case((is_open & (Gap.deadline < today), 1), else_=0)).label("overdue"),
        )
        .select_from(Gap)
        .outerjoin(county, county.code == Gap.county_code)
        .where(*in_scope(Gap.county_code, f))
        .group_by(Gap.county_code, county.name)
        .order_by(Gap.county_code)
    )
    df = frame(conn, stmt)
    for c in ("opened", "closed", "verified", "open", "overdue"):
        df[c] = df[c].fillna(0).astype("int64")
    return df


def gap_history(conn: Connection, f: Filters, gap_id: int) -> pd.DataFrame:
    """One gap's history, oldest first: at, username, action, detail (nothing outside the scope)."""
    stmt = (
        select(GapEvent.at, GapEvent.username, GapEvent.action, GapEvent.detail)
        .join(Gap, Gap.id == GapEvent.gap_id)
        .where(GapEvent.gap_id == gap_id, *in_scope(Gap.county_code, f))
        .order_by(GapEvent.id)
    )
    return frame(conn, stmt)


def gap_evidence_files(conn: Connection, f: Filters, gap_id: int) -> pd.DataFrame:
    """One gap's evidence files: id, file_name, mime, size, uploaded_by, uploaded_at."""
    stmt = (
        select(
            GapEvidence.id, GapEvidence.file_name, GapEvidence.mime, func.length(GapEvidence.data).label("size"),
            GapEvidence.uploaded_by, GapEvidence.uploaded_at,
        )
        .join(Gap, Gap.id == GapEvidence.gap_id)
        .where(GapEvidence.gap_id == gap_id, *in_scope(Gap.county_code, f))
        .order_by(GapEvidence.id)
    )  # fmt: skip
    return frame(conn, stmt)


def gap_evidence_file(conn: Connection, f: Filters, evidence_id: int) -> tuple[str, str, bytes] | None:
    """(file name, MIME type, bytes) of one evidence file within the scope, or None."""
    stmt = (
        select(GapEvidence.file_name, GapEvidence.mime, GapEvidence.data)
        .join(Gap, Gap.id == GapEvidence.gap_id)
        .where(GapEvidence.id == evidence_id, *in_scope(Gap.county_code, f))
    )
    row = conn.execute(stmt).first()
    return (row[0], row[1], bytes(row[2])) if row else None
