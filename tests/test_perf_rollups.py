"""The rollup tables give exactly the numbers the facts give, and every load's finish step keeps them current.

The engine reads ``fact_summary`` instead of the facts wherever it can (issue 9); a
user must never see a different figure because of it. These tests ask the engine the
same questions with the rollups on and off, on SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import delete, func, select, update

from data_access import queries, rollups
from data_access.db import bump_data_version
from data_access.demo import load_demo
from data_access.filters import Filters
from data_access.finish import Touched, finish_load
from data_access.models import FactSummary, IndicatorValue, LegalAidCase, Meta, VolunteerRecord
from data_access.queries import common

BYS = [(), ("year",), ("county",), ("county", "year"), ("year", "month"), ("county", "year", "month")]


def _both(conn, fn, *args, **kwargs):
    """fn's result from the rollups, then from the facts."""
    assert rollups.rollups_current(conn)
    fast = fn(conn, *args, **kwargs)
    common.USE_ROLLUPS = False
    try:
        slow = fn(conn, *args, **kwargs)
    finally:
        common.USE_ROLLUPS = True
    return fast, slow


def _codes(conn) -> list[str]:
    d = queries.indicator_dictionary(conn)
    return [c for c, src in zip(d["code"], d["source"], strict=True) if not src.startswith("coverage:")]


def test_every_indicator_the_same_from_summaries_and_facts(demo_db):
    with demo_db.engine.connect() as conn:
        codes = _codes(conn)
        county = queries.all_counties(conn)["code"].iloc[3]
        filters = (
            Filters(2025, year_from=2019),
            Filters(2024, counties=(county,)),
            Filters(2025, year_from=2023, scope=(county,)),
        )
        for f in filters:
            for by in BYS:
                fast, slow = _both(conn, queries.indicator_series, f, codes, by=by)
                assert not slow.empty
                pd.testing.assert_frame_equal(fast, slow, check_dtype=False, obj=f"{f} by {by}")


def test_page_datasets_the_same_from_summaries_and_facts(demo_db):
    with demo_db.engine.connect() as conn:
        f = Filters(2025, year_from=2019)
        from data_access.catalog import OVERVIEW_CODES

        for fn in (queries.kpis, queries.county_table):
            fast, slow = _both(conn, fn, f, OVERVIEW_CODES)
            pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
        fast, slow = _both(conn, lambda c: queries.available_years(c))
        assert fast == slow == list(range(2019, 2026))


def test_summary_is_far_smaller_than_the_facts(demo_db):
    with demo_db.engine.connect() as conn:
        facts = conn.execute(select(func.count()).select_from(IndicatorValue)).scalar()
        rows = conn.execute(select(func.count()).select_from(FactSummary)).scalar()
    assert rows < facts / 4


def _figure(conn, code: str, f: Filters) -> float:
    s = queries.indicator_series(conn, f, [code], by=("year",), years=(f.year,))
    return float(s["value"].iloc[0])


def test_a_bare_version_bump_reads_the_facts_until_the_next_finish_rebuilds(empty_db):
    """Facts changed and the version bumped without a finish step: the rollups are behind,
    so the engine reads the facts (right figures, slower); the next load's finish step,
    whatever it touched, sees that and rebuilds every summary."""
    load_demo(empty_db.engine, "counties")
    f = Filters(2025)
    with empty_db.engine.connect() as conn:
        before = _figure(conn, "rights_legal_aid", f)
        vol_before = _figure(conn, "social_volunteers", f)
    with empty_db.engine.begin() as conn:
        ids = conn.execute(select(LegalAidCase.id).where(LegalAidCase.year == 2025).order_by(LegalAidCase.id).limit(3))
        conn.execute(delete(LegalAidCase).where(LegalAidCase.id.in_(list(ids.scalars()))))
        conn.execute(
            update(VolunteerRecord)
            .where(VolunteerRecord.year == 2025)
            .values(volunteers=VolunteerRecord.volunteers + 1000)
        )
        bump_data_version(conn)
    with empty_db.engine.connect() as conn:
        assert not rollups.rollups_current(conn)
        teams = conn.execute(
            select(func.count(func.distinct(VolunteerRecord.team))).where(VolunteerRecord.year == 2025)
        ).scalar()
        assert _figure(conn, "rights_legal_aid", f) == before - 3
        assert _figure(conn, "social_volunteers", f) == vol_before + 1000 * teams
    with empty_db.engine.begin() as conn:
        done = finish_load(conn, Touched.nothing())
    assert done.full
    with empty_db.engine.connect() as conn:
        assert rollups.rollups_current(conn)
        assert _figure(conn, "rights_legal_aid", f) == before - 3
        assert _figure(conn, "social_volunteers", f) == vol_before + 1000 * teams
        fast, slow = _both(
            conn, queries.indicator_series, Filters(2025, year_from=2022), _codes(conn), by=("county", "year")
        )
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


