"""Completeness on the gaps city (tests/gaps.py), on SQLite and PostgreSQL: which counties a
figure covers, missing kept apart from zero, changes like for like (issue 27)."""

from __future__ import annotations

import datetime as dt
import math

from data_access.completeness import completeness, county_values, like_for_like
from data_access.filters import Filters
from tests import gaps


def test_a_county_without_the_years_data_is_missing_not_zero(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2025), "rehab_funds")
        assert cov.missing == (gaps.NO_DATA,)
        assert cov.label("zh") == "7/8 县(区)" and cov.label("en") == "7/8 counties"
        assert cov.missing_names("zh") == gaps.NO_DATA_NAME
        rows = county_values(conn, Filters(2025), gaps.ZERO_CODE).set_index("county")
    assert math.isnan(rows.loc[gaps.NO_DATA_NAME, "value"]) and rows.loc[gaps.NO_DATA_NAME, "status"] == "missing"
    # the reported zero is a zero, and present
    assert rows.loc[gaps.ZERO_NAME, "value"] == 0 and rows.loc[gaps.ZERO_NAME, "status"] == "present"
    # the deleted month makes a partial year
    assert rows.loc[gaps.DELETED_MONTH_NAME, "status"] == "partial"


def test_a_deleted_month_is_a_gap_of_that_county(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2025), "rights_legal_aid")
    assert cov.partial == (gaps.DELETED_MONTH[0],) and cov.gaps[gaps.DELETED_MONTH[0]] == (3,)


def test_the_change_of_a_partial_total_is_like_for_like(gaps_db):
    with gaps_db.engine.connect() as conn:
        ch = like_for_like(conn, Filters(2025), "emp_new")
        growth = like_for_like(conn, Filters(2025), "emp_income_growth")
    # the county without data and the one with a month not delivered are left out, and named
    assert ch.left_out == (gaps.NO_DATA, gaps.DELETED_MONTH[0])
    assert ch.left_out_names() == f"{gaps.NO_DATA_NAME}、{gaps.DELETED_MONTH_NAME}"
    # the six counties complete in both years: not the full 2024 total against seven counties
    assert ch.previous_cmp < ch.previous and ch.change == ch.value_cmp - ch.previous_cmp
    assert round(ch.change_pct, 1) == round((ch.value_cmp / ch.previous_cmp - 1) * 100, 1) > 0
    # income growth over the seven counties that reported both years (issue: 10.2 %, not 6 %)
    assert round(growth.value, 1) == 10.2


def test_a_new_year_without_data_is_missing_everywhere_but_one_county(gaps_db):
    with gaps_db.engine.connect() as conn:
        cov = completeness(conn, Filters(2026), "rehab_funds", as_of=dt.date(2026, 12, 7))
        legal = completeness(conn, Filters(2026), "rights_legal_aid")
    assert cov.present == (gaps.NEW_YEAR_COUNTY,) and len(cov.missing) == 7
    assert cov.through == 11  # asked in December 2026: November is the last month due
    assert legal.label("zh") == "1/8 县(区)"


def test_the_demo_city_is_complete(demo_db):
    with demo_db.engine.connect() as conn:
        for code in ("rehab_funds", "rights_legal_aid", "emp_income_growth", "org_village_coverage", "staffing"):
            cov = completeness(conn, Filters(2025), code)
            assert cov.is_complete and cov.label("zh") == "" and len(cov.present) == 8, code
        ch = like_for_like(conn, Filters(2025), "emp_new")
    assert ch.left_out == () and ch.value == 1000 and ch.change == ch.value - ch.previous
