"""The part of the gap ledger (``data_access.gaps``) the data itself writes: :func:`sync_gaps`
opens, closes and reopens gaps as the coverage data says, called by the finish step of every
load that changes areas or organisations (``finish.finish_load``). It imports neither the
finish step nor the approval workflow, so the finish step depends on it and not the other way
round; the changes people make (``gaps.update_gap``, ``gaps.write_loaded``) stay in ``gaps``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Row, and_, insert, select, update

from .models import Area, Gap, GapEvent, OrgUnit, inserted_id

__all__ = ["DATA", "LEVEL_ORG", "MISSING", "STATES", "Synced", "default_deadline", "event", "now", "sync_gaps"]

STATES = {"open": "未启动", "in_progress": "推进中", "done": "已完成", "verified": "已核实"}
MISSING = {"none": "未建立组织", "no_staff": "无专职人员"}
LEVEL_ORG = {"township": "township_federation", "village": "village_association"}
DATA = "数据"  # the history's "who" for what the coverage data did


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def default_deadline(opened_on: dt.date) -> dt.date:
    """次年年底: a gap found in a year is to be closed by the end of the next."""
    return dt.date(opened_on.year + 1, 12, 31)


def event(conn: Connection, gap_id: int, by: str, action: str, detail: str | None, at: dt.datetime) -> None:
    conn.execute(insert(GapEvent).values(gap_id=gap_id, at=at, username=by[:64], action=action, detail=detail))


# ------------------------------------------------------------------ opened and closed by the data


@dataclass(frozen=True)
class Synced:
    opened: int = 0
    closed: int = 0
    reopened: int = 0
    changed: int = 0


def sync_gaps(conn: Connection, today: dt.date | None = None) -> Synced:
    """Open, close and reopen gaps as the coverage data says today, in the caller's transaction.
    A level (townships, villages) without any organisation in the data is left alone: the
    coverage of a city that has loaded its areas but not its organisations is not known.

    A unit counts as built when its organisation was established and its full-time staff in
    place on or before ``today`` (the coverage rule of ``queries.coverage`` at a date)."""
    today = today or dt.date.today()
    at = now()
    county = Area.__table__.alias("county")
    units: list[Row[str, str, str | None, str | None, int | None, dt.date | None]] = []
    for level, org_type in LEVEL_ORG.items():
        # no organisation of the level in the data at all: its coverage is unknown, not nil
        # (a city loads its areas before its organisations), so nothing is opened for it
        if conn.execute(select(OrgUnit.id).where(OrgUnit.org_type == org_type).limit(1)).first() is None:
            continue
        stmt = (
            select(Area.code, Area.level, Area.county_code, county.c.name, OrgUnit.id, OrgUnit.staffed_on)
            .select_from(Area)
            .outerjoin(
                OrgUnit,
                and_(OrgUnit.area_code == Area.code, OrgUnit.org_type == org_type, OrgUnit.established_on <= today),
            )
            .outerjoin(county, county.c.code == Area.county_code)
            .where(Area.level == level, *([Area.counts_in_coverage == 1] if level == "township" else []))
        )
        units += conn.execute(stmt).all()
    gaps = {r.area_code: r for r in conn.execute(select(Gap.id, Gap.area_code, Gap.state, Gap.missing, Gap.closed_on))}
    opened = closed = reopened = changed = 0
    for code, level, county_code, county_name, org_id, staffed_on in units:
        built = org_id is not None and staffed_on is not None and staffed_on <= today
        missing = "none" if org_id is None else "no_staff"
        g = gaps.get(code)
        if g is None:
            if built:
                continue
            gid = inserted_id(
                conn.execute(
                    insert(Gap).values(
                        area_code=code, county_code=county_code, level=level, missing=missing, state="open",
                        owner_unit=f"{county_name}残联" if county_name else None, deadline=default_deadline(today),
                        opened_on=today, updated_at=at, updated_by=DATA,
                    )
                )
            )  # fmt: skip
            event(conn, gid, DATA, "opened", f"数据显示{MISSING[missing]}", at)
            opened += 1
        elif built and g.closed_on is None:
            on = staffed_on
            assert on is not None  # built: its full-time staff are in place on a known date
            state = g.state if g.state == "verified" else "done"
            conn.execute(update(Gap).where(Gap.id == g.id).values(closed_on=on, state=state, updated_at=at))
            event(conn, g.id, DATA, "closed", f"数据显示已建成（专职人员到位 {on.isoformat()}）", at)
            closed += 1
        elif not built and g.closed_on is not None:
            conn.execute(
                update(Gap)
                .where(Gap.id == g.id)
                .values(
                    closed_on=None, verified_on=None, verified_by=None, state="open", missing=missing, updated_at=at
                )
            )
            event(conn, g.id, DATA, "reopened", f"数据显示再次{MISSING[missing]}，重新列入整改", at)
            reopened += 1
        elif not built and g.missing != missing:
            conn.execute(update(Gap).where(Gap.id == g.id).values(missing=missing, updated_at=at))
            event(conn, g.id, DATA, "update", f"缺口：{MISSING[g.missing]} → {MISSING[missing]}", at)
            changed += 1
    return Synced(opened, closed, reopened, changed)
