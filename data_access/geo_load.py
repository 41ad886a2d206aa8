"""A federation's own boundaries, as they come: DataV GeoAtlas files and plain GeoJSON,
matched to the official division list and loaded into ``area_shapes`` in one transaction.

Each feature's code is read from ``adcode``, ``code`` or ``区划代码`` (integer or string;
6 digits for a county, 9 or 12 for a 乡级 unit, padded to 12). A feature is matched by
its code; failing that through the code history (``area_code_changes``: a 乡 that became
a 镇 has a new code); failing that by name within its parent (the code's county, or the
DataV ``parent.adcode``), where a name's 乡/镇/街道 suffix may differ (横桥乡 ↔ 横桥镇).
``match`` returns a report — every feature matched by code, by history or by name (to
which code) or not matched (and why), every official unit of the file's level left
without a polygon — and writes nothing. ``write`` loads the matched features; features
not matched are not loaded. A file is refused (``GeoError``, nothing changed) when it is
not GeoJSON, declares projected coordinates, or has nothing that can be loaded; with
``strict`` also when any feature is not matched.

Re-districting (issue 29): a county whose 县/市/区/旗 changed (孟津县 → 孟津区, 偃师市 → 偃师区) is
matched by name within its parent as a candidate the report asks to check, and the report
suggests the 区划代码变更 rows to write (``GeoReport.suggested_changes``); several features
that come to one code (two old units merged, through 区划代码变更) are unioned with shapely
into one shape; a name that fits several of today's units (a split) is said, not guessed at.

Coordinate systems (``crs``): a file's system is named by the loader, declared in its ``crs``,
detected (DataV GeoAtlas: GCJ-02) or assumed WGS-84, and said in the report; GCJ-02 is
converted to WGS-84 on load and each shape records its file's system (``file_crs``). Village
points outside their township's polygon, and townships set off their county's outline, are said.

Geometry: Polygon/MultiPolygon for a county or township (closed rings of at least four
positions, valid by shapely: no self-intersection), Point for a village; coordinates in
longitude/latitude degrees (WGS 84 / CGCS2000 or GCJ-02), not a projected system's metres.

Loading replaces the shapes of the matched codes (other areas keep theirs), moves each
loaded area's centroid (``areas.lon/lat``: where labels and points sit), records a
``load_batches`` row and ends in the load's finish step (``finish.finish_load``: the data
version, so every app process redraws the map, and the audit row).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import time
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from shapely.geometry import LinearRing, Point, mapping, shape
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.validation import explain_validity
from sqlalchemy import Connection, Engine, delete, insert, select, update

from . import crs as systems
from . import vocab
from .db import unbounded
from .finish import Audit, Touched, finish_load
from .loading.definitions import code_level, code_parent
from .models import Area, AreaCodeChange, AreaShape, LoadBatch, inserted_id

CODE_KEYS = ("adcode", "code", "区划代码", "gb", "GB")
LONLAT_CRS = ("4326", "crs84", "4490", "4258", "gcj")  # WGS 84, OGC CRS84, CGCS2000, ETRS89, GCJ-02 (all degrees)
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


def ring_self_intersects(ring: list[list[float]]) -> bool:
    """Whether two non-adjacent edges of a closed ring touch or cross."""
    pts = [tuple(p[:2]) for p in ring]
    if len(set(pts)) < 3:
        return False
    return not LinearRing(pts).is_simple


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
    past_deadline()  # bounded work (issue 30): a file that takes too long to check is refused
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
    try:
        shp = shape(geom)
    except (ValueError, TypeError, AttributeError):
        return "多边形坐标格式不正确"
    if not shp.is_valid:
        why = explain_validity(shp)
        if "Self-intersection" in why or "Ring Self-intersection" in why:
            return f"多边形边界自相交（{why}），不是有效的多边形"
        return f"多边形无效（{why}）"
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
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if v is not None and not isinstance(v, bool) and str(v).strip():
            return str(v).strip()
    return None


def pad(code: str | None) -> str | None:
    """A code as files write it (6-digit county, 9- or 12-digit 乡级; int or text) as 12 digits, else None."""
    if code and code.isdigit() and len(code) in (6, 9, 12):
        return code.ljust(12, "0")
    return None


def _parent_of(props: dict) -> str | None:
    p = props.get("parent")
    v = p.get("adcode") if isinstance(p, dict) else p
    return pad(str(v).strip()) if v is not None and not isinstance(v, bool) else None


def stem(name: str) -> str:
    """A 乡级 name without its kind (横桥乡 and 横桥镇 are both 横桥)."""
    for suffix in vocab.TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


# a division code's level and parent: one home, beside the areas kind that infers them
level_of, parent_of = code_level, code_parent


# how a feature was matched; labels are the report's
BY_CODE, BY_HISTORY, BY_NAME, UNMATCHED, INVALID = "code", "history", "name", "unmatched", "invalid"
BY_RENAME = "rename"  # 孟津县 → 孟津区: a county's 县/市/区/旗 changed (撤县设区, 撤市设区), a candidate to check
STATUS_ZH = {
    BY_CODE: "按代码匹配",
    BY_HISTORY: "按区划代码变更匹配",
    BY_NAME: "按名称匹配",
    BY_RENAME: "按名称匹配（县/市/区变更，请核对）",
    UNMATCHED: "未匹配，不载入",
    INVALID: "几何有误，不载入",
}
STATUS_EN = {
    BY_CODE: "matched by code",
    BY_HISTORY: "matched by code history",
    BY_NAME: "matched by name",
    BY_RENAME: "matched by name (county/city/district renamed: check)",
    UNMATCHED: "not matched, not loaded",
    INVALID: "bad geometry, not loaded",
}


@dataclass
class FeatureMatch:
    index: int
    name: str
    file_code: str
    status: str
    code: str | None = None
    area_name: str = ""
    reason: str = ""


@dataclass
class GeoReport:
    """What a file would load: every feature's match, and the official units left without a polygon."""

    features: list[FeatureMatch]
    missing: list[tuple[str, str, str]]  # (code, name, kind) of units of the file's level with no polygon
    geo: GeoFile
    levels: tuple[str, ...] = ()
    system: str = systems.WGS84  # the file's coordinate system (stored as WGS-84 whatever it was)
    system_how: str = ""  # declared, detected (DataV) or assumed: said to the reader
    merged: dict[str, list[int]] = field(default_factory=dict)  # code -> features unioned into its shape
    splits: list[str] = field(default_factory=list)  # what may have been split (said, not guessed at)
    notes: list[str] = field(default_factory=list)  # offsets between files, village points outside their township

    @property
    def loadable(self) -> int:
        return len(self.geo.shapes) + len(self.geo.points)

    @property
    def not_loaded(self) -> list[FeatureMatch]:
        return [m for m in self.features if m.status in (UNMATCHED, INVALID)]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUS_ZH, 0)
        for m in self.features:
            out[m.status] += 1
        return out

    def summary_zh(self) -> str:
        c = self.counts()
        renamed = f"（其中县/市/区变更 {c[BY_RENAME]} 个，请核对）" if c[BY_RENAME] else ""
        s = (
            f"文件共 {len(self.features)} 个要素：按代码匹配 {c[BY_CODE]} 个，按区划代码变更匹配 {c[BY_HISTORY]} 个，"
            f"按名称匹配 {c[BY_NAME] + c[BY_RENAME]} 个{renamed}，未匹配 {c[UNMATCHED]} 个，几何有误 {c[INVALID]} 个；"
            f"将载入 {self.loadable} 个。"
        )
        if self.missing:
            s += f"另有 {len(self.missing)} 个区划没有边界：" + "、".join(
                f"{n}（{c}）" for c, n, _ in self.missing[:20]
            )
            s += "……" if len(self.missing) > 20 else ""
            s += "。"
        return s

    def frame(self, lang: str = "zh") -> pd.DataFrame:
        labels = STATUS_EN if lang == "en" else STATUS_ZH
        heads = (
            ("#", "Name in file", "Code in file", "Result", "Division code", "Official name", "Why")
            if lang == "en"
            else ("序号", "文件中的名称", "文件中的代码", "结果", "对应区划代码", "区划名称", "说明")
        )
        rows = [
            (m.index, m.name, m.file_code, labels[m.status], m.code or "", m.area_name, m.reason) for m in self.features
        ]
        return pd.DataFrame(rows, columns=list(heads))

    def system_zh(self) -> str:
        """The file's coordinate system as the report says it."""
        conv = "，载入时转换为 WGS-84" if self.system == systems.GCJ02 else ""
        return f"坐标系：{self.system}（{self.system_how}）{conv}。"

    def merged_zh(self) -> list[str]:
        """One sentence per merged unit: which features were unioned into its shape."""
        return [
            f"{self.geo_name(code)}（{code}）的边界由第 {'、'.join(map(str, idx))} 个要素合并而成（区划合并：各部分的范围合在一起）。"
            for code, idx in self.merged.items()
        ]

    def geo_name(self, code: str) -> str:
        return next((m.area_name for m in self.features if m.code == code), "")

    def suggested_changes(self) -> pd.DataFrame:
        """区划代码变更 rows this file suggests (its old codes matched by name to new ones), in the template's
        headers; 变更年度 left for the clerk (the file does not say when). Load them as 区划代码变更."""
        rows = []
        for m in self.features:
            if m.status not in (BY_NAME, BY_RENAME) or not m.code:
                continue
            old = pad(m.file_code)
            if not old or old == m.code:
                continue
            rows.append([old, m.name, m.code, m.area_name, None, change_note(m.name, m.area_name)])
        return pd.DataFrame(rows, columns=["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"])

    def missing_frame(self, lang: str = "zh") -> pd.DataFrame:
        heads = ("Division code", "Name", "Kind") if lang == "en" else ("区划代码", "名称", "类型")
        return pd.DataFrame(self.missing, columns=list(heads))


