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

from charts.memo import memo
from words import fmt
from words.i18n import text

from . import ties
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
    s = fmt.number(v, decimals, strip=unit != "%")
    return s if s == "—" else f"{s}{unit}"


def _dec(ind: Mapping) -> int:
    return int(ind["decimals"])


def _name(ind: Mapping, lang: str) -> str:
    return str(ind["name_en"] if lang == "en" else ind["name_zh"])


def _fig(v: float, ind: Mapping, lang: str, decimals: int | None = None) -> str:
    """A figure with its unit in a finding: 1,000人 / 10.0% / 1,000 persons / CNY 20.36 million."""
    dec = _dec(ind) if decimals is None else decimals
    if lang != "en":
        return num(v, dec, ind["unit_zh"])
    return fmt.with_unit(v, dec, ind["unit_zh"], ind["unit_en"], "en")


def label(v: float | None, decimals: int) -> str:
    """A point's label on a chart: whole numbers from 100 up (2,036, not 2,036.00); the
    exact figures are in the table below the chart."""
    if v is None or pd.isna(v):
        return ""
    return num(v, 0 if abs(v) >= 100 and decimals > 0 else decimals)


def _change_words(ind: Mapping, value: float | None, previous: float | None, lang: str) -> str:
    """同比增长6.4% / 比上年提高1.2个百分点 / 与上年持平 / 上年无数据 (the one rule of ``words.fmt``)."""
    en = lang == "en"
    c = fmt.change(value, previous, _dec(ind), rate=ind["unit_zh"] == "%")
    if c is None:
        return text("chart_change_no_previous", lang)
    if c.flat:
        return text("chart_change_flat_year", lang)
    if c.rate:
        return fmt.change_words(c, lang=lang)
    if c.pct is None:
        return text("chart_change_zero_previous", lang)
    p = fmt.number(abs(c.pct), fmt.PCT_DECIMALS)
    if en:
        return f"{'up' if c.up else 'down'} {p}% on last year"
    return f"同比{'增长' if c.up else '下降'}{p}%"


def _statement(ind: Mapping, value: float, lang: str) -> str:
    """Name and value: 新增残疾人就业1,000人 / 入学率为99.3% / new employment 1,000 persons."""
    name = _name(ind, lang)
    if lang == "en":  # a name inside a sentence: lower case first
        name = name[:1].lower() + name[1:]
    key = "chart_statement" if ind["aggregation"] in ("sum", "growth", "max") else "chart_statement_is"
    return text(key, lang, name=name, value=_fig(value, ind, lang))


# ------------------------------------------------------------------------ findings


def finding_value(
    scope: str,
    year: int,
    ind: Mapping,
    value: float | None,
    previous: float | None,
    part: tuple[Mapping, float | None] | None = None,
    *,
    lang: str,
) -> str:
    """'2025年全市新增残疾人就业1,000人，同比增长6.4%，其中自主创业100人。'"""
    en = lang == "en"
    if value is None or pd.isna(value):
        return (
            f"{scope}, {year}: no figure for {_name(ind, 'en')}."
            if en
            else f"{year}年{scope}暂无“{ind['name_zh']}”数据。"
        )
    if en:
        s = f"{scope}, {year}: {_statement(ind, value, lang)}, {_change_words(ind, value, previous, lang)}"
    else:
        s = f"{year}年{scope}{_statement(ind, value, lang)}，{_change_words(ind, value, previous, lang)}"
    if part is not None and part[1] is not None and not pd.isna(part[1]):
        p, pv = part
        s += (
            f", {_name(p, 'en').lower()} {_fig(pv, p, 'en')}"
            if en
            else f"，{p['name_zh']}{num(pv, _dec(p), p['unit_zh'])}"
        )
    return s + text("chart_stop", lang)


