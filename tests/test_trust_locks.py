"""Locks checked where the write happens (issue 30, findings 2 and 3): an approval that lands
while a load is in its check phase stops the load (the writing transaction re-checks the
locked periods under a row lock); a real race of an approval against a load on PostgreSQL
and MariaDB; a report redefined so that an approved period would no longer be covered is
refused until the city unlocks it."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from data_access.loading import load as load_module
from data_access.loading import load_file
from data_access.models import IndicatorValue, Submission
from data_access.quality import approval
from tests.test_quality import A1, A, _csv, _load, _small_city

MARCH = [["rehab_trainings", A1, 2025, 3, 4]]
CHANGED = [["rehab_trainings", A1, 2025, 3, 9]]


def _submitted_march(db) -> None:
    _small_city(db)
    res = _load(db, MARCH, user="jia_staff", scope=(A,), report="monthly", period=(2025, 3))
    assert res.status == "done", res.problems


def _approve(engine) -> None:
    with engine.begin() as conn:
        approval.approve(conn, approval.find_report(conn, "月报"), A, 2025, 3, "city")


def _march_value(engine) -> float:
    with engine.connect() as conn:
        return conn.execute(
            select(IndicatorValue.value).where(
                IndicatorValue.area_code == A1, IndicatorValue.year == 2025, IndicatorValue.month == 3
            )
        ).scalar_one()


def test_an_approval_landing_during_the_load_check_stops_the_load(empty_db, monkeypatch):
    """The interleaving of the finding, made exact: the city load's check passes (March is not
    yet locked), the approval commits, then the load's write — which must refuse."""
    _submitted_march(empty_db)
    real_check = load_module.check

    def check_then_approve(*args, **kwargs):
        out = real_check(*args, **kwargs)
        _approve(empty_db.engine)  # "审核通过并锁定" lands between the check and the write
        return out

    monkeypatch.setattr(load_module, "check", check_then_approve)
    res = _load(empty_db, CHANGED)  # the city's own load, no submission
    assert res.status == "refused", "the load wrote into a period approved during its check"
    assert "甲区 2025年3月月报已审核通过并锁定" in res.problems[0].message
    assert _march_value(empty_db.engine) == 4


@pytest.mark.parametrize("first", ["approval", "load"])
def test_an_approval_racing_a_load_on_a_server_database(empty_db, first):
    """Two transactions at once: whichever takes the lock first, the other sees what it
    committed — never approved figures changed after the approval."""
    if empty_db.kind == "sqlite":
        pytest.skip("SQLite has one writer at a time: the interleaving cannot happen (the exact one is tested above)")
    _submitted_march(empty_db)
    engine = empty_db.engine
    out: dict = {}
    if first == "approval":
        conn = engine.connect()
        tx = conn.begin()
        approval.approve(conn, approval.find_report(conn, "月报"), A, 2025, 3, "city")  # holds the lock
        t = threading.Thread(target=lambda: out.setdefault("res", _load(empty_db, CHANGED)))
        t.start()
        time.sleep(1.5)  # the load checks (not locked yet: the approval is not committed) and waits to write
        tx.commit()
        conn.close()
        t.join(60)
        assert out["res"].status == "refused", "the load changed a period approved while it waited"
        assert _march_value(engine) == 4
    else:
        real_write = load_module.write
        writing, go_on = threading.Event(), threading.Event()

        def slow_write(*args, **kwargs):
            writing.set()
            go_on.wait(30)
            return real_write(*args, **kwargs)

        load_module.write = slow_write
        try:
            t = threading.Thread(target=lambda: out.setdefault("res", _load(empty_db, CHANGED)))
            t.start()
            assert writing.wait(30)
            a = threading.Thread(target=lambda: out.setdefault("approved", _approve(engine) or True))
            a.start()
            time.sleep(1.5)
            assert "approved" not in out, "the approval committed while a load was writing the period"
            go_on.set()
            t.join(60)
            a.join(60)
        finally:
            load_module.write = real_write
        assert out["res"].status == "done" and out.get("approved")
        # the approval came after the load and approved what it wrote
        assert _march_value(engine) == 9
        with engine.connect() as conn:
            assert conn.execute(select(Submission.status).where(Submission.area_code == A)).scalar() == "approved"


REPORTS_HEAD = ["报表代码", "报表名称", "报送内容", "报送周期", "截止天数", "报送层级"]


def test_redefining_a_report_cannot_unlock_its_approved_periods(empty_db):
    _submitted_march(empty_db)
    _approve(empty_db.engine)
    with empty_db.engine.connect() as conn:
        monthly = approval.find_report(conn, "monthly")
    kept = ",".join(monthly.covers)
    narrowed = ",".join(c for c in monthly.covers if c != "indicator_values:month") or "legal_aid"
    res = load_file(
        empty_db.engine,
        _csv(REPORTS_HEAD, [["monthly", "月报", narrowed, "月报（每月）", 10, "县(区)"]]),
        "reports.csv",
        "city",
        kind="reports",
    )
    assert res.status == "refused", "a report redefinition unlocked an approved period without an unlock"
    assert "报表“月报”有 1 个报送期已审核通过并锁定" in res.problems[0].message
    assert res.problems[0].column == "报送内容"
    # the lock still holds: March cannot be changed
    assert _load(empty_db, CHANGED).status == "refused"
    # the same definition again (or one that changes only the deadline) is fine
    same = _csv(REPORTS_HEAD, [["monthly", "月报", kept, "月报（每月）", 15, "县(区)"]])
    assert load_file(empty_db.engine, same, "reports.csv", "city", kind="reports").status == "done"
    # after the unlock, with its reason, the report may be redefined
    with empty_db.engine.begin() as conn:
        approval.unlock(conn, monthly, A, 2025, 3, "city", "报表调整")
    res = load_file(
        empty_db.engine,
        _csv(REPORTS_HEAD, [["monthly", "月报", narrowed, "月报（每月）", 10, "县(区)"]]),
        "reports.csv",
        "city",
        kind="reports",
    )
    assert res.status == "done", res.problems
