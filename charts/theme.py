"""Shared look: a colour-blind-safe palette (Okabe–Ito), large type for projectors,
Chinese fonts installed locally, and marker/dash patterns so that no series is told
apart by colour alone."""

from __future__ import annotations

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
MONTHS_ZH = tuple(f"{m}月" for m in range(1, 13))

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


def layout(
    fig: go.Figure,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 420,
    legend: bool = True,
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": BASE_SIZE + 4}} if title else None,
        font={"family": FONT, "size": BASE_SIZE, "color": "#111827"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 70, "r": 30, "t": 70 if title else 30, "b": 60},
        colorway=list(PALETTE),
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "font": {"size": BASE_SIZE},
        },
        hoverlabel={"font": {"family": FONT, "size": BASE_SIZE}},
        separators=".,",
    )
    fig.update_xaxes(
        title_text=x_title, showgrid=False, linecolor="#6B7280", ticks="outside", title_font={"size": BASE_SIZE}
    )
    fig.update_yaxes(
        title_text=y_title,
        gridcolor="#E5E7EB",
        zerolinecolor="#9CA3AF",
        linecolor="#6B7280",
        title_font={"size": BASE_SIZE},
        rangemode="tozero",
    )
    return fig
