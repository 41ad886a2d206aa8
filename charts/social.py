"""社会力量 charts: pure builders (DataFrame -> plotly Figure), each with a finding — a
one-sentence Chinese summary computed from the same frame."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words import fmt
from words import vocab as words
from words.i18n import text

from . import ties
from .basic import _change, _n, bar, grouped_bars, solid_patterns
from .theme import PALETTE, SYMBOLS, layout

KIND_LABEL = {"campaign": "主题宣传活动", "lecture": "专题宣讲"}


# --------------------------------------------------------------- volunteers


def people_by_month_finding(df: pd.DataFrame, year: int, volunteers: float, lang: str) -> str:
    """Monthly people serving (columns month, value) against the year's volunteers."""
    en = lang == "en"
    if df.empty:
        return f"No volunteer service recorded in {year}." if en else f"{year}年所选范围内没有志愿服务记录。"
    lo, hi = df.loc[df["value"].idxmin()], df.loc[df["value"].idxmax()]
    if en:
        return (
            f"{year}: between {_n(lo['value'])} ({fmt.month_label(lo['month'], 'en')}) and {_n(hi['value'])} "
            f"({fmt.month_label(hi['month'], 'en')}) volunteers served each month; the year's {_n(volunteers)} "
            "volunteers add up each team's busiest month, not the months."
        )
    return (
        f"{year}年每月参加服务的志愿者在{_n(lo['value'])}人（{int(lo['month'])}月）到{_n(hi['value'])}人"
        f"（{int(hi['month'])}月）之间；全年志愿者{_n(volunteers)}人按各服务队单月最多人数合计，不是各月相加。"
    )


@memo
def labelled_bars(
    df: pd.DataFrame, category: str, value: str, label: str, x_title: str, y_title: str, highlight: str | None = None
) -> go.Figure:
    """Horizontal bars, largest first, each labelled with the text in column ``label``."""
    d = df.sort_values(value, ascending=False)
    fig = bar(d, category, value, x_title=x_title, y_title=y_title, horizontal=True, highlight=highlight)
    fig.update_traces(text=list(d[label]))
    fig.update_layout(margin={"r": 160})
    return fig


def county_finding(df: pd.DataFrame, year: int, lang: str) -> str:
    """By county: columns county, volunteers, hours, hours_per_volunteer. One county: its own
    figures, never "the most" of one."""
    en = lang == "en"
    d = df[(df["volunteers"] > 0) | (df["hours"] > 0)]
    if d.empty:
        return f"No volunteer service recorded in {year}." if en else f"{year}年所选范围内没有志愿服务记录。"
    tops, _ = ties.leaders(d.set_index("county")["hours"])
    top = d.loc[d["hours"].idxmax()]
    if len(d) == 1:
        if en:
            return (
                f"{year}, {top['county']}: {_n(top['hours'])} hours by {_n(top['volunteers'])} volunteers, "
                f"{top['hours_per_volunteer']:.1f} hours each."
            )
        return (
            f"{year}年{top['county']}志愿服务{_n(top['hours'])}小时（{_n(top['volunteers'])}名志愿者），"
            f"人均{top['hours_per_volunteer']:.1f}小时。"
        )
    hp = d.dropna(subset=["hours_per_volunteer"])
    hi, lo = hp.loc[hp["hours_per_volunteer"].idxmax()], hp.loc[hp["hours_per_volunteer"].idxmin()]
    if en and len(tops) > 1:
        return (
            f"{year}: most volunteer hours in {fmt.join(tops, 'en')}, {_n(top['hours'])} each; "
            f"hours per volunteer highest in {hi['county']} ({hi['hours_per_volunteer']:.1f}) and lowest in "
            f"{lo['county']} ({lo['hours_per_volunteer']:.1f})."
        )
    if en:
        return (
            f"{year}: most volunteer hours in {top['county']}, {_n(top['hours'])} ({_n(top['volunteers'])} volunteers); "
            f"hours per volunteer highest in {hi['county']} ({hi['hours_per_volunteer']:.1f}) and lowest in "
            f"{lo['county']} ({lo['hours_per_volunteer']:.1f})."
        )
    if len(tops) > 1:  # a tie: every county named, no single "most"
        return (
            f"{year}年{'、'.join(tops)}志愿服务时长最多，各{_n(top['hours'])}小时"
            f"；人均服务时长{hi['county']}最高（{hi['hours_per_volunteer']:.1f}小时），"
            f"{lo['county']}最低（{lo['hours_per_volunteer']:.1f}小时）。"
        )
    return (
        f"{year}年{top['county']}志愿服务时长最多，{_n(top['hours'])}小时（{_n(top['volunteers'])}名志愿者）"
        f"；人均服务时长{hi['county']}最高（{hi['hours_per_volunteer']:.1f}小时），"
        f"{lo['county']}最低（{lo['hours_per_volunteer']:.1f}小时）。"
    )


