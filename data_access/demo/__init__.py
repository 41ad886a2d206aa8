"""The demo city: generate it (``generator``), keep its geometry in ``assets/``, load it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import Connection, Engine, insert

from .. import models as m
from ..db import bump_data_version
from .generator import CITY_CODE, REPORT_YEAR, TARGETS_2025, DemoData, generate

__all__ = ["CITY_CODE", "GEOJSON_PATH", "REPORT_YEAR", "TARGETS_2025", "generate", "load_demo", "write_geojson"]

GEOJSON_PATH = Path(__file__).resolve().parents[2] / "assets" / "geo" / "demo-city.geojson"
CHUNK = 5000


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


def _insert(conn: Connection, table, rows: list[dict]) -> None:
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(table), rows[i : i + CHUNK])


def load_into(conn: Connection, data: DemoData) -> int:
    """Insert the demo rows in the caller's transaction; returns the load's batch id."""
    payload = json.dumps([data.scale.name, len(data.areas), len(data.values)]).encode()
    batch_id = conn.execute(
        insert(m.LoadBatch).values(
            kind="demo",
            file_name=f"示例数据（{data.scale.name}）",
            checksum=hashlib.sha256(payload).hexdigest(),
            loaded_by="system",
            loaded_at=dt.datetime.now(),
            rows_added=0,
            status="done",
        )
    ).inserted_primary_key[0]
    total = 0
    tables = (
        (m.Area, data.areas),
        (
            m.AreaShape,
            [
                dict(
                    area_code=s["area_code"],
                    geometry=json.dumps({"type": "Polygon", "coordinates": s["geometry"]}, separators=(",", ":")),
                    source="demo",
                )
                for s in data.shapes
            ],
        ),
        (m.OrgUnit, data.org_units),
        (m.Staffing, data.staffing),
        (m.IndicatorValue, data.values),
        (m.LegalAidCase, data.legal_aid),
        (m.InfringementCase, data.infringement),
        (m.AccessibilityProject, data.access),
        (m.Activity, data.activities),
        (m.VolunteerRecord, data.volunteers),
        (m.Donation, data.donations),
    )
    for model, rows in tables:
        cols = set(model.__table__.columns.keys())
        full = [{k: r.get(k) for k in cols if k != "id"} | {"batch_id": batch_id} for r in rows]
        if model is m.AreaShape:
            full = [{k: v for k, v in r.items() if k in cols} for r in full]
        _insert(conn, model.__table__, full)
        total += len(rows)
    conn.execute(m.LoadBatch.__table__.update().where(m.LoadBatch.id == batch_id).values(rows_added=total))
    bump_data_version(conn)
    return batch_id


def load_demo(engine: Engine, scale: str = "city", seed: int = 2025) -> int:
    """Generate and load the demo in one transaction; nothing is left half-loaded."""
    data = generate(scale, seed)
    with engine.begin() as conn:
        return load_into(conn, data)