def test_finish_refreshes_only_the_touched_slice(empty_db):
    """finish_load(conn, Touched(...)) — what a loader calls for the slices it wrote."""
    load_demo(empty_db.engine, "counties")
    with empty_db.engine.connect() as conn:
        county = queries.all_counties(conn)["code"].iloc[1]
        f = Filters(2024, counties=(county,))
        before = _figure(conn, "emp_new", f)
        other = _figure(conn, "emp_new", Filters(2024))
        total = conn.execute(select(func.count()).select_from(FactSummary)).scalar()
    with empty_db.engine.begin() as conn:
        iv = IndicatorValue
        row = conn.execute(
            select(iv.id, iv.value, iv.county_code, iv.year)
            .where(iv.indicator_code == "emp_new", iv.year == 2024, iv.county_code == county)
            .limit(1)
        ).first()
        conn.execute(update(iv).where(iv.id == row.id).values(value=row.value + 7))
        done = finish_load(conn, Touched.rows(iv.__table__, [row._mapping]))
    assert not done.full and 0 < done.summary_rows < total / 10
    with empty_db.engine.connect() as conn:
        assert _figure(conn, "emp_new", f) == before + 7
        assert _figure(conn, "emp_new", Filters(2024)) == other + 7
        fast, slow = _both(
            conn, queries.indicator_series, Filters(2025, year_from=2022), _codes(conn), by=("county", "year", "month")
        )
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


def test_summaries_out_of_date_are_not_read(empty_db):
    """If the data version moved on without the rollups (a hand edit), the engine reads the facts."""
    load_demo(empty_db.engine, "counties")
    with empty_db.engine.begin() as conn:
        conn.execute(update(LegalAidCase).where(LegalAidCase.year == 2025).values(year=2024))
        conn.execute(update(Meta).where(Meta.key == "data_version").values(value="99"))
    with empty_db.engine.connect() as conn:
        assert not rollups.rollups_current(conn)
        assert queries.indicator_series(conn, Filters(2025), ["rights_legal_aid"]).empty
    with empty_db.engine.begin() as conn:
        rollups.rebuild_rollups(conn)
    with empty_db.engine.connect() as conn:
        assert rollups.rollups_current(conn)
        assert queries.indicator_series(conn, Filters(2025), ["rights_legal_aid"]).empty


def test_a_rolled_back_finish_leaves_the_version_and_summaries_as_they_were(empty_db):
    """A load that fails after its finish step: nothing of it shows, the rollups stay current."""
    load_demo(empty_db.engine, "counties")
    with empty_db.engine.connect() as conn:
        version = conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar()
        n = _figure(conn, "rights_legal_aid", Filters(2025))
    with empty_db.engine.connect() as conn, conn.begin() as tx:
        conn.execute(update(LegalAidCase).where(LegalAidCase.year == 2025).values(year=2024))
        assert finish_load(conn, Touched.all()).full
        tx.rollback()
    with empty_db.engine.connect() as conn:
        assert conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar() == version
        assert rollups.rollups_current(conn)
        assert _figure(conn, "rights_legal_aid", Filters(2025)) == n
