"""数据质量 builders (pure): the county × period grid of text marks, and the reporting of
each period as stacked bars (on time, late, missing) with patterns, so neither reads by
colour alone; each with a one-sentence finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .theme import PALETTE, PATTERNS, layout

PARTS = (("on_time", "按时"), ("late", "逾期"), ("missing", "未报"))


def status_grid(status: pd.DataFrame) -> pd.DataFrame:
    """One report's ``quality_status`` rows as a grid: a row per county (in code order), a
    column per period (in order), the cell its mark (✓ 按时, ⏱ 逾期, ✗ 未报, … 未到期)."""
    if status.empty:
        return pd.DataFrame(columns=["县(区)"])
    order = list(dict.fromkeys(status.sort_values("period_no")["column"]))
    d = status.sort_values(["county_code", "period_no"])
    grid = d.pivot_table(index=["county_code", "county"], columns="column", values="mark", aggfunc="first")
    grid = grid[order].reset_index().drop(columns="county_code").rename(columns={"county": "县(区)"})
    grid.columns.name = None
    return grid


def completeness_chart(summary: pd.DataFrame) -> go.Figure:
    """Counties per period: on time, late, missing, stacked (``quality_summary`` rows of one report)."""
    fig = go.Figure()
    for i, (col, name) in enumerate(PARTS):
        fig.add_bar(
            x=summary["period_label"],
            y=summary[col],
            name=name,
            marker={"color": (PALETTE[2], PALETTE[1], PALETTE[3])[i], "pattern": {"shape": PATTERNS[i * 2]}},
            text=[str(int(v)) if v else "" for v in summary[col]],
            textposition="inside",
            hovertemplate=f"%{{x}} {name}：%{{y}} 个县(区)<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return layout(fig, None, "报送期", "县(区)数")


def completeness_finding(summary: pd.DataFrame, report: str) -> str:
    """'月报：应报 96 期次，按时 94，逾期 1，未报 1（按时率 97.9%）。' — computed from the rows."""
    if summary.empty:
        return f"{report}：所选年度还没有已结束的报送期。"
    due = summary["expected"].sum() - summary["pending"].sum()
    on, late, miss = (int(summary[c].sum()) for c in ("on_time", "late", "missing"))
    pct = on / due * 100 if due else 0.0
    text = f"{report}：应报 {int(due)} 期次，按时 {on}，逾期 {late}，未报 {miss}（按时率 {pct:.1f}%）"
    worst = summary[summary["missing"] + summary["late"] > 0]
    if not worst.empty:
        text += "；有逾期或未报的报送期：" + "、".join(worst["period_label"])
    return text + "。"
