"""A county's data staff walked over every write path and every read path of the Data and
admin pages (issue 30, finding 1 and 4): every write that touches another county is refused
and changes nothing; every listing shows only the county's own rows.

Writes go through the one data-layer function each page calls (``data_access.writes``, on
every database): each load kind with another county's rows, boundaries, the emblem, an
approval, accounts. Reads are what the pages show (AppTest, signed in through the login
form): the load history, every load's rows, the table export; the admin page refused."""

from __future__ import annotations

import os
import re
import shutil

import pytest
import streamlit as st

from data_access import auth, writes
from data_access.auth import Principal
from data_access.db import data_version, open_database
from data_access.demo import GEOJSON_PATH
from data_access.loading import KINDS, LOAD_ORDER, csv_bytes, table_frame
from data_access.quality import approval
from tests import apptest_helpers
from tests.test_trust_scope import _features

OWN, OTHER = "990101000000", "990102000000"  # 中江区, 东林区
STAFF = Principal("zj_data", "data_staff", OWN)
PASSWORD = "County-Walk-2025-ok"
FOREIGN_CODE = re.compile(r"\b99\d{10}\b")


def _version(engine) -> str:
    with engine.connect() as conn:
        return data_version(conn)


def test_every_write_path_refuses_another_county(demo_db):
    eng = demo_db.engine
    before = _version(eng)
    for name in LOAD_ORDER:
        kind = KINDS[name]
        with eng.connect() as conn:
            df = table_frame(conn, name, None, OTHER if "county_code" in kind.table.c else None, None)
        if df.empty:
            continue
        res = writes.load_records(
            eng, STAFF, csv_bytes(df.head(5)), f"{name}.csv", kind=name, report="annual", period=(2025, None)
        )
        assert res.status == "refused", f"{name}: a county's staff loaded another county's rows"
        text_ = "\n".join(p.message for p in res.problems)
        assert "不在您负责的中江区范围内" in text_ or "不能导入" in text_, f"{name}: {text_}"
    with pytest.raises(Exception, match="不在您负责的中江区范围内"):
        writes.load_boundaries(eng, STAFF, _features(OTHER), "东林区.geojson")
    with pytest.raises(writes.Refused, match="只能由市残联数据管理员更换"):
        writes.save_emblem(eng, STAFF, GEOJSON_PATH.read_bytes()[:10], "e.png")
    with pytest.raises(writes.Refused):
        writes.reset_emblem(eng, STAFF)
    with pytest.raises(writes.Refused):
        writes.decide(eng, STAFF, "approve", "annual", OTHER, 2025, 0)
    with pytest.raises(writes.Refused):
        writes.decide(eng, STAFF, "unlock", "monthly", OTHER, 2024, 3, "试图解锁")
    with pytest.raises(writes.Refused):
        writes.add_user(eng, STAFF, "dl_new", "data_staff", PASSWORD, OTHER, None)
    with pytest.raises(writes.Refused):
        writes.set_active(eng, STAFF, "anyone", False)
    with pytest.raises(writes.Refused):
        writes.list_users(eng, STAFF)
    assert _version(eng) == before, "a refused write changed the database"
    with eng.connect() as conn:
        rep = approval.find_report(conn, "annual")
    assert rep.code == "annual"


# ------------------------------------------------------------------ reads, as the pages show them


@pytest.fixture(scope="module")
def walk_db(demo_sqlite_url, tmp_path_factory):
    """The demo with loads of both counties: the city's file of both, 东林区's own loads."""
    dst = tmp_path_factory.mktemp("walk") / "walk.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), dst)
    url = f"sqlite:///{dst}"
    eng = open_database(url)
    with eng.begin() as conn:
        auth.add_user(conn, "zj_data", "data_staff", PASSWORD, county_code=OWN)
        auth.add_user(conn, "dl_data", "data_staff", PASSWORD, county_code=OTHER)
    city = Principal("city_data", "data_staff", None)
    dl = Principal("dl_data", "data_staff", OTHER)
    with eng.connect() as conn:
        both = [table_frame(conn, "legal_aid", None, c, 2025).head(3) for c in (OWN, OTHER)]
        theirs = table_frame(conn, "donations", None, OTHER, 2025).head(3)
    import pandas as pd

    res = writes.load_records(eng, city, csv_bytes(pd.concat(both)), "全市法律援助.csv", kind="legal_aid")
    assert res.status == "done", res.problems
    res = writes.load_records(
        eng, dl, csv_bytes(theirs), "东林区捐赠.csv", kind="donations", report="annual", period=(2025, None)
    )
    assert res.status == "done", res.problems
    writes.load_boundaries(eng, dl, _features(OTHER), "东林区边界.geojson")
    eng.dispose()
    return url


@pytest.fixture
def county_app(walk_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", walk_db)
    monkeypatch.setenv("CANLIAN_AUTH_MODE", "accounts")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _foreign(values) -> list[str]:
    """Codes and names of other counties among shown values."""
    out = []
    for v in values:
        s = str(v)
        out += [c for c in FOREIGN_CODE.findall(s) if not c.startswith("990101") and c != "990100000000"]
        out += [n for n in ("东林区", "东林区捐赠.csv", "东林区边界.geojson", "dl_data") if n in s]
    return out


def _history_and_rows(at):
    """The history table (its 批次 column says which) and the tables of the chosen load's rows after it."""
    frames = [el.value for el in at.dataframe]
    i = next(i for i, df in enumerate(frames) if "批次" in df.columns)
    return frames[i], frames[i + 1 :]


def test_every_read_path_of_the_data_page_shows_only_the_county(county_app):
    at = apptest_helpers.sign_in("zj_data", PASSWORD, page="pages/data.py")
    hist, _ = _history_and_rows(at)
    assert len(hist) >= 2, "the city's load and the demo (both hold 中江区 rows) are listed"
    assert not _foreign(hist.to_numpy().ravel()), hist
    assert "全市法律援助.csv" in set(hist["文件名"])
    picker = next(s for s in at.selectbox if s.key == "data_batch")
    assert not _foreign(picker.options), picker.options
    for option in list(picker.options):
        next(s for s in at.selectbox if s.key == "data_batch").set_value(int(option.split(" · ")[0])).run()
        assert not at.exception, [e.value for e in at.exception]
        _, shown = _history_and_rows(at)
        for df in shown:
            assert not _foreign(df.to_numpy().ravel()), (option, df.head())
        assert not _foreign(m.value for m in at.markdown)
    # the table export, every kind, with the filters the page hands it (the signed-in scope)
    f = at.session_state["user_scope"]
    assert f == (OWN,)
    from data_access.filters import Filters
    from data_access.loading import table_for

    eng = open_database(os.environ["DATABASE_URL"])
    for name in KINDS:
        df = table_for(eng, name, Filters(year=2025, scope=f))
        assert not _foreign(df.to_numpy().ravel()), (name, df.head())
    eng.dispose()


def test_the_admin_page_is_not_offered_to_a_countys_data_staff(county_app):
    at = apptest_helpers.sign_in("zj_data", PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")