def partner_finding(df: pd.DataFrame, year: int, lang: str) -> str:
    """By partner organisation: columns partner_org, teams, volunteers, hours."""
    en = lang == "en"
    if df.empty or df["volunteers"].sum() == 0:
        return f"No volunteer service recorded in {year}." if en else f"{year}年所选范围内没有志愿服务记录。"
    d = df.sort_values("volunteers", ascending=False)
    top = d.iloc[0]
    tops, _ = ties.leaders(d.set_index("partner_org")["volunteers"])
    if len(tops) > 1:  # a tie: no single partner had the most
        if en:
            who = fmt.join([words.word(x, "en") for x in tops], "en")
            return f"{year}: the teams with the {who} had the most volunteers, {_n(top['volunteers'])} each; {len(d)} kinds of partner in all."
        return (
            f"{year}年与{'、'.join(tops)}合作的服务队志愿者最多，各{_n(top['volunteers'])}人；共与{len(d)}类组织合作。"
        )
    share = fmt.number(top["volunteers"] / d["volunteers"].sum() * 100, 1, strip=False)
    if en:
        return (
            f"{year}: the {int(top['teams'])} teams with the {words.word(top['partner_org'], 'en')} had the most "
            f"volunteers, {_n(top['volunteers'])} ({share}%), serving {_n(top['hours'])} hours; "
            f"{len(d)} kinds of partner in all."
        )
    return (
        f"{year}年与{top['partner_org']}合作的{int(top['teams'])}支服务队志愿者最多，{_n(top['volunteers'])}人，"
        f"占{share}%，服务{_n(top['hours'])}小时；共与{len(d)}类组织合作。"
    )


# ---------------------------------------------------------------- donations


@memo
def donations_chart(
    df: pd.DataFrame, y_title: str, money: str = "捐款", goods: str = "捐物折价", *, lang: str
) -> go.Figure:
    """Money and goods stacked per year, the total above each bar: columns year, money_wan, goods_wan."""
    d = df.groupby("year", as_index=False)[["money_wan", "goods_wan"]].sum().sort_values("year")
    d["year"] = d["year"].astype(int).astype(str)
    long = d.melt(id_vars="year", value_vars=["money_wan", "goods_wan"], var_name="kind", value_name="wan")
    long["kind"] = long["kind"].map({"money_wan": money, "goods_wan": goods})
    fig = grouped_bars(
        long, "year", "wan", "kind", x_title=text("chart_axis_year", lang), y_title=y_title, stacked=True
    )
    totals = d["money_wan"] + d["goods_wan"]
    fig.add_trace(
        go.Scatter(
            x=d["year"],
            y=totals,
            mode="text",
            text=[_n(v, 2) for v in totals],
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, float(totals.max()) * 1.15 if len(totals) else 1])
    return solid_patterns(fig)


def donations_finding(df: pd.DataFrame, lang: str) -> str:
    """'2025年收到社会捐赠款物300万元，其中捐款…、捐物折价…；比2019年增加…。'"""
    en = lang == "en"
    if df.empty:
        return text("chart_social_no_donations", lang)
    d = df.groupby("year")[["money_wan", "goods_wan"]].sum().sort_index()
    last_y = int(d.index[-1])
    m, g = d.iloc[-1]["money_wan"], d.iloc[-1]["goods_wan"]
    first = d.iloc[0]
    c = fmt.change(m + g, first["money_wan"] + first["goods_wan"], 2)
    if en:
        s = f"{last_y}: donations worth {fmt.money_en(m + g)}, of which money {fmt.money_en(m)} and goods {fmt.money_en(g)}"
        if len(d) > 1:
            s += f"; {fmt.change_words(c, fmt.WAN, lang='en', than=str(int(d.index[0])))}"
        return s + "."
    s = f"{last_y}年收到社会捐赠款物{_n(m + g, 2)}万元，其中捐款{_n(m, 2)}万元、捐物折价{_n(g, 2)}万元"
    if len(d) > 1:
        s += f"；比{int(d.index[0])}年{_change(m + g, first['money_wan'] + first['goods_wan'], '万元', 2, lang=lang)}"
    return s + "。"


# ----------------------------------------------------------------- timeline