def finding_areas(df: pd.DataFrame, ind: Mapping, year: int, where: str, per_1000: bool = False, *, lang: str) -> str:
    """Which area has most and least; for sums also what they add up to. One area: its own
    figure, never "the most" of one.

    ``df``: a ``service_by_area`` frame; ``where``: 各县(区) / 中江区各乡镇(街道) / the counties.
    """
    en = lang == "en"
    col = "per_1000" if per_1000 else "value"
    d = df.dropna(subset=[col])
    name = _name(ind, lang)
    if d.empty or not d[col].any():  # nothing reported anywhere: not "盐湖区最多（0万元）"
        return f"{year}, {where}: no figure for {name}." if en else f"{year}年{where}暂无“{name}”数据。"
    dec = PER_1000_DECIMALS if per_1000 else _dec(ind)
    unit = ind["unit_zh"]
    # every area tied at the top (or bottom) is named: "11月、12月最多（各13件）", never one of them
    his, _ = ties.leaders(d.set_index(d.index)[col], dec)
    los, _ = ties.leaders(d[col], dec, largest=False)
    hi, lo = d.loc[his[0]].copy(), d.loc[los[0]].copy()
    hi["name"] = ties.named([d.loc[i, "name"] for i in his], lang)
    lo["name"] = ties.named([d.loc[i, "name"] for i in los], lang)
    hi_each, lo_each = ties.each(his, lang), ties.each(los, lang)

    def v(x: float) -> str:
        if per_1000:
            return fmt.number(x, dec) if en else num(x, dec, unit)
        return _fig(x, ind, lang)

    if len(d) == 1:
        r = d.iloc[0]
        if en:
            return f"{year}, {r['name']}: {name} {v(r[col])}" + (
                " per 1,000 registered disabled persons." if per_1000 else "."
            )
        return f"{year}年{r['name']}" + ("按每千名持证残疾人计" if per_1000 else "") + f"{name}{v(r[col])}。"
    if per_1000:
        if en:
            return (
                f"{year}, per 1,000 registered disabled persons, {where}: {name} is highest in {hi['name']} "
                f"({v(hi[col])}{hi_each}) and lowest in {lo['name']} ({v(lo[col])}{lo_each})."
            )
        s = f"{year}年按每千名持证残疾人计，{where}中{hi['name']}{name}最多（{ties.each(his, lang)}{v(hi[col])}），"
        return s + _least(d, col, lo, dec, unit, los)
    if is_rate(ind):
        gap = fmt.number(hi[col] - lo[col], 1)
        if en:
            return (
                f"{year}, {where}: {name} is highest in {hi['name']} ({v(hi[col])}{hi_each}) and lowest in "
                f"{lo['name']} ({v(lo[col])}{lo_each}), {gap} points apart."
            )
        return (
            f"{year}年{where}中{hi['name']}{name}最高（{ties.each(his, lang)}{num(hi[col], dec, '%')}），"
            f"{lo['name']}最低（{ties.each(los, lang)}{num(lo[col], dec, '%')}），相差{gap}个百分点。"
        )
    if en:
        return (
            f"{year}, {where}: {name} {v(d[col].sum())} in all, the most in {hi['name']} ({v(hi[col])}{hi_each}), "
            f"the least in {lo['name']} ({v(lo[col])}{lo_each})."
        )
    s = f"{year}年{where}{name}合计{num(d[col].sum(), dec, unit)}，其中{hi['name']}最多（{ties.each(his, lang)}{num(hi[col], dec, unit)}），"
    return s + _least(d, col, lo, dec, unit, los)


def _least(d: pd.DataFrame, col: str, lo: pd.Series, dec: int, unit: str, los: list | None = None) -> str:
    """'乙县最少（100人）。', '甲县、乙县最少（各9人）。', or '甲县、乙县为0。' — every area with none named
    (a reported zero; a county that has not reported is not in ``d``)."""
    zeros = d[d[col] == 0]
    if len(zeros) > 1:
        names = "、".join(str(x) for x in zeros["name"])
        return (
            f"{names}为0。"
            if len(zeros) <= 4
            else f"{'、'.join(str(x) for x in zeros['name'].head(3))}等{len(zeros)}地为0。"
        )
    return f"{lo['name']}最少（{ties.each(los or [], 'zh')}{num(lo[col], dec, unit)}）。"


def finding_trend(df: pd.DataFrame, ind: Mapping, scope: str, lang: str) -> str:
    """'2019—2025年全市新增残疾人就业由705人增至1,000人，年均增长6.0%。' ``df``: year, value."""
    en = lang == "en"
    d = df.dropna(subset=["value"]).sort_values("year")
    name = _name(ind, lang)
    if d.empty:
        return f"{scope}: no figure for {name}." if en else f"{scope}暂无“{name}”数据。"
    y0, y1 = int(d["year"].iloc[0]), int(d["year"].iloc[-1])
    v0, v1 = float(d["value"].iloc[0]), float(d["value"].iloc[-1])
    dec, unit = _dec(ind), ind["unit_zh"]
    if y0 == y1:
        if en:
            return f"{scope}, {y1}: {_statement(ind, v1, lang)}; choose an earlier first year to see the trend."
        return f"{y1}年{scope}{_statement(ind, v1, lang)}；选择更早的“趋势起始年”可查看历年变化。"
    if unit == "%":
        d_pts = fmt.number(abs(v1 - v0), 1)
        if en:
            way = "up" if v1 > v0 else "down"
            return (
                f"{scope}, {y0}–{y1}: {name} from {_fig(v0, ind, lang)} to {_fig(v1, ind, lang)}, {way} {d_pts} points."
            )
        way = "提高" if v1 > v0 else "下降"
        return f"{y0}—{y1}年{scope}{name}由{num(v0, dec, unit)}变为{num(v1, dec, unit)}，{way}{d_pts}个百分点。"
    cagr = ((v1 / v0) ** (1 / (y1 - y0)) - 1) * 100 if v0 > 0 and v1 > 0 else None
    if en and round(v0, dec) != round(v1, dec):
        s = f"{scope}, {y0}–{y1}: {name} {'rose' if v1 >= v0 else 'fell'} from {_fig(v0, ind, lang)} to {_fig(v1, ind, lang)}"
        if cagr is not None:
            s += f", {fmt.number(abs(cagr), 1)}% a year"
        return s + "."
    if round(v0, dec) == round(v1, dec):  # "由30场次增至30场次，年均增长0.0%" is not a change
        if en:
            return f"{scope}, {y0}–{y1}: {name} the same at {_fig(v1, ind, lang)}."
        return f"{y0}—{y1}年{scope}{name}保持{num(v1, dec, unit)}。"
    way = "增至" if v1 >= v0 else "降至"
    s = f"{y0}—{y1}年{scope}{name}由{num(v0, dec, unit)}{way}{num(v1, dec, unit)}"
    if cagr is not None and round(abs(cagr), 1) > 0:
        s += f"，年均{'增长' if cagr >= 0 else '下降'}{abs(cagr):.1f}%"
    return s + "。"


