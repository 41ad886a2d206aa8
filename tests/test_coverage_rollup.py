"""Coverage counts kept in the rollups (issue 15) give exactly the counts the areas and
organisations give, on SQLite, PostgreSQL and MariaDB, and a load of organisations keeps
them current: the figures a leader reads on the Organisation page never depend on which
of the two ways they were counted."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from data_access import queries, rollups
from data_access.demo import load_demo
from data_access.filters import Filters
from data_access.loading import csv_bytes, load_file
from data_access.models import FactSummary, OrgUnit
from data_access.queries import common, coverage


def _both(conn, fn, *args, **kwargs):
    """fn's result from the kept counts, then counted from the areas and organisations."""
    assert coverage._kept(conn, "village") and coverage._kept(conn, "township")
    fast = fn(conn, *args, **kwargs)
    common.USE_ROLLUPS = False
    try:
        slow = fn(conn, *args, **kwargs)
    finally:
        common.USE_ROLLUPS = True
    return fast, slow


def test_coverage_counts_the_same_from_the_summaries_and_the_areas(demo_db):
    with demo_db.engine.connect() as conn:
        counties = tuple(queries.all_counties(conn)["code"])
        filters = (
            Filters(2025, year_from=2016),
            Filters(2020, counties=counties[2:4]),
            Filters(2022, year_from=2019, scope=(counties[5],)),
            Filters(2025, counties=("990199000000",)),  # no such county: zero units, not an error
        )
        for f in filters:
            for kind in coverage.COVERAGE:
                for by in ((), ("county",)):
                    fast, slow = _both(conn, coverage.coverage_by_year, f, f.years, kind, by)
                    pd.testing.assert_frame_equal(fast, slow, obj=f"{kind} by {by} {f}")
            # what the page shows: the four measures, by county and over the years
            for fn, kw in ((queries.org_coverage, {}), (queries.org_coverage, {"by_county": True})):
                fast, slow = _both(conn, fn, f, **kw)
                pd.testing.assert_frame_equal(fast, slow)
            fast, slow = _both(conn, queries.org_coverage_trend, f)
            pd.testing.assert_frame_equal(fast, slow)
        # the design's 2025 figures (tests/test_queries.py) from the kept counts
        c = queries.org_coverage(conn, Filters(2025)).set_index("measure")
        assert (c.loc["village", "covered"], c.loc["village", "total"]) == (1434, 1434)
        assert (c.loc["township", "covered"], c.loc["township", "total"]) == (100, 100)


def _village_cov(conn, f):
    return coverage.coverage_counts(conn, f, f.year, "village", ("county",)).set_index("county_code")["covered"]


def test_a_load_of_organisations_keeps_the_counts_current(empty_db):
    load_demo(empty_db.engine, "counties")
    with empty_db.engine.connect() as conn:
        # a village association set up in 2020: re-imported as set up in 2024
        unit = conn.execute(
            select(OrgUnit.area_code, OrgUnit.county_code, OrgUnit.name)
            .where(
                OrgUnit.org_type == "village_association",
                OrgUnit.established_on.between(dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
            )
            .order_by(OrgUnit.area_code)
            .limit(1)
        ).one()
        before = _village_cov(conn, Filters(2022))
        kept = conn.execute(
            select(func.count()).select_from(FactSummary).where(FactSummary.measure.in_(rollups.coverage_measures()))
        ).scalar()
    assert kept > 0
    row = {"机构类型": "村(社区)残协", "区划代码": unit.area_code, "机构名称": unit.name, "成立日期": "2024-03-01"}
    res = load_file(empty_db.engine, csv_bytes(pd.DataFrame([row])), "改成立日期.csv", "测试", kind="org_units")
    assert res.status == "done", res.problems[:5]
    with empty_db.engine.connect() as conn:
        after = _village_cov(conn, Filters(2022))
        assert after[unit.county_code] == before[unit.county_code] - 1
        assert after.drop(unit.county_code).equals(before.drop(unit.county_code))
        for f in (Filters(2025, year_from=2019), Filters(2023)):
            for kind in coverage.COVERAGE:
                fast, slow = _both(conn, coverage.coverage_by_year, f, f.years, kind, ("county",))
                pd.testing.assert_frame_equal(fast, slow)


def test_old_summaries_without_coverage_counts_are_not_read(demo_db):
    """A database whose rollups were built before the counts were kept: counted from the areas."""
    with demo_db.engine.connect() as conn:  # undone at the end: the database is shared by other tests
        conn.execute(FactSummary.__table__.delete().where(FactSummary.measure.in_(rollups.coverage_measures())))
        try:
            assert not coverage._kept(conn, "village")
            c = queries.org_coverage(conn, Filters(2025)).set_index("measure")
            assert (c.loc["village", "covered"], c.loc["village", "total"]) == (1434, 1434)
        finally:
            conn.rollback()


def test_status_counts_are_the_counts_of_the_rows(demo_db):
    """The map's sentence at province scale counts villages instead of fetching them: the same counts."""
    with demo_db.engine.connect() as conn:
        county = queries.all_counties(conn)["code"].iloc[1]
        for f in (Filters(2025), Filters(2021), Filters(2019, counties=(county,))):
            for level in ("township", "village"):
                rows = queries.org_area_status(conn, f, level=level)["status"].value_counts()
                counts = queries.org_status_counts(conn, f, level=level).set_index("status")["count"]
                assert counts.sort_index().to_dict() == rows.sort_index().to_dict(), (f, level)
