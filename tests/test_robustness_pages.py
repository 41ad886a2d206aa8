"""No stored value, however odd, may make a page raise (issue 20): an activity dated
0001-03-15 or 1899-12-31 put in by SQL, past every import check."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import streamlit as st

from data_access.db import bump_data_version, open_database
from data_access.models import Activity
from tests.apptest_helpers import open_app

TOWN = "990101003000"


@pytest.fixture(autouse=True)
def _fresh_caches():
    # another test's copy of the demo can have the same data version: its cached views must not show here
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def odd_db(demo_sqlite_url, tmp_path_factory):
    src = demo_sqlite_url.removeprefix("sqlite:///")
    dst = tmp_path_factory.mktemp("odd") / "odd.sqlite"
    shutil.copy(src, dst)
    eng = open_database(f"sqlite:///{dst}")
    with eng.begin() as c:
        for no, day in (("ODD1", dt.date(1, 3, 15)), ("ODD2", dt.date(1899, 12, 31))):
            c.execute(
                Activity.__table__.insert().values(
                    activity_no=no,
                    kind="lecture",
                    title="x",
                    held_on=day,
                    participants=1,
                    area_code=TOWN,
                    county_code="990101000000",
                    township_code=TOWN,
                    year=day.year,
                    month=day.month,
                )
            )
        bump_data_version(c)
    eng.dispose()
    return f"sqlite:///{dst}"


@pytest.mark.parametrize(
    "page", [None, "pages/organisation.py", "pages/service.py", "pages/rights.py", "pages/social.py"]
)
def test_pages_open_with_an_odd_date_in_the_database(odd_db, monkeypatch, page):
    monkeypatch.setenv("DATABASE_URL", odd_db)
    at = open_app(page)  # asserts no exception
    years = at.selectbox(key="g_year_from").options
    assert years[0] == "2019年", years[:3]
    assert not any("1899" in y or y == "1年" for y in years)