@dataclass
class _Official:
    """The official list, as far as a file needs it."""

    areas: dict[str, tuple[str, str, str | None, str]]  # code -> (name, level, parent, kind)
    changes: dict[str, str]  # old code -> new code
    changed_names: dict[tuple[str | None, str], str]  # (parent, old name) -> new code
    shaped: set[str]

    @classmethod
    def load(cls, conn: Connection) -> _Official:
        areas = {
            code: (name, level, parent, kind)
            for code, name, level, parent, kind in conn.execute(
                select(Area.code, Area.name, Area.level, Area.parent_code, Area.kind).where(Area.level != "village")
            )
        }
        changes, names = {}, {}
        for old, new, old_name in conn.execute(
            select(AreaCodeChange.old_code, AreaCodeChange.new_code, AreaCodeChange.old_name)
        ):
            changes[old] = new
            if old_name:
                names[(parent_of(old), old_name)] = new
        shaped = set(conn.execute(select(AreaShape.area_code)).scalars())
        return cls(areas, changes, names, shaped)

    def children(self, parent: str | None, level: str) -> dict[str, str]:
        return {c: a[0] for c, a in self.areas.items() if a[1] == level and (parent is None or a[2] == parent)}


def _village_levels(conn: Connection, codes: list[str]) -> dict[str, tuple[str, str, str | None, str]]:
    out: dict[str, tuple[str, str, str | None, str]] = {}
    for i in range(0, len(codes), CHUNK):
        part = codes[i : i + CHUNK]
        stmt = select(Area.code, Area.name, Area.level, Area.parent_code, Area.kind).where(Area.code.in_(part))
        out |= {c: (n, lv, p, k) for c, n, lv, p, k in conn.execute(stmt)}
    return out


