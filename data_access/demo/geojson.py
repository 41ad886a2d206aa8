"""The demo's geometry as GeoJSON (``assets/geo/demo-city.geojson``): county and
township polygons and village points, keyed by division code."""

from __future__ import annotations

import json
from pathlib import Path

from .rows import DemoData

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
