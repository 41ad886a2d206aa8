"""Charts, the offline map and the findings of the Organisation coverage page (组织建设).

The map is a pydeck Deck that needs no base map: township polygons coloured by
status, county outlines and labels, village points, and a short text mark on every
township with a gap, so that no status is told by colour alone. Its base map is a
blank style of its own (``BLANK_STYLE``): no tiles, no tokens, no request at all. Findings are Chinese sentences computed from the
same frames the charts draw.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from .basic import fmt_number, lines
from .theme import FONT, PALETTE, PATTERNS, layout

# Okabe–Ito: blue, orange, vermillion differ in lightness as well as hue
STATUS_RGB = {"staffed": (0, 114, 178), "no_staff": (230, 159, 0), "none": (213, 94, 0)}
# Township fills, opaque so that a fill is exactly its legend swatch (a translucent fill
# over white changes the hue and no longer matches): the slide map's light blue for a
# township with its federation and staff, so the county borders, labels and the darker
# village points read on it; orange and vermillion for the gaps.
TOWN_RGB = {"staffed": (166, 206, 232), "no_staff": STATUS_RGB["no_staff"], "none": STATUS_RGB["none"]}
# a base map that is only white paper: nothing to fetch
BLANK_STYLE = {
    "version": 8,
    "sources": {},
    "layers": [{"id": "paper", "type": "background", "paint": {"background-color": "#FFFFFF"}}],
}
STATUS_COLOUR_NAME = {
    "staffed": ("浅蓝色", "light blue"),
    "no_staff": ("橙色", "orange"),
    "none": ("朱红色", "vermillion"),
}
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
MEASURE_UNITS = {  # what is counted, for "86 / 100 个乡镇(街道)"
    "township": ("个乡镇(街道)", "townships"),
    "township_staff": ("个乡镇(街道)", "townships"),
    "village": ("个村(社区)", "villages"),
    "village_staff": ("个村(社区)", "villages"),
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


def status_label(level: str, status: str, lang: str = "zh") -> str:
    return _l(STATUS_LABELS[level][status], lang)


def measure_label(measure: str, lang: str = "zh") -> str:
    return _l(MEASURE_LABELS[measure], lang)


def pct_text(v: float | None) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:.1f}%"


def _date_text(d: object) -> str:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return "—"
    return str(d)[:10]


def grouped_bars_labelled(
    df: pd.DataFrame, x: str, y: str, series: str, x_title: str, y_title: str, text: str = "%{y:.0f}"
) -> go.Figure:
    """Bars by category and series, each series with its own colour *and* fill pattern
    drawn over the colour (``fillmode="overlay"``), and its value written on it."""
    fig = go.Figure()
    for k, (name, g) in enumerate(df.groupby(series, sort=False)):
        fig.add_trace(
            go.Bar(
                x=g[x],
                y=g[y],
                name=str(name),
                texttemplate=text,
                textposition="outside",
                textfont={"size": 12},
                cliponaxis=False,
                marker={
                    "color": PALETTE[k % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[k % len(PATTERNS)], "fgcolor": "white", "fillmode": "overlay"},
                },
            )
        )
    fig = layout(fig, None, x_title, y_title)
    fig.update_layout(barmode="group", bargap=0.18, bargroupgap=0.04)
    return fig


# ------------------------------------------------------------------------ the map


def polygons(geometry: str | None) -> list[list[list[list[float]]]]:
    """GeoJSON Polygon/MultiPolygon text → list of polygons (each a list of rings)."""
    if not geometry:
        return []
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
    out = pd.DataFrame(
        {
            "name": df["name"],
            "code": df["code"],
            "level_label": _l(LEVEL_LABELS[level], lang),
            "status": df["status"],
            "status_label": [status_label(level, s, lang) for s in df["status"]],
            "established": [_date_text(d) for d in df["established_on"]],
            "staff": [
                (f"{int(n)}名" if lang != "en" else str(int(n)))
                if s == "staffed"
                else ("未配备" if lang != "en" else "none")
                for s, n in zip(df["status"], df["staff_count"], strict=True)
            ],
        }
    )
    return out


def coverage_map(
    townships: pd.DataFrame,
    villages: pd.DataFrame,
    counties: pd.DataFrame,
    lang: str = "zh",
    width: int = 1000,
    height: int = 720,
) -> pdk.Deck:
    """The offline coverage map for one year.

    ``townships``/``villages``: frames of ``queries.org_area_status`` (code, name, lon,
    lat, status, established_on, staff_count; townships also geometry). ``counties``:
    ``queries.org_county_shapes``. Layers, by id: townships (one row per polygon, fill
    by status), counties (outlines), villages (points: filled with staff, lighter with
    no staff, a hollow ring with no association), gap_marks (text on townships with a
    gap), county_labels.
    """
    t_tips = _tip_fields(townships, "township", lang)
    t_rows = []
    for (_, tip), geom in zip(t_tips.iterrows(), townships["geometry"], strict=True):
        for poly in polygons(geom):
            t_rows.append(tip.to_dict() | {"polygon": poly, "fill": [*TOWN_RGB[tip["status"]], 255]})
    county_paths = [
        {"name": name, "path": poly[0]}
        for name, geom in zip(counties["name"], counties["geometry"], strict=True)
        for poly in polygons(geom)
    ]
    v_tips = _tip_fields(villages, "village", lang)
    v_rows = []
    for (_, tip), lon, lat in zip(v_tips.iterrows(), villages["lon"], villages["lat"], strict=True):
        if lon is None or pd.isna(lon):
            continue
        rgb = STATUS_RGB[tip["status"]]
        s = tip["status"]
        v_rows.append(
            tip.to_dict()
            | {
                "position": [float(lon), float(lat)],
                # no association: a white dot in a thick coloured ring, readable on any township fill
                "fill": [255, 255, 255, 255] if s == "none" else [*rgb, 255],
                "line": [*rgb, 255] if s == "none" else [255, 255, 255, 255] if s == "staffed" else [40, 40, 40, 255],
                "radius": 520 if s == "none" else 420,
            }
        )
    marks = [
        {"text": _l(GAP_MARK[s], lang), "position": [float(lon), float(lat)]}
        for s, lon, lat in zip(townships["status"], townships["lon"], townships["lat"], strict=True)
        if s in GAP_MARK and lon is not None and not pd.isna(lon)
    ]
    labels = [
        {"text": name, "position": [float(lon), float(lat)]}
        for name, lon, lat in zip(counties["name"], counties["lon"], counties["lat"], strict=True)
        if lon is not None and not pd.isna(lon)
    ]
    layers = [
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
            get_size=13,
            get_color=[20, 20, 20, 255],
            character_set='"auto"',  # quoted: a constant, not an accessor expression
            font_family=f'"{FONT}"',
            background=True,
            get_background_color=[255, 255, 255, 215],
            background_padding=[3, 1],
            get_pixel_offset=[0, -14],
        ),
        pdk.Layer(
            "TextLayer",
            id="county_labels",
            data=labels,
            get_position="position",
            get_text="text",
            get_size=18,
            get_color=[17, 24, 39, 255],
            character_set='"auto"',  # quoted: a constant, not an accessor expression
            font_family=f'"{FONT}"',
            font_weight=700,
            background=True,
            get_background_color=[255, 255, 255, 230],
            background_padding=[5, 2],
        ),
    ]
    if lang == "en":
        html = "<b>{name}</b> ({level_label})<br/>Code: {code}<br/>{status_label}<br/>Established: {established}<br/>Full-time staff: {staff}"
    else:
        html = "<b>{name}</b>（{level_label}）<br/>区划代码：{code}<br/>{status_label}<br/>成立日期：{established}<br/>专职人员：{staff}"
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=view_for(counties if len(counties) else townships, width, height),
        map_style=None,
        map_provider=None,
        tooltip={
            "html": html,
            "style": {"fontFamily": FONT, "fontSize": "15px", "backgroundColor": "#111827", "color": "white"},
        },
    )
    # pydeck leaves map_provider=None out of the JSON, and Streamlit's front end then gives a
    # map view with no style its default base map (a style from basemaps.cartocdn.com) — an
    # outbound request. A style of our own with no source, sprite or glyphs asks for nothing.
    # (pydeck's constructor takes a dict style only for Mapbox, hence set after it.)
    deck.map_style = BLANK_STYLE
    return deck


def legend_items(lang: str = "zh") -> list[tuple[str, str, str]]:
    """(hex colour, colour name, meaning) for the map's legend, townships then villages."""
    out = []
    for s, rgb in TOWN_RGB.items():
        hexc = "#{:02X}{:02X}{:02X}".format(*rgb)
        mark = (
            f"（{_l(GAP_MARK[s], lang)}）"
            if s in GAP_MARK and lang != "en"
            else f" ({_l(GAP_MARK[s], lang)})"
            if s in GAP_MARK
            else ""
        )
        out.append((hexc, _l(STATUS_COLOUR_NAME[s], lang), status_label("township", s, lang) + mark))
    return out


