"""The offline coverage map of the Organisation page (组织建设).

The map is a pydeck Deck that needs no base map: township polygons coloured by
status, county outlines and labels, village points, and a short text mark on every
township with a gap, so that no status is told by colour alone. Its base map is a
none at all (``map_provider=None`` and no ``map_style``): no tiles, no style, no request. Township
fills are opaque and are the legend's swatches. Its text summary and its table come from the same frames."""

from __future__ import annotations

import functools
import json
import math

import pandas as pd
import pydeck as pdk

from words import fmt
from words.i18n import text

from . import org_labels
from .org_labels import GAP_MARK, LEVEL_LABELS, STATUS_COLOUR_NAME, STATUS_RGB, TOWN_RGB, _date_text, _l, status_label
from .theme import FONT


def _village_style(s: str) -> dict:
    rgb = STATUS_RGB[s]
    return {
        # no association: a white dot in a thick coloured ring, readable on any township fill
        "fill": [255, 255, 255, 255] if s == "none" else [*rgb, 255],
        "line": [*rgb, 255] if s == "none" else [255, 255, 255, 255] if s == "staffed" else [40, 40, 40, 255],
        "radius": 520 if s == "none" else 420,
    }


VILLAGE_STYLE = {s: _village_style(s) for s in STATUS_RGB}


def polygons(geometry: str | None) -> list[list[list[list[float]]]]:
    """GeoJSON Polygon/MultiPolygon text → list of polygons (each a list of rings).

    Parsed once per text (a shape does not change with the year or the county chosen, so a
    filter change rebuilds the map without parsing 1,600 township outlines again); the
    lists returned are shared: read them, do not change them."""
    if not isinstance(geometry, str) or not geometry:  # no polygon loaded (None, or NaN in a frame)
        return []
    return _parsed(geometry)


@functools.lru_cache(maxsize=8192)
def _parsed(geometry: str) -> list[list[list[list[float]]]]:
    g = json.loads(geometry)
    if g.get("type") == "Polygon":
        return [g["coordinates"]]
    if g.get("type") == "MultiPolygon":
        return list(g["coordinates"])
    return []


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for(shapes: pd.DataFrame, width: int = 900, height: int = 560) -> pdk.ViewState:
    """A view that fits every polygon of ``shapes`` (its ``geometry`` column) in the frame."""
    xs, ys = [], []
    for geom in shapes.get("geometry", pd.Series(dtype=object)):
        for poly in polygons(geom):
            for x, y in poly[0]:
                xs.append(x)
                ys.append(y)
    if not xs:
        return pdk.ViewState(longitude=112.9, latitude=30.25, zoom=8)
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span_x = max(x1 - x0, 1e-4) / 360 * 512
    span_y = max(_mercator_y(y1) - _mercator_y(y0), 1e-6) / (2 * math.pi) * 512
    zoom = math.log2(min(width * 0.92 / span_x, height * 0.92 / span_y))
    return pdk.ViewState(
        longitude=round((x0 + x1) / 2, 5),
        latitude=round((y0 + y1) / 2, 5),
        zoom=round(min(zoom, 13.0), 2),
        pitch=0,
        bearing=0,
    )