def _by_name(off: _Official, name: str, parent: str | None, level: str) -> tuple[str | None, str]:
    """The official unit a name means within its parent: (code, how) or (None, why not)."""
    if not name:
        return None, "没有名称，无法按名称匹配"
    kids = off.children(parent, level)
    exact = [c for c, n in kids.items() if n == name]
    if len(exact) == 1:
        return exact[0], f"名称“{name}”相同"
    new = off.changed_names.get((parent, name))
    if new and new in off.areas:
        return new, f"区划代码变更：{name} → {off.areas[new][0]}"
    if level == "township":
        same = [c for c, n in kids.items() if stem(n) == stem(name)]
        if len(same) == 1:
            return same[0], f"名称去掉乡/镇/街道后相同（{name} ↔ {kids[same[0]]}）"
    where = f"上级 {parent}" if parent else "区划表"
    return None, f"{where}中没有名为“{name}”的单位"


COUNTY_SUFFIXES = ("自治县", "自治旗", "县", "市", "区", "旗")


def county_stem(name: str) -> str:
    """A county-level name without its kind (孟津县, 孟津区 are both 孟津; 城区 stays 城区)."""
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def change_note(old: str, new: str) -> str:
    """What a name change was, as a 区划代码变更 row's 说明 says it (撤县设区 …)."""
    kinds = {"县": "县", "自治县": "县", "市": "市", "区": "区", "旗": "旗", "乡": "乡", "镇": "镇", "街道": "街道"}
    a = next((k for s, k in kinds.items() if old.endswith(s)), "")
    b = next((k for s, k in kinds.items() if new.endswith(s)), "")
    if a and b and a != b:
        return f"撤{a}设{b}"
    return "更名" if old != new else ""


