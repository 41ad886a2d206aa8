"""A database that accepts connections but never answers a statement (a table locked by
another connection, a hung query) gives the Chinese error page in bounded time — the
statement limit is on by default (issue 20) — while a load's writing transaction may run
for longer than a page may wait."""

from __future__ import annotations

import sqlite3

import pytest
import streamlit as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from streamlit.testing.v1 import AppTest

from data_access import db
from tests.apptest_helpers import DASHBOARD

ENGLISH = "This app has encountered an error"
BOUND = 90  # seconds: generous (a loaded machine); without the limit the page waits for ever


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_limit_is_on_by_default_and_configurable(monkeypatch):
    monkeypatch.delenv("CANLIAN_DB_STATEMENT_TIMEOUT", raising=False)
    assert db.statement_timeout() == 10
    monkeypatch.setenv("CANLIAN_DB_STATEMENT_TIMEOUT", "3")
    assert db.statement_timeout() == 3
    monkeypatch.setenv("CANLIAN_DB_STATEMENT_TIMEOUT", "0")
    assert db.statement_timeout() == 0


def _server(demo_db):
    if demo_db.kind == "sqlite":
        pytest.skip("SQLite readers never wait in WAL mode: its busy timeout is tested below")
    return demo_db


class _Lock:
    """Another connection (not the app's) that locks the areas table until released."""

    def __init__(self, demo_db) -> None:
        self.kind = demo_db.kind
        self.engine = create_engine(db.normalise_url(demo_db.url), poolclass=NullPool)
        self.conn = self.engine.connect()
        if self.kind == "postgresql":
            self.conn.exec_driver_sql("LOCK TABLE areas IN ACCESS EXCLUSIVE MODE")  # in its transaction
        else:
            self.conn.exec_driver_sql("LOCK TABLES areas WRITE")

    def release(self) -> None:
        if self.kind != "postgresql":
            self.conn.exec_driver_sql("UNLOCK TABLES")  # a rollback does not undo LOCK TABLES
        self.conn.close()
        self.engine.dispose()


def _hold_lock(demo_db) -> _Lock:
    return _Lock(demo_db)


def test_a_locked_table_gives_the_chinese_page_not_a_spinner(demo_db, monkeypatch):
    demo_db = _server(demo_db)
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    monkeypatch.setenv("CANLIAN_DB_STATEMENT_TIMEOUT", "2")
    at = AppTest.from_file(str(DASHBOARD), default_timeout=BOUND)
    at.run()
    assert not at.exception and at.metric, "the app works first"
    holder = _hold_lock(demo_db)
    try:
        st.cache_data.clear()  # a new view: the page must read the locked table
        at.run()
        assert not [e for e in at.exception if ENGLISH in str(e.value)], [e.value for e in at.exception]
        assert at.title and at.title[0].value == "无法打开数据库"
        assert "数据库在 2 秒内没有答复" in at.error[0].value, at.error.values
    finally:
        holder.release()
    at.run()  # the lock gone: the app is back by itself
    assert not at.exception and at.metric and not (at.title and at.title[0].value == "无法打开数据库")


def _setting(conn, kind: str) -> float:
    """The connection's statement limit in seconds."""
    if kind == "postgresql":
        return conn.exec_driver_sql("SELECT current_setting('statement_timeout')::interval").scalar().total_seconds()
    return float(conn.exec_driver_sql("SELECT @@max_statement_time").scalar())


def test_a_load_lifts_the_limit_for_its_own_transaction_only(demo_db):
    demo_db = _server(demo_db)
    engine = db.make_engine(demo_db.url, statement_timeout_s=1, pool_size=1, max_overflow=0)
    sleep = "SELECT pg_sleep(2)" if demo_db.kind == "postgresql" else "SELECT SLEEP(2)"
    try:
        with engine.connect() as conn:
            limited = _setting(conn, demo_db.kind)
            if demo_db.kind == "postgresql":
                with pytest.raises(OperationalError) as err:
                    conn.exec_driver_sql(sleep)
                assert db.is_timeout(err.value)
        assert limited == 1, limited
        with engine.begin() as conn:
            db.unbounded(conn)
            assert _setting(conn, demo_db.kind) == 0
            conn.exec_driver_sql(sleep)  # longer than the page's limit: allowed here
        with engine.connect() as conn:  # the same pooled connection: the limit is back
            assert _setting(conn, demo_db.kind) == limited
    finally:
        engine.dispose()


def test_mariadb_cancels_a_statement_past_the_limit(demo_db):
    if demo_db.kind != "mariadb":
        pytest.skip("MariaDB's max_statement_time")
    engine = db.make_engine(demo_db.url, statement_timeout_s=1)
    holder = _hold_lock(demo_db)
    try:
        with engine.connect() as conn, pytest.raises(OperationalError) as err:
            conn.execute(text("SELECT COUNT(*) FROM areas"))
        assert db.is_timeout(err.value), err.value
    finally:
        holder.release()
        engine.dispose()


def test_sqlite_waits_for_another_writer_no_longer_than_the_limit(tmp_path):
    path = tmp_path / "busy.sqlite"
    engine = db.open_database(f"sqlite:///{path}")
    engine.dispose()
    engine = db.make_engine(f"sqlite:///{path}", statement_timeout_s=1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a writer holds the lock
    try:
        with pytest.raises(OperationalError) as err, engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = value WHERE key = 'data_version'"))
        assert db.is_timeout(err.value)
    finally:
        other.rollback()
        other.close()
        engine.dispose()
