"""Generic builders used across pages: bars to compare, lines for trends."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words import fmt
from words.i18n import text

from .theme import DASHES, PALETTE, PATTERNS, SYMBOLS, layout


def fmt_number(v: float | None, decimals: int = 0) -> str:
    """1,234 / 1,234.5 / —, the way Chinese reports print figures."""
    if v is None or pd.isna(v):
        return "—"
    return f"{v:,.{decimals}f}"


@memo
def bar(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    decimals: int = 0,
    horizontal: bool = False,
    highlight: str | None = None,
) -> go.Figure:
    """One bar per row, each labelled with its value (no reading values off an axis)."""
    labels = [fmt_number(v, decimals) for v in df[y]]
    colors = [PALETTE[1] if highlight is not None and k == highlight else PALETTE[0] for k in df[x]]
    kw = dict(x=df[y], y=df[x], orientation="h") if horizontal else dict(x=df[x], y=df[y])
    fig = go.Figure(
        go.Bar(
            **kw,
            text=labels,
            textposition="outside",
            marker_color=colors,
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>" if not horizontal else "%{y}: %{x}<extra></extra>",
        )
    )
    fig = layout(
        fig, title, x_title if not horizontal else y_title, y_title if not horizontal else x_title, legend=False
    )
    if horizontal:
        fig.update_yaxes(autorange="reversed", rangemode=None)
        fig.update_layout(height=max(320, 40 * len(df) + 120))
    return fig


@memo
def lines(
    df: pd.DataFrame,
    x: str,
    y: str,
    series: str | None = None,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    decimals: int = 0,
) -> go.Figure:
    """One line per series, each with its own marker and dash so colour is never the only cue."""
    fig = go.Figure()
    groups = [(None, df)] if series is None else list(df.groupby(series, sort=False))
    for k, (name, g) in enumerate(groups):
        fig.add_trace(
            go.Scatter(
                x=g[x],
                y=g[y],
                name=str(name) if name is not None else y,
                mode="lines+markers+text",
                line={"color": PALETTE[k % len(PALETTE)], "width": 3, "dash": DASHES[k % len(DASHES)]},
                marker={"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 10},
                text=[fmt_number(v, decimals) for v in g[y]] if len(groups) <= 2 else None,
                textposition="top center",
            )
        )
    fig = layout(fig, title, x_title, y_title, legend=series is not None)
    fig.update_xaxes(type="category")
    return fig


@memo
def grouped_bars(
    df: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    stacked: bool = False,
) -> go.Figure:
    """Bars by category and series, each series with its own fill pattern as well as colour."""
    fig = go.Figure()
    for k, (name, g) in enumerate(df.groupby(series, sort=False)):
        fig.add_trace(
            go.Bar(
                x=g[x],
                y=g[y],
                name=str(name),
                marker={
                    "color": PALETTE[k % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[k % len(PATTERNS)], "fgcolor": "white", "fillmode": "overlay"},
                },
            )
        )
    fig = layout(fig, title, x_title, y_title)
    fig.update_layout(barmode="stack" if stacked else "group")
    return fig


@memo
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


def _n(v: float, decimals: int = 0) -> str:
    s = fmt_number(v, decimals)
    return s.rstrip("0").rstrip(".") if "." in s else s


def _span(years: list[int], lang: str) -> str:
    if min(years) == max(years):
        return text("chart_span_one", lang, year=min(years))
    return text("chart_span_range", lang, first=min(years), last=max(years))


def _change(now: float, before: float, unit: str, decimals: int = 0, *, lang: str) -> str:
    """增加35件 / 持平 / up 35 cases / unchanged — the one rule of ``words.fmt``."""
    c = fmt.change(now, before, decimals)
    if c is None or c.flat:
        return text("chart_change_flat", lang)
    way = "chart_change_up" if c.up else "chart_change_down"
    return text(way, lang, n=_n(abs(c.delta), decimals), unit=unit).strip()


def solid_patterns(fig: go.Figure) -> go.Figure:
    """Draw bar patterns over the bar's colour (plotly's default 'replace' mode leaves a
    patterned bar white with only the pattern showing)."""
    fig.update_traces(marker_pattern_fillmode="overlay", selector={"type": "bar"})
    return fig
