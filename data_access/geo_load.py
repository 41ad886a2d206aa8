"""A federation's own boundaries: validate a GeoJSON file keyed by division code and load
it into ``area_shapes`` in one transaction — or refuse it, in Chinese, changing nothing.

What is accepted: a ``FeatureCollection`` whose every feature has a 12-digit division
code (property ``code``, ``区划代码`` or ``adcode``) that is in ``areas``;
Polygon/MultiPolygon geometry for a county or township (closed rings of at least four
positions, not self-intersecting, with an area); Point geometry for a village (its
location); coordinates in longitude/latitude degrees (WGS 84 / CGCS2000), not a projected
system's metres. The demo city's own file (``assets/geo/demo-city.geojson``) passes.

Loading replaces the shapes of the codes in the file (other areas keep theirs), moves
each loaded area's centroid (``areas.lon/lat``: where labels and points sit), records a
``load_batches`` row and ends in the load's finish step (``finish.finish_load``: the data
version, so every app process redraws the map, and the audit row).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select, update

from .finish import Audit, Touched, finish_load
from .models import Area, AreaShape, LoadBatch

CODE_KEYS = ("code", "区划代码", "adcode")
LONLAT_CRS = ("4326", "crs84", "4490", "4258")  # WGS 84, OGC CRS84, CGCS2000, ETRS89 (all degrees)
MAX_MESSAGES = 20
CHUNK = 500
SOURCE = "federation"


class GeoError(ValueError):
    """A refused file: ``messages`` says every problem found (in Chinese)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class GeoFile:
    """A validated file: shapes and points to write, by code."""

    shapes: dict[str, dict] = field(default_factory=dict)  # code -> geometry
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # village code -> (lon, lat)
    centroids: dict[str, tuple[float, float]] = field(default_factory=dict)


# ------------------------------------------------------------------ geometry checks


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _position_problem(p: object) -> str | None:
    if not isinstance(p, list) or len(p) < 2 or not all(_is_number(v) for v in p[:3]):
        return "坐标点格式不正确（应为 [经度, 纬度]）"
    lon, lat = p[0], p[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return (
            f"坐标 ({lon}, {lat}) 超出经纬度范围，疑似投影坐标（米），"
            "请先转换为经纬度（WGS 84 / CGCS2000，EPSG:4326 或 EPSG:4490）"
        )
    return None


def ring_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False)) / 2


def _orient(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a, b, c) -> bool:
    return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])


def _segments_cross(p1, p2, q1, q2) -> bool:
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and _on_segment(q1, q2, p1))
        or (d2 == 0 and _on_segment(q1, q2, p2))
        or (d3 == 0 and _on_segment(p1, p2, q1))
        or (d4 == 0 and _on_segment(p1, p2, q2))
    )


def ring_self_intersects(ring: list[list[float]]) -> bool:
    """Whether two non-adjacent edges of a closed ring touch or cross (sweep over x)."""
    pts = [tuple(p[:2]) for p in ring[:-1]]
    pts = [p for i, p in enumerate(pts) if p != pts[i - 1]] if len(pts) > 1 else pts  # drop repeats
    n = len(pts)
    if n < 4:
        return False
    segs = [(pts[i], pts[(i + 1) % n]) for i in range(n)]
    order = sorted(range(n), key=lambda i: min(segs[i][0][0], segs[i][1][0]))
    active: list[int] = []
    for i in order:
        a, b = segs[i]
        xmin = min(a[0], b[0])
        active = [j for j in active if max(segs[j][0][0], segs[j][1][0]) >= xmin]
        for j in active:
            if abs(i - j) in (1, n - 1):
                continue  # neighbours share a vertex
            if _segments_cross(a, b, *segs[j]):
                return True
        active.append(i)
    return False


def _ring_problem(ring: object) -> str | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return "多边形的环至少需要4个坐标点（首尾相同）"
    for p in ring:
        why = _position_problem(p)
        if why:
            return why
    if ring[0][:2] != ring[-1][:2]:
        return "多边形的环没有闭合（首尾坐标不同）"
    if abs(ring_area(ring)) < 1e-12:
        return "多边形面积为零（坐标点重合或共线）"
    if ring_self_intersects(ring):
        return "多边形边界自相交（如“8”字形），不是有效的多边形"
    return None