def map_summary(townships: pd.DataFrame, villages: pd.DataFrame, year: int, scope: str, lang: str = "zh") -> str:
    """The map in words: counts of each status and the townships with a gap by name."""
    tc = townships["status"].value_counts()
    vc = villages["status"].value_counts()
    nt, nv = len(townships), len(villages)
    none_t = townships.loc[townships["status"] == "none", "name"].tolist()
    nostaff_t = townships.loc[townships["status"] == "no_staff", "name"].tolist()
    if lang == "en":
        s = (
            f"{scope}, end of {year}: of {nt} townships, {tc.get('staffed', 0)} have a federation with full-time staff, "
            f"{tc.get('no_staff', 0)} a federation without staff, {tc.get('none', 0)} no federation; of {nv} villages, "
            f"{vc.get('staffed', 0)} have an association with full-time staff, {vc.get('no_staff', 0)} an association "
            f"without staff, {vc.get('none', 0)} no association."
        )
        if none_t:
            s += f" Townships without a federation: {', '.join(none_t)}."
        if nostaff_t:
            s += f" Without full-time staff: {', '.join(nostaff_t)}."
        return s
    s = (
        f"{scope}{year}年末：{nt}个乡镇(街道)中，{tc.get('staffed', 0)}个已建残联并配备专职人员，"
        f"{tc.get('no_staff', 0)}个已建残联但未配专职人员，{tc.get('none', 0)}个未建残联；"
        f"{nv}个村(社区)中，{vc.get('staffed', 0)}个已建残协并配备专职委员，{vc.get('no_staff', 0)}个已建残协但未配专职委员，"
        f"{vc.get('none', 0)}个未建残协。"
    )
    if none_t:
        s += f"未建残联的乡镇(街道)：{'、'.join(none_t)}。"
    if nostaff_t:
        s += f"未配专职人员的乡镇(街道)：{'、'.join(nostaff_t)}。"
    if not none_t and not nostaff_t and vc.get("staffed", 0) == nv:
        s += "已实现“乡乡有机构、村村有服务”。"
    return s


