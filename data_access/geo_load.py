"""A federation's own boundaries, as they come: DataV GeoAtlas files and plain GeoJSON,
matched to the official division list and loaded into ``area_shapes`` in one transaction.

Each feature's code is read from ``adcode``, ``code`` or ``区划代码`` (integer or string;
6 digits for a county, 9 or 12 for a 乡级 unit, padded to 12). A feature is matched by
its code; failing that through the code history (``area_code_changes``: a 乡 that became
a 镇 has a new code); failing that by name within its parent (the code's county, or the
DataV ``parent.adcode``), where a name's 乡/镇/街道 suffix may differ (横桥乡 ↔ 横桥镇).
``match`` returns a report — every feature matched by code, by history or by name (to
which code) or not matched (and why), every official unit of the file's level left
without a polygon — and writes nothing. The report and a refusal keep what they found as
``Reason``s (a key of ``words/texts/geo.py`` and its values), said in the reader's language. ``write`` loads the matched features; features
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
from collections.abc import Mapping
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

from words.i18n import text

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


@dataclass(frozen=True)
class Reason:
    """A finding kept as data: a key of ``words/texts/geo.py`` and its values, said in either language.

    A value that is a Reason is said in the same language; a tuple of names is joined with 、 (", "),
    a list of Reasons with ； ("; ")."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        return text(self.key, lang, **{k: _said(v, lang) for k, v in self.values.items()})


def _said(v: object, lang: str) -> object:
    if isinstance(v, Reason):
        return v.say(lang)
    if isinstance(v, tuple):
        return ("、" if lang == "zh" else ", ").join(str(_said(x, lang)) for x in v)
    if isinstance(v, list):
        return say_all(v, lang)
    return v


def R(key: str, **values: object) -> Reason:
    return Reason(key, values)


def say_all(reasons: list[Reason], lang: str) -> str:
    """Reasons one after another: "A；B" (A; B)."""
    return ("；" if lang == "zh" else "; ").join(r.say(lang) for r in reasons)


class GeoError(ValueError):
    """A refused file: ``reasons`` are every problem found; ``lines(lang)`` says them.

    ``messages`` and the exception's text are the Chinese lines (the command line and the log say them)."""

    def __init__(self, reasons: list[Reason]) -> None:
        self.reasons = reasons
        super().__init__("\n".join(self.messages))

    def lines(self, lang: str) -> list[str]:
        return [r.say(lang) for r in self.reasons]

    @property
    def messages(self) -> list[str]:
        return self.lines("zh")


@dataclass
class GeoFile:
    """A validated file: shapes and points to write, by code."""

    shapes: dict[str, dict] = field(default_factory=dict)  # code -> geometry
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # village code -> (lon, lat)
    centroids: dict[str, tuple[float, float]] = field(default_factory=dict)


# ------------------------------------------------------------------ geometry checks


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _position_problem(p: object) -> Reason | None:
    if not isinstance(p, list) or len(p) < 2 or not all(_is_number(v) for v in p[:3]):
        return R("geo_bad_position")
    lon, lat = p[0], p[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return R("geo_out_of_range", lon=lon, lat=lat)
    return None


def ring_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False)) / 2


def ring_self_intersects(ring: list[list[float]]) -> bool:
    """Whether two non-adjacent edges of a closed ring touch or cross."""
    pts = [tuple(p[:2]) for p in ring]
    if len(set(pts)) < 3:
        return False
    return not LinearRing(pts).is_simple


def _ring_problem(ring: object) -> Reason | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return R("geo_ring_short")
    for p in ring:
        why = _position_problem(p)
        if why:
            return why
    if ring[0][:2] != ring[-1][:2]:
        return R("geo_ring_open")
    if abs(ring_area(ring)) < 1e-12:
        return R("geo_ring_zero")
    if ring_self_intersects(ring):
        return R("geo_ring_self")
    return None