def finding_monthly(df: pd.DataFrame, ind: Mapping, scope: str, year: int, lang: str) -> str:
    """'截至2025年12月，全市累计新增残疾人就业1,000人，比上年同期增加60人（+6.4%）。'"""
    en = lang == "en"
    cur = df[df["year"] == year]
    name = _name(ind, lang)
    if cur.empty:
        return f"{scope}, {year}: no monthly figures for {name}." if en else f"{year}年{scope}暂无“{name}”逐月数据。"
    m = int(cur["month"].max())
    v = float(cur.loc[cur["month"] == m, "cumulative"].iloc[0])
    dec, unit = _dec(ind), ind["unit_zh"]
    if en:
        s = f"{scope}, January to {fmt.year_month_label(year, m, 'en')}: {name} {_fig(v, ind, lang)} in all"
    else:
        s = f"截至{year}年{m}月，{scope}累计{name}{num(v, dec, unit)}"
    prev = df[(df["year"] == year - 1) & (df["month"] == m)]
    if prev.empty:
        return s + text("chart_months_no_previous", lang)
    p = float(prev["cumulative"].iloc[0])
    c = fmt.change(v, p, dec)
    if c.flat:
        return s + text("chart_months_flat", lang)
    if en:
        s += f", {'up' if c.up else 'down'} {_fig(abs(c.delta), ind, lang)} on the same months of last year"
        if c.pct is not None:
            s += f" ({c.pct:+.1f}%)"
        return s + "."
    s += f"，比上年同期{'增加' if c.up else '减少'}{num(abs(c.delta), dec, unit)}"
    if c.pct is not None:
        s += f"（{c.pct:+.1f}%）"
    return s + "。"


# -------------------------------------------------------------------------- charts


@memo
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


@memo
def trend_line(df: pd.DataFrame, ind: Mapping, x_title: str, y_title: str, lang: str) -> go.Figure:
    """The indicator over the years (``df``: year, value), every point labelled."""
    d = df.dropna(subset=["value"]).sort_values("year").assign(year_label=lambda x: x["year"].astype(int).astype(str))
    fig = lines(d, "year_label", "value", x_title=x_title, y_title=y_title, decimals=_dec(ind))
    fig.update_traces(
        name=_name(ind, lang),
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


@memo
def cumulative_lines(
    df: pd.DataFrame,
    ind: Mapping,
    year: int,
    x_title: str,
    y_title: str,
    month_label: str | None = None,
    *,
    lang: str,
) -> go.Figure:
    """Month-by-month cumulative progress of ``year`` against the year before.

    Two lines told apart by colour, dash and marker, named in the legend; the last
    point of each is labelled with its total.
    """
    en = lang == "en"

    def month(m: int) -> str:  # Jan … Dec in English, 1月 … 12月 in Chinese
        return month_label.format(m=m) if month_label else fmt.month_label(m, lang)

    fig = go.Figure()
    for k, y in enumerate((year, year - 1)):
        g = df[df["year"] == y].sort_values("month")
        if g.empty:
            continue
        last = len(g) - 1
        fig.add_trace(
            go.Scatter(
                x=[month(int(m)) for m in g["month"]],
                y=g["cumulative"],
                name=str(y) if en else f"{y}年",
                mode="lines+markers+text",
                line={"color": PALETTE[k], "width": 3 if k == 0 else 2, "dash": DASHES[k]},
                marker={"symbol": SYMBOLS[k], "size": 9},
                text=[label(v, _dec(ind)) if i == last else "" for i, v in enumerate(g["cumulative"])],
                textposition="top left" if k == 0 else "bottom left",
                cliponaxis=False,
                hovertemplate=(
                    f"%{{x}} {y}, to date: %{{y:,.{_dec(ind)}f}}<extra></extra>"
                    if en
                    else f"{y}年%{{x}}累计: %{{y:,.{_dec(ind)}f}}<extra></extra>"
                ),
            )
        )
    fig = layout(fig, None, x_title, y_title)
    _headroom(fig, df["cumulative"], False)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[month(m) for m in range(1, 13)])
    return fig
