"""Shared look: a colour-blind-safe palette (Okabe–Ito), large type for projectors,
Chinese fonts installed locally, and marker/dash patterns so that no series is told
apart by colour alone."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import plotly.io as pio

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#555555", "#B8860B")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
PATTERNS = ("", "/", "\\", "x", ".", "+", "-", "|")
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BASE_SIZE = 16
INK = "#111827"  # 17:1 on white
AXIS = "#374151"  # axis lines and ticks: 10:1 on white (WCAG AA asks 3:1 for graphics)
GRID = "#D1D5DB"

# One template for every chart, on pages and on slides: white, dark text, horizontal tick
# labels (a rotated tick is unreadable on a projector; month axes say 1月…12月), margins
# that grow to their labels. The slides scale the font up (reporting.figures.projector):
# 22 px on a 1100 px chart is 24 px on a 1920 px wide slide.
TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": BASE_SIZE, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(PALETTE),
        "separators": ".,",
        "xaxis": {
            "tickangle": 0,
            "automargin": True,
            "showgrid": False,
            "linecolor": AXIS,
            "tickcolor": AXIS,
            "ticks": "outside",
            "tickfont": {"color": INK},
            "title": {"font": {"color": INK}},
        },
        "yaxis": {
            "tickangle": 0,
            "automargin": True,
            "gridcolor": GRID,
            "zerolinecolor": AXIS,
            "linecolor": AXIS,
            "tickfont": {"color": INK},
            "title": {"font": {"color": INK}},
        },
        "legend": {"font": {"color": INK}},
        "hoverlabel": {"font": {"family": FONT}},
    }
)
pio.templates["canlian"] = TEMPLATE
pio.templates.default = "canlian"


def _merge(into: dict, update: dict) -> dict:
    """``update`` laid over ``into`` as plotly's ``update_layout`` does: nested dicts merged
    key by key, any other value replacing, ``None`` removing the key."""
    for k, v in update.items():
        if v is None:
            into.pop(k, None)
        elif isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = _copy(v)
    return into


def _copy(v):
    return {k: _copy(x) for k, x in v.items()} if isinstance(v, dict) else v


def layout(
    fig: go.Figure,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 420,
    legend: bool = True,
    **extra,
) -> go.Figure:
    """The figure with the shared layout: title, fonts, margins, legend on top, axes; then
    ``extra`` (layout keys, ``xaxis``/``yaxis`` applied to every such axis) over it.

    Returns a new figure made once from the whole layout: plotly's ``update_layout`` and
    ``update_xaxes`` validate through its update machinery, 15–20 ms a chart against 2 ms for
    building the figure from dicts (the figures are the same: ``tests/test_chart_theme.py``)."""
    d = fig.layout.to_plotly_json()
    if d.get("template") == _default_template_json():
        del d["template"]  # the new figure gets the default template itself
    _merge(
        d,
        {
            "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": BASE_SIZE + 4}} if title else None,
            "font": {"family": FONT, "size": BASE_SIZE, "color": "#111827"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "height": height,
            "margin": {"l": 70, "r": 30, "t": 70 if title else 30, "b": 60},
            "colorway": list(PALETTE),
            "showlegend": legend,
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.02,
                "xanchor": "left",
                "x": 0,
                "font": {"size": BASE_SIZE},
            },
            "hoverlabel": {"font": {"family": FONT, "size": BASE_SIZE}},
            "separators": ".,",
        },
    )
    x_axis = {
        "title": {"text": x_title, "font": {"size": BASE_SIZE}},
        "showgrid": False,
        "linecolor": "#6B7280",
        "ticks": "outside",
    }
    y_axis = {
        "title": {"text": y_title, "font": {"size": BASE_SIZE}},
        "gridcolor": "#E5E7EB",
        "zerolinecolor": "#9CA3AF",
        "linecolor": "#6B7280",
        "rangemode": "tozero",
    }
    x_extra, y_extra = extra.pop("xaxis", None), extra.pop("yaxis", None)
    for prefix, theme_axis, more in (("xaxis", x_axis, x_extra), ("yaxis", y_axis, y_extra)):
        # every axis of the figure, as update_xaxes/update_yaxes select them
        names = {prefix} | {k for k in d if k.startswith(prefix) and k[len(prefix) :].isdigit()}
        for name in names:
            axis = d.setdefault(name, {})
            _merge(axis, theme_axis)
            if more:
                _merge(axis, more)
    _merge(d, extra)
    return go.Figure(data=fig.data, layout=d, frames=fig.frames or None)


@functools.cache
def _default_template_json() -> dict:
    return go.Figure().layout.template.to_plotly_json()