def area_table(df: pd.DataFrame, level: str, lang: str = "zh") -> pd.DataFrame:
    """The map's information as a table (one row per township or village)."""
    en = lang == "en"
    cols = {
        "county_name": "County" if en else "县(区)",
        **({"township_name": "Township" if en else "乡镇(街道)"} if level == "village" else {}),
        "name": ("Village" if level == "village" else "Township") if en else _l(LEVEL_LABELS[level], lang),
        "code": "Division code" if en else "区划代码",
        "status_label": "Status" if en else "状态",
        "established": "Established" if en else "成立日期",
        "staff": "Full-time staff" if en else "专职人员",
    }
    t = df.copy()
    tips = _tip_fields(df, level, lang)
    t["status_label"], t["established"], t["staff"] = tips["status_label"], tips["established"], tips["staff"]
    return t[list(cols)].rename(columns=cols).reset_index(drop=True)


# ------------------------------------------------------------------ coverage figures


def coverage_wide(
    by_county: pd.DataFrame, total: pd.DataFrame, names: Mapping[str, str], scope: str, lang: str = "zh"
) -> pd.DataFrame:
    """Counts and % per county (rows) and measure, with a first row for the whole selection."""
    en = lang == "en"
    rows = []

    def row(label: str, df: pd.DataFrame) -> dict:
        d = df.set_index("measure")
        r = {"County" if en else "县(区)": label}
        r["Townships" if en else "乡镇(街道)数"] = int(d.loc["township", "total"])
        r["with federation" if en else "已建残联"] = int(d.loc["township", "covered"])
        r["federation %" if en else "残联覆盖率(%)"] = round(float(d.loc["township", "pct"]), 1)
        r["with staff" if en else "已配专职人员"] = int(d.loc["township_staff", "covered"])
        r["staff %" if en else "专职人员配备率(%)"] = round(float(d.loc["township_staff", "pct"]), 1)
        r["Villages" if en else "村(社区)数"] = int(d.loc["village", "total"])
        r["with association" if en else "已建残协"] = int(d.loc["village", "covered"])
        r["association %" if en else "残协覆盖率(%)"] = round(float(d.loc["village", "pct"]), 1)
        r["with full-time staff" if en else "已配专职委员"] = int(d.loc["village_staff", "covered"])
        r["full-time staff %" if en else "专职委员配备率(%)"] = round(float(d.loc["village_staff", "pct"]), 1)
        return r

    rows.append(row(scope, total))
    for code, g in by_county.groupby("county_code", sort=True):
        rows.append(row(names.get(code, code), g))
    return pd.DataFrame(rows)