def geometry_problem(geom: object, level: str) -> Reason | None:
    """What is wrong with a feature's geometry for an area of ``level``, or None."""
    past_deadline()  # bounded work (issue 30): a file that takes too long to check is refused
    if not isinstance(geom, dict) or "type" not in geom:
        return R("geo_no_geometry")
    kind, coords = geom.get("type"), geom.get("coordinates")
    if level == "village":
        if kind != "Point":
            return R("geo_village_not_point", kind=kind)
        return _position_problem(coords)
    if kind not in ("Polygon", "MultiPolygon"):
        return R("geo_not_polygon", kind=kind)
    polys = [coords] if kind == "Polygon" else coords
    if not isinstance(polys, list) or not polys or not all(isinstance(p, list) and p for p in polys):
        return R("geo_poly_empty")
    for poly in polys:
        for ring in poly:
            why = _ring_problem(ring)
            if why:
                return why
    try:
        shp = shape(geom)
    except (ValueError, TypeError, AttributeError):
        return R("geo_poly_format")
    if not shp.is_valid:
        why = explain_validity(shp)
        if "Self-intersection" in why or "Ring Self-intersection" in why:
            return R("geo_poly_self", why=why)
        return R("geo_poly_invalid", why=why)
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
        raise GeoError([R("geo_not_utf8", at=exc.start + 1)]) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoError([R("geo_not_json", line=exc.lineno, col=exc.colno, msg=exc.msg)]) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise GeoError([R("geo_not_collection", top='{"type": "FeatureCollection", "features": [...]}')])
    feats = doc.get("features")
    if not isinstance(feats, list) or not feats:
        raise GeoError([R("geo_no_features")])
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", "")).lower().replace(":", "")
        if name and not any(k in name for k in LONLAT_CRS):
            raise GeoError([R("geo_projected", name=crs.get("properties", {}).get("name"))])
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
STATUSES = (BY_CODE, BY_HISTORY, BY_NAME, BY_RENAME, UNMATCHED, INVALID)  # the report's order
# an official unit's kind (区划表 类型) as words/texts/geo.py says it
KIND_KEYS = {
    vocab.CITY: "geo_kind_city",
    vocab.DISTRICT: "geo_kind_district",
    vocab.COUNTY: "geo_kind_county",
    vocab.BANNER: "geo_kind_banner",
    vocab.XIANG: "geo_kind_xiang",
    vocab.TOWN: "geo_kind_town",
    vocab.STREET: "geo_kind_street",
    vocab.TOWNSHIP_LIKE: "geo_kind_township_like",
    vocab.VILLAGE: "geo_kind_village",
    vocab.COMMUNITY: "geo_kind_community",
}


def status_text(status: str, lang: str) -> str:
    """How a feature was matched, as the report's 结果 column says it."""
    return text(f"geo_status_{status}", lang)


@dataclass
class FeatureMatch:
    index: int
    name: str
    file_code: str
    status: str
    code: str | None = None
    area_name: str = ""
    reasons: list[Reason] = field(default_factory=list)  # why, as found; said one after another

    def why(self, lang: str) -> str:
        return say_all(self.reasons, lang)


