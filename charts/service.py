"""Charts of the Service delivery page and the one-sentence findings beside them.

One set of builders serves every indicator: what differs between indicators (name,
unit, decimals, whether it is a rate) comes from the dictionary row ``ind``
(``name_zh``, ``unit_zh``, ``decimals``, ``aggregation``). Findings are Chinese
sentences computed from the same frames the charts draw.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from .basic import bar, fmt_number, lines
from .theme import DASHES, PALETTE, SYMBOLS, layout

PER_1000_DECIMALS = 2
HORIZONTAL_FROM = 10  # more bars than this are drawn horizontally


# ------------------------------------------------------------------ numbers as words


def is_rate(ind: Mapping) -> bool:
    """A rate or growth (%): computed from its parts, compared in points, never summed."""
    return ind["unit_zh"] == "%" or ind["aggregation"] in ("ratio", "growth")


def num(v: float | None, decimals: int, unit: str = "") -> str:
    """1,000人 / 2,036万元 / 10.0% — as the work summary writes figures."""
    s = fmt_number(v, decimals)
    if s == "—":
        return s
    if "." in s and unit != "%":  # 2,036.00万元 reads as 2,036万元; a rate keeps its decimal
        s = s.rstrip("0").rstrip(".")
    return f"{s}{unit}"


def _dec(ind: Mapping) -> int:
    return int(ind["decimals"])


def label(v: float | None, decimals: int) -> str:
    """A point's label on a chart: whole numbers from 100 up (2,036, not 2,036.00); the
    exact figures are in the table below the chart."""
    if v is None or pd.isna(v):
        return ""
    return num(v, 0 if abs(v) >= 100 and decimals > 0 else decimals)


def _change_words(ind: Mapping, value: float | None, previous: float | None) -> str:
    """同比增长6.4% / 比上年提高1.2个百分点 / 与上年持平 / 上年无数据."""
    if value is None or pd.isna(value) or previous is None or pd.isna(previous):
        return "上年无数据"
    if ind["unit_zh"] == "%":
        d = value - previous
        if abs(d) < 0.05:
            return "与上年持平"
        return f"比上年{'提高' if d > 0 else '下降'}{abs(d):.1f}个百分点"
    if previous == 0:
        return "上年为零"
    pct = (value / previous - 1) * 100
    if abs(pct) < 0.05:
        return "与上年持平"
    return f"同比{'增长' if pct > 0 else '下降'}{abs(pct):.1f}%"


def _statement(ind: Mapping, value: float) -> str:
    """Name and value: 新增残疾人就业1,000人 / 入学率为99.3% / 同比增长10.0%."""
    name, unit = ind["name_zh"], ind["unit_zh"]
    joint = "" if ind["aggregation"] in ("sum", "growth", "max") else "为"
    return f"{name}{joint}{num(value, _dec(ind), unit)}"


# ------------------------------------------------------------------------ findings


def finding_value(
    scope: str,
    year: int,
    ind: Mapping,
    value: float | None,
    previous: float | None,
    part: tuple[Mapping, float | None] | None = None,
) -> str:
    """'2025年全市新增残疾人就业1,000人，同比增长6.4%，其中自主创业100人。'"""
    if value is None or pd.isna(value):
        return f"{year}年{scope}暂无“{ind['name_zh']}”数据。"
    s = f"{year}年{scope}{_statement(ind, value)}，{_change_words(ind, value, previous)}"
    if part is not None and part[1] is not None and not pd.isna(part[1]):
        p, pv = part
        s += f"，{p['name_zh']}{num(pv, _dec(p), p['unit_zh'])}"
    return s + "。"


def finding_areas(df: pd.DataFrame, ind: Mapping, year: int, where: str, per_1000: bool = False) -> str:
    """Which area has most and least; for sums also what they add up to.

    ``df``: a ``service_by_area`` frame; ``where``: 各县(区) / 中江区各乡镇(街道).
    """
    col = "per_1000" if per_1000 else "value"
    d = df.dropna(subset=[col])
    if d.empty or not d[col].any():  # nothing reported anywhere: not "盐湖区最多（0万元）"
        return f"{year}年{where}暂无“{ind['name_zh']}”数据。"
    hi, lo = d.loc[d[col].idxmax()], d.loc[d[col].idxmin()]
    unit = ind["unit_zh"]
    if per_1000:
        dec = PER_1000_DECIMALS
        s = f"{year}年按每千名持证残疾人计，{where}中{hi['name']}{ind['name_zh']}最多（{num(hi[col], dec, unit)}），"
        return s + _least(d, col, lo, dec, unit)
    dec = _dec(ind)
    if is_rate(ind):
        gap = hi[col] - lo[col]
        return (
            f"{year}年{where}中{hi['name']}{ind['name_zh']}最高（{num(hi[col], dec, '%')}），"
            f"{lo['name']}最低（{num(lo[col], dec, '%')}），相差{gap:.1f}个百分点。"
        )
    s = f"{year}年{where}{ind['name_zh']}合计{num(d[col].sum(), dec, unit)}，其中{hi['name']}最多（{num(hi[col], dec, unit)}），"
    return s + _least(d, col, lo, dec, unit)


def _least(d: pd.DataFrame, col: str, lo: pd.Series, dec: int, unit: str) -> str:
    """'乙县最少（100人）。', or '乙县等11地为0。' when several areas have none."""
    zeros = int((d[col] == 0).sum())
    if zeros > 1:
        return f"{lo['name']}等{zeros}地为0。"
    return f"{lo['name']}最少（{num(lo[col], dec, unit)}）。"


def finding_trend(df: pd.DataFrame, ind: Mapping, scope: str) -> str:
    """'2019—2025年全市新增残疾人就业由705人增至1,000人，年均增长6.0%。' ``df``: year, value."""
    d = df.dropna(subset=["value"]).sort_values("year")
    if d.empty:
        return f"{scope}暂无“{ind['name_zh']}”数据。"
    y0, y1 = int(d["year"].iloc[0]), int(d["year"].iloc[-1])
    v0, v1 = float(d["value"].iloc[0]), float(d["value"].iloc[-1])
    dec, unit = _dec(ind), ind["unit_zh"]
    if y0 == y1:
        return f"{y1}年{scope}{_statement(ind, v1)}；选择更早的“趋势起始年”可查看历年变化。"
    head = f"{y0}—{y1}年{scope}{ind['name_zh']}由{num(v0, dec, unit)}"
    if unit == "%":
        d_pts = v1 - v0
        way = "提高" if d_pts > 0 else "下降"
        return f"{head}变为{num(v1, dec, unit)}，{way}{abs(d_pts):.1f}个百分点。"
    way = "增至" if v1 >= v0 else "降至"
    s = f"{head}{way}{num(v1, dec, unit)}"
    if v0 > 0 and v1 > 0:
        cagr = ((v1 / v0) ** (1 / (y1 - y0)) - 1) * 100
        s += f"，年均{'增长' if cagr >= 0 else '下降'}{abs(cagr):.1f}%"
    return s + "。"


def finding_monthly(df: pd.DataFrame, ind: Mapping, scope: str, year: int) -> str:
    """'截至2025年12月，全市累计新增残疾人就业1,000人，比上年同期增加60人（+6.4%）。'"""
    cur = df[df["year"] == year]
    if cur.empty:
        return f"{year}年{scope}暂无“{ind['name_zh']}”逐月数据。"
    m = int(cur["month"].max())
    v = float(cur.loc[cur["month"] == m, "cumulative"].iloc[0])
    dec, unit = _dec(ind), ind["unit_zh"]
    s = f"截至{year}年{m}月，{scope}累计{ind['name_zh']}{num(v, dec, unit)}"
    prev = df[(df["year"] == year - 1) & (df["month"] == m)]
    if prev.empty:
        return s + "，上年同期无数据。"
    p = float(prev["cumulative"].iloc[0])
    diff = v - p
    if abs(diff) < 10 ** (-dec) / 2:
        return s + "，与上年同期持平。"
    s += f"，比上年同期{'增加' if diff > 0 else '减少'}{num(abs(diff), dec, unit)}"
    if p > 0:
        s += f"（{(v / p - 1) * 100:+.1f}%）"
    return s + "。"


# -------------------------------------------------------------------------- charts


def area_bars(
    df: pd.DataFrame,
    ind: Mapping,
    x_title: str,
    y_title: str,
    per_1000: bool = False,
    reference: tuple[str, float] | None = None,
) -> go.Figure:
    """Areas compared, largest first, each bar labelled with its value.

    ``reference``: (label, value) drawn as a dashed line with its label (e.g. the
    city's rate), so a county reads against the whole.
    """
    col = "per_1000" if per_1000 else "value"
    d = df.dropna(subset=[col]).sort_values(col, ascending=False)
    dec = PER_1000_DECIMALS if per_1000 else _dec(ind)
    # many areas (a county's townships): horizontal bars keep every name readable
    horizontal = len(d) > HORIZONTAL_FROM
    fig = bar(d, "name", col, x_title=x_title, y_title=y_title, decimals=dec, horizontal=horizontal)
    fig.update_traces(
        text=[label(v, dec) for v in d[col]],
        customdata=[fmt_number(v, dec) for v in d[col]],
        hovertemplate=("%{y}" if horizontal else "%{x}") + ": %{customdata}<extra></extra>",
    )
    if horizontal:
        hi = float(d[col].max()) if not d.empty else 0.0
        fig.update_xaxes(range=[0, hi * 1.15 if hi > 0 else 1])
        fig.update_layout(margin={"t": 30, "r": 40})
        return fig
    if reference is not None and reference[1] is not None and not pd.isna(reference[1]):
        ref_name, v = reference
        fig.add_hline(
            y=v,
            line={"color": PALETTE[3], "dash": "dash", "width": 2},
            annotation_text=f"{ref_name} {fmt_number(v, dec)}",
            annotation_position="top right",
            annotation_font={"color": PALETTE[3]},
        )
    if is_rate(ind) and not per_1000 and not d.empty:
        # rates sit close together: start the axis near them so differences are visible
        lo, hi = float(d[col].min()), float(d[col].max())
        if lo > 0:
            pad = max((hi - lo) * 0.6, 1.0)
            fig.update_yaxes(range=[max(0.0, lo - pad), hi + pad * 0.8], rangemode=None)
    fig.update_layout(margin={"t": 50})
    return fig


def trend_line(df: pd.DataFrame, ind: Mapping, x_title: str, y_title: str) -> go.Figure:
    """The indicator over the years (``df``: year, value), every point labelled."""
    d = df.dropna(subset=["value"]).sort_values("year").assign(year_label=lambda x: x["year"].astype(int).astype(str))
    fig = lines(d, "year_label", "value", x_title=x_title, y_title=y_title, decimals=_dec(ind))
    fig.update_traces(
        name=ind["name_zh"],
        text=[label(v, _dec(ind)) for v in d["value"]],
        customdata=[fmt_number(v, _dec(ind)) for v in d["value"]],
        hovertemplate="%{x}: %{customdata}<extra></extra>",
        cliponaxis=False,
    )
    _headroom(fig, d["value"], ind["unit_zh"] == "%")
    fig.update_layout(margin={"r": 50, "t": 40})
    return fig


def _headroom(fig: go.Figure, values: pd.Series, rate: bool) -> None:
    """Room above the highest point for its label (labels are never clipped)."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return
    hi, lo = float(v.max()), float(v.min())
    if rate:
        pad = max((hi - lo) * 0.25, 0.5)
        fig.update_yaxes(range=[lo - pad, hi + pad], rangemode=None)
    else:
        fig.update_yaxes(range=[0, hi * 1.15 if hi > 0 else 1], rangemode=None)


def cumulative_lines(
    df: pd.DataFrame, ind: Mapping, year: int, x_title: str, y_title: str, month_label: str = "{m}月"
) -> go.Figure:
    """Month-by-month cumulative progress of ``year`` against the year before.

    Two lines told apart by colour, dash and marker, named in the legend; the last
    point of each is labelled with its total.
    """
    fig = go.Figure()
    for k, y in enumerate((year, year - 1)):
        g = df[df["year"] == y].sort_values("month")
        if g.empty:
            continue
        last = len(g) - 1
        fig.add_trace(
            go.Scatter(
                x=[month_label.format(m=int(m)) for m in g["month"]],
                y=g["cumulative"],
                name=f"{y}年",
                mode="lines+markers+text",
                line={"color": PALETTE[k], "width": 3 if k == 0 else 2, "dash": DASHES[k]},
                marker={"symbol": SYMBOLS[k], "size": 9},
                text=[label(v, _dec(ind)) if i == last else "" for i, v in enumerate(g["cumulative"])],
                textposition="top left" if k == 0 else "bottom left",
                cliponaxis=False,
                hovertemplate=f"{y}年%{{x}}累计: %{{y:,.{_dec(ind)}f}}<extra></extra>",
            )
        )
    fig = layout(fig, None, x_title, y_title)
    _headroom(fig, df["cumulative"], False)
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=[month_label.format(m=m) for m in range(1, 13)]
    )
    return fig