def county_figure(by_county: pd.DataFrame, names: Mapping[str, str], lang: str = "zh") -> go.Figure:
    """Coverage % by county for the four measures (grouped bars with patterns and value labels)."""
    df = by_county.assign(
        county=[names.get(c, c) for c in by_county["county_code"]],
        measure_label=[measure_label(m, lang) for m in by_county["measure"]],
    )
    fig = grouped_bars_labelled(
        df,
        "county",
        "pct",
        "measure_label",
        x_title="County" if lang == "en" else "县(区)",
        y_title="Coverage (%)" if lang == "en" else "覆盖率（%）",
    )
    fig.update_yaxes(range=[0, 112])
    fig.update_layout(height=480, legend={"y": 1.08})
    return fig


def county_finding(by_county: pd.DataFrame, names: Mapping[str, str], year: int) -> str:
    """Which county lags most on village full-time staff (the last gap to close)."""
    v = by_county[by_county["measure"] == "village_staff"]
    if v.empty:
        return "所选范围没有数据。"
    if (v["pct"] >= 100).all():
        return f"{year}年各县(区)四项覆盖率均达到100%。"
    low = v.sort_values("pct").iloc[0]
    high = v.sort_values("pct").iloc[-1]
    return (
        f"{year}年村(社区)专职委员配备率最低的是{names.get(low['county_code'], low['county_code'])}"
        f"（{low['pct']:.1f}%，缺{int(low['gap'])}个），最高的是{names.get(high['county_code'], high['county_code'])}"
        f"（{high['pct']:.1f}%）。"
    )