@dataclass
class GeoReport:
    """What a file would load: every feature's match, and the official units left without a polygon.

    Findings are kept as ``Reason``s; every method that says them takes the language."""

    features: list[FeatureMatch]
    missing: list[tuple[str, str, str]]  # (code, name, kind) of units of the file's level with no polygon
    geo: GeoFile
    levels: tuple[str, ...] = ()
    system: str = systems.WGS84  # the file's coordinate system (stored as WGS-84 whatever it was)
    # declared, detected (DataV) or assumed: said to the reader
    system_how: Reason = field(default_factory=lambda: R("geo_crs_undeclared"))
    merged: dict[str, list[int]] = field(default_factory=dict)  # code -> features unioned into its shape
    splits: list[Reason] = field(default_factory=list)  # what may have been split (said, not guessed at)
    notes: list[Reason] = field(default_factory=list)  # offsets between files, village points outside their township

    @property
    def loadable(self) -> int:
        return len(self.geo.shapes) + len(self.geo.points)

    @property
    def not_loaded(self) -> list[FeatureMatch]:
        return [m for m in self.features if m.status in (UNMATCHED, INVALID)]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for m in self.features:
            out[m.status] += 1
        return out

    def summary(self, lang: str) -> str:
        """How many features were matched how, and how many will be loaded."""
        c = self.counts()
        renamed = text("geo_summary_renamed", lang, n=c[BY_RENAME]) if c[BY_RENAME] else ""
        return text(
            "geo_summary",
            lang,
            n=len(self.features),
            by_code=c[BY_CODE],
            by_history=c[BY_HISTORY],
            by_name=c[BY_NAME] + c[BY_RENAME],
            renamed=renamed,
            unmatched=c[UNMATCHED],
            invalid=c[INVALID],
            loadable=self.loadable,
        )

    def frame(self, lang: str) -> pd.DataFrame:
        heads = [
            text(f"geo_col_{k}", lang) for k in ("index", "file_name", "file_code", "result", "code", "area", "why")
        ]
        rows = [
            (m.index, m.name, m.file_code, status_text(m.status, lang), m.code or "", m.area_name, m.why(lang))
            for m in self.features
        ]
        return pd.DataFrame(rows, columns=heads)

    def system_line(self, lang: str) -> str:
        """The file's coordinate system and how it is known (GCJ-02: converted on loading)."""
        key = "geo_system_converted" if self.system == systems.GCJ02 else "geo_system"
        return text(key, lang, system=self.system, how=self.system_how.say(lang))

    def merged_lines(self, lang: str) -> list[str]:
        """One sentence per merged unit: which features were unioned into its shape."""
        return [
            text("geo_merged", lang, name=self.geo_name(code), code=code, features=_said(tuple(idx), lang))
            for code, idx in self.merged.items()
        ]

    def split_lines(self, lang: str) -> list[str]:
        return [r.say(lang) for r in self.splits]

    def note_lines(self, lang: str) -> list[str]:
        return [r.say(lang) for r in self.notes]

    def geo_name(self, code: str) -> str:
        return next((m.area_name for m in self.features if m.code == code), "")

    def suggested_changes(self) -> pd.DataFrame:
        """区划代码变更 rows this file suggests (its old codes matched by name to new ones), in the template's
        headers; 变更年度 left for the clerk (the file does not say when). Load them as 区划代码变更: the
        headers and the 说明 (撤县设区 …) are the template's, in Chinese whatever the page's language."""
        rows = []
        for m in self.features:
            if m.status not in (BY_NAME, BY_RENAME) or not m.code:
                continue
            old = pad(m.file_code)
            if not old or old == m.code:
                continue
            rows.append([old, m.name, m.code, m.area_name, None, change_note(m.name, m.area_name)])
        return pd.DataFrame(rows, columns=["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"])

    def missing_frame(self, lang: str) -> pd.DataFrame:
        heads = [text(f"geo_col_missing_{k}", lang) for k in ("code", "name", "kind")]
        rows = [(c, n, text(KIND_KEYS[k], lang) if k in KIND_KEYS else k) for c, n, k in self.missing]
        return pd.DataFrame(rows, columns=heads)


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


def _by_name(off: _Official, name: str, parent: str | None, level: str) -> tuple[str | None, Reason]:
    """The official unit a name means within its parent: (code, how) or (None, why not)."""
    if not name:
        return None, R("geo_name_none")
    kids = off.children(parent, level)
    exact = [c for c, n in kids.items() if n == name]
    if len(exact) == 1:
        return exact[0], R("geo_name_same", name=name)
    new = off.changed_names.get((parent, name))
    if new and new in off.areas:
        return new, R("geo_name_changed", name=name, new=off.areas[new][0])
    if level == "township":
        same = [c for c, n in kids.items() if stem(n) == stem(name)]
        if len(same) == 1:
            return same[0], R("geo_name_stem", name=name, official=kids[same[0]])
    if parent:
        return None, R("geo_name_absent_parent", parent=parent, name=name)
    return None, R("geo_name_absent", name=name)


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


