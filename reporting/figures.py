"""Chart builders for the slides: pure functions (DataFrame → plotly Figure), drawn for a
projector — large type, values written on the bars, patterns as well as colours, no
map tiles (the coverage map is township polygons drawn as filled shapes)."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from charts.basic import bar, fmt_number, grouped_bars, lines
from charts.org_labels import place_labels
from charts.theme import FONT, PALETTE
from words.i18n import text

SLIDE_FONT = 22  # px at the 1100 × 630 px the charts are drawn at (2× for the PNG)
CHART_W, CHART_H = 1100, 630


def projector(fig: go.Figure, height: int = CHART_H) -> go.Figure:
    """Large type and a white background, for a projector or a video link."""
    fig.update_layout(
        font={"family": FONT, "size": SLIDE_FONT, "color": "#111827"},
        height=height,
        width=None,
        title=None,
        margin={"l": 20, "r": 40, "t": 50, "b": 20},
        legend={"font": {"size": SLIDE_FONT}},
        uniformtext={"minsize": SLIDE_FONT - 4, "mode": "show"},
    )
    fig.update_xaxes(title_font={"size": SLIDE_FONT}, tickfont={"size": SLIDE_FONT}, automargin=True)
    fig.update_yaxes(title_font={"size": SLIDE_FONT}, tickfont={"size": SLIDE_FONT}, automargin=True)
    fig.update_traces(textfont={"size": SLIDE_FONT}, selector={"type": "bar"})
    return fig


def area_bars(df: pd.DataFrame, value_title: str, decimals: int = 0) -> go.Figure:
    """One horizontal bar per county (or township), largest first, the largest highlighted."""
    df = df.sort_values("value", ascending=False).head(12)
    top = df["area_name"].iloc[0] if len(df) else None
    fig = bar(
        df, "area_name", "value", x_title=None, y_title=value_title, decimals=decimals, horizontal=True, highlight=top
    )
    fig = projector(fig)
    fig.update_xaxes(title_text=value_title)
    fig.update_layout(margin={"r": 90})  # room for the largest bar's label
    return fig


def category_bars(df: pd.DataFrame, x: str, y: str, value_title: str) -> go.Figure:
    fig = bar(df, x, y, y_title=value_title)
    return projector(fig)


def year_bars(df: pd.DataFrame, names: dict[str, str], value_title: str) -> go.Figure:
    """Grouped bars by year (code, year, value), one pattern per indicator, values on top."""
    d = df.assign(series=df["code"].map(names), year=df["year"].astype(str))
    fig = grouped_bars(d, "year", "value", "series", x_title="年度", y_title=value_title)
    fig.update_traces(texttemplate="%{y:,.0f}", textposition="outside", cliponaxis=False)
    for tr in fig.data:  # some plotly.js builds leave a patterned bar unfilled unless its background is named
        if tr.marker.pattern.shape:
            tr.marker.pattern.bgcolor = tr.marker.color
    fig = projector(fig)
    fig.update_xaxes(type="category", title_text=None)
    return fig


def year_line(df: pd.DataFrame, value_title: str, decimals: int = 0) -> go.Figure:
    d = df.assign(year=df["year"].astype(str))
    fig = lines(d, "year", "value", y_title=value_title, decimals=decimals)
    fig.update_traces(textfont={"size": SLIDE_FONT}, marker={"size": 14}, line={"width": 4})
    fig = projector(fig)
    fig.update_yaxes(rangemode="tozero")
    return fig


def _rings(geometry: str | None) -> list[list[list[float]]]:
    if not isinstance(geometry, str):
        return []
    g = json.loads(geometry)
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"] if g["type"] == "MultiPolygon" else []
    return [p[0] for p in polys if p]


# The map's colours: opaque (an alpha would change the hue against the white page and no
# longer match the legend), Okabe–Ito blue family against orange — told apart with
# colour-blindness — and light against mid-grey with dark hatching in black-and-white print.
MAP_COVERED = "#A6CEE8"
MAP_GAP = "#E69F00"
MAP_HATCH = "#4A3000"
MAP_TOWN_LINE = "#FFFFFF"
MAP_COUNTY_LINE = "#1F2937"
MAP_INK = "#111827"
HALO = (
    "0 0 3px #FFFFFF, 0 0 3px #FFFFFF, 1px 1px 0 #FFFFFF, -1px -1px 0 #FFFFFF, 1px -1px 0 #FFFFFF, -1px 1px 0 #FFFFFF"
)
MAP_DOMAIN = (0.0, 0.62)  # the map's share of the figure's width; the legend and gap list to its right
MAX_LISTED = 14  # gap townships named beside the map; more are summed up as 等N个
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _marker(i: int) -> str:
    return CIRCLED[i] if i < len(CIRCLED) else str(i + 1)


def _path(rings: list[list[list[float]]]) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def coverage_map(
    towns: pd.DataFrame,
    county_names: dict[str, str],
    labels: tuple[str, str],
    counties: pd.DataFrame | None = None,
    gap_title: str = "尚未建立残联的乡镇(街道)",
    width: int = CHART_W,
    height: int = CHART_H,
    font: int = SLIDE_FONT,
    *,
    lang: str,
) -> go.Figure:
    """Townships as filled polygons (covered light blue, not covered orange with hatching),
    county borders drawn dark over them, county names with a white halo placed where they
    cover no gap and no other name, each gap township numbered on the map and named in a
    list beside it, and a legend of area swatches (not lines) in the map's own colours."""
    t = towns[towns["geometry"].notna()].copy()
    fig = go.Figure()
    gaps = t[t["covered"] == 0].sort_values(["county_code", "code"]).reset_index(drop=True)
    filled = _county_fills(towns, counties)  # counties without township polygons, by coverage (issue 29)
    for band, part in filled.groupby("band", sort=False):
        xs, ys = _path([r for g in part["geometry"] for r in _rings(g)])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=BAND_FILL[band],
                fillpattern={
                    "shape": "/",
                    "fgcolor": MAP_HATCH,
                    "bgcolor": BAND_FILL[band],
                    "size": 9,
                    "solidity": 0.25,
                }
                if band == "few"
                else None,
                line={"color": MAP_TOWN_LINE, "width": 1},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for covered, name, color in ((1, labels[0], MAP_COVERED), (0, labels[1], MAP_GAP)):
        part = t[t["covered"] == covered]
        if part.empty:
            continue
        xs, ys = _path([r for g in part["geometry"] for r in _rings(g)])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=color,
                fillpattern={"shape": "/", "fgcolor": MAP_HATCH, "bgcolor": color, "size": 9, "solidity": 0.25}
                if covered == 0
                else None,
                line={"color": MAP_TOWN_LINE, "width": 1},
                name=f"{name}（{len(part)}个）",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if counties is not None and not counties.empty:
        xs, ys = _path([r for g in counties["geometry"] for r in _rings(g)])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": MAP_COUNTY_LINE, "width": 2.6},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if t.empty and filled.empty:
        return _bare(projector(fig))
    # a frame whose x/y scale is the map's true proportions, so pixels can be computed
    framed = t["geometry"].tolist() + (counties["geometry"].dropna().tolist() if not filled.empty else [])
    rings = [r for g in framed for r in _rings(g)]
    lon = [p[0] for r in rings for p in r]
    lat = [p[1] for r in rings for p in r]
    x0, x1, y0, y1 = min(lon), max(lon), min(lat), max(lat)
    k = 1 / math.cos(math.radians((y0 + y1) / 2))
    margin = {"l": 6, "r": 6, "t": 6, "b": 6}
    pw = (width - margin["l"] - margin["r"]) * (MAP_DOMAIN[1] - MAP_DOMAIN[0])
    ph = height - margin["t"] - margin["b"]
    scale = min(pw / (x1 - x0), ph / ((y1 - y0) * k)) * 0.97  # px per degree of longitude
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    xr = (cx - pw / 2 / scale, cx + pw / 2 / scale)
    yr = (cy - ph / 2 / scale / k, cy + ph / 2 / scale / k)

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - xr[0]) * scale, (yr[1] - y) * scale * k

    def deg(p: tuple[float, float]) -> tuple[float, float]:
        return xr[0] + p[0] / scale, yr[1] - p[1] / scale / k

    marker_size = font + 10
    if not gaps.empty:
        fig.add_trace(
            go.Scatter(
                x=gaps["lon"],
                y=gaps["lat"],
                mode="markers+text",
                marker={"size": marker_size, "color": "#FFFFFF", "line": {"color": MAP_INK, "width": 2}},
                text=[str(i + 1) for i in range(len(gaps))],
                textfont={"size": font - 4, "color": MAP_INK, "family": FONT},
                textposition="middle center",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    avoid = [(*px(r.lon, r.lat), marker_size + 4, marker_size + 4) for r in gaps.itertuples()]
    label_font = font + 1
    cands: dict[str, list[tuple[float, float]]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    for code, g in t.groupby("county_code"):
        name = county_names.get(code, code)
        mid = (g["lon"].mean(), g["lat"].mean())
        pts = [mid] + sorted(
            zip(g["lon"], g["lat"], strict=True), key=lambda p: (p[0] - mid[0]) ** 2 + (p[1] - mid[1]) ** 2
        )
        cands[code] = [px(*p) for p in pts]
        sizes[code] = (len(name) * label_font * 1.02 + 6, label_font * 1.3)
    for r in filled.itertuples():  # a filled county's name at its middle
        name = county_names.get(r.code, r.name)
        cands[r.code] = [px(r.mx, r.my)]
        sizes[r.code] = (len(name) * label_font * 1.02 + 6, label_font * 1.3)
    spots = place_labels(cands, sizes, avoid)
    pos = {c: deg(p) for c, p in spots.items()}
    fig.add_trace(
        go.Scatter(
            x=[pos[c][0] for c in pos],
            y=[pos[c][1] for c in pos],
            mode="text",
            text=[f"<b>{county_names.get(c, c)}</b>" for c in pos],
            textfont={"size": label_font, "color": MAP_INK, "family": FONT, "shadow": HALO},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    # legend: area swatches drawn as rectangles in the map's colours (the gap one hatched)
    lx = MAP_DOMAIN[1] + 0.03
    sw_w, sw_h = 44 / width, 28 / height
    shapes, notes = [], []
    y = 0.97
    n_cov = int((t["covered"] == 1).sum())
    zh = lang == "zh"
    swatches = [(labels[0], MAP_COVERED, False, n_cov), (labels[1], MAP_GAP, True, len(gaps))] if not t.empty else []
    if not filled.empty:  # the county bands, counted in counties
        n_band = filled["band"].value_counts()
        swatches += [
            (BAND_LABELS[b][0 if zh else 1], BAND_FILL[b], b == "few", int(n_band.get(b, 0)))
            for b in BAND_FILL
            if n_band.get(b, 0)
        ]
    for name, color, hatched, count in swatches:
        shapes.append(
            {"type": "rect", "xref": "paper", "yref": "paper", "x0": lx, "x1": lx + sw_w, "y0": y - sw_h, "y1": y,
             "fillcolor": color, "line": {"color": MAP_INK, "width": 1.5}}
        )  # fmt: skip
        if hatched:
            for j in range(4):
                a = lx + sw_w * j / 4
                shapes.append(
                    {"type": "line", "xref": "paper", "yref": "paper", "x0": a, "x1": a + sw_w / 4,
                     "y0": y - sw_h, "y1": y, "line": {"color": MAP_HATCH, "width": 1.5}}
                )  # fmt: skip
        notes.append(
            {"xref": "paper", "yref": "paper", "x": lx + sw_w + 0.012, "y": y - sw_h / 2, "xanchor": "left",
             "yanchor": "middle", "showarrow": False,
             "text": text("report_map_swatch", lang, name=name, count=count),
             "font": {"size": font - 2, "color": MAP_INK}}
        )  # fmt: skip
        y -= sw_h + 0.03
    shapes.append(
        {"type": "line", "xref": "paper", "yref": "paper", "x0": lx, "x1": lx + sw_w, "y0": y - sw_h / 2,
         "y1": y - sw_h / 2, "line": {"color": MAP_COUNTY_LINE, "width": 2.6}}
    )  # fmt: skip
    notes.append(
        {"xref": "paper", "yref": "paper", "x": lx + sw_w + 0.012, "y": y - sw_h / 2, "xanchor": "left",
         "yanchor": "middle", "showarrow": False, "text": text("report_map_border", lang),
         "font": {"size": font - 2, "color": MAP_INK}}
    )  # fmt: skip
    y -= sw_h + 0.05
    if not filled.empty:  # the numbers the county colours stand for, compact, beside the map
        rows = [f"<b>{text('report_map_counties_head', lang)}</b>"]
        room = MAX_LISTED if gaps.empty else 6  # the gap list below it needs the rest of the height
        ordered = filled.sort_values(["pct", "code"])
        rows += [
            f"{county_names.get(r.code, r.name)}　{int(r.covered)}/{int(r.total)}"
            for r in ordered.head(room).itertuples()
        ]
        if len(ordered) > room:
            rows.append(text("report_map_counties_more", lang, n=len(ordered)))
        notes.append(
            {"xref": "paper", "yref": "paper", "x": lx, "y": y, "xanchor": "left", "yanchor": "top",
             "showarrow": False, "align": "left", "text": "<br>".join(rows),
             "font": {"size": font - 2 if len(rows) <= 11 else font - 5, "color": MAP_INK}}
        )  # fmt: skip
        y -= len(rows) * (font - 2 if len(rows) <= 11 else font - 5) * 1.2 / height + 0.04
    if not gaps.empty:
        listed = gaps.head(MAX_LISTED)
        lines = [f"<b>{gap_title}</b>"]
        lines += [
            f"{_marker(i)} {r.name}（{county_names.get(r.county_code, '')}）" for i, r in enumerate(listed.itertuples())
        ]
        if len(gaps) > MAX_LISTED:
            lines.append(text("report_map_gaps_more", lang, n=len(gaps)))
        notes.append(
            {"xref": "paper", "yref": "paper", "x": lx, "y": y, "xanchor": "left", "yanchor": "top",
             "showarrow": False, "align": "left", "text": "<br>".join(lines),
             "font": {"size": font - 2 if len(listed) <= 10 else font - 5, "color": MAP_INK}}
        )  # fmt: skip
    fig = projector(fig, height)
    fig.update_layout(
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        margin=margin,
        shapes=shapes,
        annotations=notes,
        width=width,
    )
    fig.update_xaxes(visible=False, range=list(xr), domain=list(MAP_DOMAIN), fixedrange=True)
    fig.update_yaxes(visible=False, range=list(yr), fixedrange=True)
    return fig


BAND_FILL = {"full": MAP_COVERED, "most": "#F3C766", "few": MAP_GAP}
BAND_LABELS = {
    "full": ("全部已建残联的县(区)", "All townships with a federation"),
    "most": ("过半已建的县(区)", "Half or more"),
    "few": ("不足一半的县(区)", "Fewer than half"),
}


def _county_fills(towns: pd.DataFrame, counties: pd.DataFrame | None) -> pd.DataFrame:
    """Counties with an outline and no township polygon: code, name, geometry, covered, total,
    pct, band, mx/my (the middle of its largest part, where its name goes)."""
    cols = ["code", "name", "geometry", "covered", "total", "pct", "band", "mx", "my"]
    if counties is None or counties.empty or towns.empty:
        return pd.DataFrame(columns=cols)
    d = towns.assign(_shp=towns["geometry"].notna().astype(int))
    g = d.groupby("county_code").agg(covered=("covered", "sum"), total=("covered", "size"), shaped=("_shp", "sum"))
    c = counties[counties["geometry"].notna()].merge(g, left_on="code", right_index=True)
    c = c[c["shaped"] == 0].copy()
    if c.empty:
        return pd.DataFrame(columns=cols)
    c["pct"] = c["covered"] / c["total"] * 100
    c["band"] = [
        "full" if a >= n else "most" if 2 * a >= n else "few" for a, n in zip(c["covered"], c["total"], strict=True)
    ]
    mids = [max(_rings(geom), key=len) for geom in c["geometry"]]
    c["mx"] = [sum(p[0] for p in r) / len(r) for r in mids]
    c["my"] = [sum(p[1] for p in r) / len(r) for r in mids]
    return c[cols].reset_index(drop=True)


def _bare(fig: go.Figure) -> go.Figure:
    """A map with nothing to frame: no axes, no grid (never latitude and longitude ticks on a slide)."""
    fig.update_xaxes(visible=False, showgrid=False)
    fig.update_yaxes(visible=False, showgrid=False)
    fig.update_layout(plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    return fig


def staffing_bars(table: pd.DataFrame, value_title: str) -> go.Figure:
    """Posts and people added, one horizontal bar per kind, city and county told apart by
    pattern as well as colour, each bar labelled with its number."""
    d = table.assign(row=table["level"] + " · " + table["kind"])
    fig = go.Figure()
    for k, (level, g) in enumerate(d.groupby("level", sort=False)):
        fig.add_trace(
            go.Bar(
                x=g["count"],
                y=g["row"],
                orientation="h",
                name=str(level),
                text=[fmt_number(v, 0) for v in g["count"]],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": PALETTE[k],
                    "pattern": {"shape": ("", "/")[k % 2], "fgcolor": "white", "bgcolor": PALETTE[k]},
                },
            )
        )
    fig.update_layout(barmode="group", showlegend=True)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text=value_title, rangemode="tozero")
    fig = projector(fig)
    fig.update_layout(margin={"r": 60}, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig


def figure_table(df: pd.DataFrame, decimals: int = 0) -> pd.DataFrame:
    """Numbers of a chart rounded for the table beside it."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(decimals)
    return out


__all__ = [
    "CHART_H",
    "CHART_W",
    "area_bars",
    "category_bars",
    "coverage_map",
    "figure_table",
    "fmt_number",
    "projector",
    "staffing_bars",
    "year_bars",
    "year_line",
]
