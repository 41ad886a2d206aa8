"""Words and colours of the Organisation page (组织建设): status, measure, post and
association labels in both languages, shared by the map, the coverage charts and the tables."""

from __future__ import annotations

import math

import pandas as pd

# Okabe–Ito: blue, orange, vermillion differ in lightness as well as hue
STATUS_RGB = {"staffed": (0, 114, 178), "no_staff": (230, 159, 0), "none": (213, 94, 0)}

# Township fills, opaque so that a fill is exactly its legend swatch (a translucent fill
# over white changes the hue and no longer matches): the slide map's light blue for a
# township with its federation and staff, so the county borders, labels and the darker
# village points read on it; orange and vermillion for the gaps.
TOWN_RGB = {"staffed": (166, 206, 232), "no_staff": STATUS_RGB["no_staff"], "none": STATUS_RGB["none"]}
STATUS_COLOUR_NAME = {
    "staffed": ("浅蓝色", "light blue"),
    "no_staff": ("橙色", "orange"),
    "none": ("朱红色", "vermillion"),
}

# A county without township polygons (most cities: none are public) is filled by its share of
# townships with a federation, in the townships' own colours: all (light blue), half or more
# (orange), under half (vermillion); the legend and the table beside the map say the bands.
COVERAGE_BANDS = {
    "full": (TOWN_RGB["staffed"], ("全部乡镇(街道)已建残联", "Every township has a federation")),
    "most": (STATUS_RGB["no_staff"], ("过半乡镇(街道)已建残联", "Half or more have a federation")),
    "few": (STATUS_RGB["none"], ("不足一半乡镇(街道)已建残联", "Fewer than half have a federation")),
}


def coverage_band(covered: int, total: int) -> str | None:
    """The band of a county with ``covered`` of ``total`` townships with a federation (None: no township)."""
    if not total:
        return None
    return "full" if covered >= total else "most" if covered * 2 >= total else "few"


def county_coverage(towns: pd.DataFrame) -> pd.DataFrame:
    """Per county of ``towns`` (``org_area_status``: county_code, status, geometry): covered,
    total, pct, band, shaped (its townships with a polygon)."""
    if towns.empty:
        return pd.DataFrame(columns=["county_code", "covered", "total", "pct", "band", "shaped"])
    d = towns.assign(
        _cov=towns["status"].isin(("staffed", "no_staff")).astype(int),
        _shp=towns["geometry"].notna().astype(int) if "geometry" in towns else 0,
    )
    g = d.groupby("county_code").agg(covered=("_cov", "sum"), total=("_cov", "size"), shaped=("_shp", "sum"))
    g = g.reset_index()
    g["pct"] = g["covered"] / g["total"] * 100
    g["band"] = [coverage_band(c, n) for c, n in zip(g["covered"], g["total"], strict=True)]
    return g


STATUS_LABELS = {
    "township": {
        "staffed": ("已建残联，已配专职人员", "Federation with full-time staff"),
        "no_staff": ("已建残联，未配专职人员", "Federation, no full-time staff"),
        "none": ("未建残联", "No federation"),
    },
    "village": {
        "staffed": ("已建残协，已配专职委员", "Association with full-time staff"),
        "no_staff": ("已建残协，未配专职委员", "Association, no full-time staff"),
        "none": ("未建残协", "No association"),
    },
}

# the short mark written on a township with a gap (the map's non-colour cue)
GAP_MARK = {"no_staff": ("缺专职", "no staff"), "none": ("未建", "none")}

MEASURE_LABELS = {
    "township": ("乡镇(街道)残联覆盖率", "Townships with a federation"),
    "township_staff": ("乡镇(街道)专职人员配备率", "Township federations with full-time staff"),
    "village": ("村(社区)残协覆盖率", "Villages with an association"),
    "village_staff": ("村(社区)专职委员配备率", "Villages with full-time staff"),
}