def _by_rename(off: _Official, name: str, parent: str | None) -> tuple[str | None, Reason | None]:
    """A county whose 县/市/区/旗 changed within its parent (孟津县 → 孟津区): (code, why) or (None, why not).

    More than one candidate (孟津县 ↔ 孟津区 and 孟津新区) is not guessed at: it may be a split."""
    if not name or county_stem(name) == name:
        return None, None
    kids = off.children(parent, "county")
    same = [c for c, n in kids.items() if county_stem(n) == county_stem(name) and n != name]
    if len(same) == 1:
        return same[0], R("geo_rename", name=name, new=kids[same[0]])
    if len(same) > 1:
        return None, R("geo_rename_split", name=name, names=tuple(kids[c] for c in same))
    return None, None


def _union(geoms: list[dict]) -> dict:
    """The shapes of merged units as one (shapely's union: shared borders dissolved, no land lost)."""
    u = unary_union([shape(g) for g in geoms])
    if u.geom_type not in ("Polygon", "MultiPolygon"):  # a union of polygons that touch only at a line
        u = unary_union([p for p in getattr(u, "geoms", [u]) if p.geom_type in ("Polygon", "MultiPolygon")])
    return json.loads(json.dumps(mapping(u)))  # tuples → lists, as GeoJSON


