"""Shared fixtures: real databases (SQLite always; PostgreSQL and MariaDB on loopback when
they answer — a run without them says so, it never fakes them), the demo city loaded
once per backend, and the generator's rows for independent computations."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from data_access.db import open_database
from data_access.demo import generate, load_demo

PG_ADMIN = os.environ.get("TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MY_ADMIN = os.environ.get("TEST_MYSQL_ADMIN", "mysql+pymysql://root@127.0.0.1:3306/test")
BACKENDS = ("sqlite", "postgresql", "mariadb")
_ran: dict[str, str] = {}


def _server_db(admin_url: str, kind: str) -> str:
    """Create a database of our own on the server (unique per test process), return its URL."""
    name = f"canlian_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    eng = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        if kind == "postgresql":
            c.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        else:
            c.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
    eng.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _drop_server_db(admin_url: str, url: str, kind: str) -> None:
    name = url.rsplit("/", 1)[1]
    eng = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        if kind == "postgresql":
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        else:
            c.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
    eng.dispose()


class Database:
    """A fresh, empty database of one backend: ``url``, ``engine``; ``drop()`` removes it."""

    def __init__(self, kind: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.kind = kind
        if kind == "sqlite":
            self.url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
            self.admin = None
        else:
            self.admin = PG_ADMIN if kind == "postgresql" else MY_ADMIN
            try:
                self.url = _server_db(self.admin, kind)
            except Exception as exc:
                _ran[kind] = f"skipped ({type(exc).__name__})"
                pytest.skip(f"{kind} not available on loopback: {exc}")
        _ran.setdefault(kind, "ran")
        self.engine = open_database(self.url)

    def drop(self) -> None:
        self.engine.dispose()
        if self.admin:
            _drop_server_db(self.admin, self.url, self.kind)


@pytest.fixture(scope="session", params=BACKENDS)
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The demo city loaded into each backend once per test session."""
    db = Database(request.param, tmp_path_factory)
    load_demo(db.engine)
    yield db
    db.drop()


@pytest.fixture(params=BACKENDS)
def empty_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A fresh database with the schema and nothing else, per test."""
    db = Database(request.param, tmp_path_factory)
    yield db
    db.drop()


@pytest.fixture(scope="session")
def demo_rows():
    """The generator's rows, for computing expected figures independently of SQL."""
    return generate()


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo SQLite file for app tests (AppTest reads DATABASE_URL)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'demo.sqlite'}"
    load_demo(open_database(url))
    return url


@pytest.fixture(scope="session", params=("sqlite", "postgresql"))
def gaps_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The demo city with gaps (tests/gaps.py: a county without 2025 data, a reported zero,
    a deleted month, a tie, an outlier, a new year 2026 without data), per backend."""
    from tests.gaps import make_gaps

    db = Database(request.param, tmp_path_factory)
    make_gaps(db.engine)
    yield db
    db.drop()


@pytest.fixture(scope="session")
def gaps_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The gaps city as a SQLite file for app tests (AppTest reads DATABASE_URL)."""
    from tests.gaps import make_gaps

    url = f"sqlite:///{tmp_path_factory.mktemp('gaps') / 'gaps.sqlite'}"
    make_gaps(open_database(url))
    return url


@pytest.fixture
def gaps_env(gaps_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", gaps_sqlite_url)
    return gaps_sqlite_url


@pytest.fixture
def app_env(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    return demo_sqlite_url


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not _ran:
        return
    terminalreporter.section("databases")
    for kind in BACKENDS:
        terminalreporter.write_line(f"{kind}: {_ran.get(kind, 'not used')}")
