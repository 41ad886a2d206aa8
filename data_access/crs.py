"""Coordinate systems of boundary and point files (issue 29): WGS-84 / CGCS2000 (GPS, 天地图,
a GIS's own export) and GCJ-02 (the "Mars" offset every public Chinese web map applies: DataV
GeoAtlas, 高德, 腾讯). The database stores WGS-84; a GCJ-02 file is converted on load.

The forward transform is the published one (the constants of the Krasovsky 1940 ellipsoid
and the offset polynomials, as in eviltransform, prcoords and coordtransform). Its inverse
has no closed form: ``gcj_to_wgs`` iterates (a fixed-point on the forward offset) until the
round trip is within 1e-9° (about 0.1 mm), well inside the required metre. Outside China the
transform is the identity (the offset is only applied inside the country's rough box).

No package: the PyPI ones (eviltransform 2018, coord-convert 2019, prcoords 2019) are
unmaintained; these thirty lines are tested against their published values instead
(tests/test_geo_crs.py).
"""

from __future__ import annotations

import math

WGS84, GCJ02 = "WGS-84", "GCJ-02"
SYSTEMS = (WGS84, GCJ02)
NAMES_ZH = {
    WGS84: "WGS-84 / CGCS2000（GPS、天地图、GIS 导出）",
    GCJ02: "GCJ-02（DataV GeoAtlas、高德、腾讯等网络地图）",
}
NAMES_EN = {WGS84: "WGS-84 / CGCS2000 (GPS, Tianditu, GIS exports)", GCJ02: "GCJ-02 (DataV GeoAtlas, AMap, Tencent)"}

_A = 6378245.0  # Krasovsky 1940 semi-major axis
_EE = 0.00669342162296594323  # its first eccentricity squared


def out_of_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _dlat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def _offset(lon: float, lat: float) -> tuple[float, float]:
    dlat, dlon = _dlat(lon - 105.0, lat - 35.0), _dlon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sq) * math.pi)
    dlon = (dlon * 180.0) / (_A / sq * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs_to_gcj(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 → GCJ-02 (the published forward transform)."""
    if out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon: float, lat: float, tol: float = 1e-9, rounds: int = 30) -> tuple[float, float]:
    """GCJ-02 → WGS-84: the point whose forward transform is (lon, lat), by iteration."""
    if out_of_china(lon, lat):
        return lon, lat
    x, y = lon, lat
    for _ in range(rounds):
        fx, fy = wgs_to_gcj(x, y)
        ex, ey = fx - lon, fy - lat
        if abs(ex) < tol and abs(ey) < tol:
            break
        x, y = x - ex, y - ey
    return x, y


def metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def convert_coords(coords: object, fn) -> object:
    """A GeoJSON coordinates array with every position passed through ``fn(lon, lat)``."""
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
        lon, lat = fn(float(coords[0]), float(coords[1]))
        return [round(lon, 7), round(lat, 7), *coords[2:]]
    return [convert_coords(c, fn) for c in coords] if isinstance(coords, list | tuple) else coords


def to_wgs84(geom: dict, system: str) -> dict:
    """A geometry in ``system`` as WGS-84 (a new dict; WGS-84 is returned as it is)."""
    if system != GCJ02:
        return geom
    return {"type": geom["type"], "coordinates": convert_coords(geom["coordinates"], gcj_to_wgs)}


def detect(doc: dict) -> tuple[str | None, str]:
    """The system a file declares or looks like: (system or None, how it was told: a key of words/texts/geo.py).

    A ``crs`` member naming GCJ-02 or WGS 84 / CGCS2000 is a declaration; DataV GeoAtlas's
    own properties (adcode with center/centroid/acroutes/level) say GCJ-02 — their maps are 高德's.
    """
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", "")).lower().replace(":", "").replace("-", "")
        if "gcj" in name:
            return GCJ02, "geo_crs_declared_gcj"
        if any(k in name for k in ("4326", "crs84", "4490", "wgs84", "cgcs2000")):
            return WGS84, "geo_crs_declared_wgs"
    feats = doc.get("features") or []
    first: dict = next((p for f in feats if isinstance(f, dict) and isinstance(p := f.get("properties"), dict)), {})
    if "adcode" in first and any(k in first for k in ("center", "centroid", "acroutes", "childrenNum")):
        return GCJ02, "geo_crs_datav"
    return None, "geo_crs_undeclared"
