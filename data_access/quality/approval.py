"""Submissions and the city's decision on them: a county's load for a report and period is
its submission; the city's data staff approve it (the period is then locked), return it
with a reason, or unlock an approved period with a reason. Every step is audited in the
caller's transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..auth import audit
from ..finish import Audit, Touched, finish_load
from ..models import Area, Meta, Submission
from .periods import ReportDef, period_label, periods_of, reports


class ApprovalError(ValueError):
    """A refusal told in Chinese."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def find_report(conn: Connection, code_or_name: str) -> ReportDef:
    for r in reports(conn):
        if code_or_name in (r.code, r.name_zh):
            return r
    names = "、".join(f"{r.name_zh}({r.code})" for r in reports(conn))
    raise ApprovalError(f"没有名为“{code_or_name}”的报表（可选：{names}）")


def period_no(rep: ReportDef, year: int, no: int | None) -> int:
    """The period number, checked against the report (a month of a monthly report …)."""
    valid = periods_of(rep.period, year)
    if no is None:
        if valid == [0]:
            return 0
        raise ApprovalError(
            f"{rep.name_zh}按{'月' if rep.period == 'month' else '季度'}报送：请指明报送期（如 {year}-03）"
        )
    if rep.period in ("year", "flash"):
        raise ApprovalError(f"{rep.name_zh}每年一期，报送期只写年度（如 {year}）")
    if no not in valid:
        raise ApprovalError(f"{rep.name_zh}没有第 {no} 期")
    return no


LOCK_KEY = "approval_lock"


def lock_writes(conn: Connection, shared: bool = False) -> None:
    """The first statement of every writing transaction that approves (exclusive) or loads
    figures (``shared``): a row lock on one ``meta`` row, held until the transaction ends.

    Loads share it, so they still write side by side; an approval, return or unlock waits
    for the loads under way and the loads that start meanwhile wait for it. Each then reads
    what the other committed: a load re-checks the locked periods after taking it, so an
    approval can never land between a load's check and its write (PostgreSQL and MariaDB,
    READ COMMITTED: ``SELECT … FOR SHARE`` / ``FOR UPDATE``). SQLite has one writer at a
    time: a write to the row takes the database's write lock at once, so what follows in
    the transaction is read under it."""
    if conn.dialect.name == "sqlite":
        conn.execute(update(Meta).where(Meta.key == LOCK_KEY).values(value=Meta.value))
        return
    stmt = select(Meta.value).where(Meta.key == LOCK_KEY).with_for_update(read=shared)
    if conn.execute(stmt).first() is None:  # a database from before the row: add it once
        try:
            with conn.engine.begin() as other:
                other.execute(insert(Meta).values(key=LOCK_KEY, value="0"))
        except IntegrityError:
            pass  # another process added it first
        conn.execute(stmt).first()


def _get(conn, rep: ReportDef, area: str, year: int, no: int):
    s = Submission
    return conn.execute(
        select(s.__table__).where(s.report_code == rep.code, s.area_code == area, s.year == year, s.period_no == no)
    ).first()


def _area_name(conn, area: str) -> str:
    name = conn.execute(select(Area.name).where(Area.code == area)).scalar()
    if name is None:
        raise ApprovalError(f"区划代码 {area} 不在本库中")
    return name


def record_submission(
    conn: Connection,
    rep: ReportDef,
    area: str,
    year: int,
    no: int,
    by: str,
    batch_id: int | None = None,
    warnings: list[str] | None = None,
    at: dt.datetime | None = None,
) -> str:
    """A load for a report and period is the area's submission (kept once, re-submitted on
    correction). Refused when the period is approved (locked). Returns the new status."""
    at = at or _now()
    old = _get(conn, rep, area, year, no)
    label = f"{_area_name(conn, area)} {period_label(rep.period, year, no)}{rep.name_zh}"
    note = "\n".join(warnings or []) or None
    if old is not None and old.status == "approved":
        raise ApprovalError(f"{label}已审核通过并锁定，请市残联先解锁")
    s = Submission
    values = dict(
        status="submitted",
        submitted_at=at,
        submitted_by=by[:64],
        batch_id=batch_id,
        warnings=len(warnings or []),
        note=note,
    )
    if old is None:
        county = area[:6] + "000000"
        conn.execute(
            insert(s).values(
                report_code=rep.code,
                area_code=area,
                county_code=county,
                year=year,
                period_no=no,
                first_submitted_at=at,
                **values,
            )
        )
    else:
        conn.execute(update(s).where(s.id == old.id).values(**values))
    audit(conn, by, "submit", f"{label}（批次 {batch_id}）" + (f"，{len(warnings)} 条警告" if warnings else ""))
    return "submitted"


def _decide(conn, rep, area, year, no, by, status, reason, need, verb, action) -> None:
    lock_writes(conn)  # no load writes between this decision's read and its commit
    old = _get(conn, rep, area, year, no)
    label = f"{_area_name(conn, area)} {period_label(rep.period, year, no)}{rep.name_zh}"
    if old is None:
        raise ApprovalError(f"{label}尚未报送，无法{verb}")
    if old.status not in need:
        now = {"submitted": "待审核", "approved": "已审核锁定", "returned": "已退回", "unlocked": "已解锁待重报"}
        raise ApprovalError(f"{label}当前状态为“{now.get(old.status, old.status)}”，无法{verb}")
    if action in ("return", "unlock") and not (reason or "").strip():
        raise ApprovalError(f"{verb}须写明原因")
    conn.execute(
        update(Submission)
        .where(Submission.id == old.id)
        .values(status=status, decided_by=by[:64], decided_at=_now(), reason=(reason or "").strip() or None)
    )
    # a decision changes no figure, but pages must show it in every process: a new data
    # version with nothing recomputed, and the audit row, in the decision's transaction
    detail = label + (f"：{reason.strip()}" if reason and reason.strip() else "")
    finish_load(conn, Touched.nothing(), Audit(by[:64], action, detail))


def approve(conn: Connection, rep: ReportDef, area: str, year: int, no: int, by: str, reason: str = "") -> None:
    """The city approves a submission; its period is locked."""
    _decide(conn, rep, area, year, no, by, "approved", reason, ("submitted", "unlocked"), "审核通过", "approve")


def return_submission(conn: Connection, rep: ReportDef, area: str, year: int, no: int, by: str, reason: str) -> None:
    """The city sends a submission back to the county, with a reason."""
    _decide(conn, rep, area, year, no, by, "returned", reason, ("submitted", "unlocked"), "退回", "return")


def unlock(conn: Connection, rep: ReportDef, area: str, year: int, no: int, by: str, reason: str) -> None:
    """The city unlocks an approved period for a correction, with a reason."""
    _decide(conn, rep, area, year, no, by, "unlocked", reason, ("approved",), "解锁", "unlock")
