"""Staffing of the federations (编制, 以钱养事 hires, 兼(挂)职副理事长) by year: table, chart, finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words.i18n import text

from .basic import grouped_bars_labelled
from .org_labels import POST_KIND_LABELS, _l


def staffing_by_year(staffing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """year × post kind (with level) totals, for the chart and its table."""
    if staffing.empty:
        return pd.DataFrame(
            columns=[
                text("chart_axis_year_of", lang),
                text("chart_col_kind", lang),
                text("chart_col_count_people", lang),
            ]
        )
    g = staffing.groupby(["year", "post_kind"], as_index=False)["count"].sum()
    order = {k: i for i, k in enumerate(POST_KIND_LABELS)}
    g = g.sort_values(["year", "post_kind"], key=lambda s: s.map(order) if s.name == "post_kind" else s)
    g["post_kind"] = [_l(POST_KIND_LABELS[k], lang) for k in g["post_kind"]]
    return g.rename(
        columns={
            "year": text("chart_axis_year_of", lang),
            "post_kind": text("chart_col_kind", lang),
            "count": text("chart_col_count_people", lang),
        }
    ).reset_index(drop=True)


@memo
def staffing_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    x, s, y = table.columns[:3]
    fig = grouped_bars_labelled(
        table,
        x,
        y,
        s,
        x_title=text("chart_axis_year_of", lang),
        y_title=text("chart_staffing_axis", lang),
        text="%{y}",
    )
    fig.update_xaxes(type="category")
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def staffing_finding(staffing: pd.DataFrame, year: int, lang: str) -> str:
    en = lang == "en"
    cur = staffing[staffing["year"] == year].groupby("post_kind")["count"].sum()
    if cur.empty:
        return f"No new posts or staff recorded in {year}." if en else f"{year}年没有新增编制和人员的记录。"
    if en:
        parts = [f"{int(cur[k])} {POST_KIND_LABELS[k][1].lower()}" for k in POST_KIND_LABELS if cur.get(k, 0)]
        return f"Added in {year}: " + "; ".join(parts) + "."
    parts = [f"{POST_KIND_LABELS[k][0]}{int(cur[k])}名" for k in POST_KIND_LABELS if cur.get(k, 0)]
    return f"{year}年新增：" + "，".join(parts) + "。"