def _tip_fields(df: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """The tooltip's fields of each row, column by column (a province has 24,170 villages)."""
    labels = {s: status_label(level, s, lang) for s in STATUS_RGB}
    en = lang == "en"
    none = text("chart_map_staff_none", lang)
    out = pd.DataFrame(
        {
            "name": df["name"],
            "code": df["code"],
            "level_label": _l(LEVEL_LABELS[level], lang),
            "status": df["status"],
            "status_label": [labels.get(s) or status_label(level, s, lang) for s in df["status"]],
            "established": [_date_text(d) for d in df["established_on"]],
            "staff": [
                (str(int(n)) if en else f"{int(n)}名") if s == "staffed" else none
                for s, n in zip(df["status"], df["staff_count"], strict=True)
            ],
        },
        index=df.index,
    )
    return out


def coverage_map(
    townships: pd.DataFrame,
    villages: pd.DataFrame,
    counties: pd.DataFrame,
    lang: str,
    width: int = 1000,
    height: int = 720,
    overdue: pd.DataFrame | None = None,
) -> pdk.Deck:
    """The offline coverage map for one year.

    ``townships``/``villages``: frames of ``queries.org_area_status`` (code, name, lon,
    lat, status, established_on, staff_count; townships also geometry). ``counties``:
    ``queries.org_county_shapes``. Layers, by id: townships (one row per polygon, fill
    by status), counties (outlines), villages (points: filled with staff, lighter with
    no staff, a hollow ring with no association), gap_marks (text on townships with a
    gap), county_labels; overdue_gaps (a red ring on each unit of ``overdue``: lon, lat — the
    gap ledger's overdue gaps), only when there are any.
    """
    t_rows = [
        tip | {"polygon": poly, "fill": [*TOWN_RGB[tip["status"]], 255]}
        for tip, geom in zip(
            _tip_fields(townships, "township", lang).to_dict("records"), townships["geometry"], strict=True
        )
        for poly in polygons(geom)
    ]
    # counties with no township polygon filled by their share of townships with a federation (issue 29)
    cov = org_labels.county_coverage(townships).set_index("county_code")
    county_fills = [
        {"name": name, "polygon": poly, "fill": [*org_labels.COVERAGE_BANDS[cov.at[code, "band"]][0], 255]}
        for code, name, geom in zip(counties["code"], counties["name"], counties["geometry"], strict=True)
        if code in cov.index and cov.at[code, "shaped"] == 0 and cov.at[code, "band"]
        for poly in polygons(geom)
    ]
    county_paths = [
        {"name": name, "path": poly[0]}
        for name, geom in zip(counties["name"], counties["geometry"], strict=True)
        for poly in polygons(geom)
    ]
    v_rows = [
        tip | {"position": [float(lon), float(lat)], **VILLAGE_STYLE[tip["status"]]}
        for tip, lon, lat in zip(
            _tip_fields(villages, "village", lang).to_dict("records"), villages["lon"], villages["lat"], strict=True
        )
        if lon is not None and not pd.isna(lon)
    ]
    # gap marks numbered as in the list beside the map; county names placed clear of them
    view = view_for(counties if len(counties) else townships, width, height)
    gaps = org_labels.gap_townships(townships, lang)
    marks = [
        {"text": mark, "position": [float(lon), float(lat)]}
        for mark, lon, lat in zip(gaps["mark"], gaps["lon"], gaps["lat"], strict=True)
        if lon is not None and not pd.isna(lon)
    ]
    spots = org_labels.county_label_spots(counties, townships, gaps, (view.longitude, view.latitude, view.zoom))
    labels = [{"text": s["text"], "position": s["position"]} for s in spots]
    under = [  # only when some county has no township polygon
        pdk.Layer(
            "PolygonLayer",
            id="county_fill",
            data=county_fills,
            get_polygon="polygon",
            get_fill_color="fill",
            stroked=False,
            filled=True,
            pickable=False,
        )
    ]
    layers = [
        *(under if county_fills else []),
        pdk.Layer(
            "PolygonLayer",
            id="townships",
            data=t_rows,
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "PathLayer",
            id="counties",
            data=county_paths,
            get_path="path",
            get_color=[30, 30, 30, 255],
            get_width=3,
            width_units='"pixels"',
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="villages",
            data=v_rows,
            get_position="position",
            get_fill_color="fill",
            get_line_color="line",
            get_radius="radius",
            radius_min_pixels=2.5,
            radius_max_pixels=9,
            line_width_min_pixels=1.5,
            stroked=True,
            filled=True,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="gap_marks",
            data=marks,
            get_position="position",
            get_text="text",
            get_size=org_labels.MARK_SIZE,
            get_color=[20, 20, 20, 255],
            character_set='"auto"',  # quoted: a constant, not an accessor expression
            font_family=f'"{FONT}"',
            background=True,
            get_background_color=[255, 255, 255, 215],
            background_padding=list(org_labels.MARK_PAD),
            get_pixel_offset=[0, org_labels.MARK_OFFSET],
        ),
        pdk.Layer(
            "TextLayer",
            id="county_labels",
            data=labels,
            get_position="position",
            get_text="text",
            get_size=org_labels.LABEL_SIZE,
            get_color=[17, 24, 39, 255],
            character_set='"auto"',  # quoted: a constant, not an accessor expression
            font_family=f'"{FONT}"',
            font_weight=700,
            background=True,
            get_background_color=[255, 255, 255, 230],
            background_padding=list(org_labels.LABEL_PAD),
        ),
    ]
    rings = [
        {"position": [float(lon), float(lat)]}
        for lon, lat in zip(overdue["lon"], overdue["lat"], strict=True)
        if lon is not None and not pd.isna(lon)
    ] if overdue is not None else []  # fmt: skip
    if rings:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="overdue_gaps",
                data=rings,
                get_position="position",
                get_radius=1,
                radius_min_pixels=13,
                radius_max_pixels=13,
                get_line_color=[200, 30, 30, 255],
                line_width_min_pixels=3,
                stroked=True,
                filled=False,
                pickable=False,
            )
        )
    html = text("chart_map_tooltip", lang)  # pydeck fills its {fields}: read without values
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=view,
        # no map_style: pydeck then writes its "default style" marker, which with no provider
        # Streamlit's front end reads as "no base map". An explicit map_style=None is left out
        # of the JSON, and the front end then fetches its own default base map from
        # basemaps.cartocdn.com (seen in Chromium with the network cut).
        map_provider=None,
        tooltip={
            "html": html,
            "style": {"fontFamily": FONT, "fontSize": "15px", "backgroundColor": "#111827", "color": "white"},
        },
    )
    return deck


