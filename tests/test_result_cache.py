"""One result cache keyed by the database and its data version (ui/data.py), and its shared
tier (data_access/result_cache.py): what one app process computed, the next reads.

No cache is cleared by hand between the databases here: two databases at the same data
version must still never share a result.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import streamlit as st
from sqlalchemy import func, select

from data_access import result_cache
from data_access.db import data_version, make_engine
from data_access.filters import Filters
from data_access.finish import Touched, finish_load
from data_access.models import LegalAidCase, ResultCacheEntry

LABEL = "受理残疾人法律援助案件"


def _legal_aid_2025(data) -> int:
    """The Overview tile's figure, through the facade as the page reads it."""
    kpis = data.kpis(Filters(year=2025), ("rights_legal_aid",))
    assert kpis["name_zh"].iloc[0] == LABEL
    return int(kpis["value"].iloc[0])


def _add_cases(engine, n: int, tag: str) -> None:
    rows = [
        dict(area_code="990101000000", county_code="990101000000", year=2025, month=12, case_no=f"{tag}-{i}",
             case_type="其他", service_kind="咨询", opened_on=dt.date(2025, 12, 1), status="办理中")
        for i in range(n)
    ]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(LegalAidCase.__table__.insert(), rows)
        finish_load(conn, Touched.rows(LegalAidCase.__table__, rows))


@pytest.fixture
def two_cities(demo_sqlite_url, tmp_path):
    """Two copies of the demo city; the second gets 7 more cases and its version set back to the first's."""
    urls = []
    for name in ("a", "b"):
        target = tmp_path / f"{name}.sqlite"
        shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), target)
        urls.append(f"sqlite:///{target}")
    a, b = make_engine(urls[0]), make_engine(urls[1])
    with a.connect() as conn:
        version_a = data_version(conn)
    _add_cases(b, 7, "B")
    with b.begin() as conn:  # the same version number in both: only the database tells them apart
        conn.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'data_version'", (version_a,))
    yield urls
    a.dispose()
    b.dispose()


def test_two_databases_at_the_same_version_never_share_a_result(two_cities, monkeypatch):
    from ui import data

    monkeypatch.setenv("DATABASE_URL", two_cities[0])
    first = _legal_aid_2025(data)
    version_a = data.data_version()
    monkeypatch.setenv("DATABASE_URL", two_cities[1])
    assert data.data_version().split(":")[1] == version_a.split(":")[1], "the test needs equal version numbers"
    assert _legal_aid_2025(data) == first + 7
    assert data.data_version() != version_a
    monkeypatch.setenv("DATABASE_URL", two_cities[0])
    assert _legal_aid_2025(data) == first


def test_the_identity_of_a_database_ignores_driver_and_password():
    ident = result_cache.database_identity
    assert ident("postgresql://u:one@h:5432/canlian") == ident("postgresql+psycopg://u:two@h:5432/canlian")
    assert ident("postgresql://u@h:5432/canlian") != ident("postgresql://u@h:5432/canlian_test")
    assert ident("postgresql://u@h:5432/canlian") != ident("postgresql://u@other:5432/canlian")
    assert ident("sqlite:///a.sqlite") != ident("sqlite:///b.sqlite")


@pytest.fixture
def shared_city(demo_sqlite_url, tmp_path, monkeypatch):
    target = tmp_path / "shared.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CANLIAN_RESULT_CACHE", "shared")
    monkeypatch.setenv("CANLIAN_RESULT_CACHE_KEY", "a-test-key")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_a_result_computed_by_one_process_is_read_by_the_next(shared_city):
    from ui import data

    before = dict(data.stats)
    first = _legal_aid_2025(data)
    assert data.stats["computed"] > before["computed"]
    with shared_city.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(ResultCacheEntry)).scalar()
    assert stored >= 1, "the computed result was not shared"

    # the next process: its own memory empty, the shared table full
    st.cache_data.clear()
    before = dict(data.stats)
    assert _legal_aid_2025(data) == first
    assert data.stats["computed"] == before["computed"], "computed again although another process had it"
    assert data.stats["shared_hits"] > before["shared_hits"]

    # a load empties the shared results in its own transaction; the next view computes the new figure
    _add_cases(shared_city, 3, "S")
    with shared_city.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ResultCacheEntry)).scalar() == 0
    data.data_version.clear()
    assert _legal_aid_2025(data) == first + 3


def test_a_stored_result_that_the_app_did_not_sign_is_not_read(shared_city):
    """Someone who can write the table cannot hand a process a pickle of their own."""
    import pickle

    from sqlalchemy import update

    from ui import data

    first = _legal_aid_2025(data)
    forged = pickle.dumps("not the app's")
    with shared_city.begin() as conn:
        conn.execute(update(ResultCacheEntry).values(payload=b"\0" * 32 + forged))
    st.cache_data.clear()
    before = dict(data.stats)
    assert _legal_aid_2025(data) == first
    assert data.stats["shared_hits"] == before["shared_hits"] and data.stats["computed"] > before["computed"]


def test_without_a_key_the_shared_tier_stays_off(monkeypatch):
    monkeypatch.setenv("CANLIAN_RESULT_CACHE", "shared")
    monkeypatch.delenv("CANLIAN_RESULT_CACHE_KEY", raising=False)
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    assert not result_cache.enabled()
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", "from-the-secret-file")
    assert result_cache.enabled()
