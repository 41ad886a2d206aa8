"""规划目标 charts: pure builders (DataFrame -> plotly Figure) with their one-sentence
findings. Status is told by sign and word (✓ 按期完成, ! 有风险, ✗ 难以完成) in every
label, and by marker shape, never by colour alone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words.i18n import text

from .basic import _n
from .theme import PALETTE, layout

SIGNS = {"on_track": "✓", "at_risk": "!", "off_track": "✗", "no_trend": "?", "no_data": "○", "partial_data": "◐"}
STATUS_ZH = {
    "on_track": "按期完成",
    "at_risk": "有风险",
    "off_track": "难以完成",
    "no_trend": "无法预测",
    "no_data": "无法评估（未报送）",
    "partial_data": "无法评估（数据不全）",
}
STATUS_EN = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "no_trend": "no trend",
    "no_data": "cannot assess (not reported)",
    "partial_data": "cannot assess (incomplete data)",
}
STATUS_COLOUR = {
    "on_track": PALETTE[2],
    "at_risk": PALETTE[1],
    "off_track": PALETTE[3],
    "no_trend": PALETTE[6],
    "no_data": PALETTE[6],
    "partial_data": PALETTE[6],
}
STATUS_SYMBOL = {
    "on_track": "circle",
    "at_risk": "triangle-up",
    "off_track": "x",
    "no_trend": "square",
    "no_data": "circle-open",
    "partial_data": "square-open",
}


def status_text(status: str, lang: str) -> str:
    """'✓ 按期完成' — the sign first, so a glance and a screen reader agree."""
    words = STATUS_EN if lang == "en" else STATUS_ZH
    return f"{SIGNS.get(status, '?')} {words.get(status, status)}"


def pct(v: float | None) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:.0f}%"


@memo
def attainment_chart(df: pd.DataFrame, label: str, lang: str) -> go.Figure:
    """Attainment so far (bars) and projected at the target year (markers) per row of a
    ``plan_progress`` frame; ``label`` names the column with each row's label."""
    d = df.reset_index(drop=True)
    words = STATUS_EN if lang == "en" else STATUS_ZH
    fig = go.Figure()
    fig.add_bar(
        y=d[label],
        x=d["attainment"],
        orientation="h",
        name=text("chart_plan_attained", lang),
        marker_color=PALETTE[0],
        text=[pct(v) for v in d["attainment"]],
        textposition="inside",
        insidetextanchor="start",
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.add_scatter(
        y=d[label],
        x=d["projected_attainment"],
        mode="markers+text",
        name=text("chart_plan_projected", lang),
        marker={
            "size": 14,
            "symbol": [STATUS_SYMBOL.get(s, "square") for s in d["status"]],
            "color": [STATUS_COLOUR.get(s, PALETTE[6]) for s in d["status"]],
            "line": {"width": 1.5, "color": "#111827"},
        },
        text=[
            f"{pct(v)} {SIGNS.get(s, '?')} {words.get(s, s)}"
            for v, s in zip(d["projected_attainment"], d["status"], strict=True)
        ],
        textposition="middle right",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.add_vline(x=100, line_dash="dash", line_color="#111827")
    fig = layout(
        fig,
        x_title=text("chart_plan_share_axis", lang),
        height=max(320, 46 * len(d) + 140),
    )
    top = max(120.0, float(pd.concat([d["attainment"], d["projected_attainment"]]).max(skipna=True) or 0) + 25)
    fig.update_xaxes(range=[0, top])
    fig.update_yaxes(autorange="reversed", rangemode=None)
    fig.update_layout(margin={"r": 170, "l": 220})
    return fig


def attainment_finding(df: pd.DataFrame, plan: str, year: int, lang: str) -> str:
    """'十四五 12 项目标（截至2025年）：10 项按期完成，1 项有风险（…），1 项难以完成（…）。'
    ``plan`` names what is told, as the reader reads it (a plan, or a plan and an indicator)."""
    en = lang == "en"
    if df.empty:
        return f"{plan}: no targets." if en else f"{plan}没有目标。"
    name_col = "name_en" if en and "name_en" in df else "name_zh"
    parts = []
    for s in ("on_track", "at_risk", "off_track", "no_trend"):
        rows = df[df["status"] == s]
        if rows.empty:
            continue
        part = f"{len(rows)} {STATUS_EN[s]}" if en else f"{len(rows)} 项{STATUS_ZH[s]}"
        if s in ("at_risk", "off_track"):
            pairs = list(zip(rows["area_name"], rows[name_col], strict=True))[:3]
            if en:
                names = "; ".join(f"{a}, {n}" for a, n in pairs) + (" and more" if len(rows) > 3 else "")
                part += f" ({names})"
            else:
                names = "、".join(f"{a}{n}" for a, n in pairs)
                part += f"（{names}{'等' if len(rows) > 3 else ''}）"
        parts.append(part)
    if en:
        noun = "target" if len(df) == 1 else "targets"
        return f"{plan}, {len(df)} {noun} (as of {year}): " + ", ".join(parts) + "."
    return f"{plan} {len(df)} 项目标（截至{year}年）：" + "，".join(parts) + "。"


@memo
def assessment_chart(ranking: pd.DataFrame, rules: pd.DataFrame, lang: str) -> go.Figure:
    """Each county's points as stacked bars, one segment per rule, best first, the total
    at the end of each bar (``assessment_ranking`` and ``assessment_rules`` frames)."""
    d = ranking.reset_index(drop=True)
    names = [f"{int(r)}. {n}" for r, n in zip(d["rank"], d["county_name"], strict=True)]
    fig = go.Figure()
    patterns = ("", "/", "\\", "x", ".", "+")
    for i, rule in enumerate(rules.to_dict("records")):
        fig.add_bar(
            y=names,
            x=d[rule["code"]],
            orientation="h",
            name=text(
                "chart_plan_rule",
                lang,
                name=rule["name_en"] if lang == "en" else rule["name_zh"],
                weight=_n(rule["weight"]),
            ),
            marker={"color": PALETTE[i % len(PALETTE)], "pattern": {"shape": patterns[i % len(patterns)]}},
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
        )
    fig.add_scatter(
        y=names,
        x=d["total"],
        mode="text",
        text=[text("chart_plan_points", lang, v=f"{v:.2f}") for v in d["total"]],
        textposition="middle right",
        showlegend=False,
        cliponaxis=False,
        hoverinfo="skip",
    )
    fig = layout(fig, x_title=text("chart_plan_points_axis", lang), height=max(340, 44 * len(d) + 170))
    fig.update_layout(barmode="stack", margin={"r": 90, "l": 120})
    fig.update_yaxes(autorange="reversed", rangemode=None)
    top = float(d["max_points"].max()) if not d.empty else 100
    fig.update_xaxes(range=[0, top * 1.12])
    return fig


def assessment_finding(ranking: pd.DataFrame, year: int, lang: str) -> str:
    """'2025年度考核：长宁县 100 分居首，中江区 78.12 分居末；平均 88.4 分。'"""
    en = lang == "en"
    if ranking.empty:
        return f"{year}: no assessment rules or targets." if en else f"{year}年度没有考核细则或考核目标。"
    first, last = ranking.iloc[0], ranking.iloc[-1]
    if len(ranking) == 1:
        if en:
            return (
                f"{year} assessment: {first['county_name']} {first['total']:.2f} points, ranked {int(first['rank'])}."
            )
        return f"{year}年度考核：{first['county_name']}得 {first['total']:.2f} 分，居第 {int(first['rank'])} 位。"
    if en:
        return (
            f"{year} assessment: {first['county_name']} first with {first['total']:.2f} points, "
            f"{last['county_name']} last with {last['total']:.2f}; average {ranking['total'].mean():.2f} "
            f"(of {_n(first['max_points'])})."
        )
    return (
        f"{year}年度考核：{first['county_name']} {first['total']:.2f} 分居首，"
        f"{last['county_name']} {last['total']:.2f} 分居末；平均 {ranking['total'].mean():.2f} 分"
        f"（满分 {_n(first['max_points'])} 分）。"
    )