@memo
def timeline_chart(df: pd.DataFrame, x_title: str, labels: dict[str, str] | None = None, *, lang: str) -> go.Figure:
    """Campaigns and lectures on a time axis, one row per kind, marker size by participants,
    each kind with its own marker shape: columns held_on, kind, title, speaker, participants."""
    labels = labels or KIND_LABEL
    fig = go.Figure()
    few = len(df) <= 8
    for k, kind in enumerate(("campaign", "lecture")):
        g = df[df["kind"] == kind]
        if g.empty:
            continue
        hover = [
            # titles come from data: escaped, or plotly would draw their <a>/<b> tags
            f"{d}<br>{html.escape(t)}"
            + (text("chart_speaker", lang, name=html.escape(s)) if isinstance(s, str) and s else "")
            + text("chart_participants", lang, p=f"{p:,}")
            for d, t, s, p in zip(g["held_on"], g["title"], g["speaker"], g["participants"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(g["held_on"]),
                y=[labels[kind]] * len(g),
                name=labels[kind],
                mode="markers+text" if few else "markers",
                marker={
                    "symbol": SYMBOLS[k],
                    "color": PALETTE[k],
                    "size": [max(16, min(40, p**0.5 * 0.8)) for p in g["participants"]],
                    "line": {"color": "white", "width": 1},
                },
                text=[
                    text(
                        "chart_day_month",
                        lang,
                        m=pd.Timestamp(d).month,
                        d=pd.Timestamp(d).day,
                        month=fmt.month_label(pd.Timestamp(d).month, lang),
                    )
                    for d in g["held_on"]
                ]
                if few
                else None,
                textposition="bottom center",
                hovertext=hover,
                hoverinfo="text",
            )
        )
    fig = layout(fig, None, x_title, None, height=300)
    fig.update_yaxes(type="category", rangemode=None, categoryorder="array", categoryarray=list(labels.values()))
    fig.update_xaxes(showgrid=True, gridcolor="#E5E7EB", tickformat=text("chart_tick_month", lang))
    return fig


def timeline_finding(df: pd.DataFrame, year: int, lang: str) -> str:
    """'2025年开展主题宣传活动2次、专题宣讲2场，共…人次参加；…'"""
    en = lang == "en"
    cur = df[df["year"] == year]
    if cur.empty:
        return (
            f"No campaigns or lectures recorded in {year}." if en else f"{year}年所选范围内没有宣传活动和专题宣讲记录。"
        )
    camp, lect = cur[cur["kind"] == "campaign"], cur[cur["kind"] == "lecture"]
    titles = [f"《{t}》" for t in lect.sort_values("held_on")["title"]]
    if en:
        s = f"{year}: {len(camp)} campaigns and {len(lect)} lectures, {_n(cur['participants'].sum())} participant-times"
        return s + (f"; the lectures: {', '.join(titles)}." if titles else ".")
    s = f"{year}年开展主题宣传活动{len(camp)}次、专题宣讲{len(lect)}场，共{_n(cur['participants'].sum())}人次参加"
    if titles:
        s += f"；专题宣讲为{'、'.join(titles)}"
    return s + "。"


def hours_per_volunteer_finding(df: pd.DataFrame, lang: str) -> str:
    """By year: columns year, volunteers, hours."""
    en = lang == "en"
    if df.empty:
        return text("chart_social_no_volunteering", lang)
    d = df.sort_values("year")
    d = d.assign(hpv=d["hours"] / d["volunteers"].where(d["volunteers"] != 0))
    last, first = d.iloc[-1], d.iloc[0]
    if en:
        s = (
            f"{int(last['year'])}: {_n(last['volunteers'])} volunteers served {_n(last['hours'])} hours, "
            f"{last['hpv']:.1f} hours each"
        )
        if len(d) > 1:
            s += (
                f"; since {int(first['year'])}, volunteers {_change(last['volunteers'], first['volunteers'], '', 0, lang='en')}"
                f", hours {_change(last['hours'], first['hours'], '', 0, lang='en')}"
            )
        return s + "."
    s = f"{int(last['year'])}年助残志愿者{_n(last['volunteers'])}人，服务{_n(last['hours'])}小时，人均{last['hpv']:.1f}小时"
    if len(d) > 1:
        s += f"；比{int(first['year'])}年志愿者{_change(last['volunteers'], first['volunteers'], '人', lang=lang)}"
        s += f"、服务时长{_change(last['hours'], first['hours'], '小时', lang=lang)}"
    return s + "。"


@memo
def volunteer_years_chart(df: pd.DataFrame, y_title: str, people: str, hours: str, lang: str) -> go.Figure:
    """Hours per volunteer by year as labelled bars; the year's volunteers and hours are in
    the hover text and the table (no second axis to misread). Columns year, volunteers, hours."""
    d = df.sort_values("year").copy()
    d["hpv"] = (d["hours"] / d["volunteers"].where(d["volunteers"] != 0)).round(1)
    d["year"] = d["year"].astype(int).astype(str)
    fig = bar(d, "year", "hpv", x_title=text("chart_axis_year", lang), y_title=y_title, decimals=1)
    fig.update_traces(
        text=[
            f"{h:.1f}<br>{_n(v)}{people}·{_n(t)}{hours}"
            for h, v, t in zip(d["hpv"], d["volunteers"], d["hours"], strict=True)
        ]
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, float(d["hpv"].max()) * 1.3 if len(d) else 1])
    return fig