ORG_TYPE_LABELS = {
    "party_group": ("残联党组", "Party group"),
    "assoc_blind": ("盲协", "Blind"),
    "assoc_deaf": ("聋协", "Deaf"),
    "assoc_physical": ("肢协", "Physical"),
    "assoc_intellectual": ("智协", "Intellectual"),
    "assoc_mental": ("精协", "Mental"),
}

POST_KIND_LABELS = {
    "centre_posts": ("市残疾人事业服务中心编制", "City service centre posts"),
    "admin_posts": ("县级行政编制", "County administrative posts"),
    "public_welfare_posts": ("县级公益一类事业编制", "County public-service posts"),
    "paid_hires": ("“以钱养事”工作人员", "Contracted staff (以钱养事)"),
    "vice_chairs": ("兼(挂)职副理事长", "Part-time/seconded vice-chairs"),
}

LEVEL_LABELS = {
    "township": ("乡镇(街道)", "Township"),
    "village": ("村(社区)", "Village"),
    "city": ("市级", "City"),
    "county": ("县级", "County"),
}

CITY_LEVEL = ("市本级", "City federation")


def _l(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def status_label(level: str, status: str, lang: str) -> str:
    return _l(STATUS_LABELS[level][status], lang)


def measure_label(measure: str, lang: str) -> str:
    return _l(MEASURE_LABELS[measure], lang)


def pct_text(v: float | None) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:.1f}%"


def _date_text(d: object) -> str:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return "—"
    return str(d)[:10]


# ------------------------------------------------------------------ label placement
# Pure geometry shared by the page's map (pydeck, at its first view) and the slide's map
# (plotly): boxes in pixels, centre x, centre y, width, height; y grows downwards.

Box = tuple[float, float, float, float]
MARK_SIZE, MARK_PAD, MARK_OFFSET = 13, (3, 1), -14  # the page map's gap marks: px, padding, lift
LABEL_SIZE, LABEL_PAD = 18, (5, 2)  # its county labels
GAP_ORDER = ("none", "no_staff")  # the gap list: townships without a federation first


def text_size(text: str, size: float, pad: tuple[float, float] = (0, 0)) -> tuple[float, float]:
    """The box of one line of ``text`` at ``size`` px, a little over (CJK 1 em, Latin 0.62 em)."""
    em = sum(1.0 if ord(ch) > 0x2E7F else 0.62 for ch in text)
    return em * size + 2 * pad[0] + 2, size * 1.25 + 2 * pad[1]


def overlaps(a: Box, b: Box, gap: tuple[float, float] = (0, 0)) -> bool:
    return abs(a[0] - b[0]) < (a[2] + b[2]) / 2 + gap[0] and abs(a[1] - b[1]) < (a[3] + b[3]) / 2 + gap[1]


def around(x: float, y: float, step: float = 16, rings: int = 10) -> list[tuple[float, float]]:
    """Spots around (x, y), nearest first: rings of 8·k points, ``step`` px apart."""
    out = []
    for k in range(1, rings + 1):
        n = 8 * k
        out += [(x + k * step * math.cos(2 * math.pi * i / n), y + k * step * 0.6 * math.sin(2 * math.pi * i / n))
                for i in range(n)]  # fmt: skip
    return out


def place_labels(
    candidates: dict[str, list[tuple[float, float]]],
    sizes: dict[str, tuple[float, float]],
    avoid: list[Box],
    gap: tuple[float, float] = (4, 2),
) -> dict[str, tuple[float, float]]:
    """A spot for each label whose box overlaps no label placed before it and no box of
    ``avoid`` (gap marks): its first free candidate, else the nearest free spot around its
    first candidate. A label with no free spot at all is left out (the caller names it in
    words), never drawn over a mark."""
    placed: dict[str, tuple[float, float]] = {}
    taken: list[Box] = []
    for key, cands in candidates.items():
        w, h = sizes[key]
        spots = [*cands, *around(*cands[0])] if cands else []
        for x, y in spots:
            box = (x, y, w, h)
            if not any(overlaps(box, b, gap) for b in taken) and not any(overlaps(box, a) for a in avoid):
                placed[key] = (x, y)
                taken.append(box)
                break
    return placed