def geometry_problem(geom: object, level: str) -> str | None:
    """What is wrong with a feature's geometry for an area of ``level``, or None."""
    if not isinstance(geom, dict) or "type" not in geom:
        return "缺少几何图形（geometry）"
    kind, coords = geom.get("type"), geom.get("coordinates")
    if level == "village":
        if kind != "Point":
            return f"村(社区)应为点（Point），而不是 {kind}"
        return _position_problem(coords)
    if kind not in ("Polygon", "MultiPolygon"):
        return f"乡镇(街道)和县(区)应为多边形（Polygon 或 MultiPolygon），而不是 {kind}"
    polys = [coords] if kind == "Polygon" else coords
    if not isinstance(polys, list) or not polys or not all(isinstance(p, list) and p for p in polys):
        return "多边形坐标为空或格式不正确"
    for poly in polys:
        for ring in poly:
            why = _ring_problem(ring)
            if why:
                return why
    return None


def centroid(geom: dict) -> tuple[float, float]:
    """Centroid of the largest polygon's outer ring (where a label belongs)."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    ring = max((p[0] for p in polys), key=lambda r: abs(ring_area(r)))
    a = ring_area(ring)
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))
    return (round(cx / (6 * a), 5), round(cy / (6 * a), 5))


# ------------------------------------------------------------------ file checks


def parse(raw: bytes) -> dict:
    """Bytes → GeoJSON object, or GeoError saying why it is not JSON / not a FeatureCollection."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GeoError(
            [f"文件不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起无法解码），不是 GeoJSON 文件。"]
        ) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoError(
            [f"文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}），不是 GeoJSON 文件。"]
        ) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise GeoError(['文件不是 GeoJSON 要素集合：顶层应为 {"type": "FeatureCollection", "features": [...]}。'])
    feats = doc.get("features")
    if not isinstance(feats, list) or not feats:
        raise GeoError(["GeoJSON 中没有任何要素（features 为空）。"])
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", "")).lower().replace(":", "")
        if name and not any(k in name for k in LONLAT_CRS):
            raise GeoError(
                [
                    f"文件声明的坐标系为 {crs.get('properties', {}).get('name')}，不是经纬度坐标；"
                    "请先转换为经纬度（WGS 84 / CGCS2000，EPSG:4326 或 EPSG:4490）。"
                ]
            )
    return doc


def _code_of(props: dict) -> str | None:
    for k in CODE_KEYS:
        v = props.get(k)
        if v is not None and str(v).strip():
            return str(v).strip()
    return None


def _known_levels(conn: Connection, codes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(codes), CHUNK):
        part = codes[i : i + CHUNK]
        out |= dict(conn.execute(select(Area.code, Area.level).where(Area.code.in_(part))).all())
    return out


