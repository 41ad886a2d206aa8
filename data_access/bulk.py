"""Bulk loading: millions of rows into a table, in the caller's transaction.

Row by row (an ORM object or a dict per row) a province's seven million values would
take an hour; here rows are tuples in the table's column order, streamed in batches:

* PostgreSQL: ``COPY … FROM STDIN`` through psycopg 3's ``cursor.copy``;
* SQLite: ``executemany`` of tuples inside the one transaction, with a bigger page
  cache while the load runs (``db.make_engine`` sets WAL and ``synchronous=NORMAL``);
* MySQL/MariaDB: ``executemany`` of tuples, which PyMySQL sends as multi-row INSERTs.

Nothing here commits: the caller's transaction decides, so a failed load leaves the
database as it was (the shared design §1, "nothing half-loaded"; docs/shared-design.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Date, DateTime, Index, Table, UniqueConstraint, func, select

BATCH = 50_000


def _driver(conn: Connection):
    return conn.connection.driver_connection


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _date_positions(table: Table, columns: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date | DateTime)]


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write ``rows`` (tuples in ``columns`` order) into ``table``; returns how many."""
    n = 0
    batch: list[Sequence] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= BATCH:
            n += _write(conn, table, columns, batch)
            batch = []
    if batch:
        n += _write(conn, table, columns, batch)
    return n


def _write(conn: Connection, table: Table, columns: Sequence[str], batch: list[Sequence]) -> int:
    name = conn.dialect.name
    tname = _quote(conn, table.name)
    cols = ", ".join(_quote(conn, c) for c in columns)
    if name == "postgresql":
        with _driver(conn).cursor() as cur, cur.copy(f"COPY {tname} ({cols}) FROM STDIN") as copy:
            for r in batch:
                copy.write_row(r)
        return len(batch)
    if name == "sqlite":
        # sqlite3's own date adapter is deprecated; store dates as SQLAlchemy does (ISO text)
        pos = _date_positions(table, columns)
        if pos:
            batch = [tuple(v.isoformat() if i in pos and v is not None else v for i, v in enumerate(r)) for r in batch]
        marks = ", ".join("?" for _ in columns)
        cur = _driver(conn).cursor()
        try:
            cur.executemany(f"INSERT INTO {tname} ({cols}) VALUES ({marks})", batch)
        finally:
            cur.close()
        return len(batch)
    # MySQL / MariaDB (PyMySQL rewrites executemany into multi-row INSERT statements)
    marks = ", ".join("%s" for _ in columns)
    with _driver(conn).cursor() as cur:
        cur.executemany(f"INSERT INTO {tname} ({cols}) VALUES ({marks})", batch)
    return len(batch)


class Writer:
    """Buffers rows for several tables and writes each table's rows in batches.

    For a stream that mixes tables (the demo's events come year by year, all kinds
    interleaved): ``add(table, columns, row)``; ``close()`` writes what is left.
    """

    def __init__(self, conn: Connection, batch: int = BATCH) -> None:
        self.conn = conn
        self.batch = batch
        self.buffers: dict[str, tuple[Table, tuple[str, ...], list]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: Table, columns: Sequence[str], row: Sequence) -> None:
        buf = self.buffers.get(table.name)
        if buf is None:
            buf = self.buffers[table.name] = (table, tuple(columns), [])
        buf[2].append(row)
        if len(buf[2]) >= self.batch:
            self._flush(table.name)

    def _flush(self, name: str) -> None:
        table, columns, rows = self.buffers[name]
        if rows:
            self.counts[name] = self.counts.get(name, 0) + _write(self.conn, table, columns, rows)
            self.buffers[name] = (table, columns, [])

    def close(self) -> dict[str, int]:
        for name in list(self.buffers):
            self._flush(name)
        return self.counts


@contextmanager
def load_settings(conn: Connection):
    """Backend settings for a big load on this connection, restored afterwards."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = _driver(conn)
    cur = raw.cursor()
    try:
        old_cache = cur.execute("PRAGMA cache_size").fetchone()[0]
        cur.execute("PRAGMA cache_size=-262144")  # 256 MB of pages while loading
        yield
    finally:
        cur.execute(f"PRAGMA cache_size={int(old_cache)}")
        cur.close()


@contextmanager
def deferred_indexes(conn: Connection, tables: list[Table]):
    """Into empty tables: drop their secondary indexes, load, build them again once.

    Building an index over millions of sorted rows is several times faster than keeping
    it up to date row by row. Only where DDL is transactional (PostgreSQL, SQLite), so a
    failed load still leaves everything as it was; MySQL/MariaDB keep their indexes.
    """
    name = conn.dialect.name
    if name not in ("postgresql", "sqlite"):
        yield
        return
    dropped: list[tuple[Table, Index | UniqueConstraint]] = []
    for t in tables:
        if conn.execute(select(func.count()).select_from(select(t).limit(1).subquery())).scalar():
            continue  # not empty: keep its indexes (a load into a database in use)
        for idx in sorted(t.indexes, key=lambda i: str(i.name)):
            idx.drop(conn)
            dropped.append((t, idx))
        if name == "postgresql":  # SQLite cannot drop a table's own UNIQUE constraint
            for uc in t.constraints:
                if isinstance(uc, UniqueConstraint) and uc.name:
                    conn.exec_driver_sql(
                        f"ALTER TABLE {_quote(conn, t.name)} DROP CONSTRAINT {_quote(conn, str(uc.name))}"
                    )
                    dropped.append((t, uc))
    if name == "postgresql" and dropped:
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    yield
    for t, obj in dropped:
        if isinstance(obj, Index):
            obj.create(conn)
        else:
            cols = ", ".join(_quote(conn, c.name) for c in obj.columns)
            conn.exec_driver_sql(
                f"ALTER TABLE {_quote(conn, t.name)} ADD CONSTRAINT {_quote(conn, str(obj.name))} UNIQUE ({cols})"
            )