def trend_figure(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    df = trend.assign(measure_label=[measure_label(m, lang) for m in trend["measure"]])
    fig = lines(
        df,
        "year",
        "pct",
        series="measure_label",
        x_title="Year" if lang == "en" else "年份",
        y_title="Coverage (%)" if lang == "en" else "覆盖率（%）",
        decimals=1,
    )
    fig.update_yaxes(range=[0, 105])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def trend_table(trend: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    en = lang == "en"
    t = trend.assign(measure=[measure_label(m, lang) for m in trend["measure"]], pct=trend["pct"].round(1))
    return t[["year", "measure", "covered", "total", "pct"]].rename(
        columns={
            "year": "Year" if en else "年份",
            "measure": "Measure" if en else "指标",
            "covered": "Covered" if en else "已覆盖",
            "total": "Total" if en else "总数",
            "pct": "%" if en else "覆盖率(%)",
        }
    )


def full_coverage_year(full: pd.DataFrame, year: int) -> int | None:
    """The year every measure was complete (all four), if it happened by ``year``."""
    if full.empty or full["year"].isna().any():
        return None
    y = int(full["year"].max())
    return y if y <= year else None


def trend_finding(trend: pd.DataFrame, full: pd.DataFrame, year: int, scope: str) -> str:
    """From where to where each coverage went, and when it all reached 100 %."""
    parts = []
    y0, y1 = int(trend["year"].min()), int(trend["year"].max())
    for m in ("township", "village", "village_staff"):
        g = trend[trend["measure"] == m].set_index("year")["pct"]
        if g.empty:
            continue
        parts.append(f"{measure_label(m)}从{y0}年的{g.loc[y0]:.1f}%升至{y1}年的{g.loc[y1]:.1f}%")
    s = f"{scope}" + "，".join(parts) + "。" if parts else ""
    done = full_coverage_year(full, year)
    if done is not None:
        s += f"{done}年实现“乡乡有机构、村村有服务”（四项均达100%）。"
    else:
        s += f"截至{year}年尚未实现全覆盖。"
    return s


# --------------------------------------------------------------------------- gaps


def gap_table(gaps: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The gap list as handed to a county: by county, township, with codes and what is missing."""
    en = lang == "en"
    cols = {
        "county_name": "County" if en else "县(区)",
        "level_label": "Level" if en else "层级",
        "township_name": "Township" if en else "所属乡镇(街道)",
        "name": "Name" if en else "名称",
        "code": "Division code" if en else "区划代码",
        "gap": "Gap" if en else "缺口",
        "established": "Established" if en else "成立日期",
    }
    if gaps.empty:
        return pd.DataFrame(columns=list(cols.values()))
    t = gaps.assign(
        level_label=[_l(LEVEL_LABELS[lv], lang) for lv in gaps["level"]],
        gap=[status_label(lv, s, lang) for lv, s in zip(gaps["level"], gaps["status"], strict=True)],
        established=[_date_text(d) for d in gaps["established_on"]],
    )
    return t[list(cols)].rename(columns=cols).reset_index(drop=True)


def gap_finding(gaps: pd.DataFrame, year: int, scope: str) -> str:
    if gaps.empty:
        return f"{scope}{year}年末没有缺口：乡镇(街道)都已建残联并配备专职人员，村(社区)都已建残协并配备专职委员。"
    t = gaps[gaps["level"] == "township"]
    v = gaps[gaps["level"] == "village"]
    by_county = gaps.groupby("county_name").size().sort_values(ascending=False)
    return (
        f"{scope}{year}年末共有{len(t)}个乡镇(街道)、{len(v)}个村(社区)存在缺口"
        f"（其中{int((t['status'] == 'none').sum())}个乡镇(街道)未建残联、{int((v['status'] == 'none').sum())}个村(社区)未建残协），"
        f"缺口最多的是{by_county.index[0]}（{int(by_county.iloc[0])}个）。"
    )


# ----------------------------------------------------------------------- staffing


def staffing_by_year(staffing: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """year × post kind (with level) totals, for the chart and its table."""
    en = lang == "en"
    if staffing.empty:
        return pd.DataFrame(columns=["Year" if en else "年份", "Kind" if en else "类别", "Count" if en else "人数(名)"])
    g = staffing.groupby(["year", "post_kind"], as_index=False)["count"].sum()
    order = {k: i for i, k in enumerate(POST_KIND_LABELS)}
    g = g.sort_values(["year", "post_kind"], key=lambda s: s.map(order) if s.name == "post_kind" else s)
    g["post_kind"] = [_l(POST_KIND_LABELS[k], lang) for k in g["post_kind"]]
    return g.rename(
        columns={
            "year": "Year" if en else "年份",
            "post_kind": "Kind" if en else "类别",
            "count": "Count" if en else "人数(名)",
        }
    ).reset_index(drop=True)


def staffing_figure(table: pd.DataFrame, lang: str = "zh") -> go.Figure:
    en = lang == "en"
    x, s, y = table.columns[:3]
    fig = grouped_bars_labelled(
        table,
        x,
        y,
        s,
        x_title="Year" if en else "年份",
        y_title="Posts and people added" if en else "新增编制和人员（名）",
        text="%{y}",
    )
    fig.update_xaxes(type="category")
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def staffing_finding(staffing: pd.DataFrame, year: int) -> str:
    cur = staffing[staffing["year"] == year].groupby("post_kind")["count"].sum()
    if cur.empty:
        return f"{year}年没有新增编制和人员的记录。"
    parts = [f"{POST_KIND_LABELS[k][0]}{int(cur[k])}名" for k in POST_KIND_LABELS if cur.get(k, 0)]
    return f"{year}年新增：" + "，".join(parts) + "。"


# ------------------------------------------------- county party groups, associations


def county_units_grid(
    units: pd.DataFrame, counties: pd.DataFrame, year: int, lang: str = "zh", city_row: bool = True
) -> pd.DataFrame:
    """County (rows) × party group and the five associations (columns): "2021年成立" or "未成立".

    ``units``: ``queries.org_county_units``; ``counties``: code, name of the counties shown.
    Units set up after ``year`` count as not yet set up.
    """
    en = lang == "en"
    end = pd.Timestamp(year, 12, 31)
    rows = []
    areas = [(c, n) for c, n in zip(counties["code"], counties["name"], strict=True)]
    if city_row and units["county_code"].isna().any():
        areas = [(None, _l(CITY_LEVEL, lang)), *areas]
    for code, name in areas:
        mine = units[units["county_code"].isna()] if code is None else units[units["county_code"] == code]
        r = {"County" if en else "县(区)": name}
        for ot, pair in ORG_TYPE_LABELS.items():
            if code is None and ot == "party_group":
                r[_l(pair, lang)] = "—"
                continue
            hit = mine[mine["org_type"] == ot]
            when = pd.Timestamp(hit["established_on"].iloc[0]) if len(hit) else None
            if when is not None and when <= end:
                r[_l(pair, lang)] = f"{when.year}年成立" if not en else f"since {when.year}"
            else:
                r[_l(pair, lang)] = "未成立" if not en else "not yet"
        rows.append(r)
    return pd.DataFrame(rows)


def county_units_figure(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    df = trend.assign(kind=[_l(ORG_TYPE_LABELS[o], lang) for o in trend["org_type"]])
    fig = lines(
        df,
        "year",
        "count",
        series="kind",
        x_title="Year" if lang == "en" else "年份",
        y_title="Counties" if lang == "en" else "已设立的县(区)数（个）",
    )
    n = int(trend["counties"].max()) if len(trend) else 0
    fig.add_hline(
        y=n,
        line_dash="dot",
        line_color=PALETTE[6],
        annotation_text=f"县(区)总数 {n}" if lang != "en" else f"all {n} counties",
    )
    fig.update_yaxes(range=[0, n + 1.5])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def county_units_table(trend: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    en = lang == "en"
    t = trend.pivot(index="year", columns="org_type", values="count").reindex(columns=list(ORG_TYPE_LABELS))
    t.columns = [_l(ORG_TYPE_LABELS[c], lang) for c in t.columns]
    t.index.name = "Year" if en else "年份"
    return t.reset_index()


def county_units_finding(trend: pd.DataFrame, year: int) -> str:
    cur = trend[trend["year"] == year].set_index("org_type")
    if cur.empty:
        return "所选范围没有数据。"
    n = int(cur["counties"].iloc[0])
    pg = int(cur.loc["party_group", "count"])
    assoc = cur.drop(index="party_group")
    full = [ORG_TYPE_LABELS[o][0] for o in assoc.index if int(assoc.loc[o, "count"]) >= n]
    lacking = [
        f"{ORG_TYPE_LABELS[o][0]}{n - int(assoc.loc[o, 'count'])}个"
        for o in assoc.index
        if int(assoc.loc[o, "count"]) < n
    ]
    s = f"{year}年末，{n}个县(区)中{pg}个已设立残联党组；"
    s += f"{'、'.join(full)}已在全部县(区)注册" if full else "五个专门协会均未在全部县(区)注册"
    s += f"，尚未注册的县级协会：{'、'.join(lacking)}。" if lacking else "，五个专门协会已全部注册。"
    return s


def fmt_count(covered: int, total: int, unit: str) -> str:
    return f"{fmt_number(covered)} / {fmt_number(total)} {unit}".strip()