def _by_rename(off: _Official, name: str, parent: str | None) -> tuple[str | None, str]:
    """A county whose 县/市/区/旗 changed within its parent (孟津县 → 孟津区): (code, why) or (None, why not).

    More than one candidate (孟津县 ↔ 孟津区 and 孟津新区) is not guessed at: it may be a split."""
    if not name or county_stem(name) == name:
        return None, ""
    kids = off.children(parent, "county")
    same = [c for c, n in kids.items() if county_stem(n) == county_stem(name) and n != name]
    if len(same) == 1:
        return same[0], f"名称仅县/市/区不同（{name} → {kids[same[0]]}，撤县设区等），请核对并按建议写入区划代码变更"
    if len(same) > 1:
        names = "、".join(kids[c] for c in same)
        return None, f"“{name}”对应多个现行单位（{names}），可能已拆分，未载入；请写入区划代码变更后重新载入"
    return None, ""


def _union(geoms: list[dict]) -> dict:
    """The shapes of merged units as one (shapely's union: shared borders dissolved, no land lost)."""
    u = unary_union([shape(g) for g in geoms])
    if u.geom_type not in ("Polygon", "MultiPolygon"):  # a union of polygons that touch only at a line
        u = unary_union([p for p in getattr(u, "geoms", [u]) if p.geom_type in ("Polygon", "MultiPolygon")])
    return json.loads(json.dumps(mapping(u)))  # tuples → lists, as GeoJSON


def file_system(doc: dict, system: str | None = None) -> tuple[str, str]:
    """The file's coordinate system and how it is known: named by the loader, declared, detected or assumed."""
    found, how = systems.detect(doc)
    if system in systems.SYSTEMS:
        said = "由载入人指定" + (f"；文件看起来是 {found}（{how}）" if found and found != system else "")
        return system, said
    if found:
        return found, how
    return (
        systems.WGS84,
        "文件未声明坐标系，按 WGS-84 处理；如为网络地图（DataV、高德）下载的 GCJ-02 坐标，请指定 GCJ-02",
    )


