"""The demo city: generate it (``generator``), keep its geometry in ``assets/``, load it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, insert

from .. import bulk
from .. import models as m
from ..db import bump_data_version
from ..summaries import refresh_summaries
from . import reporting
from .generator import (
    CITY_CODE,
    REPORT_YEAR,
    TARGETS_2025,
    VALUE_COLS,
    DemoData,
    generate,
    generate_head,
    iter_facts,
)

__all__ = [
    "CITY_CODE",
    "GEOJSON_PATH",
    "REPORT_YEAR",
    "TARGETS_2025",
    "generate",
    "load_demo",
    "load_stream",
    "write_geojson",
]

GEOJSON_PATH = Path(__file__).resolve().parents[2] / "assets" / "geo" / "demo-city.geojson"


def geojson(data: DemoData) -> dict:
    """County and township polygons and village points, keyed by division code."""
    by_code = {a["code"]: a for a in data.areas}
    feats = []
    for s in data.shapes:
        a = by_code[s["area_code"]]
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "code": a["code"],
                    "name": a["name"],
                    "level": a["level"],
                    "kind": a["kind"],
                    "parent": a["parent_code"],
                },
                "geometry": {"type": "Polygon", "coordinates": s["geometry"]},
            }
        )
    for a in data.villages():
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "code": a["code"],
                    "name": a["name"],
                    "level": "village",
                    "kind": a["kind"],
                    "parent": a["parent_code"],
                },
                "geometry": {"type": "Point", "coordinates": [a["lon"], a["lat"]]},
            }
        )
    return {"type": "FeatureCollection", "name": "示例市", "features": feats}


def write_geojson(data: DemoData, path: Path = GEOJSON_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(geojson(data), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


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
    for r in rows:
        yield tuple(batch_id if c == "batch_id" else r.get(c) for c in cols)


def _facts(data: DemoData) -> Iterator[tuple[str, tuple | dict]]:
    """The facts of a fully generated DemoData, in the order of ``iter_facts``."""
    for v in data.values:
        yield "values", tuple(v[c] for c in VALUE_COLS)
    for kind in EVENT_TABLES:
        for row in getattr(data, kind):
            yield kind, row


def load_stream(conn: Connection, head: DemoData, facts: Iterable[tuple[str, tuple | dict]]) -> int:
    """Bulk-load the demo (areas … from ``head``, facts streamed) in the caller's transaction.

    Facts are ("values", tuple in ``VALUE_COLS`` order) and (event kind, dict) pairs
    (see ``generator.iter_facts``); they are written in batches (``data_access.bulk``),
    never all held in memory. The summaries are computed and the data version bumped
    before the caller commits. Returns the load's batch id.
    """
    payload = json.dumps([head.scale.name, len(head.areas)]).encode()
    batch_id = conn.execute(
        insert(m.LoadBatch).values(
            kind="demo",
            file_name=f"示例数据（{head.scale.name}）",
            checksum=hashlib.sha256(payload).hexdigest(),
            loaded_by="system",
            loaded_at=dt.datetime.now(),
            rows_added=0,
            status="done",
        )
    ).inserted_primary_key[0]
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
                    model = EVENT_TABLES[kind]
                    cols = event_cols[kind]
                    writer.add(model.__table__, cols, tuple(batch_id if c == "batch_id" else row.get(c) for c in cols))
            total += sum(writer.close().values())
        conn.execute(m.LoadBatch.__table__.update().where(m.LoadBatch.id == batch_id).values(rows_added=total))
        reporting.load_history(conn, head, batch_id)  # submissions and approvals; no figures
        refresh_summaries(conn)
        bump_data_version(conn)
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


def load_into(conn: Connection, data: DemoData) -> int:
    """Insert generated demo rows in the caller's transaction; returns the load's batch id."""
    return load_stream(conn, data, _facts(data))


def load_demo(engine: Engine, scale: str = "city", seed: int = 2025) -> int:
    """Generate and load the demo in one transaction; nothing is left half-loaded.

    The facts are generated as a stream and written in batches, so a province's
    millions of rows never sit in memory at once.
    """
    head = generate_head(scale, seed)
    with engine.begin() as conn:
        batch = load_stream(conn, head, iter_facts(head, seed))
    if engine.dialect.name == "postgresql" and scale != "city":
        # set the visibility map of the new tables, so that covering indexes are read
        # alone (index-only scans) from the first page view, not after autovacuum
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) indicator_values, fact_summary, volunteer_records, org_units, areas")
    return batch