def file_system(doc: dict, system: str | None = None) -> tuple[str, Reason]:
    """The file's coordinate system and how it is known: named by the loader, declared, detected or assumed."""
    found, how = systems.detect(doc)
    if system in systems.SYSTEMS:
        if found and found != system:
            return system, R("geo_crs_by_loader_seen", found=found, how=R(how))
        return system, R("geo_crs_by_loader")
    if found:
        return found, R(how)
    return systems.WGS84, R("geo_crs_assumed")


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
    problems: list[Reason] = []
    report: list[FeatureMatch] = []
    taken: dict[str, int] = {}
    parts: dict[str, list[tuple[int, dict]]] = {}  # code -> (feature, geometry): old units merged into one
    splits: list[Reason] = []
    out = GeoFile()
    levels: set[str] = set()
    for i, (f, raw) in enumerate(zip(feats, raw_codes, strict=True), start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(f, dict) or f.get("type") != "Feature" or not isinstance(props, dict | None):
            problems.append(R("geo_not_feature", i=i))
            continue
        props = props or {}
        name = str(props.get("name") or props.get("名称") or "").strip()
        m = FeatureMatch(i, name, raw or "", UNMATCHED)
        report.append(m)
        code = pad(raw)
        if raw is not None and code is None:
            m.reasons = [R("geo_code_form", raw=raw)]
        elif code is None and not name:
            m.reasons = [R("geo_no_code_no_name")]
            continue
        named_parent = _parent_of(props)
        level = (
            level_of(code)
            if code
            else ("township" if named_parent and level_of(named_parent) == "county" else "county")
        )
        if code and level == "city":
            m.reasons = [R("geo_city_code", code=code)]
            continue
        if code and code in off.areas:
            m.status, m.code, m.reasons = BY_CODE, code, []
        elif code and code in off.changes and off.changes[code] in off.areas:
            m.status, m.code = BY_HISTORY, off.changes[code]
            m.reasons = [R("geo_code_changed", code=code, new=m.code)]
        elif level != "village":
            parent = parent_of(code) if code else _parent_of(props)
            found, why = _by_name(off, name, parent, level)
            renamed, rwhy = _by_rename(off, name, parent) if not found and level == "county" else (None, None)
            not_listed = [R("geo_code_not_listed", code=code)] if code else []
            if found:
                m.status, m.code, m.reasons = BY_NAME, found, [*not_listed, why]
            elif renamed and rwhy:
                m.status, m.code, m.reasons = BY_RENAME, renamed, [*not_listed, rwhy]
            elif rwhy:
                m.reasons = [R("geo_code_absent_then", code=code, why=rwhy) if code else rwhy]
                splits.append(R("geo_split", i=i, name=name, why=rwhy))
            elif raw is None and not name:
                m.reasons = [R("geo_no_code")]
            else:
                m.reasons = [R("geo_code_unknown_then", code=code, why=why) if code else R("geo_no_code_then", why=why)]
        else:
            m.reasons = [R("geo_code_unknown", code=code)]
        if m.code is None:
            continue
        m.area_name = off.areas[m.code][0]
        lv = off.areas[m.code][1]
        bad = geometry_problem(f.get("geometry"), lv)
        if bad:
            m.status, m.reasons = INVALID, [R("geo_bad_geometry", code=m.code, why=bad)]
            continue
        if m.code in taken and lv != "village":  # two old units merged into one: their shapes are unioned
            parts.setdefault(m.code, [(taken[m.code], out.shapes[m.code])]).append(
                (i, systems.to_wgs84(f["geometry"], crs_name))
            )
            m.reasons = [*m.reasons, R("geo_merged_with", first=taken[m.code], code=m.code)]
            continue
        if m.code in taken:
            m.status, m.reasons, m.code = UNMATCHED, [R("geo_duplicate", first=taken[m.code], code=m.code)], None
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


def _offset_notes(conn: Connection, off: _Official, out: GeoFile) -> list[Reason]:
    """Townships of a county set beside the county's stored outline (two files in different systems):
    the centre of their union against the county's, said in metres when over 100 m."""
    notes: list[Reason] = []
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
            side = R("geo_east" if b.x > a.x else "geo_west")
            gx, gy = systems.wgs_to_gcj(a.x, a.y)  # k GCJ-02 offsets here (either way), and how far the shift is
            near = {
                (k, s): systems.metres(a.x + s * k * (gx - a.x), a.y + s * k * (gy - a.y), b.x, b.y)
                for k in (1, 2)
                for s in (1, -1)
            }
            k = next((k for (k, _), m in near.items() if m < 100), 0)
            like = {1: R("geo_offset_once"), 2: R("geo_offset_twice")}.get(k, "")
            notes.append(R("geo_offset", county=off.areas[county][0], side=side, metres=f"{d:,.0f}", like=like))
    return notes


def _village_point_misses(conn: Connection, off: _Official, out: GeoFile) -> list[Reason]:
    """Each village point (this file's) lies inside its township's polygon (this file's or stored):
    the misses, named; townships without a polygon are not checked."""
    misses: list[Reason] = []
    shapes = {}
    for code, (lon, lat) in sorted(out.points.items()):
        town = off.areas.get(code, ("", "", None, ""))[2]
        if town not in shapes:
            found = _shape_of(conn, town, out) if town else None
            shapes[town] = prep(found) if found is not None else None  # many points, one polygon: prepared
        poly = shapes[town]
        if poly is not None and not poly.covers(Point(lon, lat)):
            assert town is not None  # a polygon is only looked up for a village with a township
            name, town_name = off.areas[code][0], off.areas.get(town, ("", "", None, ""))[0]
            misses.append(R("geo_point_outside", name=name, code=code, town=town_name))
    if not misses:
        return []
    more = R("geo_more") if len(misses) > MAX_MESSAGES else ""
    return [R("geo_points_outside", n=len(misses), points=misses[:MAX_MESSAGES], more=more)]


def _capped(problems: list[Reason]) -> list[Reason]:
    more = len(problems) - MAX_MESSAGES
    return problems[:MAX_MESSAGES] + ([R("geo_more_problems", n=more)] if more > 0 else [])


def _feature_line(m: FeatureMatch) -> Reason:
    """第 3 个要素（横桥乡）：why."""
    if m.name:
        return R("geo_feature_named", i=m.index, name=m.name, why=m.reasons)
    return R("geo_feature", i=m.index, why=m.reasons)


def refusal_reasons(report: GeoReport, strict: bool) -> list[Reason] | None:
    """Why the file is refused as a whole (nothing loaded), or None; ``refusal`` says them."""
    bad = report.not_loaded
    if not report.geo.shapes and not report.geo.points:  # a file of village points alone loads (issue 29)
        return _capped([_feature_line(m) for m in bad]) + [R("geo_nothing_to_load")]
    if strict and bad:
        return _capped([_feature_line(m) for m in bad]) + [R("geo_strict")]
    return None


def refusal(report: GeoReport, strict: bool, lang: str) -> list[str] | None:
    """Why the file is refused as a whole (nothing loaded), in ``lang``, or None."""
    why = refusal_reasons(report, strict)
    return None if why is None else [r.say(lang) for r in why]


def validate(conn: Connection, doc: dict, strict: bool = True) -> GeoFile:
    """The matched features to write, or GeoError with every reason (``strict``: any feature unmatched refuses)."""
    report = match(conn, doc)
    why = refusal_reasons(report, strict)
    if why:
        raise GeoError(why)
    return report.geo


# ------------------------------------------------------- bounds and scope (issue 30)
# A boundary file is read only within these bounds, and a county's data staff change only
# their own county's shapes and village points. Kept apart from matching and geometry.
MAX_BYTES = 64 * 1024 * 1024
MAX_POSITIONS = 200_000  # about 3 s of checking on a quiet machine; a city's township file has far fewer
MAX_SECONDS = 20.0  # checking one file's features; beyond it the file is refused (a GeoError)
_DEADLINE: ContextVar[float | None] = ContextVar("geo_deadline", default=None)
MAX_DEPTH = 12  # FeatureCollection → features → Feature → geometry → MultiPolygon's 4 levels, with room


def past_deadline() -> None:
    """GeoError once the file being checked has taken longer than MAX_SECONDS."""
    end = _DEADLINE.get()
    if end is not None and time.monotonic() > end:
        raise GeoError([R("geo_too_slow", seconds=f"{MAX_SECONDS:.0f}")])


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
    geometry is, and every way the JSON reader itself can fail is said (a GeoError). ``app``:
    the size and point limits of the app (the command line on the server takes a province)."""
    mb = len(raw) / 1024 / 1024
    if app and len(raw) > MAX_BYTES:
        raise GeoError([R("geo_too_large", mb=f"{mb:.0f}", cap=MAX_BYTES // 1024 // 1024)])
    # each coordinate point opens one '[': counted in C before the file is parsed at all
    if app and raw.count(b"[") > 2 * MAX_POSITIONS:
        raise GeoError([R("geo_too_many_points_about", k=raw.count(b"[") // 1000, cap=MAX_POSITIONS // 1000)])
    try:
        doc = parse(raw)
    except GeoError:
        raise
    except RecursionError as exc:
        raise GeoError([R("geo_too_deep", n=MAX_DEPTH)]) from exc
    except ValueError as exc:  # e.g. a number of 100,000 digits (Python refuses to convert it)
        raise GeoError([R("geo_bad_number", msg=str(exc)[:80])]) from exc
    depth, positions = _walk_bounds(doc)
    if depth > MAX_DEPTH:
        raise GeoError([R("geo_too_deep", n=MAX_DEPTH)])
    if app and positions > MAX_POSITIONS:
        raise GeoError([R("geo_too_many_points", cap=MAX_POSITIONS // 1000)])
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
    mine = tuple(names.get(c, c) for c in sorted(own))
    why = [
        R(
            "geo_outside",
            i=m.index,
            name=m.name or m.area_name,
            code=code,
            county=names.get(code[:6] + "000000") or R("geo_city_itself"),
            mine=mine,
        )
        for m, code in outside
    ]
    raise GeoError(_capped(why) + [R("geo_outside_all", mine=mine)])


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
        why = refusal_reasons(report, strict)
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
        raise GeoError([R("geo_unreadable", path=str(path), err=str(exc.strerror or exc))]) from exc
    return load_geojson(engine, raw, Path(path).name, loaded_by, strict, system=system, in_time=False)