def validate(conn: Connection, doc: dict) -> GeoFile:
    """Check every feature; GeoError with all problems (the first MAX_MESSAGES) if any."""
    problems: list[str] = []
    feats = doc["features"]
    codes = []
    for f in feats:
        props = f.get("properties") if isinstance(f, dict) else None
        codes.append(_code_of(props) if isinstance(props, dict) else None)
    levels = _known_levels(conn, sorted({c for c in codes if c}))
    seen: set[str] = set()
    out = GeoFile()
    for i, (f, code) in enumerate(zip(feats, codes, strict=True), start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        name = (props or {}).get("name") if isinstance(props, dict) else None
        where = f"第 {i} 个要素" + (f"（{name}）" if name else "")
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"{where}：不是 GeoJSON 要素（Feature）。")
            continue
        if code is None:
            problems.append(f"{where}：缺少区划代码（属性 code 或 区划代码）。")
            continue
        if not (len(code) == 12 and code.isdigit()):
            problems.append(f"{where}：区划代码“{code}”不是12位数字。")
            continue
        if code not in levels:
            problems.append(f"{where}：区划代码 {code} 在区划表中不存在（未知代码）。")
            continue
        if code in seen:
            problems.append(f"{where}：区划代码 {code} 在文件中重复出现。")
            continue
        seen.add(code)
        level = levels[code]
        if level not in ("county", "township", "village"):
            problems.append(f"{where}：区划代码 {code} 是市级，只能载入县(区)、乡镇(街道)边界和村(社区)位置。")
            continue
        why = geometry_problem(f.get("geometry"), level)
        if why:
            problems.append(f"{where}，区划代码 {code}：{why}。")
            continue
        geom = f["geometry"]
        if level == "village":
            out.points[code] = (float(geom["coordinates"][0]), float(geom["coordinates"][1]))
        else:
            out.shapes[code] = {"type": geom["type"], "coordinates": geom["coordinates"]}
            out.centroids[code] = centroid(geom)
    if problems:
        more = len(problems) - MAX_MESSAGES
        msgs = problems[:MAX_MESSAGES] + ([f"……另有 {more} 处问题。"] if more > 0 else [])
        raise GeoError(msgs)
    if not out.shapes:
        raise GeoError(["文件中没有乡镇(街道)或县(区)的边界多边形。"])
    return out


# ------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class GeoLoadResult:
    batch_id: int
    shapes_added: int
    shapes_replaced: int
    points_moved: int
    data_version: str


def load_geojson(engine: Engine, raw: bytes, file_name: str, loaded_by: str = "cli") -> GeoLoadResult:
    """Validate and load in one transaction; GeoError (nothing changed) if the file is refused."""
    doc = parse(raw)
    with engine.begin() as conn:
        geo = validate(conn, doc)
        return write(conn, geo, raw, file_name, loaded_by)


def write(conn: Connection, geo: GeoFile, raw: bytes, file_name: str, loaded_by: str) -> GeoLoadResult:
    """Write a validated file in the caller's transaction."""
    codes = sorted(geo.shapes)
    existing: set[str] = set()
    for i in range(0, len(codes), CHUNK):
        part = codes[i : i + CHUNK]
        existing |= set(conn.execute(select(AreaShape.area_code).where(AreaShape.area_code.in_(part))).scalars())
    batch_id = conn.execute(
        insert(LoadBatch).values(
            kind="geo",
            file_name=file_name[:255],
            checksum=hashlib.sha256(raw).hexdigest(),
            loaded_by=loaded_by[:64],
            loaded_at=dt.datetime.now(),
            rows_added=len(codes) - len(existing),
            rows_replaced=len(existing),
            rows_refused=0,
            status="done",
            note=f"边界 {len(codes)} 个，村(社区)位置 {len(geo.points)} 个",
        )
    ).inserted_primary_key[0]
    for i in range(0, len(codes), CHUNK):
        part = codes[i : i + CHUNK]
        conn.execute(delete(AreaShape).where(AreaShape.area_code.in_(part)))
        conn.execute(
            insert(AreaShape),
            [
                dict(
                    area_code=c,
                    geometry=json.dumps(geo.shapes[c], separators=(",", ":")),
                    source=SOURCE,
                    batch_id=batch_id,
                )
                for c in part
            ],
        )
    for code, (lon, lat) in (geo.centroids | geo.points).items():
        conn.execute(update(Area).where(Area.code == code).values(lon=lon, lat=lat))
    # shapes and positions are not added up in the summaries: no slice to refresh
    note = f"{file_name[:200]}（geo）边界 {len(codes)} 个，村(社区)位置 {len(geo.points)} 个，批次 {batch_id}"
    version = finish_load(conn, Touched.nothing(), Audit(loaded_by, "load", note)).version
    return GeoLoadResult(batch_id, len(codes) - len(existing), len(existing), len(geo.points), version)


def load_file(engine: Engine, path: Path, loaded_by: str = "cli") -> GeoLoadResult:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GeoError([f"无法读取文件 {path}：{exc.strerror or exc}。"]) from exc
    return load_geojson(engine, raw, Path(path).name, loaded_by)
