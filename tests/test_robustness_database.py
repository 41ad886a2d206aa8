"""The database going away mid-session (issue 20): a clear Chinese page — not Streamlit's
English error — on cached and new views, and the app back by itself once the database
returns; a server that accepts connections but never answers gives that page within 15 s."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import streamlit as st
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import DASHBOARD, TIMEOUT
from tests.conftest import PG_ADMIN

ENGLISH = "This app has encountered an error"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _run(at: AppTest, page: str | None = None) -> AppTest:
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def _is_chinese_error_page(at: AppTest) -> bool:
    assert not [e for e in at.exception if ENGLISH in str(e.value)], "Streamlit's English error"
    return bool(at.title) and at.title[0].value == "无法打开数据库" and bool(at.error)


@pytest.mark.parametrize("page", [None, "pages/rights.py"])
def test_a_sqlite_file_renamed_away_and_back(demo_sqlite_url, tmp_path, monkeypatch, page):
    path = tmp_path / "live.sqlite"
    shutil.copy(demo_sqlite_url.removeprefix("sqlite:///"), path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    at = _run(AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT), page)
    assert not at.exception and at.metric, "the app works first"
    path.rename(tmp_path / "away.sqlite")
    for wal in tmp_path.glob("live.sqlite-*"):
        wal.rename(tmp_path / wal.name.replace("live", "away"))
    from ui import data

    data.engine().dispose()  # SQLite keeps a renamed file open: new connections are what miss it
    st.cache_data.clear()  # a new view: nothing cached
    at.run()
    assert _is_chinese_error_page(at), [e.value for e in at.exception]
    assert "读取数据失败" in at.error[0].value or "无法" in at.error[0].value
    path.unlink(missing_ok=True)  # the empty file SQLite made in its place
    for f in tmp_path.glob("away.sqlite*"):
        f.rename(tmp_path / f.name.replace("away", "live"))
    at.run()
    assert not at.exception and at.metric, (
        "back by itself once the file is back",
        at.title.values,
        at.error.values,
        at.markdown.values[:3],
    )


def test_a_postgresql_database_dropped_and_restored(demo_sqlite_url, monkeypatch):
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"h20secure_gone_{int(time.time())}"
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.skip(f"postgresql not available: {exc}")
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    from data_access.db import open_database

    open_database(url).dispose()  # the schema, no data needed
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        at = _run(AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT))
        assert not at.exception, [e.value for e in at.exception]
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        at.run()  # a cached view: its figures, or the Chinese page — never the English error
        assert not at.exception, [e.value for e in at.exception]
        st.cache_data.clear()  # a new view
        at.run()
        assert _is_chinese_error_page(at)
        assert "数据库不存在" in at.error[0].value
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        open_database(url).dispose()
        at.run()
        assert not at.exception and not (at.title and at.title[0].value == "无法打开数据库")
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_server_that_never_answers_gives_the_chinese_page_within_15_s(monkeypatch):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 8681))  # h20secure's own port range
    srv.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        srv.settimeout(0.5)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])  # accepted, never answered
            except TimeoutError:
                continue
            except OSError:  # closed at the end of the test
                return

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:8681/silent")
    try:
        t0 = time.monotonic()
        at = _run(AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT))
        took = time.monotonic() - t0
    finally:
        stop.set()
        acceptor.join(5)
        for s in held:
            s.close()
        srv.close()
    assert _is_chinese_error_page(at)
    assert took < 15, f"{took:.1f} s"