def _world(zoom: float) -> float:
    return 512 * 2**zoom  # deck.gl's Web Mercator: 512 px for the world at zoom 0


def to_px(lon: float, lat: float, view: tuple[float, float, float]) -> tuple[float, float]:
    """A point in pixels from the centre of a map at ``view`` (longitude, latitude, zoom)."""
    w = _world(view[2])

    def merc(la: float) -> float:
        la = max(min(la, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(la) / 2))

    return (lon - view[0]) / 360 * w, (merc(view[1]) - merc(lat)) / (2 * math.pi) * w


def from_px(x: float, y: float, view: tuple[float, float, float]) -> tuple[float, float]:
    w = _world(view[2])
    m0 = math.log(math.tan(math.pi / 4 + math.radians(max(min(view[1], 85.0), -85.0)) / 2))
    return view[0] + x / w * 360, math.degrees(2 * math.atan(math.exp(m0 - y / w * 2 * math.pi)) - math.pi / 2)


def gap_townships(towns: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The townships with a gap, numbered as on the map and in the list beside it: without a
    federation first, then without staff, each by county and code. Columns: number, name,
    code, county_code, status, mark (the text on the map), lon, lat. Only townships drawn on
    the map (with a polygon) are numbered: a number not on the map means nothing (issue 29)."""
    drawn = towns["geometry"].notna() if "geometry" in towns else True
    g = towns[towns["status"].isin(GAP_ORDER) & drawn].copy()
    g["_order"] = g["status"].map({s: i for i, s in enumerate(GAP_ORDER)})
    sort = ["_order", *[c for c in ("county_code", "code") if c in g.columns]]
    g = g.sort_values(sort).reset_index(drop=True)
    g["number"] = range(1, len(g) + 1)
    g["mark"] = [f"{n} {_l(GAP_MARK[s], lang)}" for n, s in zip(g["number"], g["status"], strict=True)]
    return g.drop(columns="_order")


def mark_box(lon: float, lat: float, text: str, view: tuple[float, float, float]) -> Box:
    """The page map's gap mark (lifted MARK_OFFSET px) and the township's middle under it."""
    x, y = to_px(lon, lat, view)
    w, h = text_size(text, MARK_SIZE, MARK_PAD)
    return x, y + MARK_OFFSET / 2, max(w, 20), h - MARK_OFFSET


def county_label_spots(
    counties: pd.DataFrame, towns: pd.DataFrame, marks: pd.DataFrame, view: tuple[float, float, float]
) -> list[dict]:
    """Where the page map writes each county's name at its first view (longitude, latitude,
    zoom): clear of every gap mark and of the other names. ``marks``: ``gap_townships``.
    One dict per placed name: text, position [lon, lat], box (px, for tests)."""
    avoid = [
        mark_box(lon, lat, text, view)
        for lon, lat, text in zip(marks["lon"], marks["lat"], marks["mark"], strict=True)
        if lon is not None and not pd.isna(lon)
    ]
    cands: dict[str, list[tuple[float, float]]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    for code, name, lon, lat in zip(counties["code"], counties["name"], counties["lon"], counties["lat"], strict=True):
        if lon is None or pd.isna(lon):
            continue
        mine = towns[(towns["county_code"] == code) & towns["lon"].notna()] if "county_code" in towns else towns[:0]
        pts = sorted(zip(mine["lon"], mine["lat"], strict=True), key=lambda p: (p[0] - lon) ** 2 + (p[1] - lat) ** 2)
        cands[code] = [to_px(lon, lat, view)] + [to_px(*p, view) for p in pts]
        sizes[code] = text_size(name, LABEL_SIZE, LABEL_PAD)
        names[code] = name
    spots = place_labels(cands, sizes, avoid)
    return [
        {"code": c, "text": names[c], "position": list(from_px(*p, view)), "box": (*p, *sizes[c])}
        for c, p in spots.items()
    ]
