"""数据质量 builders (pure): the county × period grid of text marks, and the reporting of
each period as stacked bars (on time, late, missing) with patterns, so neither reads by
colour alone; each with a one-sentence finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from data_access.quality.periods import short_label
from words.i18n import text

from .theme import PALETTE, PATTERNS, layout

PARTS = (("on_time", "按时", "on time"), ("late", "逾期", "late"), ("missing", "未报", "missing"))


def status_grid(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One report's ``quality_status`` rows as a grid: a row per county (in code order), a
    column per period (in order), the cell its mark (✓ 按时, ⏱ 逾期, ✗ 未报, … 未到期)."""
    county = text("chart_county", lang)
    if status.empty:
        return pd.DataFrame(columns=[county])
    status = status.assign(mark=[text(f"quality_mark_{s}", lang) for s in status["status"]])
    if lang == "en":
        status = status.assign(
            column=[short_label(p, int(n), "en") for p, n in zip(status["period"], status["period_no"], strict=True)],
        )
    order = list(dict.fromkeys(status.sort_values("period_no")["column"]))
    d = status.sort_values(["county_code", "period_no"])
    grid = d.pivot_table(index=["county_code", "county"], columns="column", values="mark", aggfunc="first")
    grid = grid[order].reset_index().drop(columns="county_code").rename(columns={"county": county})
    grid.columns.name = None
    return grid


@memo
def completeness_chart(summary: pd.DataFrame, lang: str) -> go.Figure:
    """Counties per period: on time, late, missing, stacked (``quality_summary`` rows of one report)."""
    en = lang == "en"
    fig = go.Figure()
    for i, (col, zh, en_name) in enumerate(PARTS):
        name = en_name if en else zh
        fig.add_bar(
            x=summary["period_label"],
            y=summary[col],
            name=name,
            marker={"color": (PALETTE[2], PALETTE[1], PALETTE[3])[i], "pattern": {"shape": PATTERNS[i * 2]}},
            text=[str(int(v)) if v else "" for v in summary[col]],
            textposition="inside",
            hovertemplate=f"%{{x}} {name}: %{{y}} counties<extra></extra>"
            if en
            else f"%{{x}} {name}：%{{y}} 个县(区)<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return layout(fig, None, text("chart_axis_period", lang), text("chart_axis_counties", lang))


def completeness_finding(summary: pd.DataFrame, report: str, lang: str) -> str:
    """'月报：应报 96 期次，按时 94，逾期 1，未报 1（按时率 97.9%）。' — computed from the rows."""
    en = lang == "en"
    if summary.empty:
        return f"{report}: no period of the year has ended yet." if en else f"{report}：所选年度还没有已结束的报送期。"
    due = summary["expected"].sum() - summary["pending"].sum()
    on, late, miss = (int(summary[c].sum()) for c in ("on_time", "late", "missing"))
    pct = on / due * 100 if due else 0.0
    worst = summary[summary["missing"] + summary["late"] > 0]
    if en:
        text = f"{report}: {int(due)} due, {on} on time, {late} late, {miss} missing ({pct:.1f}% on time)"
        if not worst.empty:
            text += "; periods with late or missing reports: " + ", ".join(worst["period_label"])
        return text + "."
    text = f"{report}：应报 {int(due)} 期次，按时 {on}，逾期 {late}，未报 {miss}（按时率 {pct:.1f}%）"
    if not worst.empty:
        text += "；有逾期或未报的报送期：" + "、".join(worst["period_label"])
    return text + "。"
