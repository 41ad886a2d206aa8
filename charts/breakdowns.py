"""Monthly lines and breakdowns by category over the years, with their findings: used by the
rights page (legal-aid cases) and the social page (volunteer hours, donations)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words import fmt, vocab
from words.i18n import text

from . import ties
from .basic import _change, _n, bar, lines
from .theme import PALETTE, layout

LONG_SERIES_YEARS = 3  # from three years on, months are too many to read: yearly bars, months on demand


@memo
def monthly_chart(df: pd.DataFrame, y_title: str, decimals: int = 0, *, lang: str) -> go.Figure:
    """Columns year, month, value. One year: a labelled bar per month. Two years: one line
    through every month, so the trend reads left to right. Three years or more: a labelled
    bar per year, with the month-by-month line one click away (按月明细) — never a crowded
    axis of rotated month ticks."""
    d = df.sort_values(["year", "month"]).copy()
    years = sorted(d["year"].unique())
    if len(years) <= 1:
        d["月份"] = d["month"].map(lambda m: fmt.month_label(m, lang))
        fig = bar(d, "月份", "value", x_title=text("chart_axis_month", lang), y_title=y_title, decimals=decimals)
        fig.update_xaxes(type="category")
        return fig
    # every month of the range, zero where nothing was recorded
    full = pd.MultiIndex.from_product([years, range(1, 13)], names=["year", "month"])
    d = d.set_index(["year", "month"])["value"].reindex(full, fill_value=0).reset_index()
    d["月份"] = [f"{int(y)}-{int(m):02d}" for y, m in zip(d["year"], d["month"], strict=True)]
    if len(years) >= LONG_SERIES_YEARS:
        return _years_with_months(d, years, y_title, decimals, lang)
    fig = lines(d, "月份", "value", x_title=text("chart_axis_month", lang), y_title=y_title, decimals=decimals)
    fig.update_traces(mode="lines+markers", marker={"size": 6}, text=None)
    ticks = [f"{int(y)}-01" for y in years]
    fig.update_xaxes(tickvals=ticks, ticktext=[fmt.year_month_label(y, 1, lang) for y in years])
    return fig


def _years_with_months(d: pd.DataFrame, years: list, y_title: str, decimals: int, lang: str) -> go.Figure:
    """Yearly totals as bars on a date axis (one tick a year, horizontal), and the months as
    a line that the 按月明细 button shows instead."""
    yearly = d.groupby("year", as_index=False)["value"].sum()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[f"{int(y)}-07-01" for y in yearly["year"]],
            y=yearly["value"],
            width=1000 * 3600 * 24 * 300,  # ms: most of a year
            text=[_n(v, decimals) for v in yearly["value"]],
            textposition="outside",
            cliponaxis=False,
            name=text("chart_year_total", lang),
            marker_color=PALETTE[0],
            hovertemplate=text("chart_hover_year", lang) + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[f"{int(y)}-{int(m):02d}-15" for y, m in zip(d["year"], d["month"], strict=True)],
            y=d["value"],
            mode="lines+markers",
            marker={"size": 5},
            name=text("chart_by_month", lang),
            visible=False,
            line={"color": PALETTE[0]},
            hovertemplate=text("chart_hover_month", lang) + "<extra></extra>",
        )
    )
    fig = layout(fig, None, None, y_title, legend=False)
    fig.update_xaxes(
        type="date", dtick="M12", tickformat=text("chart_tick_year", lang), ticklabelmode="period", tickangle=0
    )
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "x": 1,
                "xanchor": "right",
                "y": 1.12,
                "yanchor": "bottom",
                "showactive": True,
                "buttons": [
                    {
                        "label": text("chart_button_yearly", lang),
                        "method": "update",
                        "args": [{"visible": [True, False]}],
                    },
                    {
                        "label": text("chart_button_monthly", lang),
                        "method": "update",
                        "args": [{"visible": [False, True]}],
                    },
                ],
            }
        ]
    )
    return fig


def monthly_finding(df: pd.DataFrame, noun: str, unit: str, decimals: int = 0, *, lang: str) -> str:
    """'2025年受理法律援助案件共100件，12月最多（14件）；比2019年增加35件。' ``noun`` and
    ``unit`` in the reader's language (from the page's texts)."""
    en = lang == "en"
    if df.empty:
        return f"No {noun} recorded in this selection." if en else f"所选范围内没有{noun}记录。"
    last = int(df["year"].max())
    cur = df[df["year"] == last]
    total = cur["value"].sum()
    months, top = ties.leaders(cur.set_index("month")["value"], decimals)
    tied = len(months) > 1
    first = int(df["year"].min())
    if en:
        when = ties.named(months, "en", lambda m: fmt.month_label(m, "en"))
        s = f"{last}: {noun} {_n(total, decimals)} {unit} in all"
        if top and len(months) < len(cur):
            s += f", the most in {when} ({_n(top, decimals)} {unit}{' each' if tied else ''})"
        if first != last:
            before = df[df["year"] == first]["value"].sum()
            s += f"; {_change(total, before, unit, decimals, lang='en')} on {first}"
        return s + "."
    s = f"{last}年{noun}共{_n(total, decimals)}{unit}"
    if top and len(months) < len(cur):  # a "most" only when some month had fewer
        when = ties.named(months, "zh", lambda m: f"{int(m)}月")
        s += f"，{when}最多（{ties.each(months, lang)}{_n(top, decimals)}{unit}）"
    if first != last:
        before = df[df["year"] == first]["value"].sum()
        s += f"；比{first}年{_change(total, before, unit, decimals, lang=lang)}"
    return s + "。"


@memo
def breakdown_chart(
    df: pd.DataFrame, category: str, value: str, x_title: str, y_title: str, decimals: int = 0, *, lang: str
) -> go.Figure:
    """A breakdown by category: bars for one year (largest first), one line per category
    over the years for a range. Columns year, ``category``, ``value``."""
    years = sorted(df["year"].unique())
    df = df.assign(**{category: [vocab.word(c, lang) for c in df[category]]})
    if len(years) <= 1:
        d = df.groupby(category, as_index=False)[value].sum().sort_values(value, ascending=False)
        return bar(d, category, value, x_title=x_title, y_title=y_title, decimals=decimals, horizontal=True)
    d = df.groupby(["year", category], as_index=False)[value].sum()
    # a category with nothing in a year is a zero, not a gap in its line
    full = pd.MultiIndex.from_product([years, sorted(d[category].unique())], names=["year", category])
    d = d.set_index(["year", category])[value].reindex(full, fill_value=0).reset_index()
    order = d.groupby(category)[value].sum().sort_values(ascending=False).index
    d[category] = pd.Categorical(d[category], categories=list(order), ordered=True)
    d = d.sort_values([category, "year"])
    d["year"] = d["year"].astype(int).astype(str)
    fig = lines(
        d, "year", value, series=category, x_title=text("chart_axis_year", lang), y_title=y_title, decimals=decimals
    )
    return fig


def breakdown_finding(
    df: pd.DataFrame, category: str, value: str, noun: str, unit: str, decimals: int = 0, *, lang: str
) -> str:
    """The largest category and its share; for a range, also the one that grew most."""
    en = lang == "en"
    if df.empty or df[value].sum() == 0:
        return f"No {noun} recorded in this selection." if en else f"所选范围内没有{noun}记录。"
    years = sorted(int(y) for y in df["year"].unique())
    last = df[df["year"] == years[-1]].groupby(category)[value].sum().sort_values(ascending=False)
    tops, top_v = ties.leaders(last, decimals)
    total = last.sum()
    share = fmt.number(top_v / total * 100, 1, strip=False)
    if len(tops) == len(last) and len(last) > 1:  # all equal: no "most"
        s = (
            f"{years[-1]}: {noun} {_n(total, decimals)} {unit}, {_n(top_v, decimals)} {unit} in each category"
            if en
            else f"{years[-1]}年{noun}共{_n(total, decimals)}{unit}，各类均为{_n(top_v, decimals)}{unit}"
        )
    elif en:
        who = ties.named(tops, "en", lambda c: vocab.word(c, "en"))
        s = f"{years[-1]}: most {noun} were {who}, {_n(top_v, decimals)} {unit}{ties.each(tops, 'en')} ({share}%{ties.each(tops, 'en')})"
    else:
        s = f"{years[-1]}年{noun}中{ties.named(tops, lang)}最多，{ties.each(tops, lang)}{_n(top_v, decimals)}{unit}，{ties.each(tops, lang)}占{share}%"
    if len(years) > 1:
        first = df[df["year"] == years[0]].groupby(category)[value].sum()
        growth = last - first.reindex(last.index).fillna(0)
        g_cats, g_v = ties.leaders(growth, decimals)
        if g_v is not None and g_v > 0:
            if en:
                who = ties.named(g_cats, "en", lambda c: vocab.word(c, "en"))
                s += f"; since {years[0]}, {who} grew most (+{_n(g_v, decimals)} {unit}{ties.each(g_cats, 'en')})"
            else:
                s += f"；与{years[0]}年相比，{ties.named(g_cats, lang)}增加最多（{ties.each(g_cats, lang)}{_n(g_v, decimals)}{unit}）"
    return s + text("chart_stop", lang)
