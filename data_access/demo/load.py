"""Loading the demo: the generator's rows streamed in bulk, then the extra parts, in
one transaction — nothing is left half-loaded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, Engine, insert

from .. import bulk
from .. import models as m
from ..db import is_empty, unbounded
from ..finish import Audit, Touched, finish_load
from . import parts
from .generator import generate_head, iter_facts
from .part_context import PartContext
from .rows import VALUE_COLS, DemoData

# event kinds of the generator → tables
EVENT_TABLES = {
    "legal_aid": m.LegalAidCase,
    "infringement": m.InfringementCase,
    "access": m.AccessibilityProject,
    "activities": m.Activity,
    "volunteers": m.VolunteerRecord,
    "donations": m.Donation,
}


def _columns(model) -> tuple[str, ...]:
    return tuple(c.name for c in model.__table__.columns if c.name != "id")


def _tuples(model, rows: Iterable[dict], batch_id: int) -> Iterator[tuple]:
    cols = _columns(model)
    # a column the generator does not fill takes the model's scalar default (bulk SQL skips the ORM's)
    defaults = {
        c.name: c.default.arg
        for c in model.__table__.columns
        if c.default is not None and c.default.is_scalar and c.name != "batch_id"
    }
    for r in rows:
        yield tuple(batch_id if c == "batch_id" else r.get(c, defaults.get(c)) for c in cols)


def _facts(data: DemoData) -> Iterator[tuple[str, tuple | dict]]:
    """The facts of a fully generated DemoData, in the order of ``iter_facts``."""
    for v in data.values:
        yield "values", tuple(v[c] for c in VALUE_COLS)
    for kind in EVENT_TABLES:
        for row in getattr(data, kind):
            yield kind, row


def load_stream(conn: Connection, head: DemoData, facts: Iterable[tuple[str, tuple | dict]], seed: int = 2025) -> int:
    """Bulk-load the demo (areas … from ``head``, facts streamed) in the caller's transaction.

    Facts are ("values", tuple in ``VALUE_COLS`` order) and (event kind, dict) pairs
    (see ``generator.iter_facts``); they are written in batches (``data_access.bulk``),
    never all held in memory; then the extra parts (``parts.PARTS``) run with ``seed``.
    Its finish step (``finish.finish_load``: every summary, the data version, the
    audit row) runs before the caller commits.
    Returns the load's batch id.
    """
    payload = json.dumps([head.scale.name, len(head.areas)]).encode()
    inserted = conn.execute(
        insert(m.LoadBatch).values(
            kind="demo",
            file_name=f"示例数据（{head.scale.name}）",
            checksum=hashlib.sha256(payload).hexdigest(),
            loaded_by="system",
            loaded_at=dt.datetime.now(),
            rows_added=0,
            status="done",
        )
    )
    batch_id = m.inserted_id(inserted)
    total = 0
    shapes = [
        dict(
            area_code=s["area_code"],
            geometry=json.dumps({"type": "Polygon", "coordinates": s["geometry"]}, separators=(",", ":")),
            source="demo",
        )
        for s in head.shapes
    ]
    with bulk.load_settings(conn):
        for model, rows in (
            (m.Area, head.areas),
            (m.AreaShape, shapes),
            (m.OrgUnit, head.org_units),
            (m.Staffing, head.staffing),
        ):
            total += bulk.insert_rows(conn, model.__table__, _columns(model), _tuples(model, rows, batch_id))
        writer = bulk.Writer(conn)
        iv, iv_cols = m.IndicatorValue.__table__, (*VALUE_COLS, "batch_id")
        event_cols = {kind: _columns(model) for kind, model in EVENT_TABLES.items()}
        fact_tables = [iv, *(model.__table__ for model in EVENT_TABLES.values())]
        with bulk.deferred_indexes(conn, fact_tables):
            for kind, row in facts:
                if kind == "values":
                    writer.add(iv, iv_cols, (*row, batch_id))
                else:
                    cols = event_cols[kind]
                    assert isinstance(row, dict)  # an event row comes by column name
                    values = tuple(batch_id if c == "batch_id" else row.get(c) for c in cols)
                    writer.add(EVENT_TABLES[kind].__table__, cols, values)
            total += sum(writer.close().values())
        total += _load_parts(conn, head, seed, batch_id)
        conn.execute(m.LoadBatch.__table__.update().where(m.LoadBatch.id == batch_id).values(rows_added=total))
        note = f"示例数据（{head.scale.name}）新增 {total} 行，批次 {batch_id}"
        finish_load(conn, Touched.all(), Audit("system", "load", note))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")  # statistics, so the planner picks the covering indexes
    if conn.dialect.name == "postgresql":
        # fresh statistics for the planner (ANALYZE runs inside the transaction too)
        for table in (
            "areas",
            "org_units",
            "indicator_values",
            "fact_summary",
            *(t.__tablename__ for t in EVENT_TABLES.values()),
        ):
            conn.exec_driver_sql(f"ANALYZE {table}")
    return batch_id


def _load_parts(conn: Connection, head: DemoData, seed: int, batch_id: int) -> int:
    ctx = PartContext(conn, head, seed, batch_id)
    return sum(part.load(ctx) for part in parts.PARTS if part.runs_at(head.scale.name))


def load_into(conn: Connection, data: DemoData, seed: int = 2025) -> int:
    """Insert generated demo rows in the caller's transaction; returns the load's batch id."""
    return load_stream(conn, data, _facts(data), seed)


def load_demo(engine: Engine, scale: str = "city", seed: int = 2025) -> int:
    """Generate and load the demo in one transaction; nothing is left half-loaded.

    The facts are generated as a stream and written in batches, so a province's
    millions of rows never sit in memory at once.
    """
    head = generate_head(scale, seed)
    with engine.begin() as conn:
        unbounded(conn)  # a province's statements take longer than a page may wait
        batch = load_stream(conn, head, iter_facts(head, seed), seed)
    if engine.dialect.name == "postgresql" and scale != "city":
        # set the visibility map of the new tables, so that covering indexes are read
        # alone (index-only scans) from the first page view, not after autovacuum
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("SET statement_timeout = 0")  # this connection only; reset below
            conn.exec_driver_sql("VACUUM (ANALYZE) indicator_values, fact_summary, volunteer_records, org_units, areas")
            conn.exec_driver_sql("RESET statement_timeout")
    return batch


def ensure_demo(engine: Engine, scale: str = "city", seed: int = 2025) -> bool:
    """Load the demo into an empty database (the app's first start on its default file);
    a database that holds any area is left alone. Returns whether it loaded."""
    with engine.connect() as conn:
        empty = is_empty(conn)
    if empty:
        load_demo(engine, scale, seed)
    return empty