def match(conn: Connection, doc: dict, system: str | None = None) -> GeoReport:
    """Match every feature to the official list and check its geometry; writes nothing.

    ``system``: the file's coordinate system (WGS-84 or GCJ-02) as the loader says it; None:
    declared in the file, detected (DataV GeoAtlas: GCJ-02) or assumed WGS-84 — the report says which.
    Shapes and points come out in WGS-84.
    GeoError (the file is refused) when a feature is not a Feature or nothing can be loaded.
    """
    crs_name, crs_how = file_system(doc, system)
    off = _Official.load(conn)
    feats = doc["features"]
    raw_codes = []
    for f in feats:
        props = f.get("properties") if isinstance(f, dict) else None
        raw_codes.append(_code_of(props) if isinstance(props, dict) else None)
    village_codes = sorted({c for c in map(pad, raw_codes) if c and level_of(c) == "village"})
    off.areas |= _village_levels(conn, village_codes)
    problems: list[str] = []
    report: list[FeatureMatch] = []
    taken: dict[str, int] = {}
    parts: dict[str, list[tuple[int, dict]]] = {}  # code -> (feature, geometry): old units merged into one
    splits: list[str] = []
    out = GeoFile()
    levels: set[str] = set()
    for i, (f, raw) in enumerate(zip(feats, raw_codes, strict=True), start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(f, dict) or f.get("type") != "Feature" or not isinstance(props, dict | None):
            problems.append(f"第 {i} 个要素：不是 GeoJSON 要素（Feature）。")
            continue
        props = props or {}
        name = str(props.get("name") or props.get("名称") or "").strip()
        m = FeatureMatch(i, name, raw or "", UNMATCHED)
        report.append(m)
        code = pad(raw)
        if raw is not None and code is None:
            m.reason = f"区划代码“{raw}”不是 6、9 或 12 位数字"
        elif code is None and not name:
            m.reason = "缺少区划代码（属性 adcode、code 或 区划代码）和名称"
            continue
        named_parent = _parent_of(props)
        level = (
            level_of(code)
            if code
            else ("township" if named_parent and level_of(named_parent) == "county" else "county")
        )
        if code and level == "city":
            m.reason = f"区划代码 {code} 是市级，只能载入县(区)、乡镇(街道)边界和村(社区)位置"
            continue
        if code and code in off.areas:
            m.status, m.code, m.reason = BY_CODE, code, ""
        elif code and code in off.changes and off.changes[code] in off.areas:
            m.status, m.code = BY_HISTORY, off.changes[code]
            m.reason = f"区划代码 {code} 已变更为 {m.code}"
        elif level != "village":
            parent = parent_of(code) if code else _parent_of(props)
            found, why = _by_name(off, name, parent, level)
            renamed, rwhy = _by_rename(off, name, parent) if not found and level == "county" else (None, "")
            if found:
                m.status, m.code, m.reason = BY_NAME, found, (f"代码 {code} 不在区划表中；" if code else "") + why
            elif renamed:
                m.status, m.code, m.reason = BY_RENAME, renamed, (f"代码 {code} 不在区划表中；" if code else "") + rwhy
            elif rwhy:
                m.reason = (f"区划代码 {code} 在区划表中不存在，" if code else "") + rwhy
                splits.append(f"第 {i} 个要素（{name}）：{rwhy}")
            else:
                m.reason = (f"区划代码 {code} 在区划表中不存在（未知代码），" if code else "缺少区划代码，") + why
                if raw is None and not name:
                    m.reason = "缺少区划代码（属性 adcode、code 或 区划代码）"
        else:
            m.reason = f"区划代码 {code} 在区划表中不存在（未知代码）"
        if m.code is None:
            continue
        m.area_name = off.areas[m.code][0]
        lv = off.areas[m.code][1]
        bad = geometry_problem(f.get("geometry"), lv)
        if bad:
            m.status, m.reason = INVALID, f"区划代码 {m.code}：{bad}"
            continue
        if m.code in taken and lv != "village":  # two old units merged into one: their shapes are unioned
            parts.setdefault(m.code, [(taken[m.code], out.shapes[m.code])]).append(
                (i, systems.to_wgs84(f["geometry"], crs_name))
            )
            m.reason = (m.reason + "；" if m.reason else "") + f"与第 {taken[m.code]} 个要素同属 {m.code}，边界合并载入"
            continue
        if m.code in taken:
            m.status, m.reason, m.code = (
                UNMATCHED,
                f"与第 {taken[m.code]} 个要素对应同一区划 {m.code}，不重复载入",
                None,
            )
            continue
        taken[m.code] = i
        levels.add(lv)
        geom = systems.to_wgs84(f["geometry"], crs_name)
        if lv == "village":
            out.points[m.code] = (float(geom["coordinates"][0]), float(geom["coordinates"][1]))
        else:
            out.shapes[m.code] = {"type": geom["type"], "coordinates": geom["coordinates"]}
            out.centroids[m.code] = centroid(geom)
    if problems:
        raise GeoError(_capped(problems))
    for code, pieces in parts.items():
        out.shapes[code] = _union([g for _, g in pieces])
        out.centroids[code] = centroid(out.shapes[code])
    # official units of the file's levels, under the parents it covers, that still have no polygon
    parents = {off.areas[c][2] for c in out.shapes}
    missing = [
        (c, a[0], a[3])
        for c, a in sorted(off.areas.items())
        if a[1] in levels and a[1] != "village" and a[2] in parents and c not in out.shapes and c not in off.shaped
    ]
    rep = GeoReport(report, missing, out, tuple(sorted(levels)))
    rep.merged = {c: [i for i, _ in p] for c, p in parts.items()}
    rep.splits = splits
    rep.system, rep.system_how = crs_name, crs_how
    rep.notes = _offset_notes(conn, off, out) + _village_point_misses(conn, off, out)
    return rep


def _shape_of(conn: Connection, code: str, out: GeoFile):
    if code in out.shapes:
        return shape(out.shapes[code])
    g = conn.execute(select(AreaShape.geometry).where(AreaShape.area_code == code)).scalar()
    return shape(json.loads(g)) if g else None


def _offset_notes(conn: Connection, off: _Official, out: GeoFile) -> list[str]:
    """Townships of a county set beside the county's stored outline (two files in different systems):
    the centre of their union against the county's, said in metres when over 100 m."""
    notes = []
    by_county: dict[str, list[str]] = {}
    for c in out.shapes:
        _, level, parent, _ = off.areas[c]
        if level == "township" and parent:  # a township without its county has no outline to set beside
            by_county.setdefault(parent, []).append(c)
    for county, towns in sorted(by_county.items()):
        outline = _shape_of(conn, county, out)
        if outline is None or len(towns) < 3:
            continue
        union = unary_union([shape(out.shapes[c]) for c in towns])
        if union.area < 0.5 * outline.area:  # a few townships only: their centre says nothing
            continue
        a, b = outline.centroid, union.centroid
        d = systems.metres(a.x, a.y, b.x, b.y)
        if d > 100:
            east = "东" if b.x > a.x else "西"
            gx, gy = systems.wgs_to_gcj(a.x, a.y)  # k GCJ-02 offsets here (either way), and how far the shift is
            near = {
                (k, s): systems.metres(a.x + s * k * (gx - a.x), a.y + s * k * (gy - a.y), b.x, b.y)
                for k in (1, 2)
                for s in (1, -1)
            }
            k = next((k for (k, _), m in near.items() if m < 100), 0)
            like = {1: "，与一次 GCJ-02 偏移相符", 2: "，相当于两次 GCJ-02 偏移（有一个文件可能被重复转换）"}.get(k, "")
            notes.append(
                f"本文件的乡镇(街道)边界整体在{off.areas[county][0]}的县界以{east}约 {d:,.0f} 米{like}："
                "两个文件的坐标系可能不同（GCJ-02 与 WGS-84 相差约 300–600 米），请核对各自的坐标系后重新载入。"
            )
    return notes


def _village_point_misses(conn: Connection, off: _Official, out: GeoFile) -> list[str]:
    """Each village point (this file's) lies inside its township's polygon (this file's or stored):
    the misses, named; townships without a polygon are not checked."""
    misses, shapes = [], {}
    for code, (lon, lat) in sorted(out.points.items()):
        town = off.areas.get(code, ("", "", None, ""))[2]
        if town not in shapes:
            found = _shape_of(conn, town, out) if town else None
            shapes[town] = prep(found) if found is not None else None  # many points, one polygon: prepared
        poly = shapes[town]
        if poly is not None and not poly.covers(Point(lon, lat)):
            assert town is not None  # a polygon is only looked up for a village with a township
            misses.append(
                f"{off.areas[code][0]}（{code}）的位置不在{off.areas.get(town, ('', '', None, ''))[0]}的边界内"
            )
    if not misses:
        return []
    head = f"村(社区)位置不在所属乡镇(街道)边界内 {len(misses)} 个（坐标系不同或位置有误）："
    return [head + "；".join(misses[:MAX_MESSAGES]) + ("……" if len(misses) > MAX_MESSAGES else "")]


def _capped(problems: list[str]) -> list[str]:
    more = len(problems) - MAX_MESSAGES
    return problems[:MAX_MESSAGES] + ([f"……另有 {more} 处问题。"] if more > 0 else [])


def refusal(report: GeoReport, strict: bool) -> list[str] | None:
    """Why the file is refused as a whole (nothing loaded), or None."""
    bad = report.not_loaded
    if not report.geo.shapes and not report.geo.points:  # a file of village points alone loads (issue 29)
        why = [f"第 {m.index} 个要素" + (f"（{m.name}）" if m.name else "") + f"：{m.reason}。" for m in bad]
        return _capped(why or []) + ["文件中没有可以载入的乡镇(街道)或县(区)边界多边形，也没有村(社区)位置。"]
    if strict and bad:
        return _capped(
            [f"第 {m.index} 个要素" + (f"（{m.name}）" if m.name else "") + f"：{m.reason}。" for m in bad]
        ) + ["（--strict：有要素未能匹配或几何有误时整份文件不载入）"]
    return None


def validate(conn: Connection, doc: dict, strict: bool = True) -> GeoFile:
    """The matched features to write, or GeoError with every reason (``strict``: any feature unmatched refuses)."""
    report = match(conn, doc)
    why = refusal(report, strict)
    if why:
        raise GeoError(why)
    return report.geo


# ------------------------------------------------------- bounds and scope (issue 30)
# A boundary file is read only within these bounds, and a county's data staff change only
# their own county's shapes and village points. Kept apart from matching and geometry.
MAX_BYTES = 64 * 1024 * 1024
MAX_POSITIONS = 200_000  # about 3 s of checking on a quiet machine; a city's township file has far fewer
MAX_SECONDS = 20.0  # checking one file's features; beyond it the file is refused (a Chinese message)
_DEADLINE: ContextVar[float | None] = ContextVar("geo_deadline", default=None)
MAX_DEPTH = 12  # FeatureCollection → features → Feature → geometry → MultiPolygon's 4 levels, with room


def past_deadline() -> None:
    """GeoError once the file being checked has taken longer than MAX_SECONDS."""
    end = _DEADLINE.get()
    if end is not None and time.monotonic() > end:
        raise GeoError(
            [
                f"检查边界文件超过 {MAX_SECONDS:.0f} 秒，已停止，未载入；"
                "请先简化边界（如 mapshaper 简化到 10%）或按县(区)分成几个文件。"
            ]
        )


@contextmanager
def _bounded_time():
    token = _DEADLINE.set(time.monotonic() + MAX_SECONDS)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _walk_bounds(doc: object) -> tuple[int, int]:
    """(deepest nesting, positions): iteratively, so no nesting can exhaust the stack."""
    deepest, positions = 0, 0
    stack: list[tuple[object, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest, positions
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            if node and all(_is_number(v) for v in node[:2]) and not isinstance(node[0], list):
                positions += 1
                if positions > MAX_POSITIONS:
                    return deepest, positions
                continue
            stack.extend((v, depth + 1) for v in node if isinstance(v, dict | list))
    return deepest, positions


def read_bounded(raw: bytes, app: bool = True) -> dict:
    """``parse`` within bounds: size, coordinate points and nesting are checked before any
    geometry is, and every way the JSON reader itself can fail is said in Chinese. ``app``:
    the size and point limits of the app (the command line on the server takes a province)."""
    mb = len(raw) / 1024 / 1024
    if app and len(raw) > MAX_BYTES:
        raise GeoError(
            [f"文件过大（{mb:.0f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），未载入；请按县(区)分成几个文件。"]
        )
    # each coordinate point opens one '[': counted in C before the file is parsed at all
    if app and raw.count(b"[") > 2 * MAX_POSITIONS:
        raise GeoError(
            [
                f"文件的坐标点过多（约 {raw.count(b'[') // 1000} 千个，上限 {MAX_POSITIONS // 1000} 千个），未载入；"
                "请先简化边界（如 mapshaper 简化到 10%）或按县(区)分成几个文件。"
            ]
        )
    try:
        doc = parse(raw)
    except GeoError:
        raise
    except RecursionError as exc:
        raise GeoError([f"文件的括号嵌套层数过深（超过 {MAX_DEPTH} 层），不是有效的 GeoJSON 文件。"]) from exc
    except ValueError as exc:  # e.g. a number of 100,000 digits (Python refuses to convert it)
        raise GeoError(
            [f"文件中有无法读取的数值（如位数过多的数字：{str(exc)[:80]}），不是有效的 GeoJSON 文件。"]
        ) from exc
    depth, positions = _walk_bounds(doc)
    if depth > MAX_DEPTH:
        raise GeoError([f"文件的括号嵌套层数过深（超过 {MAX_DEPTH} 层），不是有效的 GeoJSON 文件。"])
    if app and positions > MAX_POSITIONS:
        raise GeoError(
            [f"文件的坐标点过多（超过 {MAX_POSITIONS // 1000} 千个），未载入；请先简化边界或按县(区)分成几个文件。"]
        )
    return doc


def refuse_outside(conn: Connection, report: GeoReport, scope: tuple[str, ...] | None) -> None:
    """A county's data staff (``scope``) change only their own county's boundaries and village
    points: a file with any matched feature of another county (or the city) is refused, naming them."""
    if scope is None:
        return
    own = set(scope)
    names = dict(conn.execute(select(Area.code, Area.name).where(Area.level.in_(("city", "county")))).all())
    outside = [(m, m.code) for m in report.features if m.code and (m.code[:6] + "000000") not in own]
    if not outside:
        return
    mine = "、".join(names.get(c, c) for c in sorted(own))
    why = [
        f"第 {m.index} 个要素（{m.name or m.area_name}，区划代码 {code}）属于"
        f"{names.get(code[:6] + '000000', '市本级')}，不在您负责的{mine}范围内。"
        for m, code in outside
    ]
    raise GeoError(
        _capped(why)
        + [f"县(区)数据管理员只能载入本县(区)（{mine}）的边界和村(社区)位置；整份文件未载入，未作任何改动。"]
    )


# ------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class GeoLoadResult:
    batch_id: int
    shapes_added: int
    shapes_replaced: int
    points_moved: int
    data_version: str
    report: GeoReport | None = None


def preview(engine: Engine, raw: bytes, scope: tuple[str, ...] | None = None, system: str | None = None) -> GeoReport:
    """The report of what a file would load (GeoError if it cannot be read, is too large, or
    touches a county outside ``scope``); writes nothing. ``system``: the file's coordinate
    system when the user declared it (else detected)."""
    doc = read_bounded(raw)
    with engine.connect() as conn, _bounded_time():
        report = match(conn, doc, system)
        refuse_outside(conn, report, scope)
        return report


def load_geojson(
    engine: Engine,
    raw: bytes,
    file_name: str,
    loaded_by: str = "cli",
    strict: bool = False,
    scope: tuple[str, ...] | None = None,
    system: str | None = None,
    in_time: bool = True,
) -> GeoLoadResult:
    """Match and load the matched features in one transaction; GeoError (nothing changed) if
    refused. ``scope``: the counties a county's data staff may change (None: any).
    ``in_time``: the app's bounds — points, size, MAX_SECONDS (the command line waits)."""
    doc = read_bounded(raw, app=in_time)
    with engine.begin() as conn:
        unbounded(conn)  # a province's boundaries take longer than a page may wait
        with _bounded_time() if in_time else nullcontext():
            report = match(conn, doc, system)
        refuse_outside(conn, report, scope)
        why = refusal(report, strict)
        if why:
            raise GeoError(why)
        r = write(conn, report.geo, raw, file_name, loaded_by, report)
    return r


def write(
    conn: Connection, geo: GeoFile, raw: bytes, file_name: str, loaded_by: str, report: GeoReport | None = None
) -> GeoLoadResult:
    """Write matched features in the caller's transaction."""
    codes = sorted(geo.shapes)
    existing: set[str] = set()
    for i in range(0, len(codes), CHUNK):
        part = codes[i : i + CHUNK]
        existing |= set(conn.execute(select(AreaShape.area_code).where(AreaShape.area_code.in_(part))).scalars())
    refused = len(report.not_loaded) if report else 0
    note = f"边界 {len(codes)} 个，村(社区)位置 {len(geo.points)} 个"
    if refused:
        note += f"；未载入 {refused} 个要素（未匹配或几何有误）"
    inserted = conn.execute(
        insert(LoadBatch).values(
            kind="geo",
            file_name=file_name[:255],
            checksum=hashlib.sha256(raw).hexdigest(),
            loaded_by=loaded_by[:64],
            loaded_at=dt.datetime.now(),
            rows_added=len(codes) - len(existing),
            rows_replaced=len(existing),
            rows_refused=refused,
            status="done",
            note=note,
        )
    )
    batch_id = inserted_id(inserted)
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
                    file_crs=report.system if report else None,
                )
                for c in part
            ],
        )
    for code, (lon, lat) in (geo.centroids | geo.points).items():
        conn.execute(update(Area).where(Area.code == code).values(lon=lon, lat=lat))
    # shapes and positions are not added up in the rollups: no slice to refresh
    audit = f"{file_name[:200]}（geo）边界 {len(codes)} 个，村(社区)位置 {len(geo.points)} 个，批次 {batch_id}"
    version = finish_load(conn, Touched.nothing(), Audit(loaded_by, "load", audit)).version
    return GeoLoadResult(batch_id, len(codes) - len(existing), len(existing), len(geo.points), version, report)


def load_file(
    engine: Engine, path: Path, loaded_by: str = "cli", strict: bool = False, system: str | None = None
) -> GeoLoadResult:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GeoError([f"无法读取文件 {path}：{exc.strerror or exc}。"]) from exc
    return load_geojson(engine, raw, Path(path).name, loaded_by, strict, system=system, in_time=False)