def legend_items(lang: str) -> list[tuple[str, str, str]]:
    """(hex colour, colour name, meaning) for the map's legend, townships then villages."""
    out = []
    for s, rgb in TOWN_RGB.items():
        hexc = "#{:02X}{:02X}{:02X}".format(*rgb)
        mark = text("chart_map_legend_mark", lang, mark=_l(GAP_MARK[s], lang)) if s in GAP_MARK else ""
        out.append((hexc, _l(STATUS_COLOUR_NAME[s], lang), status_label("township", s, lang) + mark))
    return out


def county_legend_items(lang: str) -> list[tuple[str, str, str]]:
    """(hex colour, colour name, meaning) of the county fills (counties without township polygons)."""
    names = {
        "full": STATUS_COLOUR_NAME["staffed"],
        "most": STATUS_COLOUR_NAME["no_staff"],
        "few": STATUS_COLOUR_NAME["none"],
    }
    return [
        ("#{:02X}{:02X}{:02X}".format(*rgb), _l(names[band], lang), _l(meaning, lang))
        for band, (rgb, meaning) in org_labels.COVERAGE_BANDS.items()
    ]


def county_table(townships: pd.DataFrame, counties: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The county fills as a compact table beside the map: county, townships with a federation
    of all, share (the numbers the colours stand for, and nothing that is not on the map)."""
    cov = org_labels.county_coverage(townships)
    names = dict(zip(counties["code"], counties["name"], strict=True))
    en = lang == "en"
    rows = [
        (names.get(r.county_code, r.county_code), f"{int(r.covered)} / {int(r.total)}", f"{r.pct:.0f}%")
        for r in cov.sort_values(["pct", "county_code"]).itertuples()
    ]
    heads = ["County", "With a federation", "Share"] if en else ["县(区)", "已建残联", "覆盖率"]
    return pd.DataFrame(rows, columns=heads)


NAMES_IN_SUMMARY = 15  # more gap townships than this are counted in the summary, named in the gap list


def map_summary(townships: pd.DataFrame, villages: pd.DataFrame, year: int, scope: str, lang: str) -> str:
    """The map in words: counts of each status and the townships with a gap by name.

    ``villages``: the villages' rows (``org_area_status``) or their counts by status
    (``org_status_counts``: status, count)."""
    tc = townships["status"].value_counts()
    if "count" in villages.columns:
        vc = villages.set_index("status")["count"]
        nv = int(vc.sum())
    else:
        vc = villages["status"].value_counts()
        nv = len(villages)
    nt = len(townships)
    none_t = townships.loc[townships["status"] == "none", "name"].tolist()
    nostaff_t = townships.loc[townships["status"] == "no_staff", "name"].tolist()
    s = text(
        "chart_map_summary",
        lang,
        scope=scope,
        year=year,
        nt=nt,
        t_staffed=tc.get("staffed", 0),
        t_no_staff=tc.get("no_staff", 0),
        t_none=tc.get("none", 0),
        nv=nv,
        v_staffed=vc.get("staffed", 0),
        v_no_staff=vc.get("no_staff", 0),
        v_none=vc.get("none", 0),
    )
    if none_t:
        s += text("chart_map_no_federation", lang, names=_names(none_t, lang))
    if nostaff_t:
        s += text("chart_map_no_staff", lang, names=_names(nostaff_t, lang))
    if (
        lang != "en" and not none_t and not nostaff_t and vc.get("staffed", 0) == nv
    ):  # the slogan is told in Chinese only
        s += text("chart_map_all_served", lang)
    return s


def _names(names: list[str], lang: str) -> str:
    """A few names in full; many counted, the gap list below names them (not a 30-line paragraph)."""
    if len(names) <= NAMES_IN_SUMMARY:
        return fmt.items(names, lang)
    head = fmt.items(names[:NAMES_IN_SUMMARY], lang)
    return text("chart_map_names_more", lang, head=head, n=len(names), more=len(names) - NAMES_IN_SUMMARY)


def area_table(df: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """The map's information as a table (one row per township or village)."""
    en = lang == "en"
    cols = {
        "county_name": text("chart_county", lang),
        **({"township_name": text("chart_col_township", lang)} if level == "village" else {}),
        "name": ("Village" if level == "village" else "Township") if en else _l(LEVEL_LABELS[level], lang),
        "code": text("chart_col_code", lang),
        "status_label": text("chart_col_status", lang),
        "established": text("chart_col_established", lang),
        "staff": text("chart_col_staff", lang),
    }
    t = df.copy()
    tips = _tip_fields(df, level, lang)
    t["status_label"], t["established"], t["staff"] = tips["status_label"], tips["established"], tips["staff"]
    return t[list(cols)].rename(columns=cols).reset_index(drop=True)
