"""Chart builders for the slides: pure functions (DataFrame → plotly Figure), drawn for a
projector — large type, values written on the bars, patterns as well as colours, no
map tiles (the coverage map is township polygons drawn as filled shapes)."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from charts.basic import bar, fmt_number, grouped_bars, lines
from charts.theme import FONT, PALETTE

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


def _rings(geometry: str) -> list[list[list[float]]]:
    g = json.loads(geometry)
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"] if g["type"] == "MultiPolygon" else []
    return [p[0] for p in polys if p]


def coverage_map(towns: pd.DataFrame, county_names: dict[str, str], labels: tuple[str, str]) -> go.Figure:
    """Townships as filled polygons: covered solid blue, not covered orange with hatching
    and its name written on it; county names at the middle of their townships."""
    fig = go.Figure()
    t = towns[towns["geometry"].notna()]
    for covered, name, color, pattern in ((1, labels[0], PALETTE[0], ""), (0, labels[1], PALETTE[1], "/")):
        part = t[t["covered"] == covered]
        if part.empty:
            continue
        xs: list[float | None] = []
        ys: list[float | None] = []
        for geom in part["geometry"]:
            for ring in _rings(geom):
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=color,
                fillpattern={"shape": pattern, "fgcolor": "white", "size": 10} if pattern else None,
                line={"color": "white", "width": 1.2},
                name=f"{name}（{len(part)}个）",
                hoverinfo="skip",
            )
        )
    gaps = t[t["covered"] == 0]
    if not gaps.empty:
        fig.add_trace(
            go.Scatter(
                x=gaps["lon"],
                y=gaps["lat"],
                mode="text",
                text=gaps["name"],
                textfont={"size": SLIDE_FONT - 6, "color": "#111827"},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if not t.empty:
        c = t.groupby("county_code", as_index=False)[["lon", "lat"]].mean()
        fig.add_trace(
            go.Scatter(
                x=c["lon"],
                y=c["lat"],
                mode="text",
                text=[f"<b>{county_names.get(k, k)}</b>" for k in c["county_code"]],
                textfont={"size": SLIDE_FONT + 2, "color": "#111827"},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    lat = float(t["lat"].mean()) if not t.empty else 30.0
    fig.update_layout(
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.06, "xanchor": "left", "yanchor": "bottom"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(lat)))
    fig = projector(fig)
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
    "year_bars",
    "year_line",
]
